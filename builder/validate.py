"""Pure checks over the loaded course: ids, cross-references, quizzes, assets, safety, budgets."""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterable, Iterator

from .diagrams import check_markdown
from .errors import Diagnostic, error, warning
from .model import Course, Location, Module, Page, Question, Quiz
from .resolve import ResolvedCourse, resolve
from .session import planned_minutes
from .targets.quizbank import gift_category_placeholder, gift_placeholder
from .state import (
    RESULTS_SCREEN_ID,
    SCORM12_SUSPEND_LIMIT,
    worst_case_suspend_length,
)

ID_PATTERN = re.compile(r"^[a-z][a-z0-9-]{0,39}$")
LANGUAGE_PATTERN = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")
QUESTION_TYPES = ("single", "multiple", "truefalse")
QUIZ_KINDS = ("knowledge-check", "final")
MAX_CHOICES = 10
MAX_VERSION = 20  # the `version` attribute of an IMS content package manifest (maxLength 20)

IMAGE_REF = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)>?")
HTML_SRC = re.compile(r"""\b(?:src|href)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
UNSAFE_HTML = (
    (re.compile(r"<\s*script\b", re.IGNORECASE), "a <script> element"),
    (re.compile(r"<\s*(iframe|object|embed|frame|frameset)\b", re.IGNORECASE), "an embedded frame"),
    (re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE), "an event handler attribute"),
    (re.compile(r"javascript\s*:", re.IGNORECASE), "a 'javascript:' link"),
    (re.compile(r"<\s*(style|form|input|button|textarea|select)\b", re.IGNORECASE),
     "an element that is not allowed in course text"),
)


def check_id(value: str, loc: Location, what: str) -> Iterator[Diagnostic]:
    """An id must be short, lowercase and stable."""
    if value and not ID_PATTERN.match(value):
        yield error(loc, "invalid-id", what=what, value=value)


def check_unique(items: Iterable[tuple[str, Location]], what: str) -> Iterator[Diagnostic]:
    """Ids of one kind must be unique; the second use is reported, naming the first."""
    first: dict[str, Location] = {}
    for value, loc in items:
        if not value:
            continue
        if value in first:
            other = first[value]
            yield error(loc, "duplicate-id", what=what, value=value,
                        first=f"{other.path}:{other.line}")
        else:
            first[value] = loc


def check_course_fields(course: Course) -> Iterator[Diagnostic]:
    """The course file's own values."""
    yield from check_id(course.id, course.at("id"), "course")
    if len(course.version) > MAX_VERSION:
        yield error(course.at("version"), "version-too-long", value=course.version,
                    limit=MAX_VERSION)
    if course.language and not LANGUAGE_PATTERN.match(course.language):
        yield error(course.at("language"), "invalid-language", value=course.language)
    for name, value in (("duration_minutes", course.duration_minutes), ("jp", course.jp),
                        ("session_minutes", course.session_minutes)):
        if value < 0:
            yield error(course.at(name), "negative-number", name=name)
    if not course.module_ids:
        yield error(course.at("modules"), "empty-course")


def check_module_list(course: Course) -> Iterator[Diagnostic]:
    """Every listed module exists, and every module file is listed."""
    known = {m.id: m for m in course.modules}
    seen: set[str] = set()
    for index, module_id in enumerate(course.module_ids):
        loc = course.module_locs[index] if index < len(course.module_locs) else course.at("modules")
        if module_id in seen:
            yield error(loc, "module-listed-twice", value=module_id)
        seen.add(module_id)
        if module_id not in known:
            close = difflib.get_close_matches(module_id, list(known), n=1)
            yield error(loc, "module-missing" if close else "module-missing-no-match",
                        value=module_id, suggestion=close[0] if close else "")
    for module in course.modules:
        if module.id and module.id not in seen:
            yield error(module.loc, "module-not-listed", value=module.id)


def check_module(module: Module, course: Course) -> Iterator[Diagnostic]:
    """A module's id, objectives, knowledge check and reflection."""
    yield from check_id(module.id, module.loc, "module")
    if not module.objectives:
        yield warning(module.loc, "no-objectives", value=module.id)
    for page in module.pages:
        yield from check_id(page.id or "{#}", page.loc, "page")
        if not page.markdown.strip() and page.id != module.id:
            yield warning(page.loc, "empty-page", value=page.id)
    if module.quiz_id:
        quiz = course.quiz(module.quiz_id)
        if quiz is None:
            yield error(module.quiz_loc or module.loc, "quiz-missing", module=module.id,
                        value=module.quiz_id)
        elif quiz.is_final:
            yield error(module.quiz_loc or module.loc, "final-as-check", module=module.id)
    if module.reflection:
        yield from check_id(module.reflection.id, module.reflection.loc, "reflection")
        if not module.reflection.prompts:
            yield error(module.reflection.loc, "empty-reflection", value=module.reflection.id)
    if module.notes and module.notes.minutes <= 0:
        yield error(module.notes.minutes_loc or module.notes.loc, "invalid-minutes")


def check_quiz_uses(course: Course) -> Iterator[Diagnostic]:
    """A quiz is the knowledge check of one module at most: a second use repeats its screen id."""
    first: dict[str, Module] = {}
    for module in course.modules:
        if not module.quiz_id:
            continue
        if module.quiz_id in first:
            other = first[module.quiz_id]
            yield error(module.quiz_loc or module.loc, "quiz-used-twice", value=module.quiz_id,
                        module=other.id)
        else:
            first[module.quiz_id] = module


def check_gift_texts(quiz: Quiz, course: Course) -> Iterator[Diagnostic]:
    """Texts the Moodle GIFT export cannot carry: Moodle would read `&&058;` as an escaped `:`."""
    for title, loc in ((course.title, course.at("title")), (quiz.title, quiz.title_loc or quiz.loc)):
        found = gift_category_placeholder(title)
        if found:
            yield error(loc, "gift-title", value=found)
    for question in quiz.questions:
        texts = [(question.prompt, question.loc)]
        texts += [(text, choice.loc) for choice in question.choices
                  for text in (choice.text, choice.feedback)]
        for text, loc in texts:
            found = gift_placeholder(text)
            if found:
                yield error(loc, "gift-text", value=found, question=question.id)


def check_question(question: Question) -> Iterator[Diagnostic]:
    """A question's type, choices and correct answers."""
    yield from check_id(question.id, question.loc, "question")
    if question.type not in QUESTION_TYPES:
        yield error(question.loc, "question-type", value=question.type)
        return
    count = len(question.choices)
    if question.type != "truefalse" and not 2 <= count <= MAX_CHOICES:
        yield error(question.loc, "choice-count", value=question.id, count=count,
                    limit=MAX_CHOICES)
    for choice in question.choices:
        if question.type != "truefalse":
            yield from check_id(choice.id, choice.loc, "choice")
    yield from check_unique(((c.id, c.loc) for c in question.choices), "choice")
    correct = sum(c.correct for c in question.choices)
    if correct == 0 and question.type != "truefalse":
        yield error(question.loc, "no-correct-answer", value=question.id)
    elif correct > 1 and question.type == "single":
        yield error(question.loc, "several-correct-answers", value=question.id, count=correct)


def check_quiz(quiz: Quiz, course: Course) -> Iterator[Diagnostic]:
    """A quiz's kind, pass mark and questions."""
    yield from check_id(quiz.id, quiz.loc, "quiz")
    if quiz.kind not in QUIZ_KINDS:
        yield error(quiz.loc, "quiz-kind", value=quiz.kind)
    if not quiz.questions:
        yield error(quiz.loc, "empty-quiz", value=quiz.id)
    if quiz.is_final:
        if quiz.pass_mark is None:
            yield error(quiz.loc, "missing-pass-mark")
        elif not 1 <= quiz.pass_mark <= 100:
            yield error(quiz.pass_mark_loc or quiz.loc, "pass-mark-range", value=quiz.pass_mark)
        if quiz.id != course.final_assessment_id:
            yield error(quiz.loc, "second-final", value=quiz.id, final=course.final_assessment_id)
    elif quiz.pass_mark is not None:
        yield warning(quiz.pass_mark_loc or quiz.loc, "unused-pass-mark")
    used = {m.quiz_id for m in course.modules} | {course.final_assessment_id}
    if quiz.id and quiz.id not in used:
        yield warning(quiz.loc, "unused-quiz", value=quiz.id)
    for question in quiz.questions:
        yield from check_question(question)
    yield from check_gift_texts(quiz, course)


def check_final(course: Course) -> Iterator[Diagnostic]:
    """The course names an existing final assessment."""
    final = course.final_assessment
    if course.final_assessment_id and final is None:
        yield error(course.at("final_assessment"), "final-missing",
                    value=course.final_assessment_id)
    elif final is not None and not final.is_final:
        yield error(final.loc, "final-not-final", value=final.id)


def check_ids(course: Course) -> Iterator[Diagnostic]:
    """Ids unique per kind; screen ids (pages, quizzes, reflections) unique across the course."""
    yield from check_unique(((m.id, m.loc) for m in course.modules), "module")
    yield from check_unique(((q.id, q.loc) for q in course.quizzes), "quiz")
    yield from check_unique(((q.id, q.loc) for quiz in course.quizzes for q in quiz.questions),
                            "question")
    screen_ids = [(p.id, p.loc) for m in course.modules for p in m.pages]
    first_quizzes = {q.id: q.loc for q in reversed(course.quizzes)}  # a twin is reported as a quiz
    screen_ids += list(first_quizzes.items())
    screen_ids += [(m.reflection.id, m.reflection.loc) for m in course.modules if m.reflection]
    yield from check_unique(screen_ids, "page")
    for sid, loc in screen_ids:
        if sid == RESULTS_SCREEN_ID:
            yield error(loc, "reserved-id", value=sid)


def line_of(page: Page, offset: int) -> int:
    """Source line of a character offset inside a page's Markdown."""
    return page.first_line + page.markdown.count("\n", 0, offset)


def check_page_html(page: Page) -> Iterator[Diagnostic]:
    """Raw HTML that the sanitizer will remove is reported with its line."""
    for pattern, what in UNSAFE_HTML:
        for match in pattern.finditer(page.markdown):
            loc = Location(page.loc.path, line_of(page, match.start()), 1)
            yield warning(loc, "unsafe-html", what=what, value=page.id)


def resolve_asset(module_path: str, ref: str) -> str | None:
    """A reference relative to the module file, as a path inside the course; None if it leaves."""
    if ref.startswith(("/", "\\")) or re.match(r"^[a-zA-Z]:", ref):
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(module_path), ref))
    return None if joined.startswith("..") else joined


