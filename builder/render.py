"""Render the course with Jinja into an in-memory map of package files. Writes nothing."""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Callable, MutableMapping
from html import unescape
from html.parser import HTMLParser
from pathlib import Path, PurePath
from typing import Any, NoReturn

import markdown
import nh3
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension
from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    Template,
    TemplateNotFound,
    TemplateSyntaxError,
    pass_context,
    select_autoescape,
)
from jinja2.loaders import split_template_path
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape
from msgspec import Struct
from msgspec.structs import replace

from .cache import compiled_template
from .callouts import persona_cards
from .diagrams import DEFAULT_PRIMARY, Diagram, Palette, diagrams_of, placeholder_html, substitute
from .diagrams import render as render_diagram
from .errors import CourseError, Diagnostic, error
from .files import FileMap
from .i18n import install, translations
from .icons import icon_svg
from .model import Brand, Course, Location, Question, Quiz, Reflection, Signatory, is_placeholder
from .resolve import PassMark, ResolvedCourse, Settings, resolve
from .state import (
    REFLECTION_MAX_LENGTH,
    RESULTS_SCREEN_ID,
    answer_check,
    answer_key,
    obfuscate,
    part_checks,
    reflection_limits,
    response_ids,
    shuffled,
)
from .assets import (
    LINK_SCHEMES,
    Refusal,
    Resolver,
    Use,
    browser_url,
    inside,
    is_hidden,
    srcset_candidates,
    url_scheme,
    walk_static,
)

__all__ = ["FileMap", "make_environment", "render_learner", "render_learner_edition"]  # FileMap: re-exported, see files.py

ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "b", "i", "u", "s", "sub", "sup", "small", "mark", "abbr",
    "code", "pre", "kbd", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "h2", "h3", "h4", "h5",
    "h6",
    "a", "img", "figure", "figcaption", "table", "thead", "tbody", "tr", "th", "td", "caption",
    "span", "div",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "srcset", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "th": {"scope", "colspan", "rowspan", "align"},
    "td": {"colspan", "rowspan", "align"},
    "ol": {"start"},
    "span": {"lang"},
    "div": {"lang"},
}
class BuiltinTemplates(FileSystemLoader):
    """The templates this package ships, each compiled once and kept (cache.py).

    Only this loader caches: the course's own templates (CourseTemplates) are compiled on every
    build and never stored anywhere.
    """

    def load(self, environment: Environment, name: str,
             globals: MutableMapping[str, Any] | None = None) -> Template:
        """The template, its compiled code from the cache when its text has not changed."""
        source, filename, uptodate = self.get_source(environment, name)
        code = compiled_template(environment, name, filename or name, source)
        return environment.template_class.from_code(environment, code, globals or {}, uptodate)


def templates_dir() -> Path:
    """The built-in templates: inside the installed package, or beside it in a source checkout."""
    packaged = Path(__file__).parent / "templates"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "templates"


class CourseTemplates(BaseLoader):
    """The course's own `templates/`: regular UTF-8 files whose real path stays in the course."""

    def __init__(self, course_root: Path) -> None:
        self.root = course_root
        self.real_root = Path(os.path.realpath(course_root))

    def get_source(self, environment: Environment, template: str
                   ) -> tuple[str, str, Callable[[], bool]]:
        """The template's text and file name; a link out of the course is a located error."""
        path = self.root.joinpath("templates", *split_template_path(template))
        if not (path.exists() or path.is_symlink()):
            raise TemplateNotFound(template)
        rel = path.relative_to(self.root).as_posix()
        real = Path(os.path.realpath(path))
        if not inside(real, self.real_root):
            raise CourseError([error(Location(rel), "theme-outside", value=rel)])
        if not real.is_file() or stat.S_ISFIFO(real.stat().st_mode):
            raise CourseError([error(Location(rel), "asset-not-a-file", value=rel)])
        try:
            text = real.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            raise CourseError([error(Location(rel, 1, 1), "not-utf8")]) from None
        return text, str(path), lambda: True


def template_problem(exc: BaseException, course_root: Path) -> Diagnostic | None:
    """A located error when the innermost template code that failed is the course's own."""
    places: list[tuple[str, int]] = []
    tb = exc.__traceback__
    while tb is not None:
        places.append((tb.tb_frame.f_code.co_filename, tb.tb_lineno))
        tb = tb.tb_next
    if isinstance(exc, TemplateSyntaxError) and exc.filename:
        places.append((exc.filename, exc.lineno))
    for filename, line in reversed(places):
        try:
            rel = Path(filename).relative_to(course_root)
        except ValueError:
            continue
        if rel.parts and rel.parts[0] == "templates":
            problem = (f"the template '{exc.name}' does not exist"
                       if isinstance(exc, TemplateNotFound) else
                       exc.message if isinstance(exc, TemplateSyntaxError) and exc.message
                       else str(exc))
            return error(Location(rel.as_posix(), line, 1), "template-error",
                         problem=f"{problem} ({type(exc).__name__})")
    return None


