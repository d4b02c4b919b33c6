"""The facilitator pack: a timed session plan with methods, materials and outputs, dilemma cards,
an answer key with a quick grid, a handout without the key, PDFs."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from builder import pdf
from builder.build import BuildOptions, build
from builder.load import load_course
from builder.model import Course, Question
from builder.render import make_environment
from builder.resolve import resolve
from builder.session import SessionBlock, held_reflection, session_blocks, session_materials
from builder.targets.facilitator import label_rows, ticks, timeline

ROOT = Path(__file__).parent.parent
COURSE = ROOT / "course_src"
MINI = Path(__file__).parent / "courses" / "mini"


def pdf_text(path: Path) -> str:
    """The text of a PDF (poppler's pdftotext)."""
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def pdf_pages(path: Path) -> tuple[int, str]:
    """Page count and page size of a PDF (poppler's pdfinfo)."""
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                          check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info)[1])  # type: ignore[index]
    size = re.search(r"Page size:.*\((\w+)\)", info)
    return pages, size[1] if size else ""


def plain(html_text: str) -> str:
    """Visible text of HTML, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", html_text)).split())


def article() -> Course:
    course, problems = load_course(COURSE)
    assert course is not None and not problems
    return course


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The article course's facilitator pack (no PDFs)."""
    dist = tmp_path_factory.mktemp("dist")
    build(COURSE, dist, BuildOptions(targets=("facilitator",)))
    return dist / "pemimpin-asn-digital-facilitator"


def test_session_blocks_follow_each_other_and_fill_the_session() -> None:
    course = article()
    blocks = session_blocks(resolve(course))
    assert blocks[0].start == 0
    for before, after in zip(blocks, blocks[1:]):
        assert after.start == before.end
    assert blocks[-1].end == sum(b.minutes for b in blocks) == course.session_minutes == 90
    modules = [m for m in course.modules if m.notes]
    assert [b.minutes for b in blocks if b.kind == "module"] == [15, 20, 20, 15]
    assert [b.kind for b in blocks] == ["opening"] + ["module"] * 4 + ["final", "closing"]
    for block, module in zip([b for b in blocks if b.kind == "module"], modules):
        assert module.notes is not None
        assert block.method == module.notes.method and block.method
        assert block.materials == module.notes.materials and block.materials
        assert block.output == module.notes.output and block.output
    assert make_environment(COURSE, "id").get_template("facilitator/rencana-sesi.html.j2")


def test_the_timeline_shows_every_block_with_its_method_materials_and_output(pack: Path) -> None:
    course = article()
    page = (pack / "rencana-sesi.html").read_text("utf-8")
    items = re.findall(r'<li class="tl-block[^"]*">(.*?)</li>\s*(?=<li class="tl-block|</ol>)',
                       page, re.S)
    blocks = session_blocks(resolve(course))
    assert len(items) == len(blocks) == 7
    for item, block in zip(items, blocks):
        text = plain(item)
        assert block.title in text and f"{block.minutes} menit" in text and block.clock in text
        assert f"Metode {html.unescape(block.method)}" in text
        assert all(m in text for m in block.materials)
        assert block.output in text
    bar = re.search(r'<svg class="tl-bar".*?</svg>', page, re.S)
    assert bar is not None
    widths = [float(w) for w in re.findall(r'<rect [^>]*width="([\d.]+)%"', bar[0])]
    assert len(widths) == 7 and abs(sum(widths) - 100) < 0.01
    assert "Lihat catatan modul" not in page  # every article block names its own method


def test_the_timeline_scale_ends_at_the_session_length_without_crowding() -> None:
    assert [m for m, _ in ticks(90)] == [0, 15, 30, 45, 60, 75, 90]
    assert [m for m, _ in ticks(95)] == [0, 15, 30, 45, 60, 75, 95]  # 90 would touch 95
    assert [m for m, _ in ticks(120)] == [0, 15, 30, 45, 60, 75, 90, 105, 120]
    assert ticks(120)[-1][1] == 100.0 and ticks(0) == []


