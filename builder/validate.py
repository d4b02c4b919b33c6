"""Pure checks over the loaded course: ids, cross-references, quizzes, assets, safety, budgets."""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from urllib.parse import unquote

from msgspec import Struct, field

from .assets import WINDOWS_DRIVE, Refusal, Resolver, Use, browser_url, url_scheme, walk_static
from .blueprint import check_blueprint
from .diagrams import check_markdown
from .errors import CourseError, Diagnostic, error, warning
from .i18n import languages, primary
from .model import Course, Location, Module, Question, Quiz
from .render import (
    Converter,
    MarkdownRenderer,
    Removal,
    Rendered,
    make_environment,
    network_references,
    theme_line,
)
from .resolve import (
    ANSWER_TIMES,
    FEEDBACK_TIMES,
    GRADING_METHODS,
    LAYOUTS,
    ResolvedCourse,
    resolve,
)
from .session import planned_minutes
from .targets.quizbank import gift_category_placeholder, gift_placeholder
from .state import (
    RESULTS_SCREEN_ID,
    SCORM12_SUSPEND_LIMIT,
    worst_case_suspend_length,
)

ID_PATTERN = re.compile(r"^[a-z][a-z0-9-]{0,39}$")
LANGUAGE_PATTERN = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")
QUESTION_TYPES = ("single", "multiple", "truefalse", "sorting", "ordering", "matching")
QUIZ_KINDS = ("knowledge-check", "final")
MAX_CHOICES = 10
MAX_VERSION = 20  # the `version` attribute of an IMS content package manifest (maxLength 20)
JP_MINUTES = 45  # one Jam Pelajaran


def close_matches(word: str, known: list[str]) -> list[str]:
    """The known word closest to a misspelt one, if any (difflib: imported only when needed)."""
    import difflib

    return difflib.get_close_matches(word, known, n=1)


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
    elif course.language and primary(course.language) not in languages():
        yield warning(course.at("language"), "language-no-catalog", value=course.language,
                      languages=", ".join(languages()))
    for name, value in (("duration_minutes", course.duration_minutes), ("jp", course.jp),
                        ("session_minutes", course.session_minutes)):
        if value < 0:
            yield error(course.at(name), "negative-number", name=name)
    if not course.module_ids:
        yield error(course.at("modules"), "empty-course")


def check_placeholders(course: Course) -> Iterator[Diagnostic]:
    """A warning for every credit field a centre has still to fill in (see docs/source-format.md)."""
    for at, name, value in course.unfilled:
        yield warning(course.at(at), "placeholder", name=name, value=repr(value))


def check_time_budget(course: Course) -> Iterator[Diagnostic]:
    """Learner minutes and the classroom session equal the JP credit (1 JP = 45 minutes).

    Checked once course.yaml writes `session_minutes` (it then states its classroom plan).
    """
    if course.jp <= 0 or "session_minutes" not in dict(course.field_locs):
        return
    expected = course.jp * JP_MINUTES
    if course.duration_minutes != expected:
        yield warning(course.at("duration_minutes"), "time-budget-duration",
                      value=course.duration_minutes, jp=course.jp, expected=expected)
    if course.session_minutes != expected:
        yield warning(course.at("session_minutes"), "time-budget-session",
                      value=course.session_minutes, jp=course.jp, expected=expected)


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
            close = close_matches(module_id, list(known))
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
        texts = [(question.prompt, question.loc)] + question_texts(question)
        for text, loc in texts:
            found = gift_placeholder(text)
            if found:
                yield error(loc, "gift-text", value=found, question=question.id)


# ---- sorting, ordering and matching questions (engineer "qtypes")
MIN_PARTS = 3  # Moodle's matching editor wants 3 answers; two items are a coin toss
MAX_PARTS = 10
MIN_CATEGORIES, MAX_CATEGORIES = 2, 4


def check_parts(question: Question) -> Iterator[Diagnostic]:
    """Item or pair ids valid and unique, and as many as an arranged question may have."""
    what = "pair" if question.type == "matching" else "item"
    parts = ([(p.id, p.loc) for p in question.pairs] if question.type == "matching"
             else [(i.id, i.loc) for i in question.items])
    for value, loc in parts:
        yield from check_id(value, loc, what)
    yield from check_unique(parts, what)
    if not MIN_PARTS <= len(parts) <= MAX_PARTS:
        yield error(question.loc, "part-count", value=question.id, count=len(parts), what=what,
                    low=MIN_PARTS, high=MAX_PARTS)


