"""Checks over the loaded course: each mistake named where it is."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.courses import edit, problems_of

from builder.build import check_course
from builder.errors import CourseError
from builder.load import load_course
from builder.resolve import resolve
from builder.state import worst_case_suspend_length
from builder.validate import validate

MINI = Path(__file__).parent / "courses" / "mini"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the mini course."""
    return Path(shutil.copytree(MINI, tmp_path / "mini"))




def test_mini_course_has_no_problems() -> None:
    course, problems = load_course(MINI)
    assert course is not None and problems == [] and validate(course) == []


def test_single_choice_with_two_correct_answers(mini: Path) -> None:
    edit(mini / "quizzes" / "akhir.yaml", "        feedback: Kurang tepat, firasat saja tidak cukup.",
         "        correct: true\n        feedback: Kurang tepat, firasat saja tidak cukup.")
    assert problems_of(mini) == [
        "quizzes/akhir.yaml:7:5: error[several-correct-answers]: the single-choice question "
        "'akhir-satu' has 2 correct choices\n"
        "  hint: keep one 'correct: true', or make it 'type: multiple'"]


def test_question_without_correct_answer(mini: Path) -> None:
    edit(mini / "quizzes" / "akhir.yaml", "        text: Data yang valid\n        correct: true\n",
         "        text: Data yang valid\n")
    assert problems_of(mini) == [
        "quizzes/akhir.yaml:7:5: error[no-correct-answer]: the question 'akhir-satu' has no "
        "correct choice\n  hint: mark the right choice with 'correct: true'"]


def test_duplicate_question_id_names_the_first_use(mini: Path) -> None:
    edit(mini / "quizzes" / "akhir.yaml", "id: akhir-dua", "id: akhir-satu")
    assert problems_of(mini) == [
        "quizzes/akhir.yaml:18:5: error[duplicate-id]: the question id 'akhir-satu' is already "
        "used\n  hint: first used at quizzes/akhir.yaml:7; give this one another id"]


def test_pass_mark_out_of_range(mini: Path) -> None:
    edit(mini / "quizzes" / "akhir.yaml", "pass_mark: 50", "pass_mark: 150")
    assert problems_of(mini) == [
        "quizzes/akhir.yaml:4:1: error[pass-mark-range]: the pass mark 150 is not between 1 and 100"]


def test_module_not_listed_and_listed_module_missing(mini: Path) -> None:
    edit(mini / "course.yaml", "  - pengantar", "  - pengantar-x")
    assert problems_of(mini) == [
        "course.yaml:15:5: error[module-missing]: the course lists the module 'pengantar-x', but "
        "no module has that id\n  hint: did you mean 'pengantar'?",
        "modules/01-pengantar.md:2:1: error[module-not-listed]: the module 'pengantar' is not "
        "listed in course.yaml\n  hint: add its id under 'modules:' in course.yaml, or delete "
        "the file"]


def test_missing_image_and_escaping_path(mini: Path) -> None:
    edit(mini / "modules" / "01-pengantar.md", "Isi halaman *kedua*.",
         "Isi halaman *kedua*.\n\n![Grafik](../assets/grafik.png)\n\n![Luar](../../rahasia.png)")
    assert problems_of(mini) == [
        "modules/01-pengantar.md:20:1: error[missing-asset]: the file '../assets/grafik.png' does "
        "not exist\n  hint: put the file in the course's assets/ folder",
        "modules/01-pengantar.md:22:1: error[asset-outside]: the file '../../rahasia.png' is "
        "outside the course folder\n  hint: put the file in the course's assets/ folder and link "
        "to ../assets/<name>"]


def test_script_in_markdown_is_a_warning_with_its_line(mini: Path) -> None:
    edit(mini / "modules" / "01-pengantar.md", "Halaman pembuka modul.",
         "Halaman pembuka modul.\n\n<script>alert(1)</script>")
    assert problems_of(mini) == [
        "modules/01-pengantar.md:16:1: warning[unsafe-html]: a <script> element in the page "
        "'pengantar' is removed\n  hint: course text may use Markdown and simple HTML only"]


def test_strict_turns_warnings_into_errors(mini: Path) -> None:
    edit(mini / "modules" / "01-pengantar.md", "Halaman pembuka modul.", "<iframe src=x></iframe>")
    with pytest.raises(CourseError):
        check_course(mini, strict=True)
    check_course(mini, strict=False)