def test_the_reflection_is_held_once_in_its_module_and_the_closing_only_looks_back() -> None:
    course = article()
    blocks = session_blocks(resolve(course))
    found = held_reflection(resolve(course))
    assert found is not None and found[0] == 4
    reflective = [b.title for b in blocks if "refleksi" in b.method.lower()]
    assert reflective == ["Modul 4: Menjadi Pemimpin Hibrida"]
    closing = blocks[-1]
    assert closing.kind == "closing" and closing.minutes == 2
    assert found[1].title in closing.output and "modul 4" in closing.output
    notes4 = next(m.notes for m in course.modules if m.id == "pemimpin-hibrid")
    assert notes4 is not None and "Refleksi tidak dikerjakan ulang pada penutup" in notes4.markdown


def test_the_materials_list_collects_each_material_once_with_its_blocks(pack: Path) -> None:
    course = article()
    materials = session_materials(session_blocks(resolve(course)))
    names = [name for name, _ in materials]
    assert len(names) == len(set(n.lower() for n in names))
    plano = dict(materials)["Kertas plano dan spidol (satu set per kelompok)"]
    assert plano == ("Modul 1", "Modul 2", "Modul 3")
    page = (pack / "rencana-sesi.html").read_text("utf-8")
    section = plain(page[page.index('id="bahan"'):page.index('<section class="module"')])
    assert all(name in section for name in names)


def letters(question: Question) -> str:
    """The expected grid entry, worked out independently of the builder."""
    if question.type == "truefalse":
        return "Benar" if question.correct_ids == ("true",) else "Salah"
    return ", ".join("ABCDEFGH"[i] for i, c in enumerate(question.choices) if c.correct)


def test_the_answer_grid_matches_every_quiz_key(pack: Path) -> None:
    course = article()
    page = (pack / "kunci-jawaban.html").read_text("utf-8")
    lines = dict(re.findall(r'<ol class="grid-line" data-quiz="([^"]+)">(.*?)</ol>', page, re.S))
    # the knowledge checks ask every question in file order, choices unshuffled: a letter grid
    checks = [q for q in course.quizzes if q.kind == "knowledge-check"]
    assert set(lines) == {q.id for q in checks}
    for quiz in checks:
        cells = re.findall(r'<span class="grid-n">(\d+)</span> <span class="grid-k">([^<]+)</span>',
                           lines[quiz.id])
        keys = [k for _, k in cells]
        assert [n for n, _ in cells] == [str(n) for n in range(1, len(quiz.questions) + 1)]
        # choice questions by letter; sorting, ordering and matching in words, never empty
        assert all(keys)
        assert [k for k, q in zip(keys, quiz.questions, strict=True) if not q.arranged] == [
            letters(q) for q in quiz.questions if not q.arranged]
    # the article course's true/false questions are in its knowledge checks (the final has none)
    assert sum(1 for q in course.quizzes for x in q.questions if x.type == "truefalse") >= 4


def bare(markdown: str) -> str:
    """Markdown text as it reads once rendered: emphasis marks gone, whitespace collapsed."""
    return " ".join(re.sub(r"[*_`]", "", markdown).split())


