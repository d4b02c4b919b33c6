"""Read `course_src/` into the course model, collecting diagnostics with file, line and column."""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from msgspec.structs import replace

from .assets import is_hidden
from .cards import read_cards
from .errors import Diagnostic, error
from .i18n import translations
from .model import (
    ARRANGE_TYPES,
    Brand,
    Budgets,
    Category,
    Choice,
    Course,
    FacilitatorNotes,
    Item,
    Location,
    Band,
    Module,
    Page,
    Pair,
    Pool,
    Question,
    Quiz,
    QuizSettings,
    Reflection,
    Signatory,
    Source,
)
from .nesting import MAX_NESTING, too_deep
from .yamlsrc import Located, Reader, parse_yaml

COURSE_FILE = "course.yaml"
COURSE_FIELDS = ("id", "version", "title", "language", "description", "authors", "source",
                 "licence", "duration_minutes", "jp", "modules", "final_assessment",
                 "session_minutes", "brand", "budgets", "organisation", "signatory")
SIGNATORY_FIELDS = ("name", "title", "nip")
BUDGET_FIELDS = ("package_kb", "upload_mb")
BRAND_FIELDS = ("logo", "primary_colour")
SOURCE_FIELDS = ("title", "author", "url", "credit", "copyright")
MODULE_FIELDS = ("id", "title", "objectives", "quiz", "reflection")
REFLECTION_FIELDS = ("id", "title", "prompts")
QUIZ_FIELDS = ("id", "title", "kind", "intro", "pass_mark", "questions", "settings")
SETTINGS_FIELDS = ("attempts", "grading", "feedback", "show_answers", "shuffle_questions",
                   "shuffle_choices", "layout", "bands")
BAND_FIELDS = ("from", "message")
POOL_FIELDS = ("pool", "draw", "questions")
QUESTION_FIELDS = ("id", "type", "prompt", "choices", "answer", "feedback", "categories", "items",
                   "pairs", "module", "objective")
CHOICE_FIELDS = ("id", "text", "correct", "feedback", "kind")
# A true/false question's choice ids (language-neutral) and the feedback keys that name them:
# `true:`/`false:`, or the older Indonesian `benar:`/`salah:`.
TRUEFALSE_IDS = ("true", "false")
TRUEFALSE_FEEDBACK = (TRUEFALSE_IDS, ("benar", "salah"))
NOTES_FIELDS = ("module", "minutes", "method", "materials", "output")
NOTES_SUFFIX = ".facilitator.md"
# A course source file bigger than this is refused (the largest real module is a few KB).
MAX_SOURCE_BYTES = 2 * 1024 * 1024
# Read-only, never blocking on a named pipe; bytes as they are on Windows too.
OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
              | getattr(os, "O_BINARY", 0))

PAGE_HEADING = re.compile(r"^##\s+(?P<title>.+?)\s*(?:\{#(?P<id>[^}\s]*)\})?\s*$")
FENCE = re.compile(r"^(```|~~~)")