def test_suspend_data_bound_counts_questions_screens_and_reflections() -> None:
    course, _ = load_course(MINI)
    assert course is not None
    # "c2|" + layout 4 + "|" + visited ceil(6 screens / 6)=1 + "|" + answers of the 4 choice
    # questions an attempt asks (the check: 1 + 1 drawn of its pool of 2; the final: 2), each key
    # 5 + mask 2 + tries 1 (a draft, key + mask, goes when its answer comes) + "|" + "|" + the
    # final's "attempt.finished.gradeN.gradeD": 3 + 3 + 6 + 3 digits and 3 dots (grades over
    # 2 questions x 2520, summed over up to 46655 attempts) + "|" + JSON: the reflection (500
    # quotes, escaped) and the check's 3 arranged answers (tries, then each part in its answer
    # form: the sorting's items with the longest category, the ordering's items, the matching's
    # premises with the widest response id)
    arranged = ('"kkkkk0":["z","data=berubah","integritas=berubah","layanan-digital=berubah"],'
                '"kkkkk1":["z","kumpulkan","analisis","putuskan"],'
                '"kkkkk2":["z","jujur=r3","peduli=r3","tanggung-jawab=r3"]')
    assert worst_case_suspend_length(resolve(course)) == 3 + 4 + 1 + 1 + 1 + 4 * 8 + 1 + 1 + 18 + 1 + len(
        '{"r":{"renungan":[""]},"x":{' + arranged + "}}") + 1000


def test_empty_page_id_is_invalid(mini: Path) -> None:
    edit(mini / "modules" / "01-pengantar.md", "## Halaman Kedua {#halaman-kedua}",
         "## Halaman Kedua {#}")
    assert problems_of(mini)[0].startswith(
        "modules/01-pengantar.md:16:1: error[invalid-id]: the page id '{#}' is not a valid id")


def test_source_written_as_plain_text_is_an_error(mini: Path) -> None:
    text = (mini / "course.yaml").read_text()
    start = text.index("source:")
    end = text.index("licence:")
    (mini / "course.yaml").write_text(text[:start] + "source: Artikel Contoh\n" + text[end:])
    assert problems_of(mini) == [
        "course.yaml:8:1: error[not-a-mapping]: source must be a mapping of fields\n"
        "  hint: write 'field: value' lines"]


# -- quiz settings and pools (issue 11) ------------------------------------------------------


def test_quiz_settings_with_unknown_values_are_located_errors(mini: Path) -> None:
    quiz = mini / "quizzes" / "akhir.yaml"
    edit(quiz, "grading: highest", "grading: best")
    edit(quiz, "attempts: 2", "attempts: -1")
    edit(quiz, "layout: one-page", "layout: slides")
    assert problems_of(mini) == [
        "quizzes/akhir.yaml:34:3: error[setting-attempts]: attempts cannot be -1\n"
        "  hint: write 0 (no limit; in a knowledge check: until right) or a number of attempts",
        "quizzes/akhir.yaml:35:3: error[setting-value]: the setting grading cannot be 'best'\n"
        "  hint: write one of: highest, last, first, average",
        "quizzes/akhir.yaml:40:3: error[setting-value]: the setting layout cannot be 'slides'\n"
        "  hint: write one of: one-per-screen, one-page"]


def test_score_bands_go_up_from_zero(mini: Path) -> None:
    quiz = mini / "quizzes" / "akhir.yaml"
    edit(quiz, "    - from: 0\n", "    - from: 10\n")
    edit(quiz, "    - from: 90\n", "    - from: 40\n")
    assert problems_of(mini) == [
        "quizzes/akhir.yaml:42:7: error[band-start]: the first score band starts at 10, so lower "
        "scores get no message\n  hint: start the first band at 0",
        "quizzes/akhir.yaml:46:7: error[band-order]: the score band from 40 comes after the band "
        "from 50\n  hint: list the bands from the lowest score to the highest, each starting "
        "higher"]


def test_final_only_settings_on_a_knowledge_check_are_warnings(mini: Path) -> None:
    edit(mini / "quizzes" / "cek-pengantar.yaml", "  attempts: 2\n", "  attempts: 2\n  layout: one-page\n")
    assert problems_of(mini) == [
        "quizzes/cek-pengantar.yaml:6:3: warning[setting-final-only]: the setting layout applies "
        "to the final assessment only; this knowledge check ignores it\n"
        "  hint: remove it from this quiz's settings"]


def test_a_pool_draws_from_one_to_all_of_its_questions(mini: Path) -> None:
    edit(mini / "quizzes" / "cek-pengantar.yaml", "draw: 1", "draw: 3")
    assert problems_of(mini) == [
        "quizzes/cek-pengantar.yaml:18:5: error[pool-draw]: the pool 'p-cek' draws 3 of its 2 "
        "questions\n  hint: draw at least 1 and at most as many questions as the pool holds"]


def test_settings_resolve_to_the_defaults_of_each_kind() -> None:
    course, _ = load_course(MINI)
    assert course is not None
    resolved = resolve(course)
    final, check = resolved.settings["akhir"], resolved.settings["cek-pengantar"]
    assert (final.attempts, final.grading, final.layout, len(final.bands)) == (2, "highest",
                                                                                "one-page", 3)
    assert (check.attempts, check.feedback, check.layout) == (2, "after-attempt", "one-page")
    quiz = resolved.quiz_by_id["cek-pengantar"]
    assert quiz.asked == 5 and len(quiz.questions) == 6  # 1 + 1 drawn of a pool of 2 + 3 arranged