def test_the_drawn_and_shuffled_final_is_keyed_by_opening_words_and_answer_text(
        pack: Path) -> None:
    course = article()
    final = course.final_assessment
    assert final is not None and final.pools and final.asked == 20 < len(final.questions)
    page = (pack / "kunci-jawaban.html").read_text("utf-8")
    assert f'<ol class="grid-line" data-quiz="{final.id}">' not in page  # no "6: C"
    block = page[page.index(f'<div class="grid-text" data-quiz="{final.id}">'):]
    block = block[:block.index("</div>")]
    note = plain(page[:page.index(f'<div class="grid-text" data-quiz="{final.id}">')])
    assert "20 dari 30 soal" in note and "nomor soal" in note and "tanpa huruf" in note
    groups = re.split(r'<p class="grid-pool">', block)[1:]
    assert len(groups) == len(final.pools)
    for group, pool in zip(groups, final.pools, strict=True):
        assert f"{pool.draw} dari {len(pool.question_ids)} soal" in plain(group)
        rows = dict(re.findall(r'<li data-question="([^"]+)">(.*?)</li>', group, re.S))
        assert list(rows) == list(pool.question_ids)
        for qid in pool.question_ids:
            question = next(q for q in final.questions if q.id == qid)
            row = plain(rows[qid])
            assert row.startswith(bare(" ".join(question.prompt.split()[:4]))), row
            if question.arranged:
                continue
            correct = [bare(c.text) for c in question.choices if c.correct]
            wrong = [bare(c.text) for c in question.choices if not c.correct]
            assert all(text in row for text in correct), (qid, row)
            assert not any(text in row for text in wrong), (qid, row)
            assert not re.search(r"→ [A-H](, [A-H])*$", row)  # named by text, not by letter


def test_true_false_rows_read_choice_then_verdict(pack: Path) -> None:
    page = (pack / "kunci-jawaban.html").read_text("utf-8")
    rows = [plain(r) for r in re.findall(r'<p class="choice">(.*?)</p>', page, re.S)]
    truefalse = [r for r in rows if r.split()[0] in ("Benar", "Salah")]
    assert truefalse and all(r in ("Benar ✔ (kunci)", "Salah ✔ (kunci)", "Benar ✘ bukan kunci",
                                   "Salah ✘ bukan kunci") for r in truefalse), truefalse
    text = plain(page)
    assert "✘ Salah Benar" not in text and "✔ Benar Salah" not in text
    lettered = [r for r in rows if r not in truefalse]
    assert all(re.match(r"^[A-H]\. ", r) for r in lettered)


def test_the_cards_page_has_every_card_with_situation_and_question_and_no_answer(
        pack: Path) -> None:
    course = article()
    cards = [c for m in course.modules if m.notes for c in m.notes.cards]
    assert 4 <= len(cards) <= 6
    page = (pack / "kartu-dilema.html").read_text("utf-8")
    articles = [plain(a) for a in re.findall(r'<article class="card".*?</article>', page, re.S)]
    assert len(articles) == len(cards)
    for text, card in zip(articles, cards):
        assert card.title in text and card.situation in text and card.question in text
        assert card.question.endswith("?")
        assert not re.search(r"\b(jawaban|kunci)\b", text, re.I)
    assert len(re.findall(r'<section class="sheet"', page)) == 2
    notes = (pack / "rencana-sesi.html").read_text("utf-8")
    assert "<h3>Kartu dilema</h3>" in notes and 'href="kartu-dilema.html#kartu-6"' in notes
    for card in cards:  # the card text lives on the cards page, not a second time in the notes
        assert card.situation not in plain(notes)
    # the notes hand module 3's cards out by their theme ("Kartu Integritas"): each card says it
    themed = {card.title: card.theme for card in cards if card.theme}
    assert sorted(themed.values()) == ["Empati", "Integritas", "Pengabdian"]
    for text, card in zip(articles, cards):
        assert (f"Kartu {cards.index(card) + 1}/{len(cards)} · {card.theme}" in text) == \
            bool(card.theme)
        if card.theme:
            assert f"Kartu {card.theme}, \"{card.title}\"" in plain(notes)
            assert card.situation.startswith(("Menjelang", "Dasbor", "Aplikasi"))  # not "Tema:"


@pytest.mark.parametrize(("text", "theme"), [
    ("**Tema:** Integritas\n\n", "Integritas"), ("Theme: Empathy\n\n", "Empathy"), ("", "")])