def check_page_assets(page: Page, course: Course) -> Iterator[Diagnostic]:
    """Images and links to local files exist inside the course folder."""
    refs = [(m.start(1), m.group(1)) for m in IMAGE_REF.finditer(page.markdown)]
    refs += [(m.start(1), m.group(1)) for m in HTML_SRC.finditer(page.markdown)]
    for offset, ref in refs:
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", ref) or ref.startswith("#"):
            continue
        loc = Location(page.loc.path, line_of(page, offset), 1)
        target = resolve_asset(page.loc.path, ref.split("#")[0].split("?")[0])
        if target is None:
            yield error(loc, "asset-outside", value=ref)
        elif target not in course.assets:
            yield error(loc, "missing-asset", value=ref)
        elif not (course.root / target).resolve().is_relative_to(course.root.resolve()):
            yield error(loc, "asset-outside", value=ref)


HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# The primary colour is the background of buttons with white text, and the colour of links on
# white and on the light panels (--soft in coursepack.css).
BRAND_BACKGROUNDS = (("#ffffff", "white text and backgrounds"), ("#f2f5f8", "the light panels"))


def luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of a #rrggbb colour."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio of two colours."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def check_brand(course: Course) -> Iterator[Diagnostic]:
    """The brand colour is readable where it is used; the logo exists."""
    brand = course.brand
    if brand.primary_colour:
        if not HEX_COLOUR.match(brand.primary_colour):
            yield error(brand.loc, "brand-colour-format", value=brand.primary_colour)
        else:
            for background, name in BRAND_BACKGROUNDS:
                ratio = contrast(brand.primary_colour, background)
                if ratio < 4.5:
                    yield error(brand.loc, "brand-contrast", value=brand.primary_colour,
                                ratio=f"{ratio:.2f}", against=name)
    if brand.logo:
        target = resolve_asset("course.yaml", brand.logo)
        if target is None:
            yield error(course.at("brand"), "asset-outside", value=brand.logo)
        elif target not in course.assets:
            yield error(course.at("brand"), "missing-asset", value=brand.logo)
        elif not (course.root / target).resolve().is_relative_to(course.root.resolve()):
            yield error(course.at("brand"), "asset-outside", value=brand.logo)  # a symlink out