def check_sorting(question: Question) -> Iterator[Diagnostic]:
    """2 to 4 categories, each item in one of them; a category no item belongs to is a warning."""
    for category in question.categories:
        yield from check_id(category.id, category.loc, "category")
    yield from check_unique(((c.id, c.loc) for c in question.categories), "category")
    count = len(question.categories)
    if not MIN_CATEGORIES <= count <= MAX_CATEGORIES:
        yield error(question.loc, "category-count", value=question.id, count=count,
                    low=MIN_CATEGORIES, high=MAX_CATEGORIES)
    known = [c.id for c in question.categories]
    for item in question.items:
        if item.category and item.category not in known:
            close = close_matches(item.category, known)
            yield error(item.category_loc or item.loc,
                        "unknown-category" if close else "unknown-category-no-match",
                        value=item.category, item=item.id, suggestion=close[0] if close else "",
                        known=", ".join(known))
    used = {i.category for i in question.items}
    for category in question.categories:
        if category.id and category.id not in used:
            yield warning(category.loc, "category-unused", value=category.id, question=question.id)


def check_arranged(question: Question) -> Iterator[Diagnostic]:
    """A sorting, ordering or matching question."""
    yield from check_parts(question)
    if question.type == "sorting":
        yield from check_sorting(question)
    # Moodle merges answers of the same text: two responses (or categories) would become one.
    shown: list[tuple[str, Location]] = (
        [(i.text, i.loc) for i in question.items] if question.type == "ordering" else
        [(c.text, c.loc) for c in question.categories] + [(p.response, p.loc)
                                                           for p in question.pairs])
    seen: set[str] = set()
    for text, loc in shown:
        if text and text in seen:
            yield error(loc, "same-text", value=text, question=question.id)
        seen.add(text)
    stems = ([(i.text, i.loc) for i in question.items] if question.type == "sorting" else
             [(p.premise, p.loc) for p in question.pairs])
    for text, loc in stems:
        if "->" in text:
            yield error(loc, "gift-arrow", question=question.id)


def question_texts(question: Question) -> list[tuple[str, Location]]:
    """Every text of a question but its prompt, with where it is written."""
    texts = [(t, c.loc) for c in question.choices for t in (c.text, c.feedback)]
    texts += [(c.text, c.loc) for c in question.categories]
    texts += [(i.text, i.loc) for i in question.items]
    texts += [(t, p.loc) for p in question.pairs for t in (p.premise, p.response)]
    texts += [(t, question.feedback_loc or question.loc) for t in question.feedback if t]
    return texts
# ---- end of sorting, ordering and matching


def check_question(question: Question) -> Iterator[Diagnostic]:
    """A question's type, choices and correct answers."""
    yield from check_id(question.id, question.loc, "question")
    if question.type not in QUESTION_TYPES:
        yield error(question.loc, "question-type", value=question.type)
        return
    if question.arranged:
        yield from check_arranged(question)
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
    yield from check_settings(quiz)
    yield from check_pools(quiz)
    yield from check_gift_texts(quiz, course)


FINAL_ONLY_SETTINGS = ("grading", "layout", "bands")


def check_settings(quiz: Quiz) -> Iterator[Diagnostic]:
    """A quiz's `settings:`: known values, bands going up from 0, final-only fields on a final."""
    written = quiz.settings
    for name, value, allowed in (("grading", written.grading, GRADING_METHODS),
                                 ("feedback", written.feedback, FEEDBACK_TIMES),
                                 ("show_answers", written.show_answers, ANSWER_TIMES),
                                 ("layout", written.layout, LAYOUTS)):
        if value is not None and value not in allowed:
            yield error(written.at(name, quiz.loc), "setting-value", name=name, value=value,
                        allowed=", ".join(allowed))
    if written.attempts is not None and written.attempts < 0:
        yield error(written.at("attempts", quiz.loc), "setting-attempts",
                    value=written.attempts)
    if not quiz.is_final:
        for name in FINAL_ONLY_SETTINGS:
            if name in dict(written.field_locs):
                yield warning(written.at(name, quiz.loc), "setting-final-only", name=name)
    previous: int | None = None
    for band in written.bands:
        if not 0 <= band.start <= 100:
            yield error(band.loc, "band-range", value=band.start)
        elif previous is not None and band.start <= previous:
            yield error(band.loc, "band-order", value=band.start, previous=previous)
        elif previous is None and band.start != 0:
            yield error(band.loc, "band-start", value=band.start)
        previous = band.start