def test_a_card_may_name_its_theme_in_one_paragraph(tmp_path: Path, text: str,
                                                    theme: str) -> None:
    course = Path(shutil.copytree(MINI, tmp_path / "mini"))
    notes = course / "modules" / "01-pengantar.facilitator.md"
    source = notes.read_text("utf-8")
    heading = re.search(r"^### .+\n\n", source[source.index("## Kartu dilema"):], re.M)
    assert heading is not None
    notes.write_text(source.replace(heading[0], heading[0] + text, 1), "utf-8")
    loaded, problems = load_course(course)
    assert loaded is not None and not problems
    card = next(c for m in loaded.modules if m.notes for c in m.notes.cards)
    assert card.theme == theme and "Tema" not in card.situation and "Theme" not in card.situation


def test_every_block_of_the_timeline_shows_its_number_inside_or_above_the_bar() -> None:
    blocks = session_blocks(resolve(article()))
    segments = timeline(blocks, 90)
    # the 3-minute opening and 2-minute closing are too narrow for a number inside the bar
    assert [s.number for s in segments if not s.labelled] == [1, 7]
    assert [(s.row, s.anchor) for s in segments if not s.labelled] == [(0, "start"), (0, "end")]
    assert label_rows(segments) == 1
    # narrow blocks side by side take the two rows in turn; a wide one goes back inside the bar
    short = [SessionBlock(start, minutes, "b", "module", "", (), "") for start, minutes in
             ((0, 2), (2, 3), (5, 2), (7, 40), (47, 3))]
    rows = [s.row for s in timeline(short, 50)]
    assert rows == [0, 1, 0, -1, 0] and label_rows(timeline(short, 50)) == 2
    middle = timeline(short, 50)[2]
    assert middle.anchor == "middle" and middle.label_x == round(middle.x + middle.width / 2, 3)


def test_the_drawn_timeline_numbers_every_block(pack: Path) -> None:
    page = (pack / "rencana-sesi.html").read_text("utf-8")
    bar = page[page.index('<svg class="tl-bar"'):page.index("</svg>")]
    numbers = re.findall(r'<text class="tl-(?:out-)?label"[^>]*>(\d+)</text>', bar)
    assert sorted(int(n) for n in numbers) == list(range(1, 8))


def test_the_handout_does_not_link_to_the_answer_key_or_any_facilitator_page(pack: Path) -> None:
    handout = (pack / "bahan-peserta.html").read_text("utf-8")
    links = re.findall(r'href="([^"]+)"', handout)
    assert links == ["fasilitator.css", "#isi"]
    assert "Kunci jawaban" not in handout and "✔" not in handout
    for name in ("index.html", "rencana-sesi.html", "kunci-jawaban.html"):
        assert 'href="kunci-jawaban.html"' in (pack / name).read_text("utf-8"), name


@pytest.mark.parametrize("course", ["article", "mini"])
def test_the_overview_lists_every_file_the_pack_holds(pack: Path, tmp_path: Path,
                                                      course: str) -> None:
    folder = pack
    if course == "mini":  # the mini course has an ordering question: its own Moodle XML file
        build(MINI, tmp_path, BuildOptions(targets=("facilitator",)))
        folder = tmp_path / "kursus-mini-facilitator"
    made = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                  if p.is_file() and p.suffix in (".html", ".txt", ".xml"))
    assert (folder / "fasilitator.css").is_file()  # written, but no content to list
    index = (folder / "index.html").read_text("utf-8")
    listed = index[index.index('<ul class="contents">'):]
    listed = listed[:listed.index("</ul>")]
    assert sorted(re.findall(r'<a href="([^"]+)">', listed)) == made
    assert len(made) >= 9 and "bank-soal/BACA-SAYA.txt" in made and "kisi-kisi.html" in made
    assert ("bank-soal/moodle-ordering.xml" in made) == (course == "mini")
    text = plain(listed).replace(" :", ":")
    entries = [plain(li).replace(" :", ":") for li in re.findall(r"<li>(.*?)</li>", listed, re.S)]
    assert len(entries) == len(made) and all(re.match(r"[^:]+: \S", e) for e in entries), entries
    assert "Kunci jawaban: jawaban semua cek pemahaman" in text  # a colon after every title
    facts = plain(index[index.index('<dl class="facts">'):index.index("</dl>")])
    if course == "mini":  # an author filled in is shown (the article's is a placeholder, hidden)
        assert "Penyusun Tim Uji" in facts
    assert re.search(r"Kredit \d+ JP \(1 JP = 45 menit\)", facts), facts


