"""Render the course with Jinja into an in-memory map of package files. Writes nothing."""

from __future__ import annotations

import json
import posixpath
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import markdown
import nh3
from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    select_autoescape,
)
from markupsafe import Markup, escape

from .diagrams import DEFAULT_PRIMARY, Diagram, Palette, diagrams_of, placeholder_html, substitute
from .diagrams import render as render_diagram
from .model import Course, Module, Question, Quiz, Reflection
from .state import (
    REFLECTION_MAX_LENGTH,
    RESULTS_SCREEN_ID,
    answer_check,
    course_salt,
    layout_key,
    obfuscate,
    question_keys,
    reflection_limits,
    screens,
)
from .validate import resolve_asset

FileMap = dict[str, bytes]

ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "b", "i", "u", "s", "sub", "sup", "small", "mark", "abbr",
    "code", "pre", "kbd", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "h2", "h3", "h4", "h5",
    "h6",
    "a", "img", "figure", "figcaption", "table", "thead", "tbody", "tr", "th", "td", "caption",
    "span", "div",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
    "span": {"lang"},
    "div": {"lang"},
}
MEDIA_FOLDER = "media"
MARKDOWN_SYNTAX = re.compile(r"[*_`\[\]<>&\\#!]|^\s*(?:[-+>]|\d+[.)])\s|\n\s*\n|  \n")
HEADING_TAG = re.compile(r"<(/?)h([1-6])")
SRC_ATTR = re.compile(r'(<img\b[^>]*?\bsrc=")([^"]+)(")')


def templates_dir() -> Path:
    """The built-in templates: inside the installed package, or beside it in a source checkout."""
    packaged = Path(__file__).parent / "templates"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "templates"