def check_pools(quiz: Quiz) -> Iterator[Diagnostic]:
    """Each pool has an id of its own and draws from 1 to all of its questions."""
    for pool in quiz.pools:
        yield from check_id(pool.id, pool.loc, "pool")
        if not 1 <= pool.draw <= len(pool.question_ids):
            yield error(pool.loc, "pool-draw", value=pool.id, draw=pool.draw,
                        count=len(pool.question_ids))
    yield from check_unique(((p.id, p.loc) for p in quiz.pools), "pool")


def check_question_modules(course: Course) -> Iterator[Diagnostic]:
    """A question's `module:` names a listed module and its `objective:` one of its objectives."""
    modules = {m.id: m for m in course.modules if m.id in course.module_ids}
    for quiz in course.quizzes:
        for q in quiz.questions:
            loc = q.module_loc or q.loc
            if q.module and q.module not in modules:
                yield error(loc, "question-module-unknown", question=q.id, value=q.module,
                            known=", ".join(course.module_ids))
            elif q.objective and not q.module:
                yield error(loc, "question-objective-without-module", question=q.id)
            elif q.module and q.objective:
                count = len(modules[q.module].objectives)
                if not 1 <= q.objective <= count:
                    yield error(loc, "question-objective-range", question=q.id,
                                value=q.objective, module=q.module, count=count)


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


def occurrences(needle: str | re.Pattern[str], line: str) -> int:
    """How often a needle is written on a line, as typed or with its character references read."""
    texts = (line, html.unescape(line))
    if isinstance(needle, str):
        return max(text.count(needle) for text in texts) if needle else 0
    return max(len(needle.findall(text)) for text in texts)


class Locator(Struct):
    """Finds the source line that wrote part of a rendered text: the n-th use of a needle there."""

    path: str
    lines: list[str]  # the source lines that may hold the text
    first_line: int  # the line number of lines[0]
    used: Counter[str] = field(default_factory=Counter)

    def find(self, needles: list[str | re.Pattern[str]]) -> Location:
        """The line of the next use of the first needle that is written; else the first line."""
        for needle in needles:
            hits = [n for n, line in enumerate(self.lines) for _ in range(occurrences(needle, line))]
            if hits:
                key = needle if isinstance(needle, str) else needle.pattern
                index = min(self.used[key], len(hits) - 1)
                self.used[key] += 1
                return Location(self.path, self.first_line + hits[index], 1)
        return Location(self.path, self.first_line, 1)


def element_needle(tag: str) -> re.Pattern[str]:
    """Where an element's start tag is written."""
    return re.compile(rf"<\s*{re.escape(tag)}(?![\w-])", re.IGNORECASE)


def attribute_needle(name: str) -> re.Pattern[str]:
    """Where an attribute is written inside a start tag."""
    return re.compile(rf"<[^>]*?\s{re.escape(name)}(?![\w-])", re.IGNORECASE)


def url_needle(url: str) -> re.Pattern[str]:
    """Where a URL is written as one: `](url)`, `]: url` (a reference), or `=url` in a tag."""
    return re.compile(r"(?:\]\(\s*<?|\]:\s*<?|=\s*[\"']?)" + re.escape(url))


def removal_problem(removal: Removal, locator: Locator, what: str, value: str) -> Diagnostic:
    """The warning for one thing the sanitizer removed, at the line that wrote it."""
    if not removal.attribute:
        article = "an" if removal.tag[:1] in "aeiou" else "a"
        return warning(locator.find([element_needle(removal.tag)]), "unsafe-html",
                       tag=removal.tag, article=article, what=what, value=value)
    scheme = url_scheme(browser_url(removal.value))
    if removal.attribute in ("href", "src") and WINDOWS_DRIVE.match(browser_url(removal.value)):
        return error(locator.find([url_needle(removal.value), removal.value]), "asset-outside",
                     value=removal.value)  # `C:\x` reads as the scheme `c:`; a path all the same
    if removal.attribute in ("href", "src") and scheme:
        return warning(locator.find([removal.value, attribute_needle(removal.attribute)]),
                       "unsafe-link", scheme=scheme, what=what, value=value)
    return warning(locator.find([attribute_needle(removal.attribute)]), "unsafe-attribute",
                   name=removal.attribute, tag=removal.tag, what=what, value=value)


def refusal_problem(use: Use, refusal: Refusal, loc: Location, what: str, value: str
                    ) -> Diagnostic:
    """The diagnostic for a URL the resolver would not take (a removed link is only a warning)."""
    if refusal.code == "unsafe-link":
        return warning(loc, "unsafe-link", scheme=refusal.scheme, what=what, value=value)
    return error(loc, refusal.code, value=use.url, tag=use.tag)