def check_budgets(course: ResolvedCourse) -> Iterator[Diagnostic]:
    """The saved learner state always fits the SCORM 1.2 suspend_data limit."""
    worst = worst_case_suspend_length(course)
    if worst > SCORM12_SUSPEND_LIMIT:
        yield error(course.course.loc, "suspend-data-budget", worst=worst, limit=SCORM12_SUSPEND_LIMIT)


def check_session(course: ResolvedCourse) -> Iterator[Diagnostic]:
    """The facilitator's session plan fits the session length."""
    needed = planned_minutes(course)
    if needed > course.course.session_minutes:
        yield error(course.course.at("session_minutes"), "session-too-long", needed=needed,
                    session=course.course.session_minutes)


def validate(course: Course, resolved: ResolvedCourse | None = None) -> list[Diagnostic]:
    """Every problem in a loaded course (`resolved`: its structure, if already worked out)."""
    problems: list[Diagnostic] = []
    problems += check_course_fields(course)
    problems += check_module_list(course)
    problems += check_quiz_uses(course)
    problems += check_ids(course)
    for module in course.modules:
        problems += check_module(module, course)
        for page in module.pages:
            problems += check_page_html(page)
            problems += check_page_assets(page, course)
            problems += check_markdown(page.markdown, page.loc.path, page.first_line)
    problems += check_final(course)
    for quiz in course.quizzes:
        problems += check_quiz(quiz, course)
    resolved = resolved or resolve(course)  # the structure as far as it is there
    problems += check_budgets(resolved)
    problems += check_session(resolved)
    problems += check_brand(course)
    return sorted(set(problems))