def make_environment(course_root: Path) -> Environment:
    """Jinja with autoescape, strict undefined, and course templates before the built-in ones."""
    builtin = FileSystemLoader(str(templates_dir()))
    loader = ChoiceLoader([
        PrefixLoader({"builtin": builtin}),
        FileSystemLoader(str(course_root / "templates")),
        builtin,
    ])
    return Environment(
        loader=loader,
        autoescape=select_autoescape(enabled_extensions=("html", "xml", "j2"),
                                     default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


class MarkdownRenderer:
    """Markdown to sanitized HTML, reusing one converter."""

    def __init__(self, palette: Palette | None = None) -> None:
        self._md = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")
        self.palette = palette or Palette()
        self.figures = 0  # diagrams rendered so far: their ids are unique in a whole page
        self._token = "cpdiagram" + secrets.token_hex(6)  # no author can write it by chance

    def block(self, text: str, source_path: str = "", shift: int = 0) -> Markup:
        """Markdown to sanitized HTML, with local images pointing into the package.

        `shift` raises headings by that many levels: a page's `###` sits right under the
        screen's title, so it becomes `<h2>`.
        """
        text, fences = substitute(text, self._token)
        html = self._md.reset().convert(text)
        if shift:
            html = HEADING_TAG.sub(lambda m: f"<{m[1]}h{max(int(m[2]) - shift, 2)}", html)
        clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                          url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer")
        if source_path:
            clean = SRC_ATTR.sub(lambda m: m[1] + package_path(source_path, m[2]) + m[3], clean)
        if fences:  # drawn after sanitizing: the SVG is made here, from escaped text only
            clean = placeholder_html(clean, self._token, [
                self.diagram(d) if d else Markup("") for d in diagrams_of(fences, source_path)])
        return Markup(clean)

    def diagram(self, diagram: Diagram) -> Markup:
        """One diagram block as HTML, with ids unique in the page."""
        self.figures += 1
        return render_diagram(diagram, f"cpd{self.figures}", self.palette, self.inline)

    def inline(self, text: str) -> Markup:
        """Markdown for one line (a prompt, a choice): no surrounding paragraph."""
        if not MARKDOWN_SYNTAX.search(text):
            return Markup(" ".join(escape(text).split()))  # plain text: nothing to convert
        html = str(self.block(text))
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]
        return Markup(html)


def package_path(source_path: str, ref: str) -> str:
    """Where a local file referenced from a module lives in the package."""
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", ref):
        return ref
    target = resolve_asset(source_path, ref)
    if target is None or not target.startswith("assets/"):
        return ref
    return posixpath.join(MEDIA_FOLDER, target[len("assets/"):])


@dataclass(frozen=True)
class ChoiceView:
    """A choice as the template shows it."""

    id: str
    text_html: Markup


@dataclass(frozen=True)
class QuestionView:
    """A question as the template shows it."""

    key: str
    id: str
    type: str
    number: int
    prompt_html: Markup
    choices: tuple[ChoiceView, ...]


@dataclass(frozen=True)
class QuizView:
    """A quiz as the template shows it."""

    id: str
    title: str
    intro_html: Markup
    final: bool
    pass_mark: int | None
    questions: tuple[QuestionView, ...]


@dataclass(frozen=True)
class ReflectionView:
    """A reflection activity as the template shows it."""

    id: str
    title: str
    prompts: tuple[str, ...]
    max_length: int


@dataclass
class ModuleView:
    """A module with its screens."""

    id: str
    title: str
    number: int
    objectives: tuple[str, ...]
    screens: list[ScreenView]


@dataclass(frozen=True)
class ScreenView:
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


def quiz_view(quiz: Quiz, keys: dict[str, str], md: MarkdownRenderer) -> QuizView:
    """The view of a quiz."""
    questions = tuple(
        QuestionView(keys[q.id], q.id, q.type, n, md.inline(q.prompt),
                     tuple(ChoiceView(c.id, md.inline(c.text)) for c in q.choices))
        for n, q in enumerate(quiz.questions, start=1))
    return QuizView(quiz.id, quiz.title, md.block(quiz.intro) if quiz.intro else Markup(""),
                    quiz.is_final, quiz.pass_mark, questions)


def reflection_view(reflection: Reflection) -> ReflectionView:
    """The view of a reflection."""
    return ReflectionView(reflection.id, reflection.title, reflection.prompts, REFLECTION_MAX_LENGTH)


def build_views(course: Course, md: MarkdownRenderer) -> tuple[list[ModuleView], list[ScreenView]]:
    """Module and screen views in learner order."""
    keys = question_keys([q for quiz in course.quizzes for q in quiz.questions])
    by_id: dict[str, Module] = {m.id: m for m in course.modules}
    module_views: dict[str, ModuleView] = {}
    result: list[ScreenView] = []
    for number, screen in enumerate(screens(course), start=1):
        module = by_id.get(screen.module_id or "")
        view = None
        if module is not None:
            view = module_views.get(module.id)
            if view is None:
                view = ModuleView(module.id, module.title, len(module_views) + 1,
                                  module.objectives, [])
                module_views[module.id] = view
        page = next((p for p in module.pages if p.id == screen.id), None) if module else None
        quiz = course.quiz(screen.id) if screen.kind == "quiz" else None
        reflection = module.reflection if module and screen.kind == "reflection" else None
        title = (page.title if page else quiz.title if quiz else reflection.title if reflection
                 else "Hasil")
        item = ScreenView(
            id=screen.id, kind=screen.kind, title=title, number=number, module=view,
            html=md.block(page.markdown, page.loc.path, shift=1) if page else Markup(""),
            objectives=module.objectives if module and page and page.id == module.id else (),
            quiz=quiz_view(quiz, keys, md) if quiz else None,
            reflection=reflection_view(reflection) if reflection else None,
        )
        if view is not None:
            view.screens.append(item)
        result.append(item)
    return list(module_views.values()), result


def interaction_id(quiz_id: str, question_id: str) -> str:
    """A Moodle-safe interaction id: `<quiz>.<question>` with `-` as `_`."""
    return f"{quiz_id}.{question_id}".replace("-", "_")


def question_data(question: Question, quiz: Quiz, salt: str, md: MarkdownRenderer
                  ) -> dict[str, Any]:
    """What the runtime knows of a question: never the correct answer in plain text.

    Feedback is the sanitized inline HTML of its Markdown, obfuscated.
    """
    choice_ids = sorted(c.id for c in question.choices)
    return {
        "id": question.id,
        "iid": interaction_id(quiz.id, question.id),
        "quiz": quiz.id,
        "final": quiz.is_final,
        "type": question.type,
        "choices": choice_ids,
        "rids": {cid: cid.replace("-", "_") for cid in choice_ids},
        "check": answer_check(salt, question),
        "feedback": {c.id: obfuscate(salt, question.id, c.id, str(md.inline(c.feedback)))
                     for c in sorted(question.choices, key=lambda c: c.id)},
    }


def runtime_data(course: Course, titles: dict[str, str]) -> dict[str, Any]:
    """The JSON the learner runtime reads (see docs/runtime.md)."""
    salt = course_salt(course)
    screen_list = screens(course)
    all_questions = [q for quiz in course.quizzes for q in quiz.questions]
    keys = question_keys(all_questions)
    met = {s.id for s in screen_list if s.kind == "quiz"}
    md = MarkdownRenderer()
    questions = {keys[q.id]: question_data(q, quiz, salt, md)
                 for quiz in course.quizzes if quiz.id in met for q in quiz.questions}
    final = course.final_assessment
    return {
        "v": 1,
        "course": {
            "id": course.id, "version": course.version, "title": course.title,
            "passMark": course.pass_mark, "jp": course.jp,
            # No version in the key: saved progress survives a course update (ids are stable).
            "storageKey": f"coursepack:{course.id}",
        },
        "layout": layout_key(screen_list),
        "screens": [{"id": s.id, "kind": s.kind, "module": s.module_id, "title": titles[s.id]}
                    for s in screen_list],
        "questions": questions,
        "final": [keys[q.id] for q in final.questions] if final else [],
        "reflections": {rid: {"prompts": n, "maxLength": REFLECTION_MAX_LENGTH}
                        for rid, n in reflection_limits(course).items()},
        "salt": salt,
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
    if name.endswith(".js"):
        return compact_js(data.decode("utf-8")).encode("utf-8")
    if name.endswith(".css"):
        return compact_css(data.decode("utf-8")).encode("utf-8")
    return data


def static_files(folder: Path) -> FileMap:
    """Every file under a static folder, by its path relative to it (scripts and styles compacted)."""
    if not folder.is_dir():
        return {}
    return {name: compact(name, p.read_bytes()) for p in sorted(folder.rglob("*"))
            if p.is_file() and (name := p.relative_to(folder).as_posix())}


def media_files(course: Course, screen_views: list[ScreenView]) -> FileMap:
    """The course's assets that its pages use, under media/."""
    used: set[str] = set()
    for screen in screen_views:
        used |= set(re.findall(r'src="(media/[^"]+)"', str(screen.html)))
    return {path: (course.root / "assets" / path[len(MEDIA_FOLDER) + 1:]).read_bytes()
            for path in sorted(used)}


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


def brand_view(course: Course) -> dict[str, str]:
    """The brand's CSS overrides and the logo's path in the package."""
    colour = course.brand.primary_colour
    style = f":root{{--ac:{colour};--ac-dark:{darker(colour)}}}" if colour else ""
    logo = package_path("course.yaml", course.brand.logo) if course.brand.logo else ""
    return {"style": style, "logo": logo}


def render_learner(course: Course, env: Environment) -> FileMap:
    """The learner package: index.html, its static files and the media it uses."""
    md = MarkdownRenderer(course_palette(course))
    modules, screen_views = build_views(course, md)
    brand = brand_view(course)
    html = env.get_template("learner/index.html.j2").render(
        course=course, modules=modules, screens=screen_views, brand=brand,
        runtime_data=json_for_script(runtime_data(course, {s.id: s.title for s in screen_views})),
        results_id=RESULTS_SCREEN_ID,
    )
    files = {"index.html": html.encode("utf-8")}
    files.update(static_files(templates_dir() / "learner" / "static"))
    files.update(static_files(course.root / "templates" / "learner" / "static"))
    files.update(media_files(course, screen_views))
    if brand["logo"]:
        files[brand["logo"]] = (course.root / course.brand.logo).read_bytes()
    return files