def text_problems(rendered: Rendered, locator: Locator, what: str, value: str
                  ) -> Iterator[Diagnostic]:
    """What the sanitizer removed from a text, and every URL in it that is refused."""
    for removal in rendered.removed:
        yield removal_problem(removal, locator, what, value)
    for use in rendered.uses:
        if use.refusal is not None:
            loc = locator.find([url_needle(use.url), use.url, browser_url(use.url),
                                unquote(use.url)])
            yield refusal_problem(use, use.refusal, loc, what, value)


def source_lines(course: Course, path: str) -> list[str]:
    """The lines of a course file already loaded (empty if it cannot be read again)."""
    try:
        return (course.root / path).read_text("utf-8", errors="replace").split("\n")
    except OSError:
        return []


def from_line(lines: list[str], path: str, line: int) -> Locator:
    """A locator over a file's lines from a line on (the item a text belongs to)."""
    start = max(line, 1)
    return Locator(path, lines[start - 1:], start)


def check_texts(course: Course, converter: Converter | None = None) -> Iterator[Diagnostic]:
    """Every course text as the packages show it: what is removed, what is refused (the HTML
    itself is made by the renderers; the check reads what they would report)."""
    md = MarkdownRenderer(Resolver(course.root), converter=converter)
    for module in course.modules:
        for page in module.pages:
            rendered = md.problems(page.markdown, page.loc.path, shift=1)
            locator = Locator(page.loc.path, page.markdown.split("\n"), page.first_line)
            yield from text_problems(rendered, locator, "page", page.id)
        if module.notes and module.notes.markdown:
            path = module.notes.loc.path
            yield from text_problems(md.problems(module.notes.markdown, path),
                                     from_line(source_lines(course, path), path, 1),
                                     "facilitator notes", module.id)
    for quiz in course.quizzes:
        path = quiz.loc.path
        lines = source_lines(course, path)
        if quiz.intro:
            yield from text_problems(md.problems(quiz.intro, path), from_line(lines, path, 1),
                                     "quiz", quiz.id)
        for question in quiz.questions:
            texts = [(question.prompt, question.loc)] + question_texts(question)
            for text, loc in texts:
                yield from text_problems(md.inline_problems(text, path),
                                         from_line(lines, path, loc.line), "question", question.id)


def check_theme(course: Course) -> Iterator[Diagnostic]:
    """The theme's files stay in the course folder, and its templates compile."""
    folder = course.root / "templates"
    env = make_environment(course.root, course.language)
    for name, found in walk_static(course.root, folder):
        if isinstance(found, Refusal):
            yield error(Location(found.value), found.code, value=found.value, tag="")
        elif "/static/" in f"/{name}":
            for url in network_references(name, found.read_bytes()):
                yield error(theme_line(course.root, url), "remote-asset", value=url)
        elif name.endswith(".j2"):
            try:
                env.get_template(name)
            except CourseError as exc:
                yield from exc.diagnostics


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
        found = Resolver(course.root).url("course.yaml", "img", brand.logo)
        if isinstance(found, Refusal):
            yield refusal_problem(Use("img", "src", brand.logo, found), found, course.at("brand"),
                                  "brand", course.id)


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


def validate(course: Course, resolved: ResolvedCourse | None = None,
             converter: Converter | None = None) -> list[Diagnostic]:
    """Every problem in a loaded course (`resolved`: its structure, if already worked out;
    `converter`: the build's, so that the texts checked here are not converted again)."""
    problems: list[Diagnostic] = []
    problems += check_course_fields(course)
    problems += check_placeholders(course)
    problems += check_time_budget(course)
    problems += check_module_list(course)
    problems += check_quiz_uses(course)
    problems += check_ids(course)
    for module in course.modules:
        problems += check_module(module, course)
        for page in module.pages:
            problems += check_markdown(page.markdown, page.loc.path, page.first_line)
    problems += check_final(course)
    problems += check_question_modules(course)
    problems += check_blueprint(course)
    for quiz in course.quizzes:
        problems += check_quiz(quiz, course)
    resolved = resolved or resolve(course)  # the structure as far as it is there
    problems += check_budgets(resolved)
    problems += check_session(resolved)
    problems += check_brand(course)
    problems += check_texts(course, converter)
    problems += check_theme(course)
    return sorted(set(problems))
