"""`coursepack check` on hostile and damaged zips: every one is a located error, exit 1, never exit 3.

The zips are binary, so each is made here by code: a clean package plus one hostile part (an
escaping name, a symlink, an encrypted or damaged entry, a bomb, a DTD in the manifest, ...).
Every check runs from an empty working folder and must leave every folder as it was. The zip bomb
that inflates to more than 1 GB is checked in a subprocess whose address space is capped at 300 MB.
"""

from __future__ import annotations

import io
import random
import resource
import stat
import struct
import subprocess
import sys
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from builder.inspect import ZipLimits, inspect_zip
from builder.schemas import SchemaSet
from support.zips import INDEX, MANIFEST, changed, check, findings, tree

ROOT = Path(__file__).parent.parent
COURSEPACK = Path(sys.executable).parent / "coursepack"
MEMORY_LIMIT = 300 * 1024 * 1024
CANARY = "coursepack-hostile-canary.txt"


def zip_bytes(entries: list[tuple[zipfile.ZipInfo | str, bytes]],
              method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip of these entries, in this order (duplicates allowed)."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name" is the point of one case
        with zipfile.ZipFile(buffer, "w", method) as archive:
            for name, data in entries:
                archive.writestr(name, data)
    return buffer.getvalue()


def clean(*extra: tuple[zipfile.ZipInfo | str, bytes], manifest: str | bytes = MANIFEST,
          method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """The clean single-SCO package plus extra entries."""
    return zip_bytes([("imsmanifest.xml", manifest.encode() if isinstance(manifest, str)
                       else manifest), ("index.html", INDEX), *extra], method)


def patch(data: bytes, name: str, *, flags: int | None = None, method: int | None = None,
          crc: int | None = None, size: int | None = None) -> bytes:
    """Change header fields of one entry, in its local header and its central directory record."""
    out = bytearray(data)
    encoded = name.encode()
    for signature, name_at, fields in ((b"PK\x03\x04", 26, {"flags": 6, "method": 8, "crc": 14,
                                                            "size": 22}),
                                       (b"PK\x01\x02", 28, {"flags": 8, "method": 10, "crc": 16,
                                                            "size": 24})):
        start = 0
        while (at := out.find(signature, start)) >= 0:
            start = at + 4
            length = struct.unpack_from("<H", out, at + name_at)[0]
            header = 30 if signature == b"PK\x03\x04" else 46
            if bytes(out[at + header:at + header + length]) != encoded:
                continue
            for field, value, fmt in (("flags", flags, "<H"), ("method", method, "<H"),
                                      ("crc", crc, "<I"), ("size", size, "<I")):
                if value is not None:
                    struct.pack_into(fmt, out, at + fields[field], value)
    return bytes(out)


def symlink_entry(name: str, target: str) -> tuple[zipfile.ZipInfo, bytes]:
    """A zip entry that unzip would make a symbolic link."""
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info, target.encode()


def deflated_entry_offset(data: bytes, name: str) -> tuple[int, int]:
    """Where an entry's compressed bytes start in the zip, and how many there are."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(name)
    name_length, extra_length = struct.unpack_from("<HH", data, info.header_offset + 26)
    return info.header_offset + 30 + name_length + extra_length, info.compress_size


def damaged_deflate() -> bytes:
    """A package whose index.html has its deflate stream overwritten with invalid blocks."""
    data = bytearray(clean(("assets/teks.html", b"<p>kursus</p>" * 500)))
    start, length = deflated_entry_offset(bytes(data), "assets/teks.html")
    data[start:start + length] = b"\xff" * length
    return bytes(data)


def crc_mismatch() -> bytes:
    """A package with a stored entry whose bytes no longer match its CRC."""
    data = clean(("assets/data.txt", b"kursus " * 100), method=zipfile.ZIP_STORED)
    return data.replace(b"kursus kursus", b"kursus Kursus", 1)


def ratio_bomb() -> bytes:
    """A package with a 64 MB entry of zeros, a few dozen KB packed."""
    return clean(("assets/video.mp4", bytes(64 * 1024 * 1024)))


def lying_sizes() -> bytes:
    """An entry that says it inflates to 1,000 bytes while it inflates to 8 MB."""
    data = clean(("assets/kecil.txt", bytes(8 * 1024 * 1024)))
    return patch(data, "assets/kecil.txt", size=1000)


def billion_laughs() -> bytes:
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    manifest = changed('<?xml version="1.0" encoding="UTF-8"?>\n',
                       '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE manifest [<!ENTITY l0 '
                       f'"lol">{lol}]>\n').replace("Kursus Vendor", "&l9;")
    return clean(manifest=manifest)


def external_entity() -> bytes:
    manifest = changed('<?xml version="1.0" encoding="UTF-8"?>\n',
                       '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE manifest [<!ENTITY r '
                       'SYSTEM "file:///etc/passwd">]>\n').replace("Kursus Vendor", "&r;")
    return clean(manifest=manifest)


def utf16_doctype() -> bytes:
    manifest = MANIFEST.replace('encoding="UTF-8"', 'encoding="UTF-16"').replace(
        "<manifest ", '<!DOCTYPE manifest SYSTEM "http://127.0.0.1:9/x.dtd">\n<manifest ', 1)
    return clean(manifest=manifest.encode("utf-16"))


def huge_manifest() -> bytes:
    filler = random.Random(3).choices("abcdefghij", k=9 * 1024 * 1024)
    manifest = changed("</manifest>", f"<!-- {''.join(filler)} -->\n</manifest>")
    return clean(manifest=manifest, method=zipfile.ZIP_STORED)


def truncated() -> bytes:
    data = clean(("assets/teks.html", b"<p>kursus</p>" * 500))
    return data[:len(data) // 2]


# name: (how the zip is made, the (level, code) of each finding, a text the report must contain)
HOSTILE: dict[str, tuple[Callable[[], bytes], list[tuple[str, str]], str]] = {
    "parent-folder": (lambda: clean(("../" + CANARY, b"owned")),
                      [("error", "zip-path-escape")], f"'../{CANARY}' would be written outside"),
    "deep-parent-folder": (lambda: clean((f"assets/../../{CANARY}", b"owned")),
                           [("error", "zip-path-escape")], f"'assets/../../{CANARY}'"),
    "absolute-path": (lambda: clean((f"/tmp/{CANARY}", b"owned")),
                      [("error", "zip-path-escape")], f"'/tmp/{CANARY}'"),
    "backslashes": (lambda: clean((f"assets\\..\\..\\{CANARY}", b"owned")),
                    [("error", "zip-path-escape")], f"'assets\\..\\..\\{CANARY}'"),
    "drive-letter": (lambda: clean((f"C:\\{CANARY}", b"owned")), [("error", "zip-path-escape")],
                     f"'C:\\{CANARY}'"),
    "symlink": (lambda: clean(symlink_entry("assets/passwd", "../../../../etc/passwd")),
                [("error", "zip-symlink")], "'assets/passwd' is a symbolic link"),
    "symlink-manifest": (lambda: zip_bytes([symlink_entry("imsmanifest.xml", "/etc/passwd"),
                                            ("index.html", INDEX)]),
                         [("error", "zip-symlink")], "'imsmanifest.xml' is a symbolic link"),
    "encrypted-entry": (lambda: patch(clean(("assets/rahasia.txt", b"x" * 100)),
                                      "assets/rahasia.txt", flags=0x1),
                        [("error", "zip-encrypted")], "'assets/rahasia.txt' is encrypted"),
    "encrypted-manifest": (lambda: patch(clean(), "imsmanifest.xml", flags=0x1),
                           [("error", "zip-encrypted")], "'imsmanifest.xml' is encrypted"),
    "bzip2-entry": (lambda: clean(("assets/data.txt", b"kursus" * 100),
                                  method=zipfile.ZIP_BZIP2),
                    [("error", "zip-method")] * 3, "'assets/data.txt' is compressed with bzip2"),
    "aes-method": (lambda: patch(clean(("assets/data.txt", b"kursus" * 100)),
                                 "assets/data.txt", method=99),
                   [("error", "zip-method")], "'assets/data.txt' is compressed with AES"),
    "damaged-deflate": (damaged_deflate, [("error", "zip-corrupt")],
                        "'assets/teks.html' is damaged and cannot be unpacked"),
    "crc-mismatch": (crc_mismatch, [("error", "zip-crc")], "'assets/data.txt' fails its CRC"),
    "bad-crc-in-header": (lambda: patch(clean(), "index.html", crc=0xDEADBEEF),
                          [("error", "zip-crc")], "'index.html' fails its CRC check"),
    "ratio-bomb": (ratio_bomb, [("error", "zip-bomb")],
                   "'assets/video.mp4' inflates to 67,108,864 bytes from"),
    "lying-sizes": (lying_sizes, [("error", "zip-crc")], "'assets/kecil.txt' fails its CRC"),
    "duplicate-manifest": (lambda: zip_bytes([("imsmanifest.xml", MANIFEST.encode()),
                                              ("index.html", INDEX),
                                              ("imsmanifest.xml", b"<manifest/>")]),
                           [("error", "zip-duplicate-entry")],
                           "holds the entry 'imsmanifest.xml' more than once"),
    "billion-laughs": (billion_laughs, [("error", "xml-doctype")],
                       "imsmanifest.xml:2:1: error[xml-doctype]: imsmanifest.xml declares a "
                       "DOCTYPE"),
    "external-entity": (external_entity, [("error", "xml-doctype")],
                        "imsmanifest.xml:2:1: error[xml-doctype]"),
    "utf16-external-dtd": (utf16_doctype, [("error", "xml-doctype")],
                           "imsmanifest.xml:2:1: error[xml-doctype]"),
    "huge-manifest": (huge_manifest, [("error", "xml-too-big")],
                      "imsmanifest.xml: error[xml-too-big]: the file is 9,437,"),
    "truncated": (truncated, [("error", "not-a-zip")], "is not a zip archive"),
    "random-bytes": (lambda: random.Random(5).randbytes(5000), [("error", "not-a-zip")],
                     "is not a zip archive"),
}
SLOW_ZIPS = {"huge-manifest"}  # a 9 MB manifest read twice: the slow lane (tests/conftest.py)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder, three levels deep, so that '../../x' still lands in tmp_path."""
    folder = tmp_path / "a" / "b" / "c"
    folder.mkdir(parents=True)
    monkeypatch.chdir(folder)
    return folder


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.slow) if n in SLOW_ZIPS else n
                                  for n in sorted(HOSTILE)])
