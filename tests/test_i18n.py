"""gettext catalogs: compiled and extracted in step with their sources, and complete."""

from __future__ import annotations

import io
import shlex
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import PYTHON_FORMAT, Catalog
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from builder import i18n
from builder.cli import course_language, main
from builder.messages import (CATALOG, ENGLISH_ONLY_FIELDS, MANIFEST_CASED, NUMBER, SUMMARY,
                              TERMS, render)

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "builder" / "locale"
MINI = ROOT / "tests" / "courses" / "mini"

# ==================================================================================================
# Catalogs of every domain (make i18n), and the diagnostics domain (builder/messages.py)
# ==================================================================================================

PO_FILES = sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))
POT_FILES = sorted(LOCALE.glob("*.pot"))
DIAGNOSTIC_MO = sorted(LOCALE.glob(f"*/LC_MESSAGES/{i18n.DIAGNOSTICS}.mo"))


def catalog_id(path: Path) -> str:
    """A test id like 'id/diagnostics' or 'messages.pot'."""
    return path.name if path.suffix == ".pot" else f"{path.parent.parent.name}/{path.stem}"


def read_catalog(path: Path) -> Catalog:
    """A .po or .pot file as Babel reads it."""
    with path.open("rb") as handle:
        return read_po(handle, domain=path.stem)


def msgids(catalog: Catalog) -> set[str]:
    """The msgids of a catalog (the singular of a plural entry), without the header."""
    return {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}


def extract_commands() -> dict[str, list[str]]:
    """The Makefile's `pybabel extract` commands of the i18n target, by the .pot they write."""
    commands = {}
    for line in (ROOT / "Makefile").read_text("utf-8").splitlines():
        if "pybabel" in line and " extract " in line:
            argv = shlex.split(line.strip())
            argv[0] = str(Path(sys.executable).parent / "pybabel")
            commands[Path(argv[argv.index("-o") + 1]).name] = argv
    return commands


def fields(text: str) -> list[tuple[str, str, str]]:
    """The str.format fields of a text (name, conversion, spec), sorted; raises on a stray brace."""
    return sorted((name, conversion or "", spec or "")
                  for _, name, spec, conversion in string.Formatter().parse(text)
                  if name is not None)


def literal(text: str) -> str:
    """The words of a text without its fields."""
    return "".join(words for words, _, _, _ in string.Formatter().parse(text))


def test_there_are_catalogs_of_both_domains() -> None:
    assert {p.stem for p in PO_FILES} >= {i18n.DOMAIN, i18n.DIAGNOSTICS}
    assert {p.stem for p in POT_FILES} == {i18n.DOMAIN, i18n.DIAGNOSTICS}
    assert set(extract_commands()) == {p.name for p in POT_FILES}


@pytest.mark.parametrize("po", PO_FILES, ids=catalog_id)
def test_the_committed_mo_is_what_compiling_the_po_gives(po: Path) -> None:
    compiled = io.BytesIO()
    write_mo(compiled, read_catalog(po), use_fuzzy=True)  # as `pybabel compile --use-fuzzy`
    assert po.with_suffix(".mo").read_bytes() == compiled.getvalue(), "run `make i18n`"


@pytest.mark.parametrize("pot", POT_FILES, ids=catalog_id)
def test_the_committed_pot_is_what_extraction_gives(pot: Path, tmp_path: Path) -> None:
    argv = extract_commands()[pot.name]
    argv[argv.index("-o") + 1] = str(tmp_path / pot.name)
    subprocess.run(argv, cwd=ROOT, check=True, capture_output=True, timeout=120)
    assert msgids(read_catalog(tmp_path / pot.name)) == msgids(read_catalog(pot)), \
        "run `make i18n`"


@pytest.mark.parametrize("po", PO_FILES, ids=catalog_id)
def test_every_catalog_holds_exactly_the_msgids_of_its_template(po: Path) -> None:
    assert msgids(read_catalog(po)) == msgids(read_catalog(LOCALE / f"{po.stem}.pot")), \
        "run `make i18n`"


