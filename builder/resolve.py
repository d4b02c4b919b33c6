"""The resolved course: structure worked out once after validation, read by every later stage.

`resolve` is total: it skips what is missing (a module listed but not written, a quiz named but
absent), so validation may use it too; after validation nothing is missing.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from msgspec import Struct

from .model import Band, Course, Module, Question, Quiz, QuizSettings, Reflection
from .state import RESULTS_SCREEN_ID, Screen, course_salt, layout_key, question_keys


class PassMark(Struct, frozen=True):
    """The percentage needed to pass the final assessment, and its form in each standard."""

    percent: int

    @property
    def scaled(self) -> float:
        """The pass mark from 0 to 1."""
        return self.percent / 100

    def scorm12(self) -> str:
        """`adlcp:masteryscore`: an integer from 0 to 100."""
        return str(self.percent)

    def scorm2004(self) -> str:
        """`imsss:minNormalizedMeasure`: a decimal from 0 to 1 with two decimals."""
        return f"{self.scaled:.2f}"

    def cmi5(self) -> str:
        """`masteryScore`: a decimal from 0 to 1 with at most four decimals."""
        return f"{self.scaled:.4f}".rstrip("0").rstrip(".") or "0"

    def __str__(self) -> str:
        """As a learner or facilitator reads it: the percent."""
        return str(self.percent)


GRADING_METHODS = ("highest", "last", "first", "average")
FEEDBACK_TIMES = ("after-question", "after-attempt")
ANSWER_TIMES = ("never", "after-attempt", "after-last-attempt")
LAYOUTS = ("one-per-screen", "one-page")


class Settings(Struct, frozen=True):
    """A quiz's settings with the defaults of its kind filled in (docs/source-format.md)."""

    attempts: int  # final: attempts allowed (0 = unlimited); knowledge check: tries (0 = until right)
    grading: str
    feedback: str
    show_answers: str
    shuffle_questions: bool
    shuffle_choices: bool
    layout: str
    bands: tuple[Band, ...]


# A knowledge check teaches: retry until right, feedback at once. A final assessment counts:
# three attempts graded by the highest, feedback and answers once the attempt is submitted
# (answers only after the last), one question per screen (a phone shows one at a time).
KNOWLEDGE_CHECK_DEFAULTS = Settings(0, "highest", "after-question", "after-attempt",
                                    False, False, "one-page", ())
FINAL_DEFAULTS = Settings(3, "highest", "after-attempt", "after-last-attempt",
                          False, False, "one-per-screen", ())


def quiz_settings(quiz: Quiz) -> Settings:
    """The settings a quiz runs with: what is written, else its kind's default."""
    base = FINAL_DEFAULTS if quiz.is_final else KNOWLEDGE_CHECK_DEFAULTS
    written: QuizSettings = quiz.settings
    return Settings(
        attempts=base.attempts if written.attempts is None else written.attempts,
        grading=written.grading or base.grading,
        feedback=written.feedback or base.feedback,
        show_answers=written.show_answers or base.show_answers,
        shuffle_questions=(base.shuffle_questions if written.shuffle_questions is None
                           else written.shuffle_questions),
        shuffle_choices=(base.shuffle_choices if written.shuffle_choices is None
                         else written.shuffle_choices),
        layout=written.layout or base.layout,
        bands=tuple(sorted(written.bands, key=lambda b: b.start)),
    )


class ResolvedModule(Struct, frozen=True):
    """A module in course order, with its number, knowledge check and reflection."""

    module: Module
    number: int
    quiz: Quiz | None
    reflection: Reflection | None

    @property
    def id(self) -> str:
        """The module's id."""
        return self.module.id


class ResolvedCourse(Struct, frozen=True):
    """A course with its structure worked out: order, screens, keys, lookups, the pass mark."""

    course: Course
    modules: tuple[ResolvedModule, ...]
    knowledge_checks: tuple[Quiz, ...]
    final: Quiz | None
    screens: tuple[Screen, ...]
    keys: Mapping[str, str]  # question id -> 5-character key (over every quiz of the course)
    pass_mark: PassMark
    salt: str
    layout: str
    module_by_id: Mapping[str, ResolvedModule]
    quiz_by_id: Mapping[str, Quiz]
    settings: Mapping[str, Settings]  # quiz id -> the settings it runs with

    @property
    def final_settings(self) -> Settings:
        """The final assessment's settings (the final's defaults when there is none)."""
        return self.settings[self.final.id] if self.final else FINAL_DEFAULTS

    @property
    def quizzes(self) -> tuple[Quiz, ...]:
        """The quizzes the learner meets, in order: knowledge checks, then the final assessment."""
        return self.knowledge_checks + ((self.final,) if self.final else ())

    @property
    def questions(self) -> tuple[Question, ...]:
        """Every question the learner meets, in order."""
        return tuple(q for quiz in self.quizzes for q in quiz.questions)

    @property
    def reflections(self) -> tuple[Reflection, ...]:
        """The modules' reflections in course order."""
        return tuple(m.reflection for m in self.modules if m.reflection)


def course_screens(modules: tuple[ResolvedModule, ...], final: Quiz | None) -> tuple[Screen, ...]:
    """Every screen in the order the learner meets them."""
    result: list[Screen] = []
    for item in modules:
        result += [Screen(p.id, "page", item.id) for p in item.module.pages]
        if item.quiz:
            result.append(Screen(item.quiz.id, "quiz", item.id))
        if item.reflection:
            result.append(Screen(item.reflection.id, "reflection", item.id))
    if final:
        result.append(Screen(final.id, "quiz", None))
    result.append(Screen(RESULTS_SCREEN_ID, "results", None))
    return tuple(result)


def resolve(course: Course) -> ResolvedCourse:
    """Work the course's structure out once."""
    quiz_by_id = {q.id: q for q in reversed(course.quizzes)}  # the first of a duplicated id wins
    written = {m.id: m for m in course.modules}
    listed = [written[mid] for mid in course.module_ids if mid in written]
    modules = tuple(ResolvedModule(m, n, quiz_by_id.get(m.quiz_id or ""), m.reflection)
                    for n, m in enumerate(listed, start=1))
    final = quiz_by_id.get(course.final_assessment_id)
    screens = course_screens(modules, final)
    final_mark = final.pass_mark if final and final.pass_mark is not None else 0
    return ResolvedCourse(
        course=course,
        modules=modules,
        knowledge_checks=tuple(m.quiz for m in modules if m.quiz),
        final=final,
        screens=screens,
        keys=MappingProxyType(question_keys([q for quiz in course.quizzes
                                             for q in quiz.questions])),
        pass_mark=PassMark(final_mark),
        salt=course_salt(course),
        layout=layout_key(list(screens)),
        module_by_id=MappingProxyType({m.id: m for m in modules}),
        quiz_by_id=MappingProxyType(quiz_by_id),
        settings=MappingProxyType({qid: quiz_settings(q) for qid, q in quiz_by_id.items()}),
    )