def final_rules(page: str) -> str:
    """The plan's line on the final's rules, as read."""
    found = re.search(r'<p class="note final-rules">(.*?)</p>', page, re.S)
    assert found is not None
    return plain(found[1])


@pytest.mark.parametrize(("settings", "expected"), [
    ("  attempts: 2\n  grading: highest\n", "Penilaian akhir: nilai lulus 50; 2 kali percobaan, yang dihitung adalah nilai "
         "tertinggi. Peserta yang belum lulus dalam blok ini membaca ulang modul dari soal yang "
         "keliru, lalu memakai percobaan berikutnya; halaman Hasil menunjukkan sisa percobaan. "
         "Blok penutup menyisakan waktu untuk percobaan ulang; peserta yang memerlukan waktu "
         "lebih lama mengulang setelah sesi."),
    ("  attempts: 1\n  grading: highest\n", "Penilaian akhir: nilai lulus 50; hanya satu kali percobaan. "
     "Peserta yang belum lulus tidak punya percobaan lagi: sepakati dengan penyelenggara cara "
     "mengulang sebelum sesi berakhir."),
    ("  attempts: 0\n  grading: last\n", "Penilaian akhir: nilai lulus 50; percobaan "
     "tidak dibatasi, yang dihitung adalah nilai percobaan terakhir. Peserta yang belum lulus "
     "dalam blok ini membaca ulang modul dari soal yang keliru, lalu mencoba lagi. Blok penutup "
     "menyisakan waktu untuk percobaan ulang; peserta yang memerlukan waktu lebih lama mengulang "
     "setelah sesi."),
])
def test_the_plan_states_the_final_rules_from_its_settings(tmp_path: Path, settings: str,
                                                            expected: str) -> None:
    course = Path(shutil.copytree(MINI, tmp_path / "mini"))
    quiz = course / "quizzes" / "akhir.yaml"
    text = quiz.read_text("utf-8")
    assert "settings:\n  attempts: 2\n  grading: highest\n" in text
    quiz.write_text(text.replace("  attempts: 2\n  grading: highest\n", settings), "utf-8")
    result = build(course, tmp_path / "dist", BuildOptions(targets=("facilitator",)))
    assert not result.diagnostics, [d.format() for d in result.diagnostics]
    page = (tmp_path / "dist" / "kursus-mini-facilitator" / "rencana-sesi.html").read_text("utf-8")
    assert final_rules(page) == expected


def test_the_article_plan_states_its_drawn_final_rules(pack: Path) -> None:
    course = resolve(article())
    rules = course.final_settings
    assert (rules.attempts, rules.grading, course.pass_mark.percent) == (3, "highest", 70)
    text = final_rules((pack / "rencana-sesi.html").read_text("utf-8"))
    assert text.startswith("Penilaian akhir: nilai lulus 70; 3 kali percobaan, yang dihitung "
                           "adalah nilai tertinggi.")
    assert text.endswith("Setiap percobaan mengambil kumpulan soal yang baru.")
    assert "14 soal" not in text
    # the article's blocks leave a 2-minute closing: no "minutes left" to retake in
    assert "tidak menyisakan waktu untuk percobaan ulang, jadi percobaan ulang dilakukan " \
        "setelah sesi" in text
    assert "sisa waktu" not in (pack / "rencana-sesi.html").read_text("utf-8")