@pytest.mark.parametrize("po", PO_FILES, ids=catalog_id)
def test_every_translation_keeps_the_placeholders_of_its_msgid(po: Path) -> None:
    for message in read_catalog(po):
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        texts = [message.string] if isinstance(message.string, str) else list(message.string)
        for form, text in enumerate(texts):
            if not text:  # not translated (yet): gettext shows the English
                continue
            source = ids[min(form, len(ids) - 1)]  # plural forms after the first: the plural msgid
            # The diagnostics are all filled with str.format; elsewhere Babel flags the formats.
            if po.stem == i18n.DIAGNOSTICS:  # it may leave out what only English grammar needs
                english = fields(source)
                assert [f for f in english if f not in fields(text)
                        and f[0] not in ENGLISH_ONLY_FIELDS] == [], (message.id, text)
                assert set(fields(text)) <= set(english), (message.id, text)
            elif "python-brace-format" in message.flags:
                assert fields(text) == fields(source), (message.id, text)
            if "python-format" in message.flags:
                assert sorted(PYTHON_FORMAT.findall(text)) == \
                    sorted(PYTHON_FORMAT.findall(source)), (message.id, text)


def test_every_diagnostic_text_is_marked_for_extraction() -> None:
    template = read_catalog(LOCALE / f"{i18n.DIAGNOSTICS}.pot")
    pot = msgids(template)
    texts = {t for entry in CATALOG.values() for t in (entry.en, entry.en_hint) if t} | TERMS | \
        {SUMMARY, NUMBER}
    assert texts <= pot, "wrap each text in D_() and run `make i18n`"
    assert pot <= texts, "a D_() text outside the catalog: give it a use or remove it"
    plurals = {m.id for m in template if m.id and not isinstance(m.id, str)}
    assert plurals == {(e.en, e.en_plural) for e in CATALOG.values() if e.en_plural}, \
        "mark a counted message with MN(DN_(singular, plural)) and run `make i18n`"


def test_there_is_a_diagnostics_catalog_beside_english() -> None:
    assert i18n.languages(i18n.DIAGNOSTICS) == ("en", "id")


@pytest.mark.parametrize("mo", DIAGNOSTIC_MO, ids=catalog_id)
def test_every_diagnostic_has_a_translation_in_the_compiled_catalog(mo: Path) -> None:
    with mo.open("rb") as handle:
        compiled = read_mo(handle)
    untranslated = [text for text in msgids(read_catalog(LOCALE / f"{i18n.DIAGNOSTICS}.pot"))
                    if not (compiled.get(text) and compiled[text].string)]
    assert not untranslated, f"fill these msgstr in {mo.with_suffix('.po')}: {untranslated}"


@pytest.mark.parametrize("lang", [lang for lang in i18n.languages(i18n.DIAGNOSTICS)
                                  if lang != i18n.SOURCE_LANGUAGE])
def test_every_code_renders_in_every_language_in_its_own_words(lang: str) -> None:
    for code, entry in CATALOG.items():
        args = {name: f"<{name}>" for text in entry for name, _, _ in fields(text)}
        english, translated = render(code, args), render(code, args, lang)
        assert translated[0] != english[0], code
        assert translated[1] != english[1] or not literal(entry.en_hint).strip(), code
        assert bool(translated[1]) == bool(english[1]), code
        for name in set(args) - ENGLISH_ONLY_FIELDS:  # every value is shown in both languages
            assert (f"<{name}>" in "".join(english)) == (f"<{name}>" in "".join(translated)), code


def test_the_terms_of_a_message_follow_its_language() -> None:
    args = {"name": "jp", "what": "course file", "expected": "a whole number"}
    assert render("wrong-type", args, "en")[0] == "'jp' in course file must be a whole number"
    assert render("wrong-type", args, "id")[0] == \
        "'jp' di berkas kursus harus berupa bilangan bulat"
    assert render("wrong-type", args, "id-ID") == render("wrong-type", args, "id")
    for tag in ("fr", "../id", "id/../id"):  # no catalog (a tag never names a path): English
        assert render("wrong-type", args, tag) == render("wrong-type", args, "en")
    cased = {"where": MANIFEST_CASED, "path": "IMSManifest.xml"}
    assert render("no-manifest", cased, "en")[1] == \
        "it is named 'IMSManifest.xml': Moodle needs exactly 'imsmanifest.xml'"
    assert render("no-manifest", cased, "id") == (
        "zip tidak memiliki imsmanifest.xml di akarnya",
        "namanya 'IMSManifest.xml': Moodle memerlukan tepat 'imsmanifest.xml'")
    assert render("no-manifest", {"where": "", "path": ""}, "id")[1] == ""


