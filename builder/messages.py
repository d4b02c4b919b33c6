"""Every diagnostic's message and hint, in English and Indonesian, by code.

A diagnostic carries its code and named arguments; the text is made when it is shown, in the
language asked for (`--lang id`, or the course's language).
"""

from __future__ import annotations

from typing import NamedTuple


class Message(NamedTuple):
    """A message and its hint ("" when no fix is known), in English and Indonesian."""

    en: str
    en_hint: str
    id: str
    id_hint: str


M = Message
CATALOG: dict[str, Message] = {
    # reading files
    "unreadable-file": M("cannot read the file: {reason}", "",
                         "berkas tidak dapat dibaca: {reason}", ""),
    "not-utf8": M("the file is not UTF-8 text",
                  "save the file with the UTF-8 encoding in your editor",
                  "berkas bukan teks UTF-8",
                  "simpan berkas dengan pengodean UTF-8 di editor Anda"),
    "no-course-file": M("there is no course.yaml in {folder}",
                        "run 'coursepack new <folder>' to start a course, or pass the right folder",
                        "tidak ada course.yaml di {folder}",
                        "jalankan 'coursepack new <folder>' untuk memulai kursus, atau sebut folder "
                        "yang benar"),
    "front-matter-missing": M("the file does not start with front matter",
                              "begin the file with a line '---', the fields, and another '---'",
                              "berkas tidak diawali front matter",
                              "awali berkas dengan baris '---', isian, lalu '---' lagi"),
    "front-matter-unclosed": M("the front matter is not closed",
                               "add a line '---' after the last field of the front matter",
                               "front matter tidak ditutup",
                               "tambahkan baris '---' setelah isian terakhir front matter"),
    # YAML
    "yaml-syntax": M("invalid YAML: {problem}",
                     "check the indentation and quote text that contains ': ' or starts with a "
                     "special character",
                     "YAML tidak valid: {problem}",
                     "periksa indentasi, dan beri tanda kutip pada teks yang memuat ': ' atau "
                     "diawali karakter khusus"),
    "duplicate-key": M("the field '{name}' is written twice", "keep one of them",
                       "isian '{name}' ditulis dua kali", "pertahankan salah satunya"),
    "unknown-field": M("unknown field '{name}' in {what}", "did you mean '{suggestion}'?",
                       "isian '{name}' tidak dikenal di {what}", "maksud Anda '{suggestion}'?"),
    "unknown-field-no-match": M("unknown field '{name}' in {what}", "allowed fields: {allowed}",
                                "isian '{name}' tidak dikenal di {what}",
                                "isian yang diizinkan: {allowed}"),
    "missing-field": M("{what} has no '{name}'", "add '{name}:' to the {what}",
                       "{what} tidak memiliki '{name}'", "tambahkan '{name}:' pada {what}"),
    "wrong-type": M("'{name}' in {what} must be {expected}", "",
                    "'{name}' di {what} harus berupa {expected}", ""),
    "not-a-mapping": M("{what} must be a mapping of fields", "write 'field: value' lines",
                       "{what} harus berupa kumpulan isian", "tulis baris 'isian: nilai'"),
    # course file
    "invalid-id": M("the {what} id '{value}' is not a valid id",
                    "use lowercase letters, digits and '-', starting with a letter, at most 40 "
                    "characters",
                    "id {what} '{value}' tidak valid",
                    "gunakan huruf kecil, angka dan '-', diawali huruf, paling banyak 40 karakter"),
    "duplicate-id": M("the {what} id '{value}' is already used",
                      "first used at {first}; give this one another id",
                      "id {what} '{value}' sudah dipakai",
                      "pertama dipakai di {first}; beri id lain"),
    "reserved-id": M("the id '{value}' is kept for the results page", "choose another id",
                     "id '{value}' dipakai untuk halaman hasil", "pilih id lain"),
    "invalid-language": M("'{value}' is not a language tag", "use a tag such as 'id' or 'en'",
                          "'{value}' bukan kode bahasa", "gunakan kode seperti 'id' atau 'en'"),
    "negative-number": M("'{name}' cannot be negative", "",
                         "'{name}' tidak boleh negatif", ""),
    "empty-course": M("the course lists no modules",
                      "list the module ids under 'modules:' in course.yaml",
                      "kursus tidak mencantumkan modul",
                      "cantumkan id modul di bawah 'modules:' pada course.yaml"),
    "module-listed-twice": M("the module '{value}' is listed twice", "list it once",
                             "modul '{value}' dicantumkan dua kali", "cantumkan sekali saja"),
    "module-missing": M("the course lists the module '{value}', but no module has that id",
                        "did you mean '{suggestion}'?",
                        "kursus mencantumkan modul '{value}', tetapi tidak ada modul dengan id itu",
                        "maksud Anda '{suggestion}'?"),
    "module-missing-no-match": M(
        "the course lists the module '{value}', but no module has that id",
        "add a file in modules/ whose front matter has this id",
        "kursus mencantumkan modul '{value}', tetapi tidak ada modul dengan id itu",
        "tambahkan berkas di modules/ yang front matter-nya memakai id ini"),
    "module-not-listed": M("the module '{value}' is not listed in course.yaml",
                           "add its id under 'modules:' in course.yaml, or delete the file",
                           "modul '{value}' tidak dicantumkan di course.yaml",
                           "tambahkan id-nya di bawah 'modules:' pada course.yaml, atau hapus "
                           "berkasnya"),
    "unknown-module": M("facilitator notes name the module '{value}', which does not exist",
                        "use the id of a module in modules/",
                        "catatan fasilitator menyebut modul '{value}', yang tidak ada",
                        "gunakan id modul yang ada di modules/"),
    "session-too-long": M("the session plan needs {needed} minutes, more than the session's {session}",
                          "lower 'minutes:' in the facilitator notes, or raise 'session_minutes:'",
                          "rencana sesi memerlukan {needed} menit, lebih dari {session} menit sesi",
                          "kurangi 'minutes:' di catatan fasilitator, atau naikkan "
                          "'session_minutes:'"),
    "invalid-minutes": M("facilitator notes need minutes above 0", "",
                         "catatan fasilitator memerlukan menit lebih dari 0", ""),
    # modules and pages
    "no-objectives": M("the module '{value}' has no objectives",
                       "add 2-4 learning objectives under 'objectives:'",
                       "modul '{value}' tidak memiliki tujuan pembelajaran",
                       "tambahkan 2-4 tujuan pembelajaran di bawah 'objectives:'"),
    "empty-page": M("the page '{value}' has no text", "write the page, or remove its heading",
                    "halaman '{value}' tidak berisi teks", "tulis isinya, atau hapus judulnya"),
    "empty-reflection": M("the reflection '{value}' has no prompts", "add prompts under 'prompts:'",
                          "refleksi '{value}' tidak memiliki pertanyaan",
                          "tambahkan pertanyaan di bawah 'prompts:'"),
    "unsafe-html": M("{what} in the page '{value}' is removed",
                     "course text may use Markdown and simple HTML only",
                     "{what} di halaman '{value}' dihapus",
                     "teks kursus hanya boleh memakai Markdown dan HTML sederhana"),
    "missing-asset": M("the file '{value}' does not exist",
                       "put the file in the course's assets/ folder",
                       "berkas '{value}' tidak ada", "letakkan berkas di folder assets/ kursus"),
    "asset-outside": M("the file '{value}' is outside the course folder",
                       "put the file in the course's assets/ folder and link to ../assets/<name>",
                       "berkas '{value}' berada di luar folder kursus",
                       "letakkan berkas di folder assets/ kursus dan tautkan ke ../assets/<nama>"),
    "brand-colour-format": M("the primary colour '{value}' is not a colour like '#0b5394'",
                             "write it as # and six hexadecimal digits",
                             "warna utama '{value}' bukan warna seperti '#0b5394'",
                             "tulis sebagai # dan enam digit heksadesimal"),
    "brand-contrast": M("the primary colour {value} has a contrast of {ratio}:1 against {against}; "
                        "WCAG AA needs 4.5:1", "choose a darker colour",
                        "warna utama {value} memiliki kontras {ratio}:1 terhadap {against}; "
                        "WCAG AA memerlukan 4.5:1", "pilih warna yang lebih gelap"),
    "runtime-budget": M("the {target} package's scripts and styles are {size} bytes, over the "
                        "learner runtime budget of {budget} bytes",
                        "remove large files from the course's templates/learner/static/",
                        "skrip dan gaya paket {target} berukuran {size} bita, melebihi anggaran "
                        "runtime peserta {budget} bita",
                        "hapus berkas besar dari templates/learner/static/ kursus"),
    "package-budget": M("the {target} package is {size} bytes, over the course's package budget of "
                        "{budget} bytes (budgets: package_kb)",
                        "make images smaller, or raise 'package_kb' under 'budgets:'",
                        "paket {target} berukuran {size} bita, melebihi anggaran paket kursus "
                        "{budget} bita (budgets: package_kb)",
                        "perkecil gambar, atau naikkan 'package_kb' di bawah 'budgets:'"),
    "upload-budget-course": M("the {target} package is {size} bytes, over the upload budget of "
                              "{budget} bytes (budgets: upload_mb)",
                              "many LMSs refuse uploads this big; make images smaller",
                              "paket {target} berukuran {size} bita, melebihi anggaran unggah "
                              "{budget} bita (budgets: upload_mb)",
                              "banyak LMS menolak unggahan sebesar ini; perkecil gambar"),
    "pdf-unavailable": M("no PDF was made of {pages}: no Chromium to print with",
                         "install Chromium (Debian: apt-get install chromium), or print the HTML "
                         "pages from a browser",
                         "PDF untuk {pages} tidak dibuat: tidak ada Chromium untuk mencetak",
                         "pasang Chromium (Debian: apt-get install chromium), atau cetak halaman "
                         "HTML dari peramban"),
    # quizzes
    "quiz-missing": M("the module '{module}' uses the quiz '{value}', which does not exist",
                      "add quizzes/<id>.yaml with that id",
                      "modul '{module}' memakai kuis '{value}', yang tidak ada",
                      "tambahkan quizzes/<id>.yaml dengan id itu"),
    "final-missing": M("the final assessment '{value}' does not exist",
                       "add quizzes/<id>.yaml with 'kind: final'",
                       "penilaian akhir '{value}' tidak ada",
                       "tambahkan quizzes/<id>.yaml dengan 'kind: final'"),
    "final-not-final": M("the final assessment '{value}' must have 'kind: final'", "",
                         "penilaian akhir '{value}' harus memakai 'kind: final'", ""),
    "final-as-check": M("the module '{module}' uses the final assessment as its knowledge check",
                        "give the module a quiz with 'kind: knowledge-check'",
                        "modul '{module}' memakai penilaian akhir sebagai cek pemahaman",
                        "beri modul kuis dengan 'kind: knowledge-check'"),
    "second-final": M("the quiz '{value}' is a final assessment, but course.yaml names "
                      "'{final}' as the final assessment",
                      "make it 'kind: knowledge-check', or name it in course.yaml",
                      "kuis '{value}' adalah penilaian akhir, tetapi course.yaml menyebut "
                      "'{final}' sebagai penilaian akhir",
                      "ubah menjadi 'kind: knowledge-check', atau sebut di course.yaml"),
    "quiz-kind": M("unknown quiz kind '{value}'", "use knowledge-check or final",
                   "jenis kuis '{value}' tidak dikenal", "gunakan knowledge-check atau final"),
    "empty-quiz": M("the quiz '{value}' has no questions", "add questions under 'questions:'",
                    "kuis '{value}' tidak memiliki soal", "tambahkan soal di bawah 'questions:'"),
    "missing-pass-mark": M("the final assessment has no 'pass_mark'",
                           "add 'pass_mark: 70' (the percentage needed to pass)",
                           "penilaian akhir tidak memiliki 'pass_mark'",
                           "tambahkan 'pass_mark: 70' (persentase untuk lulus)"),
    "pass-mark-range": M("the pass mark {value} is not between 1 and 100", "",
                         "nilai lulus {value} tidak di antara 1 dan 100", ""),
    "unused-pass-mark": M("a knowledge check has no pass mark; it is ignored",
                          "remove 'pass_mark:' from this quiz",
                          "cek pemahaman tidak memakai nilai lulus; diabaikan",
                          "hapus 'pass_mark:' dari kuis ini"),
    "unused-quiz": M("no module uses the quiz '{value}'",
                     "name it in a module's 'quiz:' field, or delete the file",
                     "tidak ada modul yang memakai kuis '{value}'",
                     "sebut di isian 'quiz:' sebuah modul, atau hapus berkasnya"),
    "question-type": M("unknown question type '{value}'", "use single, multiple or truefalse",
                       "jenis soal '{value}' tidak dikenal",
                       "gunakan single, multiple atau truefalse"),
    "choice-count": M("the question '{value}' has {count} choice(s)",
                      "give it between 2 and {limit} choices",
                      "soal '{value}' memiliki {count} pilihan",
                      "beri antara 2 dan {limit} pilihan"),
    "no-correct-answer": M("the question '{value}' has no correct choice",
                           "mark the right choice with 'correct: true'",
                           "soal '{value}' tidak memiliki pilihan yang benar",
                           "tandai pilihan yang benar dengan 'correct: true'"),
    "several-correct-answers": M("the single-choice question '{value}' has {count} correct choices",
                                 "keep one 'correct: true', or make it 'type: multiple'",
                                 "soal pilihan tunggal '{value}' memiliki {count} pilihan benar",
                                 "pertahankan satu 'correct: true', atau ubah menjadi "
                                 "'type: multiple'"),
    "truefalse-answer": M("a true/false question needs 'answer: true' or 'answer: false'", "",
                          "soal benar/salah memerlukan 'answer: true' atau 'answer: false'", ""),
    "truefalse-feedback": M("a true/false question needs feedback for 'benar' and 'salah'",
                            "add 'feedback:' with 'benar:' and 'salah:'",
                            "soal benar/salah memerlukan umpan balik untuk 'benar' dan 'salah'",
                            "tambahkan 'feedback:' dengan 'benar:' dan 'salah:'"),
    "suspend-data-budget": M("the learner's saved state can reach {worst} characters, over the "
                             "SCORM 1.2 limit of {limit}",
                             "split the course, or use fewer questions, pages or reflection "
                             "prompts",
                             "data kemajuan peserta dapat mencapai {worst} karakter, melebihi "
                             "batas SCORM 1.2 sebesar {limit}",
                             "bagi kursus, atau kurangi soal, halaman, atau pertanyaan refleksi"),
    # built packages (coursepack check on a zip)
    "not-a-zip": M("the file is not a zip archive", "", "berkas bukan arsip zip", ""),
    "zip-path-escape": M("the zip entry '{value}' would be written outside the package folder",
                         "do not upload this zip",
                         "entri zip '{value}' akan ditulis di luar folder paket",
                         "jangan unggah zip ini"),
    "no-manifest": M("the zip has no imsmanifest.xml at its root", "{where}",
                     "zip tidak memiliki imsmanifest.xml di akarnya", "{where_id}"),
    "manifest-xml": M("the manifest is not XML: {problem}", "",
                      "manifest bukan XML: {problem}", ""),
    "manifest-encoding": M("the manifest is not UTF-8", "save it as UTF-8",
                           "manifest bukan UTF-8", "simpan sebagai UTF-8"),
    "manifest-char-ref": M("the manifest uses the character reference {value}, which Moodle shows "
                           "as literal text", "write the character itself, in UTF-8",
                           "manifest memakai rujukan karakter {value}, yang ditampilkan Moodle "
                           "apa adanya", "tulis karakternya langsung, dalam UTF-8"),
    "cmi5-id": M("the id '{value}' is not an absolute IRI", "use an id such as https://…/course",
                 "id '{value}' bukan IRI absolut", "gunakan id seperti https://…/kursus"),
    "manifest-schemaversion": M("<schemaversion> is '{value}'; Moodle needs exactly '1.2' or "
                                "'2004 4th Edition' (anything else is read as 1.2)", "",
                                "<schemaversion> berisi '{value}'; Moodle memerlukan tepat '1.2' "
                                "atau '2004 4th Edition'", ""),
    "manifest-schema": M("not valid against the official schemas: {problem}", "",
                         "tidak valid menurut skema resmi: {problem}", ""),
    "manifest-prefix": M("{value} is written with the prefix '{prefix}'; Moodle only reads "
                         "'{expected}'", "",
                         "{value} ditulis dengan awalan '{prefix}'; Moodle hanya membaca "
                         "'{expected}'", ""),
    "manifest-id-length": M("the identifier '{value}' is longer than {limit} characters", "",
                            "pengenal '{value}' lebih dari {limit} karakter", ""),
    "manifest-title-length": M("a title is longer than the 200 characters SCORM 1.2 allows", "",
                               "sebuah judul lebih dari 200 karakter yang diizinkan SCORM 1.2",
                               ""),
    "manifest-dangling-ref": M("{what} '{value}' names nothing in the manifest", "",
                               "{what} '{value}' tidak merujuk apa pun di manifest", ""),
    "manifest-ref-on-parent": M("an item with child items has an identifierref", "",
                                "item yang memiliki anak item memakai identifierref", ""),
    "manifest-leaf-without-resource": M("a leaf item does not reference a resource", "",
                                        "item daun tidak merujuk sumber daya", ""),
    "manifest-absolute-href": M("the href '{value}' is not relative; Moodle serves the package "
                                "under a deep path", "use a path relative to the package root",
                                "href '{value}' tidak relatif; Moodle menyajikan paket di jalur "
                                "yang dalam", "gunakan jalur relatif terhadap akar paket"),
    "manifest-missing-file": M("the file '{value}' named in the manifest is not in the zip", "",
                               "berkas '{value}' yang disebut manifest tidak ada di zip", ""),
    "manifest-no-organization": M("the manifest has no organization to launch", "",
                                  "manifest tidak memiliki organization untuk diluncurkan", ""),
    "manifest-launch-not-sco": M("the first item's resource is not a SCO "
                                 "(adlcp:scormtype=\"sco\", lowercase)", "",
                                 "sumber daya item pertama bukan SCO "
                                 "(adlcp:scormtype=\"sco\", huruf kecil)", ""),
    "manifest-launch-order": M("the launch resource is not the first resource; Open edX and "
                               "wagtail-lms launch the first one", "list the launch resource first",
                               "sumber daya peluncuran bukan yang pertama; Open edX dan "
                               "wagtail-lms meluncurkan yang pertama",
                               "cantumkan sumber daya peluncuran paling awal"),
    "upload-budget": M("the package is {size} bytes, over the upload budget of {budget} bytes",
                       "many LMSs refuse uploads this big",
                       "paket berukuran {size} bita, melebihi anggaran unggah {budget} bita",
                       "banyak LMS menolak unggahan sebesar ini"),
    # live classroom (`coursepack classroom`)
    "classroom-session-name": M("the session name {session!r} is not usable",
                                "use letters, digits, '.', '_' or '-' (at most 64), starting with "
                                "a letter or digit",
                                "nama sesi {session!r} tidak dapat dipakai",
                                "pakai huruf, angka, '.', '_' atau '-' (paling banyak 64), diawali "
                                "huruf atau angka"),
    "classroom-bad-port": M("the port {port} is not a port number",
                            "use a number from 1 to 65535, or 0 for any free port",
                            "{port} bukan nomor port",
                            "pakai angka 1 sampai 65535, atau 0 untuk port mana saja yang kosong"),
    "classroom-port-busy": M("cannot listen on {host}:{port}: {reason}",
                             "another program uses this port: choose another with --port, or "
                             "--port 0 for any free one",
                             "tidak dapat membuka {host}:{port}: {reason}",
                             "program lain memakai port ini: pilih port lain dengan --port, atau "
                             "--port 0 untuk port mana saja yang kosong"),
    "classroom-session-other-course": M("the session {session!r} belongs to the course {course!r}",
                                        "choose another session name with --session",
                                        "sesi {session!r} milik kursus {course!r}",
                                        "pilih nama sesi lain dengan --session"),
    "classroom-export-session": M("export needs the session's name",
                                  "add --session NAME (the name printed when the class started)",
                                  "ekspor memerlukan nama sesi",
                                  "tambahkan --session NAMA (nama yang tercetak saat kelas "
                                  "dimulai)"),
    "classroom-no-session": M("there are no session records at {path}",
                              "check --data and --session",
                              "tidak ada catatan sesi di {path}",
                              "periksa --data dan --session"),
}