def test_the_plan_says_how_to_run_the_session_without_internet(pack: Path) -> None:
    page = (pack / "rencana-sesi.html").read_text("utf-8")
    start = page.index('<h2 id="tanpa-internet">')
    section = plain(page[start:page.index('<h2 id="bahan">')])
    assert section.startswith("Sesi tanpa internet")
    folder = "pemimpin-asn-digital-offline/"  # as the build names the offline folder
    assert f"folder {folder}" in section and "flashdisk" in section and "index.html" in section
    assert "mengetik nama yang persis sama" in section  # coming back under the same name
    assert "nilai tetap tersimpan di peramban" in section  # and nothing reaches the facilitator
    assert "halaman Hasil" in section and "mencetaknya" in section and "sertifikat" in section
    # the other way without internet: the live classroom on a local Wi-Fi, results on screen
    assert "coursepack classroom" in section and "ponsel peserta" in section
    # the opening hands out the offline folder; the final's output says where scores are read
    blocks = session_blocks(resolve(article()))
    assert any(folder in m for m in blocks[0].materials)
    assert "Tautan atau berkas kursus untuk peserta" not in page
    final = next(b for b in blocks if b.kind == "final")
    assert "halaman Hasil" in final.output
    assert "Daftar peserta untuk mencatat nilai akhir setiap peserta" in final.materials
    assert "tidak perlu mempelajarinya lebih dulu" in plain(page[:start])  # self-study: not before
    index = plain((pack / "index.html").read_text("utf-8")).replace(" :", ":")
    assert f"Kelas tanpa internet: sesi dijalankan dari folder {folder}" in index


def test_the_overview_hides_placeholder_authors(pack: Path) -> None:
    assert "[Nama penyusun materi kursus]" in (COURSE / "course.yaml").read_text("utf-8")
    index = (pack / "index.html").read_text("utf-8")
    assert "[Nama" not in index and "Penyusun" not in plain(index)


def test_the_notes_fields_are_checked_with_their_location(tmp_path: Path) -> None:
    course = tmp_path / "mini"
    shutil.copytree(MINI, course)
    notes = course / "modules" / "01-pengantar.facilitator.md"
    text = notes.read_text("utf-8")
    text = text.replace("method: Ceramah singkat dan diskusi kelompok dengan kartu dilema",
                        "method: [ceramah]")
    text = text.replace("materials:\n  - Kertas plano dan spidol\n  - Kartu dilema modul ini",
                        "materials: Kertas plano")
    text = text.replace("output: Satu keputusan kelompok untuk setiap kartu dilema.",
                        "ouptut: hasil")
    notes.write_text(text, "utf-8")
    _, problems = load_course(course)
    assert [d.format() for d in problems] == [
        "modules/01-pengantar.facilitator.md:6:1: error[unknown-field]: unknown field 'ouptut' "
        "in facilitator notes\n  hint: did you mean 'output'?",
        "modules/01-pengantar.facilitator.md:4:1: error[wrong-type]: "
        "'method' in facilitator notes must be a non-empty text",
        "modules/01-pengantar.facilitator.md:5:1: error[wrong-type]: "
        "'materials' in facilitator notes must be a list of texts",
    ]


