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
    "unsafe-html": M("{article} <{tag}> element in the {what} '{value}' is removed",
                     "course text may use Markdown and simple HTML only",
                     "elemen <{tag}> di {what} '{value}' dihapus",
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
    "manifest-schemaversion": M("<schemaversion> is '{value}', not exactly '1.2' (a SCORM 1.2 "
                                "packaging rule); Moodle reads it as SCORM 1.2, which this package "
                                "is, and accepts this", "write <schemaversion>1.2</schemaversion>",
                                "<schemaversion> berisi '{value}', bukan tepat '1.2' (aturan "
                                "pengemasan SCORM 1.2); Moodle membacanya sebagai SCORM 1.2, sesuai "
                                "paket ini, dan menerimanya",
                                "tulis <schemaversion>1.2</schemaversion>"),
    "manifest-schema": M("not valid against the official schemas: {problem} (Moodle does not check "
                         "the schemas and accepts this)", "",
                         "tidak valid menurut skema resmi: {problem} (Moodle tidak memeriksa skema "
                         "dan menerimanya)", ""),
    "manifest-prefix": M("{value} is written with the prefix '{prefix}'; Moodle only reads "
                         "'{expected}'", "",
                         "{value} ditulis dengan awalan '{prefix}'; Moodle hanya membaca "
                         "'{expected}'", ""),
    "manifest-id-length": M("the identifier '{value}' is longer than the {limit} characters Moodle "
                            "stores", "",
                            "pengenal '{value}' lebih dari {limit} karakter yang disimpan Moodle",
                            ""),
    "manifest-title-length": M("a title is longer than the 200 characters the SCORM 1.2 schema "
                               "allows; Moodle accepts this (up to 255)", "",
                               "sebuah judul lebih dari 200 karakter yang diizinkan skema SCORM "
                               "1.2; Moodle menerimanya (sampai 255)", ""),
    "manifest-dangling-ref": M("item/@identifierref '{value}' names no resource in the manifest (an "
                               "ADL packaging rule); Moodle imports the item without content", "",
                               "item/@identifierref '{value}' tidak merujuk sumber daya apa pun di "
                               "manifest (aturan pengemasan ADL); Moodle mengimpor item itu tanpa "
                               "isi", ""),
    "manifest-ref-on-parent": M("an item with child items has an identifierref (against the ADL "
                                "packaging rules); Moodle accepts this", "",
                                "item yang memiliki anak item memakai identifierref (melanggar "
                                "aturan pengemasan ADL); Moodle menerimanya", ""),
    "manifest-leaf-without-resource": M("a leaf item references no resource (an ADL packaging "
                                        "rule); Moodle accepts this and shows it without content",
                                        "",
                                        "item daun tidak merujuk sumber daya (aturan pengemasan "
                                        "ADL); Moodle menerimanya dan menampilkannya tanpa isi",
                                        ""),
    "manifest-absolute-href": M("the launch href '{value}' is not relative; Moodle serves the "
                                "package under a deep path and cannot launch it",
                                "use a path relative to the package root",
                                "href peluncuran '{value}' tidak relatif; Moodle menyajikan paket "
                                "di jalur yang dalam dan tidak dapat meluncurkannya",
                                "gunakan jalur relatif terhadap akar paket"),
    "manifest-missing-file": M("the file '{value}' listed in the manifest is not in the zip (an "
                               "IMS CP rule); Moodle does not read file lists and accepts this", "",
                               "berkas '{value}' yang didaftar manifest tidak ada di zip (aturan "
                               "IMS CP); Moodle tidak membaca daftar berkas dan menerimanya", ""),
    "manifest-no-organization": M("the manifest has no organization to launch (ADL expects one); "
                                  "Moodle accepts this and launches the first resource with an "
                                  "href", "",
                                  "manifest tidak memiliki organization untuk diluncurkan (ADL "
                                  "mengharapkannya); Moodle menerimanya dan meluncurkan sumber "
                                  "daya pertama yang memiliki href", ""),
    "manifest-launch-not-sco": M("the resource Moodle launches first is not a SCO "
                                 "(adlcp:scormtype=\"sco\", lowercase): Moodle would not track it",
                                 "",
                                 "sumber daya yang pertama diluncurkan Moodle bukan SCO "
                                 "(adlcp:scormtype=\"sco\", huruf kecil): Moodle tidak akan "
                                 "merekamnya", ""),
    "manifest-launch-order": M("the launch resource is not the first resource; Open edX and "
                               "wagtail-lms launch the first one", "list the launch resource first",
                               "sumber daya peluncuran bukan yang pertama; Open edX dan "
                               "wagtail-lms meluncurkan yang pertama",
                               "cantumkan sumber daya peluncuran paling awal"),
    "upload-budget": M("the package is {size} bytes, over the upload budget of {budget} bytes",
                       "many LMSs refuse uploads this big",
                       "paket berukuran {size} bita, melebihi anggaran unggah {budget} bita",
                       "banyak LMS menolak unggahan sebesar ini"),
    # assets, links and the sanitizer (builder/assets.py: one resolver for every course file)
    "unsafe-attribute": M("the attribute '{name}' of <{tag}> in the {what} '{value}' is removed",
                          "course text may use Markdown and simple HTML only",
                          "atribut '{name}' pada <{tag}> di {what} '{value}' dihapus",
                          "teks kursus hanya boleh memakai Markdown dan HTML sederhana"),
    "unsafe-link": M("a '{scheme}:' address in the {what} '{value}' is removed",
                     "link to web pages with https:// and to course files with ../assets/<name>",
                     "alamat '{scheme}:' di {what} '{value}' dihapus",
                     "tautkan halaman web dengan https:// dan berkas kursus dengan "
                     "../assets/<nama>"),
    "remote-asset": M("'{value}' would be loaded from another host; packages work without a "
                      "network", "download the file into assets/ and use ../assets/<name>",
                      "'{value}' akan dimuat dari host lain; paket berfungsi tanpa jaringan",
                      "unduh berkas ke folder assets/ dan pakai ../assets/<nama>"),
    "link-without-scheme": M("the link '{value}' names another host without 'https:'",
                             "write the full address, starting with https://",
                             "tautan '{value}' menyebut host lain tanpa 'https:'",
                             "tulis alamat lengkap, diawali https://"),
    "asset-not-in-assets": M("the file '{value}' is not in the course's assets/ folder",
                             "move it to assets/ and link to ../assets/<name>",
                             "berkas '{value}' tidak berada di folder assets/ kursus",
                             "pindahkan ke assets/ dan tautkan ke ../assets/<nama>"),
    "asset-not-a-file": M("'{value}' is not a regular file",
                          "use an ordinary file (not a folder, a device or a pipe)",
                          "'{value}' bukan berkas biasa",
                          "pakai berkas biasa (bukan folder, perangkat, atau pipa)"),
    "theme-outside": M("'{value}' in the theme leads outside the course folder",
                       "copy the file into the course instead of linking to it",
                       "'{value}' di tema mengarah ke luar folder kursus",
                       "salin berkasnya ke dalam kursus, jangan ditautkan"),
    "template-error": M("the theme template cannot be used: {problem}",
                        "fix the template, or delete it to use the built-in one",
                        "templat tema tidak dapat dipakai: {problem}",
                        "perbaiki templat, atau hapus agar templat bawaan dipakai"),
    # diagrams written as text (builder/diagrams.py)
    "diagram-unclosed": M("the '{kind}' diagram block is not closed",
                          "end the block with a line of three backticks: ```",
                          "blok diagram '{kind}' tidak ditutup",
                          "akhiri blok dengan baris berisi tiga tanda petik terbalik: ```"),
    "diagram-not-mapping": M("the '{kind}' diagram block must hold fields such as 'title:'",
                             "write the diagram's fields as YAML, one 'name: value' per line",
                             "blok diagram '{kind}' harus berisi isian seperti 'title:'",
                             "tulis isian diagram sebagai YAML, satu 'nama: nilai' per baris"),
    "diagram-count": M("'{name}' needs {low} to {high} entries, not {found}",
                       "split the content into two diagrams, or merge entries",
                       "'{name}' perlu {low} sampai {high} entri, bukan {found}",
                       "bagi isinya menjadi dua diagram, atau gabungkan beberapa entri"),
    "diagram-text-too-long": M("'{name}' is {length} characters long; a diagram's text is at most "
                               "{limit}",
                               "keep one idea in a few words; put the explanation in the page",
                               "'{name}' sepanjang {length} karakter; teks dalam diagram paling "
                               "banyak {limit}",
                               "tulis satu gagasan dalam beberapa kata; taruh penjelasannya di "
                               "halaman"),
    "diagram-unknown-icon": M("there is no icon '{icon}'",
                              "use one of: {icons}",
                              "tidak ada ikon '{icon}'",
                              "gunakan salah satu: {icons}"),
    # coursepack check on a zip (check-zips): verdicts by consequence, AICC, hostile zips
    "manifest-cp-prefix": M("{value} is written with the prefix '{prefix}'; Moodle reads IMS CP "
                            "elements only without a prefix", "",
                            "{value} ditulis dengan awalan '{prefix}'; Moodle hanya membaca "
                            "elemen IMS CP tanpa awalan", ""),
    "manifest-prefix-missing": M("{value} is the default namespace, without a prefix; Moodle only "
                                 "reads the prefix '{expected}'", "",
                                 "{value} dipakai sebagai namespace bawaan, tanpa awalan; Moodle "
                                 "hanya membaca awalan '{expected}'", ""),
    "manifest-schemaversion-2004": M(
        "<schemaversion> is '{value}'; Moodle needs exactly '2004 4th Edition' or '2004 3rd "
        "Edition' and would run this SCORM 2004 package as SCORM 1.2, where it finds no "
        "API_1484_11", "write <schemaversion>2004 4th Edition</schemaversion>",
        "<schemaversion> berisi '{value}'; Moodle memerlukan tepat '2004 4th Edition' atau '2004 "
        "3rd Edition' dan akan menjalankan paket SCORM 2004 ini sebagai SCORM 1.2, tempat ia tidak "
        "menemukan API_1484_11", "tulis <schemaversion>2004 4th Edition</schemaversion>"),
    "manifest-schemaversion-missing": M(
        "the manifest has no <schemaversion> (a SCORM packaging rule); Moodle reads it as SCORM "
        "1.2, which this package is, and accepts this", "add <schemaversion>1.2</schemaversion>",
        "manifest tidak memiliki <schemaversion> (aturan pengemasan SCORM); Moodle membacanya "
        "sebagai SCORM 1.2, sesuai paket ini, dan menerimanya",
        "tambahkan <schemaversion>1.2</schemaversion>"),
    "manifest-schemaversion-missing-2004": M(
        "the manifest has no <schemaversion>; Moodle would run this SCORM 2004 package as SCORM "
        "1.2, where it finds no API_1484_11",
        "add <schemaversion>2004 4th Edition</schemaversion>",
        "manifest tidak memiliki <schemaversion>; Moodle akan menjalankan paket SCORM 2004 ini "
        "sebagai SCORM 1.2, tempat ia tidak menemukan API_1484_11",
        "tambahkan <schemaversion>2004 4th Edition</schemaversion>"),
    "manifest-title-moodle": M("a title is longer than the {limit} characters Moodle stores", "",
                               "sebuah judul lebih dari {limit} karakter yang disimpan Moodle", ""),
    "manifest-default-missing": M("<organizations> has no 'default' attribute (an ADL packaging "
                                  "rule); Moodle accepts this and launches the first organization",
                                  "",
                                  "<organizations> tidak memiliki atribut 'default' (aturan "
                                  "pengemasan ADL); Moodle menerimanya dan meluncurkan organization "
                                  "pertama", ""),
    "manifest-default-dangling": M("organizations/@default '{value}' names no organization (an ADL "
                                   "packaging rule); Moodle accepts this and launches the first "
                                   "organization", "",
                                   "organizations/@default '{value}' tidak merujuk organization "
                                   "mana pun (aturan pengemasan ADL); Moodle menerimanya dan "
                                   "meluncurkan organization pertama", ""),
    "manifest-no-launch": M("Moodle finds nothing to launch: no item or resource names a page "
                            "(href)", "",
                            "Moodle tidak menemukan apa pun untuk diluncurkan: tidak ada item atau "
                            "sumber daya yang menyebut halaman (href)", ""),
    "manifest-missing-launch": M("the page '{value}' that Moodle launches is not in the zip", "",
                                 "halaman '{value}' yang diluncurkan Moodle tidak ada di zip", ""),
    "manifest-absolute-file": M("the file href '{value}' is not a path in the package (an IMS CP "
                                "rule); Moodle does not read file lists and accepts this", "",
                                "href berkas '{value}' bukan jalur di dalam paket (aturan IMS CP); "
                                "Moodle tidak membaca daftar berkas dan menerimanya", ""),
    "manifest-bare-ampersand": M("a bare '&' makes the manifest not well-formed XML; Moodle escapes "
                                 "it before reading and accepts this, stricter LMSs refuse it",
                                 "write '&amp;'",
                                 "'&' tanpa escape membuat manifest bukan XML yang benar; Moodle "
                                 "meng-escape-nya sebelum membaca dan menerimanya, LMS yang lebih "
                                 "ketat menolaknya", "tulis '&amp;'"),
    "manifest-no-identifier": M("{value} has no identifier; Moodle stores it by its identifier and "
                                "fails to import the package", "",
                                "{value} tidak memiliki identifier; Moodle menyimpannya menurut "
                                "identifier-nya dan gagal mengimpor paket", ""),
    "manifest-not-manifest": M("imsmanifest.xml is not an IMS manifest: its root element is "
                               "{value}", "",
                               "imsmanifest.xml bukan manifest IMS: elemen akarnya {value}", ""),
    "cmi5-schema": M("not valid against the cmi5 schema: {problem}; cmi5 LMSs refuse it", "",
                     "tidak valid menurut skema cmi5: {problem}; LMS cmi5 menolaknya", ""),
    "cmi5-missing-file": M("the AU url '{value}' is not in the zip; a cmi5 LMS cannot launch it",
                           "", "url AU '{value}' tidak ada di zip; LMS cmi5 tidak dapat "
                           "meluncurkannya", ""),
    "xml-doctype": M("{file} declares a DOCTYPE; coursepack reads no DTD or entity declaration, "
                     "which can hide an attack",
                     "do not upload it: a SCORM or cmi5 manifest needs no DOCTYPE",
                     "{file} mendeklarasikan DOCTYPE; coursepack tidak membaca DTD atau deklarasi "
                     "entitas, yang dapat menyembunyikan serangan",
                     "jangan unggah: manifest SCORM atau cmi5 tidak memerlukan DOCTYPE"),
    "xml-too-big": M("the file is {size} bytes, more than the {limit} bytes coursepack reads of a "
                     "manifest", "do not upload this zip",
                     "berkas berukuran {size} bita, melebihi {limit} bita yang dibaca coursepack "
                     "dari sebuah manifest", "jangan unggah zip ini"),
    "zip-symlink": M("the zip entry '{value}' is a symbolic link, which can point outside the "
                     "package", "do not upload this zip",
                     "entri zip '{value}' adalah tautan simbolik, yang dapat menunjuk ke luar paket",
                     "jangan unggah zip ini"),
    "zip-encrypted": M("the zip entry '{value}' is encrypted; LMSs cannot unpack it",
                       "zip the package again without a password",
                       "entri zip '{value}' terenkripsi; LMS tidak dapat membukanya",
                       "zip ulang paket tanpa kata sandi"),
    "zip-method": M("the zip entry '{value}' is compressed with {method}; a SCORM package may use "
                    "only stored or deflated entries (PKZIP 2.04g), the ones every LMS unpacks",
                    "zip the package again with a standard zip tool",
                    "entri zip '{value}' dimampatkan dengan {method}; paket SCORM hanya boleh "
                    "memakai entri stored atau deflated (PKZIP 2.04g), yang dapat dibuka semua LMS",
                    "zip ulang paket dengan alat zip standar"),
    "zip-corrupt": M("the zip entry '{value}' is damaged and cannot be unpacked",
                     "make the zip again; do not upload this one",
                     "entri zip '{value}' rusak dan tidak dapat dibuka",
                     "buat ulang zip-nya; jangan unggah yang ini"),
    "zip-crc": M("the zip entry '{value}' fails its CRC check: its data is damaged",
                 "make the zip again; do not upload this one",
                 "entri zip '{value}' gagal pemeriksaan CRC: datanya rusak",
                 "buat ulang zip-nya; jangan unggah yang ini"),
    "zip-bomb": M("the zip entry '{value}' inflates to {size} bytes from {packed}, more than {limit} "
                  "times its size: a zip bomb", "do not upload this zip",
                  "entri zip '{value}' mengembang menjadi {size} bita dari {packed}, lebih dari "
                  "{limit} kali ukurannya: bom zip", "jangan unggah zip ini"),
    "zip-too-big": M("the zip inflates to more than {limit} bytes (at the entry '{value}')",
                     "do not upload this zip: no course package needs this much",
                     "zip mengembang menjadi lebih dari {limit} bita (pada entri '{value}')",
                     "jangan unggah zip ini: tidak ada paket kursus yang memerlukan sebesar ini"),
    "zip-too-many-entries": M("the zip has {count} entries, more than the {limit} coursepack reads",
                              "do not upload this zip",
                              "zip memiliki {count} entri, melebihi {limit} yang dibaca coursepack",
                              "jangan unggah zip ini"),
    "zip-duplicate-entry": M("the zip holds the entry '{value}' more than once; unzip tools "
                             "disagree on which copy wins", "make the zip again",
                             "zip memuat entri '{value}' lebih dari sekali; alat unzip berbeda "
                             "pendapat tentang salinan mana yang dipakai", "buat ulang zip-nya"),
    "aicc-package": M("an AICC package ({files}): Moodle imports AICC packages; coursepack check "
                      "does not check AICC content", "try it in Moodle before learners do",
                      "paket AICC ({files}): Moodle mengimpor paket AICC; coursepack check tidak "
                      "memeriksa isi AICC", "coba di Moodle sebelum peserta memakainya"),
    "aicc-no-cst": M("AICC files ({files}) but no .cst file: Moodle accepts an AICC package only "
                     "with a .cst file (lowercase extension)", "",
                     "ada berkas AICC ({files}) tetapi tidak ada berkas .cst: Moodle hanya menerima "
                     "paket AICC yang memiliki berkas .cst (ekstensi huruf kecil)", ""),
    "aicc-no-course": M("the AICC package has no .crs course file; Moodle reads the course from it",
                        "", "paket AICC tidak memiliki berkas kursus .crs; Moodle membaca kursus "
                        "darinya", ""),
    "verdict-ok-moodle": M("ok, ready to upload", "", "oke, siap diunggah", ""),
    "verdict-ok-cmi5": M("ok, ready to upload to an LMS with cmi5 (Moodle needs the cmi5 plugin)",
                         "", "oke, siap diunggah ke LMS dengan cmi5 (Moodle memerlukan plugin "
                         "cmi5)", ""),
    "verdict-refused-moodle": M("not ready: Moodle will refuse this package or run it wrongly "
                                "({count} problem{s} to fix)", "",
                                "belum siap: Moodle akan menolak paket ini atau menjalankannya "
                                "dengan salah ({count} masalah harus diperbaiki)", ""),
    "verdict-refused-cmi5": M("not ready: a cmi5 LMS will refuse this package or run it wrongly "
                              "({count} problem{s} to fix)", "",
                              "belum siap: LMS cmi5 akan menolak paket ini atau menjalankannya "
                              "dengan salah ({count} masalah harus diperbaiki)", ""),
    "verdict-accepted-moodle": M("Moodle will accept this package", "",
                                 "Moodle akan menerima paket ini", ""),
    "verdict-accepted-aicc": M("Moodle will accept this AICC package", "",
                               "Moodle akan menerima paket AICC ini", ""),
    "verdict-accepted-cmi5": M("a cmi5 LMS will accept this package", "",
                               "LMS cmi5 akan menerima paket ini", ""),
    "verdict-spec": M("{count} specification problem{s} that stricter LMSs may refuse", "",
                      "{count} masalah spesifikasi yang mungkin ditolak LMS yang lebih ketat", ""),
    "verdict-other": M("{count} warning{s} about other LMSs or the upload size", "",
                       "{count} peringatan tentang LMS lain atau ukuran unggahan", ""),
    "verdict-notes": M("{count} note{s}", "", "{count} catatan", ""),
    # usage: the output folder, dist/ as a transaction, stopping, and the other usage mistakes
    "output-is-file": M("the output folder {folder} is a file", "pass a folder with -o, e.g. -o dist",
                        "folder keluaran {folder} adalah berkas",
                        "sebut sebuah folder dengan -o, misalnya -o dist"),
    "output-is-root": M("refusing to write into {folder}: it is the root of the file system",
                        "pass a folder of its own with -o, e.g. -o {folder}dist",
                        "menolak menulis ke {folder}: itu akar sistem berkas",
                        "sebut folder tersendiri dengan -o, misalnya -o {folder}dist"),
    "output-is-home": M("refusing to write into {folder}: it is your home folder",
                        "pass a folder of its own with -o, e.g. -o {folder}/dist",
                        "menolak menulis ke {folder}: itu folder rumah Anda",
                        "sebut folder tersendiri dengan -o, misalnya -o {folder}/dist"),
    "output-in-course": M("refusing to write into {folder}: it is inside the course folder {course}",
                          "pass an output folder outside the course, e.g. -o dist beside it",
                          "menolak menulis ke {folder}: folder itu berada di dalam folder kursus "
                          "{course}",
                          "sebut folder keluaran di luar kursus, misalnya -o dist di sebelahnya"),
    "course-in-output": M("refusing to write into {folder}: the course folder {course} is inside it",
                          "pass a new folder with -o, e.g. -o dist",
                          "menolak menulis ke {folder}: folder kursus {course} berada di dalamnya",
                          "sebut folder baru dengan -o, misalnya -o dist"),
    "output-not-ours": M("refusing to write into {folder}: it is not empty and coursepack did not "
                         "make it", "pass a new or empty folder with -o (coursepack marks its own "
                         "output folders with a .coursepack file)",
                         "menolak menulis ke {folder}: folder itu tidak kosong dan tidak dibuat "
                         "oleh coursepack",
                         "sebut folder baru atau kosong dengan -o (coursepack menandai folder "
                         "keluarannya dengan berkas .coursepack)"),
    "output-unwritable": M("cannot write to the output folder {folder}: {reason}",
                           "free some space or choose another folder with -o; the packages "
                           "already there are unchanged",
                           "tidak dapat menulis ke folder keluaran {folder}: {reason}",
                           "kosongkan ruang atau pilih folder lain dengan -o; paket yang sudah "
                           "ada tidak berubah"),
    "output-busy": M("another coursepack build is writing to {folder}",
                     "wait for it to finish, then build again",
                     "build coursepack lain sedang menulis ke {folder}",
                     "tunggu sampai selesai, lalu bangun lagi"),
    "output-busy-waiting": M("another coursepack build is writing to {folder}; waiting up to "
                             "{seconds} s", "",
                             "build coursepack lain sedang menulis ke {folder}; menunggu paling "
                             "lama {seconds} detik", ""),
    "stopped": M("stopped by {signal}", "", "dihentikan oleh {signal}", ""),
    "stopped-build": M("stopped by {signal}; every package in the output folder is complete (the "
                       "previous build's or this one's)", "",
                       "dihentikan oleh {signal}; setiap paket di folder keluaran utuh (hasil "
                       "build sebelumnya atau build ini)", ""),
    "new-not-folder": M("{folder} is a file", "choose a new folder",
                        "{folder} adalah berkas", "pilih folder baru"),
    "new-not-empty": M("{folder} is not empty", "choose a new folder",
                       "{folder} tidak kosong", "pilih folder baru"),
    "new-unwritable": M("cannot create {folder}: {reason}", "choose a folder you can write to",
                        "tidak dapat membuat {folder}: {reason}",
                        "pilih folder yang dapat Anda tulisi"),
    "bad-port": M("--port {port} is not a port number", "use 1 to 65535, or 0 to pick a free one",
                  "--port {port} bukan nomor port",
                  "gunakan 1 sampai 65535, atau 0 untuk memilih port yang bebas"),
    "port-in-use": M("cannot listen on 127.0.0.1:{port}: {reason}",
                     "choose another port with --port, or --port 0 to pick a free one",
                     "tidak dapat mendengarkan di 127.0.0.1:{port}: {reason}",
                     "pilih port lain dengan --port, atau --port 0 untuk memilih port yang bebas"),
    "bad-cmi5-base-iri": M("{source} must be an absolute IRI without query or fragment, like "
                           "https://example.org/xapi/course; got '{value}'", "",
                           "{source} harus IRI absolut tanpa query atau fragmen, misalnya "
                           "https://example.org/xapi/kursus; tertulis '{value}'", ""),
    "bad-source-date-epoch": M("SOURCE_DATE_EPOCH must be a whole number of seconds since "
                               "1970-01-01 before the year 2108; got '{value}'",
                               "unset it, or set it like SOURCE_DATE_EPOCH=$(git log -1 "
                               "--format=%ct)",
                               "SOURCE_DATE_EPOCH harus bilangan bulat detik sejak 1970-01-01 "
                               "sebelum tahun 2108; tertulis '{value}'",
                               "hapus variabel itu, atau isi seperti SOURCE_DATE_EPOCH=$(git log "
                               "-1 --format=%ct)"),
    # hostile input (loader)
    "not-a-regular-file": M("this is not a regular file (a named pipe, a device or a socket)",
                            "replace it with a text file, or remove it from the course folder",
                            "ini bukan berkas biasa (pipa bernama, perangkat, atau soket)",
                            "ganti dengan berkas teks, atau hapus dari folder kursus"),
    "source-outside": M("the file is a link to a place outside the course folder",
                        "copy the file into the course folder instead of linking to it",
                        "berkas ini tautan ke tempat di luar folder kursus",
                        "salin berkas ke folder kursus, jangan ditautkan"),
    "version-too-long": M("the version '{value}' is longer than the {limit} characters a SCORM "
                          "manifest allows", "use a short version such as 1.2.0",
                          "versi '{value}' lebih dari {limit} karakter yang diizinkan manifest "
                          "SCORM", "gunakan versi singkat seperti 1.2.0"),
    "file-too-big": M("the file is bigger than {limit} MB, the limit for a course source file",
                      "split it into smaller modules or quizzes",
                      "berkas lebih besar dari {limit} MB, batas untuk berkas sumber kursus",
                      "bagi menjadi modul atau kuis yang lebih kecil"),
    "yaml-limit": M("the YAML data is too big to read: {problem}",
                    "write the text out instead of repeating it with aliases, and nest less",
                    "data YAML terlalu besar untuk dibaca: {problem}",
                    "tulis teksnya langsung alih-alih mengulangnya dengan alias, dan kurangi "
                    "tingkat sarang"),
    "yaml-character": M("the text holds the character {value}, which no package can carry",
                        "remove the escape that writes it (such as \\a, \\x07 or \\uFFFE)",
                        "teks memuat karakter {value}, yang tidak dapat dibawa paket mana pun",
                        "hapus escape yang menuliskannya (seperti \\a, \\x07 atau \\uFFFE)"),
    "too-deep": M("the text is nested more than {limit} levels deep (lists, quotes, brackets or "
                  "HTML elements)", "flatten the lists or quotes; a few levels are enough",
                  "teks bersarang lebih dari {limit} tingkat (daftar, kutipan, kurung siku, atau "
                  "elemen HTML)", "ratakan daftar atau kutipan; beberapa tingkat sudah cukup"),
    "notes-twice": M("the module '{value}' already has facilitator notes",
                     "the first notes are in {first}; merge the two files into one",
                     "modul '{value}' sudah memiliki catatan fasilitator",
                     "catatan pertama ada di {first}; gabungkan kedua berkas menjadi satu"),
    "quiz-used-twice": M("the quiz '{value}' is already the knowledge check of the module "
                         "'{module}'", "give each module its own quiz",
                         "kuis '{value}' sudah menjadi cek pemahaman modul '{module}'",
                         "beri setiap modul kuisnya sendiri"),
    "choices-on-truefalse": M("a true/false question has no 'choices'; they would be ignored",
                              "remove 'choices:', or make it 'type: single'",
                              "soal benar/salah tidak memakai 'choices'; isian ini akan diabaikan",
                              "hapus 'choices:', atau ubah menjadi 'type: single'"),
    "answer-on-choice-question": M("a single- or multiple-choice question has no 'answer'; it "
                                   "would be ignored",
                                   "mark the right choices with 'correct: true' and remove "
                                   "'answer:'",
                                   "soal pilihan tunggal atau ganda tidak memakai 'answer'; isian "
                                   "ini akan diabaikan",
                                   "tandai pilihan yang benar dengan 'correct: true' dan hapus "
                                   "'answer:'"),
    "gift-text": M("the question '{question}' holds '{value}', which Moodle's GIFT import turns "
                   "into another character", "write the first '&' as '&amp;' (it shows the same)",
                   "soal '{question}' memuat '{value}', yang diubah impor GIFT Moodle menjadi "
                   "karakter lain", "tulis '&' pertama sebagai '&amp;' (tampilannya sama)"),
    "gift-title": M("the title holds '{value}', which Moodle's GIFT import turns into a backslash",
                    "remove it from the title",
                    "judul memuat '{value}', yang diubah impor GIFT Moodle menjadi garis miring "
                    "terbalik", "hapus dari judul"),
    # facilitator pack: dilemma cards in the notes' `## Kartu dilema` section
    "dilemma-card-heading": M("the '## Kartu dilema' section must hold cards, each under a "
                              "'### title' heading",
                              "start each card with a '### title' heading",
                              "bagian '## Kartu dilema' harus berisi kartu, masing-masing di bawah "
                              "judul '### judul'",
                              "awali setiap kartu dengan judul '### judul'"),
    "dilemma-card-incomplete": M("dilemma card '{title}' needs a situation and exactly one "
                                 "question (found {count})",
                                 "write the situation, then one paragraph '**Pertanyaan:** ...'",
                                 "kartu dilema '{title}' memerlukan situasi dan tepat satu "
                                 "pertanyaan (ditemukan {count})",
                                 "tuliskan situasinya, lalu satu paragraf '**Pertanyaan:** ...'"),
    "dilemma-card-too-long": M("dilemma card '{title}' has {length} characters, more than the "
                               "{limit} that fit a printed card",
                               "shorten its situation or question to fit a quarter of an A4 sheet",
                               "kartu dilema '{title}' berisi {length} karakter, lebih dari {limit} "
                               "yang muat di kartu cetak",
                               "persingkat situasi atau pertanyaannya agar muat di seperempat "
                               "lembar A4"),
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
    # the course's credit, placeholders, time budget and blueprint (engineer "course2", issue 14)
    "placeholder": M("'{name}' is still a placeholder: {value}",
                     "write the training centre's own value before the course is published (a "
                     "placeholder is an empty text or a text with a part in square brackets)",
                     "'{name}' masih berupa isian contoh: {value}",
                     "tulis nilai milik pusat pelatihan sebelum kursus diterbitkan (isian contoh "
                     "adalah teks kosong atau teks yang memuat bagian dalam kurung siku)"),
    "time-budget-duration": M("duration_minutes is {value}, but {jp} JP is {expected} minutes "
                              "(1 JP = 45 minutes)",
                              "write duration_minutes: {expected}, or change jp",
                              "duration_minutes bernilai {value}, padahal {jp} JP sama dengan "
                              "{expected} menit (1 JP = 45 menit)",
                              "tulis duration_minutes: {expected}, atau ubah jp"),
    "time-budget-session": M("the classroom session lasts {value} minutes, but {jp} JP is "
                             "{expected} minutes (1 JP = 45 minutes)",
                             "write session_minutes: {expected} and fit the facilitator notes' "
                             "minutes into it, or change jp",
                             "sesi kelas berlangsung {value} menit, padahal {jp} JP sama dengan "
                             "{expected} menit (1 JP = 45 menit)",
                             "tulis session_minutes: {expected} dan sesuaikan menit di catatan "
                             "fasilitator, atau ubah jp"),
    "blueprint-unmapped": M("the final question '{question}' names no module objective",
                            "add `module:` and `objective:` (the objective's number in that "
                            "module); the blueprint needs every final question mapped",
                            "soal penilaian akhir '{question}' tidak menyebut tujuan modul",
                            "tambahkan `module:` dan `objective:` (nomor tujuan di modul itu); "
                            "kisi-kisi memerlukan setiap soal penilaian akhir terpetakan"),
    "blueprint-thin": M("objective {objective} of the module '{module}' is assessed by {count} "
                        "final question(s); the blueprint needs at least {least}",
                        "write another final question with `module: {module}` and "
                        "`objective: {objective}`",
                        "tujuan {objective} modul '{module}' hanya diuji oleh {count} soal "
                        "penilaian akhir; kisi-kisi memerlukan sekurang-kurangnya {least}",
                        "tulis soal penilaian akhir lain dengan `module: {module}` dan "
                        "`objective: {objective}`"),
}

TERMS: dict[str, str] = {
    "course file": "berkas kursus", "module": "modul", "quiz": "kuis", "question": "soal",
    "choice": "pilihan", "page": "halaman", "reflection": "refleksi", "source": "sumber",
    "facilitator notes": "catatan fasilitator", "true/false feedback": "umpan balik benar/salah",
    "course": "kursus", "front matter": "front matter", "quiz file": "berkas kuis",
    "a non-empty text": "teks yang tidak kosong", "a whole number": "bilangan bulat",
    "true or false": "true atau false", "a list of texts": "daftar teks", "a list": "daftar",
    "a mapping of fields": "kumpulan isian",
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
