"""The offline edition: the learner files alone, opened by double-clicking index.html."""

from __future__ import annotations

from gettext import NullTranslations

from ..files import FileMap, readme_name
from ..i18n import translations
from ..options import BuildOptions
from ..render import LearnerCourse, LearnerEdition, with_adapter
from .base import PackageTarget


def readme(course: LearnerCourse, t: NullTranslations) -> str:
    """A short note in the course's language for whoever copies the folder to a USB stick."""
    lines = [
        t.gettext("%(title)s (version %(version)s)") % {"title": course.title,
                                                        "version": course.version},
        "",
        t.gettext("How to open the course without internet:"),
        t.gettext("1. Copy this whole folder to a computer or a USB stick."),
        t.gettext("2. Double-click the file index.html. The course opens in the browser "
                  "(Chrome, Edge, Firefox)."),
        t.gettext("3. Type your name. Your progress is kept in this computer's browser, by name."),
        "",
        t.gettext("Several participants can use one computer: each name keeps its own progress."),
        t.gettext("%(credit)s. Licence %(licence)s.") % {"credit": course.credit,
                                                         "licence": course.licence},
    ]
    return "\r\n".join(lines) + "\r\n"


def package(course: LearnerCourse, learner: FileMap) -> FileMap:
    """The files of the offline edition."""
    t = translations(course.language)
    # The SCORM 1.2 adapter finds no LMS from a USB stick and leaves progress to the browser.
    return {**with_adapter(learner, "scorm12"), readme_name(t): readme(course, t).encode("utf-8")}


class Offline(PackageTarget[LearnerEdition]):
    """The offline edition: a zip, and the same files as a folder to copy to a USB stick."""

    name = "offline"
    folder = True

    def files(self, learner: LearnerEdition, options: BuildOptions) -> FileMap:
        """The learner files, the SCORM 1.2 adapter (it falls back to the browser), a README."""
        return package(learner.view, learner.files)