class CourseEnvironment(ImmutableSandboxedEnvironment):
    """Jinja for a course's theme: sandboxed and immutable, no path objects, its errors located."""

    def __init__(self, course_root: Path, **options: Any) -> None:
        super().__init__(**options)
        self.course_root = course_root
        # The sandbox's verdict on an attribute depends on the object's type and the name only
        # (jinja2.sandbox: is_internal_attribute, modifies_known_mutable): asked once per pair.
        self.safe_attributes: dict[tuple[type, str], bool] = {}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """No path objects: a template must not reach files (the course's `root`, for one)."""
        if isinstance(obj, PurePath) or isinstance(value, PurePath):
            return False
        key = (type(obj), attr)
        safe = self.safe_attributes.get(key)
        if safe is None:
            safe = self.safe_attributes[key] = bool(super().is_safe_attribute(obj, attr, value))
        return safe

    def handle_exception(self, source: str | None = None) -> NoReturn:
        """An error in the course's own template is a located course error, not a crash."""
        try:
            super().handle_exception(source)
        except CourseError:
            raise
        except Exception as exc:
            found = template_problem(exc, self.course_root)
            if found is None:
                raise
            raise CourseError([found]) from exc


def make_environment(course_root: Path, language: str) -> Environment:
    """Jinja with autoescape, strict undefined, course templates before the built-in ones, and
    the interface's words (`_`) in the course's language (i18n.py)."""
    builtin = BuiltinTemplates(str(templates_dir()))
    loader = ChoiceLoader([
        PrefixLoader({"builtin": builtin}),
        CourseTemplates(course_root),
        builtin,
    ])
    env = CourseEnvironment(
        course_root,
        loader=loader,
        autoescape=select_autoescape(enabled_extensions=("html", "xml", "j2"),
                                     default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    install(env, language)
    env.globals["_"] = direct_gettext(translations(language).gettext)
    return env


def direct_gettext(gettext: Callable[[str], str]) -> Callable[..., str]:
    """`_()` in templates as jinja2.ext's newstyle one does it (translate, mark safe when
    autoescaping, fill in `%(name)s`), without its two extra sandboxed calls through `gettext`:
    a third of the facilitator pack's rendering went to them."""
    @pass_context
    def translate(context: Context, string: str, **variables: Any) -> str:
        text = gettext(string)
        return (Markup(text) if context.eval_ctx.autoescape else text) % variables

    return translate



# What makes a text more than plain text to Markdown: a character of its syntax, a list or quote
# marker at its start, a blank line, a hard line break. Four searches: as one pattern with `|`,
# the regex engine tried every alternative at every position, three times slower.
SYNTAX_CHARACTER = re.compile(r"[*_`\[\]<>&\\#!]")
MARKER_AT_START = re.compile(r"\s*(?:[-+>]|\d+[.)])\s")
BLANK_LINE = re.compile(r"\n\s*\n")


def has_markdown_syntax(text: str) -> bool:
    """True when Markdown may read a text as more than plain text; plain text is only escaped."""
    return bool(SYNTAX_CHARACTER.search(text) or MARKER_AT_START.match(text) or "  \n" in text
                or ("\n" in text and BLANK_LINE.search(text)))


HEADING_TAG = re.compile(r"<(/?)h([1-6])")
# The tables extension aligns cells with a style attribute; the sanitizer keeps `align` instead.
CELL_ALIGN = re.compile(r'<(th|td) style="text-align: (left|right|center);"')
URL_ATTRIBUTES = ("href", "src", "srcset")
# Quiz texts shown by a template without their file resolve from quizzes/, where every quiz is.
QUIZ_TEXT_SOURCE = "quizzes/quiz.yaml"
SANITIZER: dict[str, Any] = {
    "tags": ALLOWED_TAGS, "attributes": ALLOWED_ATTRIBUTES,
    "url_schemes": {"http", "https", "mailto"}, "link_rel": "noopener noreferrer",
}

Element = tuple[str, tuple[tuple[str, str], ...]]


class ElementList(HTMLParser):
    """The start tags of an HTML fragment in document order, with their decoded attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record one element."""
        self.elements.append((tag, tuple((name, value or "") for name, value in attrs)))


def elements_of(html: str) -> list[Element]:
    """Every element of an HTML fragment, as a browser's parser reads its tags and attributes."""
    tags = plain_tags(html)
    return parsed_elements(html) if tags is None else [(n, attributes(a)) for n, a in tags]


def parsed_elements(html: str) -> list[Element]:
    """`elements_of` through html.parser, for HTML that is not plain."""
    parser = ElementList()
    parser.feed(html)
    parser.close()
    return parser.elements


# The plain HTML that the sanitizer and the built-in templates write, read at C speed: ASCII
# names, attributes apart by ASCII white space, one `=`, values quoted or plainly unquoted.
# Every parser (html.parser in each Python version, a browser) reads such tags the same way;
# at anything else (`other`) `plain_tags` gives up and `elements_of` asks html.parser.
_SPACE = r"[ \t\n\r\f]"
_ATTRIBUTE = (r"([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:" + _SPACE + r"*=" + _SPACE
              + r"""*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")  # name, then one value form
PLAIN_TAG = re.compile(r"<(?:(?P<name>[a-zA-Z][a-zA-Z0-9-]*)(?P<attributes>(?:" + _SPACE + "+"
                       + _ATTRIBUTE + ")*)" + _SPACE + r"*(?P<close>/?)>|/[a-zA-Z][-.a-zA-Z0-9:_]*"
                       + _SPACE + r"*>|!--(?![->])(?:(?!--)[\s\S])*-->"
                       r"|![dD][oO][cC][tT][yY][pP][eE][^<>]*>|(?P<other>))")
PLAIN_ATTRIBUTE = re.compile(_SPACE + "+" + _ATTRIBUTE)
# Elements whose content is text up to their end tag (html.parser's own list, which grows in
# newer Pythons): read to the first end tag of their name, which must be a plain one.
RAW_TEXT = tuple(HTMLParser.CDATA_CONTENT_ELEMENTS) + tuple(
    getattr(HTMLParser, "RCDATA_CONTENT_ELEMENTS", ()))
RAW_TEXT_END = {name: re.compile(rf"</{name}|</\s+{name}", re.IGNORECASE) for name in RAW_TEXT}
RAW_TEXT_CLOSE = {name: re.compile(rf"</{name}{_SPACE}*>", re.IGNORECASE) for name in RAW_TEXT}


def plain_tags(html: str) -> list[tuple[str, str]] | None:
    """The start tags of plain HTML, each its name and the text of its attributes; None at the
    first construct that is not plain."""
    tags: list[tuple[str, str]] = []
    at = 0
    while True:
        for tag in PLAIN_TAG.finditer(html, at):
            if tag["other"] is not None:
                return None
            if tag["name"] is None:  # an end tag, a comment or the doctype: no element
                continue
            name = tag["name"].lower()
            tags.append((name, tag["attributes"]))
            if name in RAW_TEXT_END:  # its text runs to the first end tag of its name
                end = RAW_TEXT_END[name].search(html, tag.end())
                close = RAW_TEXT_CLOSE[name].match(html, end.start()) if end else None
                if tag["close"] or close is None:  # `<script/>`: parsers differ on it
                    return None
                at = close.end()
                break  # read on after the end tag
        else:
            return tags


def attributes(text: str) -> tuple[tuple[str, str], ...]:
    """The attributes of a plain start tag: names in lower case, values decoded."""
    return tuple((name.lower(), unescape(double + single + bare))  # no value reads as ""
                 for name, double, single, bare in PLAIN_ATTRIBUTE.findall(text)) if text else ()


def plain_elements(html: str) -> list[Element] | None:
    """`elements_of` for plain HTML; None when it is not plain."""
    tags = plain_tags(html)
    return None if tags is None else [(name, attributes(text)) for name, text in tags]


class Removal(Struct, frozen=True):
    """What the sanitizer removed: a whole element, or one attribute of an element it kept."""

    tag: str
    attribute: str = ""
    value: str = ""


def removals(before: list[Element], after: list[Element]) -> list[Removal]:
    """What is in the sanitizer's input and not in its output (attributes it adds are ignored)."""
    kept: dict[str, list[dict[str, str]]] = {}
    for tag, attrs in after:
        kept.setdefault(tag, []).append(dict(attrs))
    result = []
    for tag, attrs in before:
        same = kept.get(tag)
        if not same:
            result.append(Removal(tag))
            continue
        out = same.pop(0)
        result += [Removal(tag, name, value) for name, value in attrs if name not in out]
    return result


class Rendered(Struct, frozen=True):
    """A text as sanitized HTML, with what the sanitizer removed and every URL it kept."""

    html: Markup
    removed: tuple[Removal, ...] = ()
    uses: tuple[Use, ...] = ()


def package_urls(resolver: Resolver | None, source_path: str, elements: list[Element]
                 ) -> tuple[dict[tuple[str, str, str], str | None], list[Use]]:
    """Each URL of sanitized HTML and what it becomes in the package (None: removed)."""
    changes: dict[tuple[str, str, str], str | None] = {}
    uses: list[Use] = []
    for tag, attrs in elements:
        for name, value in attrs:
            if name not in URL_ATTRIBUTES:
                continue
            candidates = srcset_candidates(value) if name == "srcset" else [(value, "")]
            kept = []
            for url, descriptor in candidates:
                done = resolve_url(resolver, source_path, tag, url)
                uses.append(Use(tag, name, url, done if isinstance(done, Refusal) else None))
                if isinstance(done, str):
                    kept.append(f"{done} {descriptor}".strip())
            changes[(tag, name, value)] = ", ".join(kept) or None
    return changes, uses


def resolve_url(resolver: Resolver | None, source_path: str, tag: str, url: str) -> str | Refusal:
    """A URL through the resolver; without one, only web links and in-page links are kept."""
    if resolver is not None:
        return resolver.url(source_path, tag, url)
    read = browser_url(url)
    if read.startswith("#") or not read or (tag == "a" and url_scheme(read) in LINK_SCHEMES):
        return url
    return Refusal("missing-asset", url)


class Sanitized(Struct, frozen=True):
    """A text converted and sanitized, its URLs as written: what no resolver or palette changes."""

    html: str
    kept: tuple[Element, ...]  # the elements of `html`
    removed: tuple[Removal, ...]


class Converter:
    """Markdown to sanitized HTML, each distinct text converted once.

    A build shows the same texts to the check, the learner page and the facilitator pack; they
    share one converter (build.py), so each text is converted and sanitized once per build.
    """

    def __init__(self) -> None:
        # Extension objects, not names: a name makes Markdown scan every installed package's
        # entry points (importlib.metadata), a cost paid by every build for nothing.
        self._md = markdown.Markdown(extensions=[TableExtension(), SaneListExtension()],
                                     output_format="html")
        self.token = "cpdiagram" + os.urandom(6).hex()  # no author can write it by chance
        self._done: dict[tuple[str, int], Sanitized] = {}

    def sanitized(self, text: str, shift: int = 0) -> Sanitized:
        """The text (diagram fences already replaced by placeholders) as sanitized HTML."""
        found = self._done.get((text, shift))
        if found is None:
            html = CELL_ALIGN.sub(r'<\1 align="\2"', self._md.reset().convert(text))
            if shift:
                html = HEADING_TAG.sub(lambda m: f"<{m[1]}h{max(int(m[2]) - shift, 2)}", html)
            clean = nh3.clean(html, **SANITIZER)
            kept = elements_of(clean)
            found = Sanitized(clean, tuple(kept), tuple(removals(elements_of(html), kept)))
            self._done[(text, shift)] = found
        return found


class MarkdownRenderer:
    """Markdown to sanitized HTML through a (shared) converter; local files go through the resolver."""

    def __init__(self, resolver: Resolver | None = None, palette: Palette | None = None,
                 converter: Converter | None = None) -> None:
        self.converter = converter or Converter()
        self.resolver = resolver
        self.palette = palette or Palette()
        self.figures = 0  # diagrams rendered so far: their ids are unique in a whole page

    def render(self, text: str, source_path: str = "", shift: int = 0) -> Rendered:
        """Markdown to sanitized HTML whose URLs point into the package.

        What the sanitizer removed is found by comparing the elements of its input and output;
        the URLs are read from the sanitized HTML, and a second pass writes their package form.
        `shift` raises headings by that many levels: a page's `###` sits right under the
        screen's title, so it becomes `<h2>`.
        """
        text, fences = substitute(text, self.converter.token)
        done = self.converter.sanitized(text, shift)
        changes, uses = package_urls(self.resolver, source_path or QUIZ_TEXT_SOURCE,
                                     list(done.kept))
        clean = done.html
        if changes:
            clean = nh3.clean(clean, attribute_filter=lambda tag, name, value: changes.get(
                (tag, name, value), value), **SANITIZER)
        if fences:  # drawn after sanitizing: the SVG is made here, from escaped text only
            clean = placeholder_html(clean, self.converter.token, [
                self.diagram(d) if d else Markup("") for d in diagrams_of(fences, source_path)])
        clean = persona_cards(clean)
        return Rendered(Markup(clean), done.removed, tuple(uses))

    def problems(self, text: str, source_path: str = "", shift: int = 0) -> Rendered:
        """What `render` reports of a text (what the sanitizer removed, every URL and what
        becomes of it) without making the HTML: all that the check needs."""
        done = self.converter.sanitized(substitute(text, self.converter.token)[0], shift)
        _, uses = package_urls(self.resolver, source_path or QUIZ_TEXT_SOURCE, list(done.kept))
        return Rendered(Markup(""), done.removed, tuple(uses))

    def inline_problems(self, text: str, source_path: str = "") -> Rendered:
        """`problems` of a text shown by `render_inline`: plain text has none."""
        if not has_markdown_syntax(text):
            return Rendered(Markup(""))
        return self.problems(text, source_path)

    def diagram(self, diagram: Diagram) -> Markup:
        """One diagram block as HTML, with ids unique in the page."""
        self.figures += 1
        return render_diagram(diagram, f"cpd{self.figures}", self.palette, self.inline)

    def block(self, text: str, source_path: str = "", shift: int = 0) -> Markup:
        """Markdown to sanitized HTML, with local files pointing into the package."""
        return self.render(text, source_path, shift).html

    def inline(self, text: str, source_path: str = "") -> Markup:
        """Markdown for one line (a prompt, a choice): no surrounding paragraph."""
        return self.render_inline(text, source_path).html

    def render_inline(self, text: str, source_path: str = "") -> Rendered:
        """`render` for one line: plain text is only escaped, one paragraph loses its <p>."""
        if not has_markdown_syntax(text):
            # nothing to convert (split as str: Markup.split would wrap every word)
            return Rendered(Markup(" ".join(str(escape(text)).split())))
        rendered = self.render(text, source_path)
        html = str(rendered.html)
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]
        return Rendered(Markup(html), rendered.removed, rendered.uses)


class ChoiceView(Struct, frozen=True):
    """A choice as the template shows it."""

    id: str
    text_html: Markup


class QuestionView(Struct, frozen=True):
    """A question as the template shows it."""

    key: str
    id: str
    type: str
    number: int
    prompt_html: Markup
    choices: tuple[ChoiceView, ...]
    categories: tuple[ChoiceView, ...] = ()  # sorting: where items go
    items: tuple[ChoiceView, ...] = ()  # sorting, ordering (shuffled), matching (the premises)
    responses: tuple[ChoiceView, ...] = ()  # matching: response ids r1.. in the order shown
    module: str = ""  # the id of the module it checks ("" for none): the results review names it


class QuizView(Struct, frozen=True):
    """A quiz as the template shows it."""

    id: str
    title: str
    intro_html: Markup
    final: bool
    pass_mark: PassMark | None  # the course's pass mark on the final assessment
    questions: tuple[QuestionView, ...]
    settings: Settings
    asked: int  # questions one attempt asks (pools give their draw)


class ReflectionView(Struct, frozen=True):
    """A reflection activity as the template shows it."""

    id: str
    title: str
    prompts: tuple[str, ...]
    max_length: int


class ModuleView(Struct):
    """A module with its screens."""

    id: str
    title: str
    number: int
    objectives: tuple[str, ...]
    screens: list[ScreenView]


class ScreenView(Struct, frozen=True):
    """One screen of the learner package."""

    id: str
    kind: str
    title: str
    number: int
    module: ModuleView | None
    html: Markup
    objectives: tuple[str, ...]
    quiz: QuizView | None
    reflection: ReflectionView | None


# ---- sorting, ordering and matching questions (engineer "qtypes")


def arranged_view(view: QuestionView, question: Question, salt: str, md: MarkdownRenderer
                  ) -> QuestionView:
    """A question view with the parts of a sorting, ordering or matching question."""
    path = question.loc.path
    if question.type == "sorting":
        # authors tend to list the items category by category: shown in that order, the
        # grouping would give the answer away, so the items are shuffled like an ordering's
        by_id = {i.id: i for i in question.items}
        return replace(view, categories=tuple(ChoiceView(c.id, md.inline(c.text, path))
                                              for c in question.categories),
                       items=tuple(ChoiceView(i, md.inline(by_id[i].text, path))
                                   for i in shuffled(salt, question.id, list(by_id))))
    if question.type == "ordering":
        by_id = {i.id: i for i in question.items}
        return replace(view, items=tuple(
            ChoiceView(i, md.inline(by_id[i].text, path))
            for i in shuffled(salt, question.id, list(by_id))))
    rids = response_ids(salt, question)
    shown = sorted(question.pairs, key=lambda p: int(rids[p.id][1:]))
    return replace(view, items=tuple(ChoiceView(p.id, md.inline(p.premise, path))
                                     for p in question.pairs),
                   responses=tuple(ChoiceView(rids[p.id], md.inline(p.response, path))
                                   for p in shown))


def arranged_data(question: Question, salt: str, md: MarkdownRenderer) -> dict[str, Any]:
    """The runtime data only sorting, ordering and matching questions have (docs/runtime.md).

    `parts`: what the learner places; `targets`: where (category ids, response ids); `checks`:
    a hash per right placement; `key`: the correct answer, obfuscated like feedback, for the
    LMS's correct-response pattern; `texts`: plain texts for the xAPI definition.
    """
    path = question.loc.path
    texts: dict[str, str] = {}
    targets: list[str] = []
    if question.type == "sorting":
        targets = [c.id for c in question.categories]
        texts.update({c.id: plain(md.inline(c.text, path)) for c in question.categories})
        texts.update({i.id: plain(md.inline(i.text, path)) for i in question.items})
    elif question.type == "ordering":
        texts.update({i.id: plain(md.inline(i.text, path)) for i in question.items})
    else:
        rids = response_ids(salt, question)
        targets = sorted(rids.values(), key=lambda r: int(r[1:]))
        texts.update({p.id: plain(md.inline(p.premise, path)) for p in question.pairs})
        texts.update({rids[p.id]: plain(md.inline(p.response, path)) for p in question.pairs})
    correct, incorrect = question.feedback
    return {
        "parts": sorted(question.parts),
        "targets": targets,
        "checks": part_checks(salt, question),
        "key": obfuscate(salt, question.id, "key", ",".join(answer_key(salt, question))),
        "texts": texts,
        "feedback": {"correct": obfuscate(salt, question.id, "correct",
                                          str(md.inline(correct, path))),
                     "incorrect": obfuscate(salt, question.id, "incorrect",
                                            str(md.inline(incorrect, path)))},
    }


def plain(html: Markup) -> str:
    """The text of inline HTML, tags dropped and references read (for an LMS's description)."""
    return " ".join(str(html.striptags()).split())
# ---- end of sorting, ordering and matching


def quiz_view(quiz: Quiz, course: ResolvedCourse, md: MarkdownRenderer) -> QuizView:
    """The view of a quiz."""
    views = [
        QuestionView(course.keys[q.id], q.id, q.type, n, md.inline(q.prompt, q.loc.path),
                     tuple(ChoiceView(c.id, md.inline(c.text, q.loc.path)) for c in q.choices),
                     module=q.module)
        for n, q in enumerate(quiz.questions, start=1)]
    questions = tuple(arranged_view(v, q, course.salt, md) if q.arranged else v
                      for v, q in zip(views, quiz.questions))
    intro = md.block(quiz.intro, quiz.loc.path) if quiz.intro else Markup("")
    return QuizView(quiz.id, quiz.title, intro,
                    quiz.is_final, course.pass_mark if quiz.is_final else None, questions,
                    course.settings[quiz.id], quiz.asked)


def reflection_view(reflection: Reflection) -> ReflectionView:
    """The view of a reflection."""
    return ReflectionView(reflection.id, reflection.title, reflection.prompts, REFLECTION_MAX_LENGTH)


def build_views(course: ResolvedCourse, md: MarkdownRenderer
                ) -> tuple[list[ModuleView], list[ScreenView]]:
    """Module and screen views in learner order."""
    module_views: dict[str, ModuleView] = {}
    result: list[ScreenView] = []
    for number, screen in enumerate(course.screens, start=1):
        item = course.module_by_id.get(screen.module_id or "")
        module = item.module if item else None
        view = None
        if item is not None:
            view = module_views.get(item.id)
            if view is None:
                view = ModuleView(item.id, item.module.title, len(module_views) + 1,
                                  item.module.objectives, [])
                module_views[item.id] = view
        page = next((p for p in module.pages if p.id == screen.id), None) if module else None
        quiz = course.quiz_by_id.get(screen.id) if screen.kind == "quiz" else None
        reflection = item.reflection if item and screen.kind == "reflection" else None
        title = (page.title if page else quiz.title if quiz else reflection.title if reflection
                 else translations(course.course.language).gettext("Results"))
        screen_view = ScreenView(
            id=screen.id, kind=screen.kind, title=title, number=number, module=view,
            html=md.block(page.markdown, page.loc.path, shift=1) if page else Markup(""),
            objectives=module.objectives if module and page and page.id == module.id else (),
            quiz=quiz_view(quiz, course, md) if quiz else None,
            reflection=reflection_view(reflection) if reflection else None,
        )
        if view is not None:
            view.screens.append(screen_view)
        result.append(screen_view)
    return list(module_views.values()), result


def interaction_id(quiz_id: str, question_id: str) -> str:
    """A Moodle-safe interaction id: `<quiz>.<question>` with `-` as `_`."""
    return f"{quiz_id}.{question_id}".replace("-", "_")


ANSWER_SLOT = "="  # the obfuscation slot of a question's correct answer (never a choice id)


def question_data(question: Question, quiz: Quiz, salt: str, md: MarkdownRenderer,
                  reveal_answer: bool = False) -> dict[str, Any]:
    """What the runtime knows of a question: never the correct answer in plain text.

    Feedback is the sanitized inline HTML of its Markdown, obfuscated; so is the correct answer,
    and only when the quiz's settings ever show it (`show_answers` other than `never`).
    """
    choice_ids = sorted(c.id for c in question.choices)
    extra = ({"answer": obfuscate(salt, question.id, ANSWER_SLOT, ",".join(question.correct_ids))}
             if reveal_answer and not question.arranged else {})
    data = extra | {
        "id": question.id,
        "iid": interaction_id(quiz.id, question.id),
        "quiz": quiz.id,
        "final": quiz.is_final,
        "type": question.type,
        "module": question.module,  # for the results chart ("" = General)
        "choices": choice_ids,
        "rids": {cid: cid.replace("-", "_") for cid in choice_ids},
        "check": answer_check(salt, question),
        "feedback": {c.id: obfuscate(salt, question.id, c.id,
                                         str(md.inline(c.feedback, question.loc.path)))
                     for c in sorted(question.choices, key=lambda c: c.id)},
    }
    if question.type == "multiple":
        data["checks"] = part_checks(salt, question)
    return {**data, **arranged_data(question, salt, md)} if question.arranged else data


def quiz_data(quiz: Quiz, course: ResolvedCourse, md: MarkdownRenderer) -> dict[str, Any]:
    """A quiz's settings and what an attempt asks (question keys, pools to draw from)."""
    settings = course.settings[quiz.id]
    slots: list[Any] = [course.keys[s] if isinstance(s, str) else
                        {"pool": s.id, "draw": s.draw, "keys": [course.keys[q] for q in s.question_ids]}
                        for s in quiz.slots]
    return {
        "final": quiz.is_final, "attempts": settings.attempts, "grading": settings.grading,
        "feedback": settings.feedback, "answers": settings.show_answers,
        "shuffleQuestions": settings.shuffle_questions, "shuffleChoices": settings.shuffle_choices,
        "layout": settings.layout, "slots": slots, "asked": quiz.asked,
        "bands": [{"from": b.start, "html": str(md.inline(b.message, quiz.loc.path))}
                  for b in settings.bands],
    }


def runtime_data(course: ResolvedCourse, titles: dict[str, str], md: MarkdownRenderer
                 ) -> dict[str, Any]:
    """The JSON the learner runtime reads (see docs/runtime.md)."""
    questions = {course.keys[q.id]: question_data(
        q, quiz, course.salt, md, course.settings[quiz.id].show_answers != "never")
        for quiz in course.quizzes for q in quiz.questions}
    return {
        "v": 1,
        "course": {
            "id": course.course.id, "version": course.course.version,
            "title": course.course.title, "passMark": course.pass_mark.percent,
            "jp": course.course.jp,
            # No version in the key: saved progress survives a course update (ids are stable).
            "storageKey": f"coursepack:{course.course.id}",
        },
        "layout": course.layout,
        "modules": [{"id": m.id, "n": m.number, "title": m.module.title} for m in course.modules],
        "screens": [{"id": s.id, "kind": s.kind, "module": s.module_id, "title": titles[s.id]}
                    for s in course.screens],
        "questions": questions,
        "final": [course.keys[q.id] for q in course.final.questions] if course.final else [],
        "quizzes": {quiz.id: quiz_data(quiz, course, md) for quiz in course.quizzes},
        "finalId": course.final.id if course.final else "",
        "reflections": {rid: {"prompts": n, "maxLength": REFLECTION_MAX_LENGTH}
                        for rid, n in reflection_limits(course).items()},
        "salt": course.salt,
    }


def json_for_script(data: Any) -> Markup:
    """JSON that is safe inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def compact_js(source: str) -> str:
    """Drop comment lines, indentation and blank lines; keep every line break (no ASI risk).

    Only whole-line comments are removed, never a `//` after code (it may be in a string).
    A file with a template literal is left as it is, since its lines may be text.
    """
    lines, in_comment = [], False
    for raw in source.split("\n"):
        line = raw.strip()
        if in_comment:
            in_comment = "*/" not in line
            continue
        if line.startswith("/*"):
            in_comment = "*/" not in line
            continue
        if "`" in line:
            return source
        if line and not line.startswith("//"):
            lines.append(line)
    return "\n".join(lines) + "\n"


def compact_css(source: str) -> str:
    """Drop comments, indentation and blank lines of a stylesheet."""
    lines = (line.strip() for line in CSS_COMMENT.sub("", source).split("\n"))
    return "\n".join(line for line in lines if line) + "\n"


def compact(name: str, data: bytes) -> bytes:
    """Scripts and stylesheets as they ship: without comments and indentation."""
    try:
        if name.endswith(".js"):
            return compact_js(data.decode("utf-8")).encode("utf-8")
        if name.endswith(".css"):
            return compact_css(data.decode("utf-8")).encode("utf-8")
    except UnicodeDecodeError:
        pass  # not UTF-8 text: shipped as it is
    return data


def static_files(folder: Path) -> FileMap:
    """Every file under a built-in static folder (hidden and editor files skipped), compacted."""
    if not folder.is_dir():
        return {}
    return {name: compact(name, p.read_bytes()) for p in sorted(folder.rglob("*"))
            if p.is_file() and not any(is_hidden(part) for part in p.relative_to(folder).parts)
            and (name := p.relative_to(folder).as_posix())}


def theme_static_files(course_root: Path) -> FileMap:
    """The course theme's static files, through the resolver's walk (refused ones are left out)."""
    folder = course_root / "templates" / "learner" / "static"
    return {name: compact(name, real.read_bytes())
            for name, real in walk_static(course_root, folder) if isinstance(real, Path)}


def media_files(resolver: Resolver) -> FileMap:
    """Every course file the rendered texts named, read from its real path, under media/."""
    return {path: real.read_bytes() for path, real in sorted(resolver.assets.items())}


ADAPTER_PATH = "assets/js/adapter.js"


def with_adapter(learner: FileMap, standard: str) -> FileMap:
    """The learner files plus the LMS adapter of one standard (scorm12, scorm2004, cmi5)."""
    adapter = (templates_dir() / "learner" / "adapters" / f"{standard}.js").read_bytes()
    return {**learner, ADAPTER_PATH: compact(ADAPTER_PATH, adapter)}


def darker(colour: str, amount: float = 0.25) -> str:
    """A #rrggbb colour mixed with black."""
    return "#" + "".join(f"{round(int(colour[i:i + 2], 16) * (1 - amount)):02x}" for i in (1, 3, 5))


def course_palette(course: Course) -> Palette:
    """The diagrams' colours: the brand's primary colour, else the built-in one."""
    return Palette(course.brand.primary_colour or DEFAULT_PRIMARY)


class BrandView(Struct, frozen=True):
    """The brand as the learner page uses it: CSS overrides and the logo's path in the package."""

    style: str
    logo: str


def brand_view(brand: Brand, resolver: Resolver) -> BrandView:
    """The brand's CSS overrides and the logo's path in the package."""
    colour = brand.primary_colour
    style = f":root{{--ac:{colour};--ac-dark:{darker(colour)}}}" if colour else ""
    logo = resolver.url("course.yaml", "img", brand.logo) if brand.logo else ""
    return BrandView(style, logo if isinstance(logo, str) else "")


class LearnerCourse(Struct, frozen=True):
    """What the learner page shows of the course; it has no way to reach notes or answers."""

    id: str
    title: str
    language: str
    description: str
    duration_minutes: int
    jp: int
    pass_mark: PassMark
    credit: str
    licence: str
    authors: tuple[str, ...]  # the ones filled in: a learner never sees a placeholder
    version: str
    brand: BrandView
    organisation: str = ""  # the training centre that issues the certificate ("" until filled)
    signatory: Signatory | None = None  # who signs the certificate, its filled parts only
    # the issuer or signatory is still a placeholder: the certificate says it is a draft
    certificate_draft: bool = False


def filled_signatory(signatory: Signatory | None) -> Signatory | None:
    """A signature block without the parts still to fill in; None when its name is one."""
    if signatory is None or is_placeholder(signatory.name):
        return None
    title, nip = signatory.title, signatory.nip
    return Signatory(signatory.name, "" if is_placeholder(title) else title,
                     "" if nip and is_placeholder(nip) else nip)


def learner_course(course: ResolvedCourse, resolver: Resolver | None = None) -> LearnerCourse:
    """The learner's view of a resolved course."""
    source = course.course
    return LearnerCourse(source.id, source.title, source.language, source.description,
                         source.duration_minutes, source.jp, course.pass_mark, source.credit,
                         source.licence,
                         tuple(a for a in source.authors if not is_placeholder(a)),
                         source.version,
                         brand_view(source.brand, resolver or Resolver(source.root)),
                         "" if is_placeholder(source.organisation) else source.organisation,
                         filled_signatory(source.signatory),
                         any(at != "authors" for at, _, _ in source.unfilled))


class LearnerEdition(Struct, frozen=True):
    """What every learner package is made of: the learner's view and the rendered files."""

    view: LearnerCourse
    files: FileMap


LOADING_ATTRIBUTES = ("src", "srcset", "poster", "data", "background", "action", "formaction")
# In each of those names (and `href`). A plain tag's attribute names are ASCII, so its attributes'
# text in lower case holds every such name; searching that is five times faster than IGNORECASE.
LOADING_NAME = re.compile("src|poster|data|background|action|href")
CSS_LOAD = re.compile(r"""(?:url\(\s*['"]?|@import\s+(?!url\()['"]?)\s*([^'")\s;]+)""",
                      re.IGNORECASE)


def may_load_css(text: str) -> bool:
    """False for a text where CSS_LOAD cannot match, told faster than CSS_LOAD's search: it has
    no `@` and no `url(` in any case (u, r and l have no case forms beyond ASCII)."""
    return "@" in text or "url(" in text.lower()


def loads_from_network(url: str) -> bool:
    """True when a browser would fetch the address from another host."""
    read = browser_url(url)
    return read.startswith("//") or url_scheme(read) in ("http", "https", "ftp", "ws", "wss")


def network_references(name: str, data: bytes) -> list[str]:
    """Addresses on other hosts that a packaged page or stylesheet would load (links excluded)."""
    if not name.endswith((".html", ".css")):
        return []
    text = data.decode("utf-8", errors="replace")
    found = [m[1] for m in CSS_LOAD.finditer(text)] if may_load_css(text) else []
    if name.endswith(".html"):
        tags = plain_tags(text)  # in plain HTML, only tags that name such an attribute count
        elements = (parsed_elements(text) if tags is None else
                    [(tag, attributes(attrs)) for tag, attrs in tags
                     if LOADING_NAME.search(attrs.lower())])
        for tag, attrs in elements:
            for attr, value in attrs:
                if attr == "srcset":
                    found += [url for url, _ in srcset_candidates(value)]
                elif attr in LOADING_ATTRIBUTES or (tag == "link" and attr == "href"):
                    found.append(value)
    return sorted({url for url in found if loads_from_network(url)})


def theme_line(course_root: Path, url: str) -> Location:
    """The theme file and line that write an address (the theme folder when none does)."""
    for name, real in walk_static(course_root, course_root / "templates"):
        if isinstance(real, Path):
            lines = real.read_bytes().decode("utf-8", errors="replace").split("\n")
            for number, line in enumerate(lines, start=1):
                if url in line:
                    return Location(f"templates/{name}", number, 1)
    return Location("templates")


def network_problems(files: FileMap, course_root: Path) -> list[Diagnostic]:
    """An error for every address on another host that a package's pages or styles would load."""
    return [error(theme_line(course_root, url), "remote-asset", value=url)
            for name in sorted(files) for url in network_references(name, files[name])]


def render_learner(course: Course | ResolvedCourse, env: Environment) -> FileMap:
    """The learner package: index.html, its static files and every course file it names."""
    return render_learner_edition(
        course if isinstance(course, ResolvedCourse) else resolve(course), env).files


def render_learner_edition(resolved: ResolvedCourse, env: Environment,
                           converter: Converter | None = None) -> LearnerEdition:
    """The learner's view and the learner files every learner target packages."""
    course = resolved.course
    resolver = Resolver(course.root)
    md = MarkdownRenderer(resolver, course_palette(course), converter)
    modules, screen_views = build_views(resolved, md)
    view = learner_course(resolved, resolver)
    data = runtime_data(resolved, {s.id: s.title for s in screen_views}, md)
    html = env.get_template("learner/index.html.j2").render(
        course=view, modules=modules, screens=screen_views, brand=view.brand,
        runtime_data=json_for_script(data), results_id=RESULTS_SCREEN_ID, icon=icon_svg,
    )
    files = {"index.html": html.encode("utf-8")}
    files.update(static_files(templates_dir() / "learner" / "static"))
    files.update(theme_static_files(course.root))
    files.update(media_files(resolver))
    problems = network_problems(files, course.root)
    if problems:
        raise CourseError(problems)
    return LearnerEdition(view, files)