def test_a_hostile_zip_is_a_located_error_and_writes_nothing(
        name: str, tmp_path: Path, workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make, expected, text = HOSTILE[name]
    zip_path = workdir / f"{name}.zip"
    zip_path.write_bytes(make())
    before = tree(tmp_path)

    for lang in ("en", "id"):
        code, out, err = check(capsys, zip_path, lang=lang)
        assert code == 1, err
        assert sorted(findings(err)) == sorted(expected), err
        assert out == (f"{zip_path}: not ready: Moodle will refuse this package or run it wrongly "
                       f"({len(expected)} problem{'s' if len(expected) > 1 else ''} to fix)\n"
                       if lang == "en" else
                       f"{zip_path}: belum siap: Moodle akan menolak paket ini atau "
                       f"menjalankannya dengan salah ({len(expected)} masalah harus "
                       "diperbaiki)\n")
        if lang == "en":
            assert text in err, err
        assert "root:" not in err  # nothing of /etc/passwd

    assert tree(tmp_path) == before
    assert not Path("/tmp", CANARY).exists()
    assert not Path("/", CANARY).exists()


def test_the_indonesian_report_of_a_symlink(workdir: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    zip_path = workdir / "x.zip"
    zip_path.write_bytes(clean(symlink_entry("assets/passwd", "/etc/passwd")))
    assert check(capsys, zip_path, lang="id")[2] == (
        "x.zip: error[zip-symlink]: entri zip 'assets/passwd' adalah tautan simbolik, yang dapat "
        "menunjuk ke luar paket\n  hint: jangan unggah zip ini\n")


def test_the_total_inflated_size_is_capped(tmp_path: Path) -> None:
    zip_path = tmp_path / "x.zip"
    zip_path.write_bytes(clean(("assets/a.bin", random.Random(1).randbytes(40_000)),
                               ("assets/b.bin", random.Random(2).randbytes(40_000))))
    limits = ZipLimits(total_bytes=60_000)
    report = inspect_zip(zip_path, SchemaSet.create(), limits=limits)
    assert [(d.code, d.message) for d in report.diagnostics] == [
        ("zip-too-big", "the zip inflates to more than 60,000 bytes (at the entry 'assets/b.bin')")]


def test_the_number_of_entries_is_capped(tmp_path: Path) -> None:
    zip_path = tmp_path / "x.zip"
    zip_path.write_bytes(clean(*((f"assets/{i}.txt", b"") for i in range(30))))
    report = inspect_zip(zip_path, SchemaSet.create(), limits=ZipLimits(entries=20))
    assert [(d.code, d.message) for d in report.diagnostics] == [
        ("zip-too-many-entries", "the zip has 32 entries, more than the 20 coursepack reads")]


@pytest.mark.slow  # a fuzzer: 200 damaged packages
def test_random_damage_never_gives_an_internal_error(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """Bytes flipped anywhere in a good package: always exit 0 or 1, never a traceback."""
    good = clean(("assets/teks.html", b"<p>kursus</p>" * 200))
    rng = random.Random(11)
    for attempt in range(200):
        damaged = bytearray(good)
        for _ in range(rng.randint(1, 4)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        zip_path = tmp_path / f"rusak-{attempt}.zip"
        zip_path.write_bytes(bytes(damaged))
        code, _, err = check(capsys, zip_path)
        assert code in (0, 1), (attempt, err)
        assert "internal error" not in err


BOMB_SIZE = 140 * 8 * 1024 * 1024  # 1,174,405,120 bytes of zeros


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A package with one entry of 1.1 GB of zeros, deflated as it is written (about 1 MB)."""
    path = tmp_path_factory.mktemp("bomb") / "bom.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", MANIFEST)
        archive.writestr("index.html", INDEX)
        with archive.open("assets/bom.bin", "w", force_zip64=True) as entry:
            chunk = bytes(8 * 1024 * 1024)
            for _ in range(BOMB_SIZE // len(chunk)):
                entry.write(chunk)
    return path


def limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def check_with_little_memory(zip_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(COURSEPACK), "--lang", "en", "check", str(zip_path)],
                          capture_output=True, text=True, timeout=300, cwd=zip_path.parent,
                          preexec_fn=limit_memory)


@pytest.mark.slow
def test_a_zip_bomb_is_refused_within_300_mb_of_memory(bomb: Path) -> None:
    assert bomb.stat().st_size < 3 * 1024 * 1024
    before = tree(bomb.parent)

    result = check_with_little_memory(bomb)

    assert result.returncode == 1, result.stderr
    assert result.stderr == (
        f"bom.zip: error[zip-bomb]: the zip entry 'assets/bom.bin' inflates to {BOMB_SIZE:,} "
        f"bytes from {zipfile.ZipFile(bomb).getinfo('assets/bom.bin').compress_size:,}, more "
        "than 100 times its size: a zip bomb\n  hint: do not upload this zip\n")
    assert result.stdout == (f"{bomb}: not ready: Moodle will refuse this package or run it "
                             "wrongly (1 problem to fix)\n")
    assert tree(bomb.parent) == before


@pytest.mark.slow
def test_a_bomb_that_lies_about_its_size_is_refused_within_300_mb_of_memory(
        bomb: Path, tmp_path: Path) -> None:
    liar = tmp_path / "bohong.zip"
    liar.write_bytes(patch(bomb.read_bytes(), "assets/bom.bin", size=4096))
    assert zipfile.ZipFile(liar).getinfo("assets/bom.bin").file_size == 4096
    result = check_with_little_memory(liar)
    assert result.returncode == 1, result.stderr
    assert result.stderr == (
        "bohong.zip: error[zip-crc]: the zip entry 'assets/bom.bin' fails its CRC check: its data "
        "is damaged\n  hint: make the zip again; do not upload this one\n")


@pytest.mark.slow  # the 1.1 GB bomb is written for it, as for the two tests above
def test_the_memory_limit_is_real(bomb: Path) -> None:
    """The same cap stops a program that reads the whole bomb into memory: the test can fail."""
    naive = "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).read('assets/bom.bin')"
    result = subprocess.run([sys.executable, "-c", naive, str(bomb)], capture_output=True,
                            text=True, timeout=300, preexec_fn=limit_memory)
    assert result.returncode != 0 and "MemoryError" in result.stderr
