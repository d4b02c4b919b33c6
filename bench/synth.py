"""Generate a synthetic course folder for the benchmark.

A synthetic course has N modules x P pages and Q questions, spread over one knowledge check per
module and a final assessment. Pages hold ~120 words of Indonesian-like filler with some Markdown
(emphasis, a list, a blockquote). Questions mix single, multiple and true/false, with 3-4 choices
and feedback for each. There are no reflections, so the SCORM 1.2 suspend_data bound holds.

The output is deterministic for a given preset and seed.

    .venv/bin/python bench/synth.py 700 /tmp/synth-700          # write, then `coursepack check` it
    .venv/bin/python bench/synth.py 1000 /tmp/synth-1000 --no-check
    .venv/bin/python bench/synth.py --modules 5 --pages 3 --questions 20 /tmp/small
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Preset:
    """The size of a synthetic course."""

    name: str
    modules: int
    pages_per_module: int
    questions: int
    final_questions: int = 50

    @property
    def pages(self) -> int:
        return self.modules * self.pages_per_module


PRESETS: dict[str, Preset] = {
    "700": Preset("700", modules=100, pages_per_module=7, questions=300),
    "1000": Preset("1000", modules=100, pages_per_module=10, questions=300),
}

NOUNS = (
    "pemimpin", "pegawai", "unit kerja", "instansi", "layanan publik", "data", "kebijakan",
    "masyarakat", "tim", "laporan", "anggaran", "rapat", "aplikasi", "dashboard", "keputusan",
    "integritas", "akuntabilitas", "kolaborasi", "pengaduan", "prosedur", "target kinerja",
    "staf muda", "kepala bidang", "kepala seksi", "warga", "sistem informasi", "arsip",
    "naskah dinas", "inovasi", "pelatihan", "evaluasi", "rencana kerja", "indikator",
)
PEOPLE = ("kepala bidang", "kepala seksi", "pemimpin unit", "analis kebijakan", "camat", "lurah",
          "kepala dinas", "pengawas", "staf pelayanan")
VERBS = (
    "menganalisis", "memeriksa", "membangun", "menyusun", "mengarahkan", "mendengarkan",
    "memutuskan", "mengevaluasi", "memperbaiki", "melayani", "mengukur", "membagikan",
    "menjelaskan", "mendampingi", "memantau", "menyederhanakan", "mempercepat", "menguji",
)
ADJECTIVES = (
    "cepat", "transparan", "akurat", "terbuka", "konsisten", "cair", "jelas", "terukur",
    "adil", "responsif", "sederhana", "teliti", "berani", "jujur", "tepat waktu", "manusiawi",
)
CONNECTORS = (
    "Namun", "Selain itu", "Karena itu", "Dalam praktiknya", "Sebaliknya", "Pada akhirnya",
    "Di sisi lain", "Misalnya", "Dengan demikian", "Sementara itu",
)
TOPICS = (
    "Keputusan Berbasis Data", "Kolaborasi Lintas Unit", "Kecepatan Respons", "Integritas Digital",
    "Sentuhan Kemanusiaan", "Orientasi Pengabdian", "Membaca Dashboard", "Rapat yang Efektif",
    "Mendengar Keluhan Warga", "Delegasi yang Sehat", "Etika Media Sosial", "Belajar dari Staf",
    "Menyusun Prioritas", "Mengelola Perubahan", "Memberi Umpan Balik", "Keamanan Informasi",
)


class Writer:
    """Filler text from a seeded random generator."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def pick(self, items: tuple[str, ...]) -> str:
        return self.rng.choice(items)

    def sentence(self, emphasis: bool = False) -> str:
        noun, noun2 = self.pick(NOUNS), self.pick(NOUNS)
        adjective = self.pick(ADJECTIVES)
        if emphasis:
            adjective = self.rng.choice((f"*{adjective}*", f"**{adjective}**"))
        start = self.pick(CONNECTORS) + ", " if self.rng.random() < 0.4 else ""
        text = f"{self.pick(NOUNS)} perlu {self.pick(VERBS)} {noun} secara {adjective}"
        if self.rng.random() < 0.6:
            text += f" agar {noun2} dapat {self.pick(VERBS)} {self.pick(NOUNS)} dengan lebih baik"
        text = start + text if start else text[0].upper() + text[1:]
        return text + "."

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence(emphasis=i == 1) for i in range(sentences))

    def item(self) -> str:
        return f"{self.pick(VERBS)} {self.pick(NOUNS)} yang {self.pick(ADJECTIVES)}"

    def page_body(self) -> str:
        """About 120 words: two paragraphs, a list, and a blockquote (half of them scenarios)."""
        parts = [self.paragraph(3), "", self.paragraph(3) + " Perhatikan hal berikut:", ""]
        parts += [f"- {self.item()};" for _ in range(3)]
        parts.append("")
        if self.rng.random() < 0.5:
            parts.append(f"> **Skenario:** {self.sentence()} {self.sentence()}")
        else:
            parts.append(f"> {self.sentence()} {self.sentence()}")
        return "\n".join(parts)

    def title(self) -> str:
        return f"{self.pick(TOPICS)}: {self.pick(ADJECTIVES).title()}"