TERMS: dict[str, str] = {
    "course file": "berkas kursus", "module": "modul", "quiz": "kuis", "question": "soal",
    "choice": "pilihan", "page": "halaman", "reflection": "refleksi", "source": "sumber",
    "facilitator notes": "catatan fasilitator", "true/false feedback": "umpan balik benar/salah",
    "course": "kursus", "front matter": "front matter", "quiz file": "berkas kuis",
    "a non-empty text": "teks yang tidak kosong", "a whole number": "bilangan bulat",
    "true or false": "true atau false", "a list of texts": "daftar teks", "a list": "daftar",
    "a mapping of fields": "kumpulan isian",
    "a <script> element": "elemen <script>", "an embedded frame": "bingkai sematan",
    "an event handler attribute": "atribut penangan peristiwa",
    "a 'javascript:' link": "tautan 'javascript:'",
    "an element that is not allowed in course text": "elemen yang tidak diizinkan di teks kursus",
    "white text and backgrounds": "teks dan latar putih", "the light panels": "panel terang",
    "brand": "merek", "budgets": "anggaran",
}
TRANSLATED_ARGS = ("what", "expected", "against")


def render(code: str, args: dict[str, object], lang: str = "en") -> tuple[str, str]:
    """The message and hint of a code in a language ("en" or "id"), with its arguments filled in."""
    entry = CATALOG[code]
    indonesian = lang.split("-")[0].lower() == "id"
    values = {k: (TERMS.get(str(v), str(v)) if indonesian and k in TRANSLATED_ARGS else v)
              for k, v in args.items()}
    message, hint = (entry.id, entry.id_hint) if indonesian else (entry.en, entry.en_hint)
    return message.format(**values), hint.format(**values)