@pytest.mark.parametrize(("cards", "expected"), [
    ("Teks lepas.\n\n### Kartu\n\nSituasi.\n\n**Pertanyaan:** Apa?\n",
     ["16:1: error[dilemma-card-heading]"]),
    ("", ["14:1: error[dilemma-card-heading]"]),
    ("### Tanpa pertanyaan\n\nSituasi saja.\n\n### Dua pertanyaan\n\n**Situasi:** S.\n\n"
     "Pertanyaan: satu?\n\n**Pertanyaan:** dua?\n",
     ["16:1: error[dilemma-card-incomplete]", "20:1: error[dilemma-card-incomplete]"]),
    ("### Terlalu panjang\n\n" + "kata " * 130 + "\n\n**Pertanyaan:** Apa?\n",
     ["16:1: error[dilemma-card-too-long]"]),
])
def test_card_mistakes_are_located_errors(tmp_path: Path, cards: str,
                                          expected: list[str]) -> None:
    course = tmp_path / "mini"
    shutil.copytree(MINI, course)
    notes = course / "modules" / "01-pengantar.facilitator.md"
    text = notes.read_text("utf-8")
    notes.write_text(text[:text.index("## Kartu dilema")] + "## Kartu dilema\n\n" + cards, "utf-8")
    _, problems = load_course(course)
    found = [d.format().split(": ")[0].removeprefix("modules/01-pengantar.facilitator.md:")
             + ": " + d.format().split(": ")[1] for d in problems]
    assert found == expected, [d.format() for d in problems]


@pytest.mark.browser
def test_pack_prints_to_a4_pdfs_with_the_key_only_in_the_answer_key(tmp_path: Path) -> None:
    build(COURSE, tmp_path / "dist", BuildOptions(targets=("facilitator",), pdf=True))
    folder = tmp_path / "dist" / "pemimpin-asn-digital-facilitator"
    for name in ("index", "rencana-sesi", "kartu-dilema", "kunci-jawaban", "bahan-peserta", "kisi-kisi"):
        pages, size = pdf_pages(folder / f"{name}.pdf")
        assert pages >= 1 and size == "A4", name
    key, handout = pdf_text(folder / "kunci-jawaban.pdf"), pdf_text(folder / "bahan-peserta.pdf")
    assert "✔ (kunci)" in key and "Kisi jawaban cepat" in key and "Lembar refleksi" in handout
    assert "✔" not in handout and "Kurang tepat" not in handout
    assert pdf_pages(folder / "bahan-peserta.pdf")[0] <= 4
    # the key runs on between choices with smaller feedback: 20 pages (35 with whole questions)
    assert pdf_pages(folder / "kunci-jawaban.pdf")[0] <= 20


def test_without_a_browser_the_build_warns_and_goes_on(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "find_browser", lambda: None)
    result = build(MINI, tmp_path / "dist", BuildOptions(targets=("facilitator",), pdf=True))
    assert [d.code for d in result.diagnostics] == ["pdf-unavailable"]
    assert (tmp_path / "dist" / "kursus-mini-facilitator" / "bahan-peserta.html").is_file()
    assert not list((tmp_path / "dist" / "kursus-mini-facilitator").glob("*.pdf"))


def test_the_pack_speaks_one_indonesian_term_for_each_thing(pack: Path) -> None:
    pages = {p.name: p.read_text("utf-8") for p in pack.rglob("*") if p.suffix in (".html", ".txt")}
    assert "bahan-peserta.html" in pages and "handout.html" not in pages
    shown = {name: plain(text) for name, text in pages.items()}
    assert [n for n, text in shown.items() if re.search(r"\bhandout\b", text, re.I)] == []
    assert "Bahan Peserta" in shown["bahan-peserta.html"]  # the participants' copy names itself
    assert 'href="bahan-peserta.html">Bahan peserta</a>' in pages["index.html"]
    # the answer key's pools are not the plan's groups of participants
    key = shown["kunci-jawaban.html"]
    assert len(re.findall(r"Kumpulan soal \d+: \d+ dari \d+ soal diambil", key)) == 10
    assert not re.search(r"Kelompok \d+:", key)
    # one word for matching questions: the plan and the bank's README agree
    assert [n for n, text in shown.items() if "memasangkan" in text] == []
    assert "soal menjodohkan" in shown["rencana-sesi.html"]
    assert "soal menjodohkan" in shown["BACA-SAYA.txt"]