def module_text(w: Writer, m: int, preset: Preset, quiz_id: str | None) -> str:
    """A module file: front matter, an opening page, then P - 1 pages with `##` headings."""
    module_id = f"m{m:03d}"
    front: dict[str, object] = {
        "id": module_id,
        "title": f"Modul {m}: {w.title()}",
        "objectives": [f"Menjelaskan cara {w.item()}.", f"Menerapkan langkah {w.item()}."],
    }
    if quiz_id:
        front["quiz"] = quiz_id
    head = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000)
    pages = [w.page_body()]
    for p in range(2, preset.pages_per_module + 1):
        pages.append(f"## {w.title()} {{#{module_id}-h{p:02d}}}\n\n{w.page_body()}")
    return f"---\n{head}---\n\n" + "\n\n".join(pages) + "\n"


def notes_text(w: Writer, m: int) -> str:
    """Short facilitator notes for a module (5 minutes each)."""
    return (f"---\nmodule: m{m:03d}\nminutes: 5\n---\n\n## Pesan kunci\n\n- {w.sentence()}\n"
            f"- {w.sentence()}\n\n## Pertanyaan diskusi\n\n- Bagaimana unit Anda {w.item()}?\n\n"
            f"## Catatan fasilitator\n\n{w.paragraph(2)}\n")


def question(w: Writer, number: int) -> dict[str, object]:
    """One question: the type cycles single, multiple, truefalse (40/30/30)."""
    qid = f"q{number:04d}"
    kind = ("single", "multiple", "single", "truefalse", "multiple", "single", "truefalse",
            "single", "multiple", "truefalse")[number % 10]
    prompt = (f"Seorang {w.pick(PEOPLE)} ingin {w.item()}. {w.sentence()} "
              "Apa yang sebaiknya dilakukan?")
    if kind == "truefalse":
        answer = w.rng.random() < 0.5
        return {"id": qid, "type": kind, "prompt": w.sentence(),
                "answer": answer,
                "feedback": {"benar": ("Tepat. " if answer else "Kurang tepat. ") + w.sentence(),
                             "salah": ("Kurang tepat. " if answer else "Tepat. ") + w.sentence()}}
    count = w.rng.choice((3, 4))
    if kind == "single":
        correct = {w.rng.randrange(count)}
    else:
        correct = set(w.rng.sample(range(count), w.rng.randint(2, count - 1)))
        prompt = f"Pilih **semua** cara yang tepat untuk {w.item()}."
    choices = []
    for i in range(count):
        choice: dict[str, object] = {"id": "abcd"[i], "text": w.sentence()}
        if i in correct:
            choice["correct"] = True
        choice["feedback"] = ("Tepat. " if i in correct else "Kurang tepat. ") + w.sentence()
        choices.append(choice)
    return {"id": qid, "type": kind, "prompt": prompt, "choices": choices}


def quiz_text(quiz: dict[str, object]) -> str:
    return yaml.safe_dump(quiz, allow_unicode=True, sort_keys=False, width=100)