@pytest.mark.parametrize(("line", "language"), [
    ("language: id\n", "id"), ("language: id-ID\n", "id"), ("language: 'en'\n", "en"),
    ("language: fr\n", "en"),   # no catalog: English
    ("language: [id]\n", "en"),  # not a tag
    ("language: id\nbroken: [\n", "en"),  # a course.yaml that is not YAML has no language
])
def test_diagnostics_take_the_language_the_loader_reads(line: str, language: str,
                                                        tmp_path: Path) -> None:
    text = (MINI / "course.yaml").read_text("utf-8")
    assert "language: id\n" in text
    (tmp_path / "course.yaml").write_text(text.replace("language: id\n", line), "utf-8")
    assert course_language(tmp_path) == language


def test_the_version_and_english_messages_load_no_catalog_nor_babel() -> None:
    script = ("import sys\n"
              "from builder import i18n\n"
              "from builder.cli import main\n"
              "from builder.messages import render\n"
              "try:\n"
              "    main(['--version'])\n"
              "except SystemExit:\n"
              "    pass\n"
              "render('no-course-file', {'folder': 'x'}, 'en')\n"
              "print(sorted({m.split('.')[0] for m in sys.modules} & {'babel', 'jinja2', 'yaml'}),"
              " i18n.translations.cache_info().currsize)\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                            text=True, timeout=60, check=True)
    version, modules = result.stdout.splitlines()
    assert version.startswith("coursepack ") and modules == "[] 0"


def test_a_usage_mistake_is_said_in_the_language_asked_for(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "hilang.zip"
    assert main(["--lang", "id", "check", str(missing)]) == 2
    assert capsys.readouterr().err == f"coursepack: berkas tidak ada: {missing}\n"
    assert main(["--lang", "en", "check", str(missing)]) == 2
    assert capsys.readouterr().err == f"coursepack: no such file: {missing}\n"


@pytest.mark.parametrize("po", [p for p in PO_FILES if p.stem == i18n.DIAGNOSTICS], ids=catalog_id)
def test_every_counted_message_has_every_plural_form_of_its_language(po: Path) -> None:
    catalog = read_catalog(po)
    counted = {e.en: code for code, e in CATALOG.items() if e.en_plural}
    lang = po.parent.parent.name
    assert counted and catalog.num_plurals >= 1
    for message in catalog:
        if not message.id or isinstance(message.id, str):
            continue
        assert len(message.string) == catalog.num_plurals and all(message.string), message.id
        code = counted[message.id[0]]
        for count in (1, 2, 5):  # the form the catalog's own rule picks, with the count filled in
            form = message.string[eval_plural(catalog.plural_expr, count)]
            args = {name: f"<{name}>" for text in CATALOG[code] for name, _, _ in fields(text)
                    if name != "count"}
            assert render(code, {**args, "count": count}, lang)[0] == form.format(
                **args, count=count), (code, count)


def eval_plural(expression: str, n: int) -> int:
    """The index of the plural form a gettext Plural-Forms expression picks for n."""
    import gettext

    return gettext.c2py(expression)(n)


def test_english_counts_one_in_the_singular_and_more_in_the_plural() -> None:
    assert render("verdict-notes", {"count": 1}) == ("1 note", "")
    assert render("verdict-notes", {"count": 2}) == ("2 notes", "")
    assert render("verdict-notes", {"count": "0"}) == ("0 notes", "")  # a diagnostic's digits
    assert not any("{s}" in text for entry in CATALOG.values() for text in entry), \
        "a message that counts is MN(DN_(singular, plural)), not a {s} field"