def read_source(path: Path, rel: str) -> tuple[bytes | None, list[Diagnostic]]:
    """The bytes of a course source file: a regular file of at most MAX_SOURCE_BYTES.

    A named pipe would block a plain read forever and a link to /dev/zero would never end, so the
    kind of file is checked before it is opened, the file is opened without blocking, checked
    again on the open descriptor, and read up to the limit only. A link out of the course folder
    is refused.
    """
    root = path.parents[len(Path(rel).parts) - 1]
    try:
        if not stat.S_ISREG(os.stat(path).st_mode) and not path.is_dir():
            return None, [error(Location(rel), "not-a-regular-file")]
        if not path.resolve().is_relative_to(root.resolve()):
            return None, [error(Location(rel), "source-outside")]
        fd = os.open(path, OPEN_FLAGS)
        with os.fdopen(fd, "rb") as handle:
            mode = os.fstat(handle.fileno()).st_mode
            if stat.S_ISDIR(mode):
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
            if not stat.S_ISREG(mode):
                return None, [error(Location(rel), "not-a-regular-file")]
            raw = handle.read(MAX_SOURCE_BYTES + 1)
    except OSError as exc:
        return None, [error(Location(rel), "unreadable-file", reason=exc.strerror)]
    if len(raw) > MAX_SOURCE_BYTES:
        return None, [error(Location(rel), "file-too-big", limit=MAX_SOURCE_BYTES // 1024 // 1024)]
    return raw, []


def read_text(path: Path, rel: str) -> tuple[str | None, list[Diagnostic]]:
    """Read a UTF-8 text file; a file in another encoding is a diagnostic, not a crash."""
    raw, problems = read_source(path, rel)
    if raw is None:
        return None, problems
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [error(Location(rel, line, col), "not-utf8")]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def split_front_matter(text: str, rel: str) -> tuple[str, str, int, list[Diagnostic]]:
    """Split `---` YAML front matter from a Markdown body; return (yaml, body, body_line, problems)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return "", text, 1, [error(Location(rel, 1, 1), "front-matter-missing")]
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1:]), i + 2, []
    return "", "", 1, [error(Location(rel, 1, 1), "front-matter-unclosed")]


def slugify(text: str) -> str:
    """A page id from a heading: lowercase ASCII letters, digits and dashes."""
    ascii_text = text.lower().encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:40].strip("-")
    return slug if slug and slug[0].isalpha() else f"p-{slug}".strip("-")


def split_pages(module_id: str, title: str, body: str, rel: str, first_line: int) -> tuple[Page, ...]:
    """Split a module body into pages at each level-2 heading (outside fenced code)."""
    pages: list[Page] = []
    current_id, current_title, start = module_id, title, first_line
    chunk: list[str] = []
    body_start = first_line
    in_fence = False
    for offset, line in enumerate(body.split("\n")):
        if FENCE.match(line.strip()):
            in_fence = not in_fence
        match = None if in_fence else PAGE_HEADING.match(line)
        if match:
            pages.append(Page(current_id, current_title, "\n".join(chunk),
                              Location(rel, start, 1), body_start))
            current_title = match["title"]
            current_id = match["id"] if match["id"] is not None else slugify(current_title)
            start, body_start, chunk = first_line + offset, first_line + offset + 1, []
        else:
            chunk.append(line)
    pages.append(Page(current_id, current_title, "\n".join(chunk),
                      Location(rel, start, 1), body_start))
    return tuple(pages)


def load_reflection(reader: Reader) -> Reflection | None:
    """The optional reflection activity of a module."""
    if "reflection" not in reader.mapping:
        return None
    if not isinstance(reader.mapping["reflection"], dict):
        reader.diagnostics.append(error(reader.loc("reflection"), "not-a-mapping",
                                        what="reflection"))
        return None
    sub = reader.sub(reader.key + ("reflection",), REFLECTION_FIELDS, "reflection")
    return Reflection(sub.text("id"), sub.text("title"), sub.texts("prompts"), sub.loc())


def read_front_matter(path: Path, rel: str
                      ) -> tuple[Located | None, str, int, list[Diagnostic]]:
    """Read a Markdown file with YAML front matter: (fields, body, body's first line, problems).

    The fields are None when the file cannot be read or its front matter is not a mapping.
    """
    text, problems = read_text(path, rel)
    if text is None:
        return None, "", 0, problems
    head, body, body_line, problems = split_front_matter(text, rel)
    if problems:
        return None, "", 0, problems
    doc, problems = parse_yaml(head, rel, line_offset=1)
    if doc is None:
        return None, "", 0, problems
    if not isinstance(doc.data, dict):
        return None, "", 0, problems + [error(Location(rel, 2, 1), "not-a-mapping",
                                              what="front matter")]
    deep = too_deep(body)
    if deep is not None:
        problems.append(error(Location(rel, body_line + deep, 1), "too-deep", limit=MAX_NESTING))
    return doc, body, body_line, problems


def load_module(path: Path, rel: str) -> tuple[Module | None, list[Diagnostic]]:
    """Read one module file: front matter and pages."""
    doc, body, body_line, problems = read_front_matter(path, rel)
    if doc is None:
        return None, problems
    reader = Reader(doc, (), problems, MODULE_FIELDS, "module")
    reader.check_unknown()
    module_id, title = reader.text("id"), reader.text("title")
    module = Module(
        id=module_id,
        title=title,
        objectives=reader.texts("objectives"),
        pages=split_pages(module_id, title, body, rel, body_line),
        quiz_id=reader.text("quiz", required=False) or None,
        reflection=load_reflection(reader),
        loc=doc.loc(("id",)) if "id" in doc.data else Location(rel, 1, 1),
        quiz_loc=doc.loc(("quiz",)) if "quiz" in doc.data else None,
    )
    return module, problems


def load_notes(path: Path, rel: str) -> tuple[FacilitatorNotes | None, list[Diagnostic]]:
    """Read one facilitator notes file: its session block fields and its dilemma cards."""
    doc, body, body_line, problems = read_front_matter(path, rel)
    if doc is None:
        return None, problems
    reader = Reader(doc, (), problems, NOTES_FIELDS, "facilitator notes")
    reader.check_unknown()
    cards, more = read_cards(split_pages("intro", "", body, rel, body_line), rel)
    notes = FacilitatorNotes(reader.text("module"), reader.integer("minutes"), body.strip("\n"),
                             doc.loc(("module",)),
                             doc.loc(("minutes",)) if "minutes" in doc.data else None,
                             method=reader.text("method", required=False),
                             materials=reader.texts("materials", required=False),
                             output=reader.text("output", required=False),
                             cards=cards)
    return notes, problems + more


# ---- sorting, ordering and matching questions (engineer "qtypes")
CATEGORY_FIELDS = ("id", "text")
SORTING_ITEM_FIELDS = ("id", "text", "category")
ORDERING_ITEM_FIELDS = ("id", "text")
PAIR_FIELDS = ("id", "premise", "response")
ARRANGE_FEEDBACK = ("correct", "incorrect")
# The list fields each type reads; a list field of another type is reported, never ignored.
TYPE_LISTS = {"sorting": ("categories", "items"), "ordering": ("items",), "matching": ("pairs",),
              "single": ("choices",), "multiple": ("choices",), "truefalse": ()}


def check_type_fields(reader: Reader, qtype: str) -> None:
    """Report list fields (and `answer`) that the question's type does not read."""
    if qtype not in TYPE_LISTS:
        return
    for name in ("categories", "items", "pairs") + (("choices", "answer") if qtype in ARRANGE_TYPES
                                                    else ()):
        if name in reader.mapping and name not in TYPE_LISTS[qtype]:
            reader.diagnostics.append(error(reader.loc(name), "field-not-for-type", name=name,
                                            type=qtype))


def load_arrangement(reader: Reader, qtype: str, base: Question) -> Question:
    """The categories, items or pairs and the correct/incorrect feedback of an arranged question."""
    categories: list[Category] = []
    items: list[Item] = []
    pairs: list[Pair] = []
    if qtype == "sorting":
        for key in reader.items("categories"):
            sub = reader.sub(key, CATEGORY_FIELDS, "category")
            categories.append(Category(sub.text("id"), sub.text("text"), sub.loc()))
    if qtype in ("sorting", "ordering"):
        fields = SORTING_ITEM_FIELDS if qtype == "sorting" else ORDERING_ITEM_FIELDS
        for key in reader.items("items"):
            sub = reader.sub(key, fields, "item")
            category = sub.text("category") if qtype == "sorting" else ""
            items.append(Item(sub.text("id"), sub.text("text"), category, sub.loc(),
                              sub.loc("category") if category else None))
    if qtype == "matching":
        for key in reader.items("pairs"):
            sub = reader.sub(key, PAIR_FIELDS, "pair")
            pairs.append(Pair(sub.text("id"), sub.text("premise"), sub.text("response"), sub.loc()))
    feedback = ("", "")
    if isinstance(reader.mapping.get("feedback"), dict):
        sub = reader.sub(reader.key + ("feedback",), ARRANGE_FEEDBACK, "question feedback")
        feedback = (sub.text("correct", required=False), sub.text("incorrect", required=False))
    elif "feedback" in reader.mapping:
        reader.diagnostics.append(error(reader.loc("feedback"), "not-a-mapping",
                                        what="feedback"))
    return replace(base, choices=(), categories=tuple(categories), items=tuple(items),
                   pairs=tuple(pairs), feedback=feedback,
                   feedback_loc=reader.loc("feedback") if "feedback" in reader.mapping else None)
# ---- end of sorting, ordering and matching


def truefalse_labels(language: object) -> tuple[str, str]:
    """What a true/false question's two choices say in the course's language."""
    t = translations(language if isinstance(language, str) else "")
    return t.gettext("True"), t.gettext("False")


def load_choices(reader: Reader, qtype: str,
                 labels: tuple[str, str] = ("True", "False")) -> tuple[Choice, ...]:
    """The choices of a question; true/false questions get the choices `true` and `false`."""
    if qtype in ARRANGE_TYPES:
        return ()
    if qtype != "truefalse":
        if "answer" in reader.mapping and qtype in ("single", "multiple"):
            reader.diagnostics.append(error(reader.loc("answer"), "answer-on-choice-question"))
        choices = []
        for key in reader.items("choices"):
            sub = reader.sub(key, CHOICE_FIELDS, "choice")
            choices.append(Choice(sub.text("id"), sub.text("text"), sub.text("feedback"),
                                  sub.flag("correct"), sub.loc(),
                                  kind=sub.text("kind", required=False)))
        return tuple(choices)
    if "choices" in reader.mapping:
        reader.diagnostics.append(error(reader.loc("choices"), "choices-on-truefalse"))
    answer = reader.mapping.get("answer")
    if not isinstance(answer, bool):
        reader.diagnostics.append(error(reader.loc("answer" if "answer" in reader.mapping else None),
                                        "truefalse-answer"))
    feedback = reader.mapping.get("feedback")
    texts = dict.fromkeys(TRUEFALSE_IDS, "")
    locs = {name: reader.loc() for name in TRUEFALSE_IDS}
    if isinstance(feedback, dict):
        names = next((keys for keys in TRUEFALSE_FEEDBACK if set(keys) & set(feedback)),
                     TRUEFALSE_FEEDBACK[0])
        sub = reader.sub(reader.key + ("feedback",), names, "true/false feedback")
        for choice_id, name in zip(TRUEFALSE_IDS, names, strict=True):
            texts[choice_id] = sub.text(name)
            if name in feedback:
                locs[choice_id] = sub.loc(name)
    else:
        reader.diagnostics.append(error(reader.loc("feedback" if feedback is not None else None),
                                        "truefalse-feedback"))
    return (Choice("true", labels[0], texts["true"], answer is True, locs["true"]),
            Choice("false", labels[1], texts["false"], answer is False, locs["false"]))


def load_settings(reader: Reader) -> QuizSettings:
    """The optional `settings:` mapping of a quiz file, as written (values checked in validate)."""
    if not isinstance(reader.mapping.get("settings"), dict):
        if "settings" in reader.mapping:
            reader.diagnostics.append(error(reader.loc("settings"), "not-a-mapping",
                                            what="settings"))
        return QuizSettings()
    sub = reader.sub(("settings",), SETTINGS_FIELDS, "settings")
    written = sub.mapping
    bands = []
    for key in sub.items("bands", required=False):
        band = sub.sub(key, BAND_FIELDS, "band")
        bands.append(Band(band.integer("from"), band.text("message"), band.loc()))

    def text(name: str) -> str | None:
        return sub.text(name) or None if name in written else None

    def flag(name: str) -> bool | None:
        return sub.flag(name) if name in written else None

    return QuizSettings(
        attempts=sub.integer("attempts") if "attempts" in written else None,
        grading=text("grading"), feedback=text("feedback"), show_answers=text("show_answers"),
        shuffle_questions=flag("shuffle_questions"), shuffle_choices=flag("shuffle_choices"),
        layout=text("layout"), bands=tuple(bands),
        field_locs=tuple((name, sub.loc(name)) for name in written),
    )


def load_question(reader: Reader, key: tuple[str | int, ...], labels: tuple[str, str]
                  ) -> Question:
    """One question of a quiz's list (or of a pool's)."""
    sub = reader.sub(key, QUESTION_FIELDS, "question")
    qtype = sub.text("type")
    check_type_fields(sub, qtype)
    question = Question(sub.text("id"), qtype, sub.text("prompt"),
                        load_choices(sub, qtype, labels), sub.loc(),
                        module=sub.text("module", required=False),
                        objective=sub.integer("objective", required=False),
                        module_loc=sub.loc("module") if "module" in sub.mapping
                        else sub.loc("objective") if "objective" in sub.mapping else None)
    return load_arrangement(sub, qtype, question) if qtype in ARRANGE_TYPES else question


def load_questions(reader: Reader, labels: tuple[str, str]) -> tuple[list[Question], list[Pool]]:
    """A quiz's questions in authored order, and its pools (a `pool:` item of the list)."""
    questions: list[Question] = []
    pools: list[Pool] = []
    for key in reader.items("questions"):
        item = reader.doc.data
        for part in key:
            item = item[part]
        if "pool" not in item:
            questions.append(load_question(reader, key, labels))
            continue
        pool = reader.sub(key, POOL_FIELDS, "pool")
        members = [load_question(pool, k, labels) for k in pool.items("questions")]
        questions += members
        pools.append(Pool(pool.text("pool"), pool.integer("draw"),
                          tuple(q.id for q in members), pool.loc("pool")))
    return questions, pools


def load_quiz(path: Path, rel: str, labels: tuple[str, str] = ("True", "False")
              ) -> tuple[Quiz | None, list[Diagnostic]]:
    """Read one quiz file; `labels` are what true/false choices say in the course's language."""
    text, problems = read_text(path, rel)
    if text is None:
        return None, problems
    doc, problems = parse_yaml(text, rel)
    if doc is None:
        return None, problems
    if not isinstance(doc.data, dict):
        return None, problems + [error(Location(rel, 1, 1), "not-a-mapping", what="quiz file")]
    reader = Reader(doc, (), problems, QUIZ_FIELDS, "quiz")
    reader.check_unknown()
    questions, pools = load_questions(reader, labels)
    pass_mark = reader.integer("pass_mark", required=False, default=-1)
    quiz = Quiz(
        id=reader.text("id"),
        title=reader.text("title"),
        kind=reader.text("kind"),
        intro=reader.text("intro", required=False),
        pass_mark=None if pass_mark == -1 and "pass_mark" not in doc.data else pass_mark,
        questions=tuple(questions),
        loc=doc.loc(("id",)),
        pass_mark_loc=doc.loc(("pass_mark",)) if "pass_mark" in doc.data else None,
        title_loc=doc.loc(("title",)) if "title" in doc.data else None,
        settings=load_settings(reader),
        pools=tuple(pools),
    )
    return quiz, problems


def attach_notes(modules: list[Module], notes: list[FacilitatorNotes],
                 problems: list[Diagnostic]) -> tuple[Module, ...]:
    """Give each module its facilitator notes; notes for an unknown module are an error."""
    by_module: dict[str, FacilitatorNotes] = {}
    known = {m.id for m in modules}
    for n in notes:
        if n.module_id not in known:
            problems.append(error(n.loc, "unknown-module", value=n.module_id))
        elif n.module_id in by_module:
            first = by_module[n.module_id].loc
            problems.append(error(n.loc, "notes-twice", value=n.module_id,
                                  first=f"{first.path}:{first.line}"))
        else:
            by_module[n.module_id] = n
    return tuple(replace(m, notes=by_module.get(m.id)) for m in modules)


def load_course_file(root: Path) -> tuple[Located | None, list[Diagnostic]]:
    """Read and parse `course.yaml`."""
    path = root / COURSE_FILE
    if not (path.exists() or path.is_symlink()):
        return None, [error(Location(COURSE_FILE), "no-course-file", folder=root)]
    text, problems = read_text(path, COURSE_FILE)
    if text is None:
        return None, problems
    doc, more = parse_yaml(text, COURSE_FILE)
    problems += more
    if doc is not None and not isinstance(doc.data, dict):
        return None, problems + [error(Location(COURSE_FILE, 1, 1), "not-a-mapping",
                                       what="course file")]
    return doc, problems


def list_assets(root: Path) -> tuple[str, ...]:
    """Every file under `assets/`, as paths relative to the course folder, sorted."""
    folder = root / "assets"
    if not folder.is_dir():
        return ()
    return tuple(sorted(p.relative_to(root).as_posix() for p in folder.rglob("*") if p.is_file()))


def load_brand(reader: Reader) -> Brand:
    """The optional `brand:` block of the course file."""
    if not isinstance(reader.mapping.get("brand"), dict):
        if "brand" in reader.mapping:
            reader.diagnostics.append(error(reader.loc("brand"), "not-a-mapping", what="brand"))
        return Brand()
    sub = reader.sub(("brand",), BRAND_FIELDS, "brand")
    return Brand(sub.text("logo", required=False), sub.text("primary_colour", required=False),
                 sub.loc("primary_colour") if "primary_colour" in sub.mapping else sub.loc())


def load_budgets(reader: Reader) -> Budgets:
    """The optional `budgets:` block of the course file."""
    if not isinstance(reader.mapping.get("budgets"), dict):
        if "budgets" in reader.mapping:
            reader.diagnostics.append(error(reader.loc("budgets"), "not-a-mapping", what="budgets"))
        return Budgets()
    sub = reader.sub(("budgets",), BUDGET_FIELDS, "budgets")
    return Budgets(sub.integer("package_kb", required=False),
                   sub.integer("upload_mb", required=False, default=50), sub.loc())


def load_signatory(reader: Reader) -> Signatory | None:
    """The optional `signatory:` block of the course file: who signs the certificate."""
    if not isinstance(reader.mapping.get("signatory"), dict):
        if "signatory" in reader.mapping:
            reader.diagnostics.append(error(reader.loc("signatory"), "not-a-mapping",
                                            what="signatory"))
        return None
    sub = reader.sub(("signatory",), SIGNATORY_FIELDS, "signatory")
    return Signatory(sub.text("name"), sub.text("title"), sub.text("nip", required=False))


def load_course(root: Path) -> tuple[Course | None, list[Diagnostic]]:
    """Read a whole course folder. Returns the model (None if unreadable) and every problem found."""
    doc, problems = load_course_file(root)
    if doc is None:
        return None, problems
    reader = Reader(doc, (), problems, COURSE_FIELDS, "course file")
    reader.check_unknown()
    source = Source("", "")
    if isinstance(doc.data.get("source"), dict):
        sub = reader.sub(("source",), SOURCE_FIELDS, "source")
        source = Source(sub.text("title"), sub.text("author"), sub.text("url", required=False),
                        sub.text("credit", required=False), sub.text("copyright", required=False))
    elif "source" in doc.data:
        problems.append(error(reader.loc("source"), "not-a-mapping", what="source"))
    else:
        reader.text("source")  # reports it missing

    modules: list[Module] = []
    notes: list[FacilitatorNotes] = []
    for path in sorted(p for p in (root / "modules").glob("*.md") if not is_hidden(p.name)):
        rel = path.relative_to(root).as_posix()
        if path.name.endswith(NOTES_SUFFIX):
            note, more = load_notes(path, rel)
            notes += [note] if note else []
        else:
            module, more = load_module(path, rel)
            modules += [module] if module else []
        problems += more
    quizzes: list[Quiz] = []
    labels = truefalse_labels(doc.data.get("language"))
    for path in sorted(p for p in (root / "quizzes").glob("*.y*ml") if not is_hidden(p.name)):
        quiz, more = load_quiz(path, path.relative_to(root).as_posix(), labels)
        quizzes += [quiz] if quiz else []
        problems += more

    course = Course(
        id=reader.text("id"),
        version=reader.text("version"),
        title=reader.text("title"),
        language=reader.text("language"),
        description=reader.text("description"),
        authors=reader.texts("authors"),
        source=source,
        licence=reader.text("licence"),
        duration_minutes=reader.integer("duration_minutes"),
        jp=reader.integer("jp", required=False),
        module_ids=reader.texts("modules"),
        final_assessment_id=reader.text("final_assessment"),
        modules=attach_notes(modules, notes, problems),
        quizzes=tuple(quizzes),
        root=root,
        loc=Location(COURSE_FILE, 1, 1),
        assets=list_assets(root),
        session_minutes=reader.integer("session_minutes", required=False, default=90),
        brand=load_brand(reader),
        budgets=load_budgets(reader),
        organisation=reader.text("organisation", required=False),
        signatory=load_signatory(reader),
        field_locs=tuple((name, doc.loc((name,))) for name in doc.data),
        module_locs=tuple(doc.loc(("modules", i)) for i in range(len(doc.data.get("modules") or [])
                                                            if isinstance(doc.data.get("modules"), list) else 0)),
    )
    return course, problems