def generate(preset: Preset, folder: Path, seed: int = 1) -> Path:
    """Write the course into `folder` (which must be empty or missing); return it."""
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        raise SystemExit(f"synth: {folder} is not empty")
    w = Writer(seed)
    (folder / "modules").mkdir()
    (folder / "quizzes").mkdir()
    final_count = min(preset.final_questions, preset.questions)
    check_count = preset.questions - final_count
    per_module = [check_count // preset.modules + (1 if m < check_count % preset.modules else 0)
                  for m in range(preset.modules)]
    number = 1
    module_ids = []
    for m in range(1, preset.modules + 1):
        count = per_module[m - 1]
        quiz_id = f"cek-m{m:03d}" if count else None
        if quiz_id:
            quiz: dict[str, object] = {
                "id": quiz_id, "title": f"Cek Pemahaman Modul {m}", "kind": "knowledge-check",
                "intro": "Jawab pertanyaan berikut.",
                "questions": [question(w, number + i) for i in range(count)]}
            number += count
            (folder / "quizzes" / f"{quiz_id}.yaml").write_text(quiz_text(quiz), "utf-8")
        module_ids.append(f"m{m:03d}")
        (folder / "modules" / f"{m:03d}-modul.md").write_text(
            module_text(w, m, preset, quiz_id), "utf-8")
        (folder / "modules" / f"{m:03d}-modul.facilitator.md").write_text(notes_text(w, m), "utf-8")
    final = {"id": "penilaian-akhir", "title": "Penilaian Akhir", "kind": "final", "pass_mark": 70,
             "intro": f"Penilaian akhir terdiri atas {final_count} soal.",
             "questions": [question(w, number + i) for i in range(final_count)]}
    (folder / "quizzes" / "penilaian-akhir.yaml").write_text(quiz_text(final), "utf-8")
    course = {
        "id": f"sintetis-{preset.name}",
        "version": "1.0.0",
        "title": f"Kursus Sintetis {preset.pages} Halaman",
        "language": "id",
        "description": "Kursus sintetis untuk mengukur kinerja pembangun paket.",
        "authors": ["Tim Benchmark"],
        "source": {"title": "Teks Sintetis", "author": "bench/synth.py"},
        "licence": "CC BY 4.0",
        "duration_minutes": preset.pages * 2,
        "jp": 10,
        "session_minutes": 18 + 5 * preset.modules,
        "modules": module_ids,
        "final_assessment": "penilaian-akhir",
    }
    (folder / "course.yaml").write_text(
        yaml.safe_dump(course, allow_unicode=True, sort_keys=False, width=100), "utf-8")
    return folder


def coursepack_command() -> list[str]:
    """How to run the CLI: the venv's console script, else `python -m builder`."""
    script = ROOT / ".venv" / "bin" / "coursepack"
    return [str(script)] if script.exists() else [sys.executable, "-m", "builder"]


def check(folder: Path) -> None:
    """`coursepack check <folder>` must exit 0."""
    result = subprocess.run(coursepack_command() + ["check", str(folder)], cwd=ROOT,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"synth: `coursepack check {folder}` exited {result.returncode}:\n"
                         + result.stdout + result.stderr)


def make_temp(preset: Preset, parent: Path | None = None, verify: bool = True) -> Path:
    """Generate a preset into a new temp dir (the caller removes it)."""
    folder = Path(tempfile.mkdtemp(prefix=f"synth-{preset.name}-", dir=parent)) / "course"
    generate(preset, folder)
    if verify:
        check(folder)
    return folder


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("preset", nargs="?", choices=sorted(PRESETS), help="a preset size")
    ap.add_argument("folder", type=Path, help="where to write the course (empty or missing)")
    ap.add_argument("--modules", type=int)
    ap.add_argument("--pages", type=int, help="pages per module")
    ap.add_argument("--questions", type=int)
    ap.add_argument("--final-questions", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-check", action="store_true", help="skip `coursepack check`")
    args = ap.parse_args()
    if args.preset:
        preset = PRESETS[args.preset]
    elif args.modules and args.pages and args.questions:
        preset = Preset(f"{args.modules}x{args.pages}", args.modules, args.pages, args.questions,
                        args.final_questions)
    else:
        ap.error("give a preset, or --modules, --pages and --questions")
    generate(preset, args.folder, args.seed)
    if not args.no_check:
        check(args.folder)
    print(f"{args.folder}: {preset.modules} modules x {preset.pages_per_module} pages, "
          f"{preset.questions} questions" + ("" if args.no_check else "; coursepack check ok"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
