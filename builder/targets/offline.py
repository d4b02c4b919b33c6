"""The offline edition: the learner files alone, opened by double-clicking index.html."""

from __future__ import annotations

from ..files import FileMap
from ..options import BuildOptions
from ..render import LearnerCourse, LearnerEdition, with_adapter
from .base import PackageTarget

README_NAME = "BACA-SAYA.txt"


def readme(course: LearnerCourse) -> str:
    """A short note in Indonesian for whoever copies the folder to a USB stick."""
    return (
        f"{course.title} (versi {course.version})\n\n"
        "Cara membuka kursus tanpa internet:\n"
        "1. Salin seluruh folder ini ke komputer atau flashdisk.\n"
        "2. Klik dua kali berkas index.html. Kursus terbuka di peramban (Chrome, Edge, Firefox).\n"
        "3. Ketik nama Anda. Kemajuan belajar tersimpan di peramban komputer ini, per nama.\n\n"
        "Beberapa peserta dapat memakai satu komputer: setiap nama menyimpan kemajuannya sendiri.\n"
        f"{course.credit}. Lisensi {course.licence}.\n"
    ).replace("\n", "\r\n")


def package(course: LearnerCourse, learner: FileMap) -> FileMap:
    """The files of the offline edition."""
    # The SCORM 1.2 adapter finds no LMS from a USB stick and leaves progress to the browser.
    return {**with_adapter(learner, "scorm12"),
            README_NAME: readme(course).encode("utf-8")}


class Offline(PackageTarget[LearnerEdition]):
    """The offline edition: a zip, and the same files as a folder to copy to a USB stick."""

    name = "offline"
    folder = True

    def files(self, learner: LearnerEdition, options: BuildOptions) -> FileMap:
        """The learner files, the SCORM 1.2 adapter (it falls back to the browser), a README."""
        return package(learner.view, learner.files)
