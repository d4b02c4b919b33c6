"""Render the course with Jinja into an in-memory map of package files. Writes nothing."""

from __future__ import annotations

import json
import posixpath
import re
import secrets
import traceback
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
    TemplateError,
    TemplateSyntaxError,
    select_autoescape,
)
from markupsafe import Markup, escape

from .diagrams import DEFAULT_PRIMARY, Diagram, Palette, diagrams_of, placeholder_html, substitute
from .diagrams import render as render_diagram
from .errors import CourseError, error
from .files import FileMap
from .model import Brand, Course, Location, Question, Quiz, Reflection
from .resolve import PassMark, ResolvedCourse, resolve
from .state import (
    REFLECTION_MAX_LENGTH,
    RESULTS_SCREEN_ID,
    answer_check,
    obfuscate,
    reflection_limits,
)
from .validate import resolve_asset

__all__ = ["FileMap", "make_environment", "render_learner"]  # FileMap: re-exported, see files.py

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


def template_path(filename: str, course_root: Path) -> str:
    """A template's path as the author knows it: in the course folder, or `builtin/...`."""
    path = Path(filename).resolve()
    for root, prefix in ((course_root.resolve(), ""), (templates_dir().resolve(), "builtin/")):
        if path.is_relative_to(root):
            return prefix + path.relative_to(root).as_posix()
    return filename


def template_location(exc: TemplateError, course_root: Path) -> Location:
    """Where a template failed: the innermost template line of the error."""
    if isinstance(exc, TemplateSyntaxError) and exc.filename:
        return Location(template_path(exc.filename, course_root), exc.lineno)
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
    if not frames:
        return Location("templates")
    return Location(template_path(frames[-1].filename, course_root), frames[-1].lineno or 0)


def render_template(env: Environment, name: str, course_root: Path, **context: Any) -> str:
    """One template rendered; a template that fails is a located course error, not a crash."""
    try:
        return env.get_template(name).render(**context)
    except TemplateError as exc:
        raise CourseError([error(template_location(exc, course_root), "template-error",
                                 reason=exc.message or type(exc).__name__)]) from exc


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
    pass_mark: PassMark | None  # the course's pass mark on the final assessment
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


def quiz_view(quiz: Quiz, course: ResolvedCourse, md: MarkdownRenderer) -> QuizView:
    """The view of a quiz."""
    questions = tuple(
        QuestionView(course.keys[q.id], q.id, q.type, n, md.inline(q.prompt),
                     tuple(ChoiceView(c.id, md.inline(c.text)) for c in q.choices))
        for n, q in enumerate(quiz.questions, start=1))
    return QuizView(quiz.id, quiz.title, md.block(quiz.intro) if quiz.intro else Markup(""),
                    quiz.is_final, course.pass_mark if quiz.is_final else None, questions)


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
                 else "Hasil")
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


def runtime_data(course: ResolvedCourse, titles: dict[str, str]) -> dict[str, Any]:
    """The JSON the learner runtime reads (see docs/runtime.md)."""
    md = MarkdownRenderer()
    questions = {course.keys[q.id]: question_data(q, quiz, course.salt, md)
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
        "screens": [{"id": s.id, "kind": s.kind, "module": s.module_id, "title": titles[s.id]}
                    for s in course.screens],
        "questions": questions,
        "final": [course.keys[q.id] for q in course.final.questions] if course.final else [],
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


@dataclass(frozen=True)
class BrandView:
    """The brand as the learner page uses it: CSS overrides and the logo's path in the package."""

    style: str
    logo: str


def brand_view(brand: Brand) -> BrandView:
    """The brand's CSS overrides and the logo's path in the package."""
    colour = brand.primary_colour
    style = f":root{{--ac:{colour};--ac-dark:{darker(colour)}}}" if colour else ""
    return BrandView(style, package_path("course.yaml", brand.logo) if brand.logo else "")


@dataclass(frozen=True)
class LearnerCourse:
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
    authors: tuple[str, ...]
    version: str
    brand: BrandView


def learner_course(course: ResolvedCourse) -> LearnerCourse:
    """The learner's view of a resolved course."""
    source = course.course
    return LearnerCourse(source.id, source.title, source.language, source.description,
                         source.duration_minutes, source.jp, course.pass_mark, source.credit,
                         source.licence, source.authors, source.version, brand_view(source.brand))


def render_learner(course: Course | ResolvedCourse, env: Environment) -> FileMap:
    """The learner package: index.html, its static files and the media it uses."""
    resolved = course if isinstance(course, ResolvedCourse) else resolve(course)
    source = resolved.course
    md = MarkdownRenderer(course_palette(source))
    modules, screen_views = build_views(resolved, md)
    view = learner_course(resolved)
    html = render_template(env, "learner/index.html.j2", source.root,
                           course=view, modules=modules, screens=screen_views, brand=view.brand,
                           runtime_data=json_for_script(runtime_data(
                               resolved, {s.id: s.title for s in screen_views})),
                           results_id=RESULTS_SCREEN_ID)
    files = {"index.html": html.encode("utf-8")}
    files.update(static_files(templates_dir() / "learner" / "static"))
    files.update(static_files(source.root / "templates" / "learner" / "static"))
    files.update(media_files(source, screen_views))
    if view.brand.logo:
        files[view.brand.logo] = (source.root / source.brand.logo).read_bytes()
    return files
