"""Every diagnostic's message and hint by code, in English: the msgids of the `diagnostics` domain.

A diagnostic carries its code and named arguments; the text is made when it is shown, in the
language asked for (`--lang id`, or the course's language), from the gettext catalog
builder/locale/<language>/LC_MESSAGES/diagnostics.mo. English needs no catalog: it is the msgids.
Another language is one more catalog: `.venv/bin/pybabel init -D diagnostics -l xx -i
builder/locale/diagnostics.pot -d builder/locale`, translate its .po, `make i18n`.

How to add a code (every entry below has this form; no other language is written in this file):

    "my-code": M(D_("the {what} '{name}' is wrong"), D_("how to fix it")),
    "other-code": M(D_("a message with no known fix")),

1. The English message, and its hint when a fix is known, each inside `D_()`: the marker that
   `make i18n` extracts. Placeholders are str.format fields (`{name}`, `{name!r}`); every
   translation uses the same fields (it may leave out ENGLISH_ONLY_FIELDS, e.g. `{article}`).
   A message that counts something has a singular and a plural, chosen by its `{count}` with
   ngettext (each language its own plural rule: the catalog's Plural-Forms):
   `"my-count": MN(DN_("{count} thing is wrong", "{count} things are wrong"), D_("a hint"))`.
   Append a new area's codes at the END of CATALOG in one block under a comment naming it.
2. Run `make i18n`: the new msgids enter builder/locale/diagnostics.pot and every language's
   diagnostics.po with an empty msgstr.
3. Write the Indonesian msgstr in builder/locale/id/LC_MESSAGES/diagnostics.po (both
   `msgstr[0]` and `msgstr[1]` of a counted message) and run `make i18n` again (it compiles the .mo files, which are committed). tests/test_i18n.py fails
   while a text has no translation or a translation's fields differ from the English.

The old form `M("English", "English hint", "Indonesian", "Indonesian hint")` no longer exists
(it fails at import): keep the first two texts wrapped in `D_()` and move the last two into the
.po as in step 3.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple


def D_(text: str) -> str:
    """Marks an English text as a msgid of the diagnostics domain; `make i18n` extracts it."""
    return text


def DN_(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802
    """Marks an English text and its plural (msgid, msgid_plural); `make i18n` extracts them."""
    return singular, plural


class Message(NamedTuple):
    """A message and its hint ("" when no fix is known), in English: msgids of the catalogs.

    A counted message has its English plural too: the form is chosen by its `count` argument.
    """

    en: str
    en_hint: str = ""
    en_plural: str = ""

    def text(self, lang: str, count: int | None = None) -> tuple[str, str]:
        """The message and hint in a language (the form for `count`), fields not filled in."""
        translate = translator(lang)
        message = (plural_translator(lang)(self.en, self.en_plural, count)
                   if self.en_plural and count is not None else translate(self.en))
        return message, translate(self.en_hint) if self.en_hint else ""

    @property
    def id(self) -> str:
        """The Indonesian message (from the compiled catalog)."""
        return self.text("id")[0]

    @property
    def id_hint(self) -> str:
        """The Indonesian hint (from the compiled catalog)."""
        return self.text("id")[1]


M = Message


def MN(forms: tuple[str, str], hint: str = "") -> Message:
    """A counted message: its singular and plural (`DN_()`), and its hint."""
    return Message(forms[0], hint, forms[1])


CATALOG: dict[str, Message] = {
    # reading files
    "unreadable-file": M(D_("cannot read the file: {reason}")),
    "not-utf8": M(D_("the file is not UTF-8 text"),
                  D_("save the file with the UTF-8 encoding in your editor")),
    "no-course-file": M(D_("there is no course.yaml in {folder}"),
                        D_("run 'coursepack new <folder>' to start a course, or pass the right "
                           "folder")),
    "front-matter-missing": M(D_("the file does not start with front matter"),
                              D_("begin the file with a line '---', the fields, and another "
                                 "'---'")),
    "front-matter-unclosed": M(D_("the front matter is not closed"),
                               D_("add a line '---' after the last field of the front matter")),
    # YAML
    "yaml-syntax": M(D_("invalid YAML: {problem}"),
                     D_("check the indentation and quote text that contains ': ' or starts with "
                        "a special character")),
    "duplicate-key": M(D_("the field '{name}' is written twice"), D_("keep one of them")),
    "unknown-field": M(D_("unknown field '{name}' in {what}"), D_("did you mean '{suggestion}'?")),
    "unknown-field-no-match": M(D_("unknown field '{name}' in {what}"),
                                D_("allowed fields: {allowed}")),
    "missing-field": M(D_("{what} has no '{name}'"), D_("add '{name}:' to the {what}")),
    "wrong-type": M(D_("'{name}' in {what} must be {expected}")),
    "not-a-mapping": M(D_("{what} must be a mapping of fields"), D_("write 'field: value' lines")),
    # course file
    "invalid-id": M(D_("the {what} id '{value}' is not a valid id"),
                    D_("use lowercase letters, digits and '-', starting with a letter, at most "
                       "40 characters")),
    "duplicate-id": M(D_("the {what} id '{value}' is already used"),
                      D_("first used at {first}; give this one another id")),
    "reserved-id": M(D_("the id '{value}' is kept for the results page"), D_("choose another id")),
    "invalid-language": M(D_("'{value}' is not a language tag"),
                          D_("use a tag such as 'id' or 'en'")),
    "negative-number": M(D_("'{name}' cannot be negative")),
    "empty-course": M(D_("the course lists no modules"),
                      D_("list the module ids under 'modules:' in course.yaml")),
    "module-listed-twice": M(D_("the module '{value}' is listed twice"), D_("list it once")),
    "module-missing": M(D_("the course lists the module '{value}', but no module has that id"),
                        D_("did you mean '{suggestion}'?")),
    "module-missing-no-match": M(D_("the course lists the module '{value}', but no module has "
                                    "that id"),
                                 D_("add a file in modules/ whose front matter has this id")),
    "module-not-listed": M(D_("the module '{value}' is not listed in course.yaml"),
                           D_("add its id under 'modules:' in course.yaml, or delete the file")),
    "unknown-module": M(D_("facilitator notes name the module '{value}', which does not exist"),
                        D_("use the id of a module in modules/")),
    "session-too-long": M(D_("the session plan needs {needed} minutes, more than the session's "
                             "{session}"),
                          D_("lower 'minutes:' in the facilitator notes, or raise "
                             "'session_minutes:'")),
    "invalid-minutes": M(D_("facilitator notes need minutes above 0")),
    # modules and pages
    "no-objectives": M(D_("the module '{value}' has no objectives"),
                       D_("add 2-4 learning objectives under 'objectives:'")),
    "empty-page": M(D_("the page '{value}' has no text"),
                    D_("write the page, or remove its heading")),
    "empty-reflection": M(D_("the reflection '{value}' has no prompts"),
                          D_("add prompts under 'prompts:'")),
    "unsafe-html": M(D_("{article} <{tag}> element in the {what} '{value}' is removed"),
                     D_("course text may use Markdown and simple HTML only")),
    "missing-asset": M(D_("the file '{value}' does not exist"),
                       D_("put the file in the course's assets/ folder")),
    "asset-outside": M(D_("the file '{value}' is outside the course folder"),
                       D_("put the file in the course's assets/ folder and link to "
                          "../assets/<name>")),
    "brand-colour-format": M(D_("the primary colour '{value}' is not a colour like '#0b5394'"),
                             D_("write it as # and six hexadecimal digits")),
    "brand-contrast": M(D_("the primary colour {value} has a contrast of {ratio}:1 against "
                           "{against}; WCAG AA needs 4.5:1"),
                        D_("choose a darker colour")),
    "runtime-budget": M(D_("the {target} package's scripts and styles are {size} bytes, over the "
                           "learner runtime budget of {budget} bytes"),
                        D_("remove large files from the course's templates/learner/static/")),
    "package-budget": M(D_("the {target} package is {size} bytes, over the course's package "
                           "budget of {budget} bytes (budgets: package_kb)"),
                        D_("make images smaller, or raise 'package_kb' under 'budgets:'")),
    "upload-budget-course": M(D_("the {target} package is {size} bytes, over the upload budget "
                                 "of {budget} bytes (budgets: upload_mb)"),
                              D_("many LMSs refuse uploads this big; make images smaller")),
    "pdf-unavailable": M(D_("no PDF was made of {pages}: no Chromium to print with"),
                         D_("install Chromium (Debian: apt-get install chromium), or print the "
                            "HTML pages from a browser")),
    # quizzes
    "quiz-missing": M(D_("the module '{module}' uses the quiz '{value}', which does not exist"),
                      D_("add quizzes/<id>.yaml with that id")),
    "final-missing": M(D_("the final assessment '{value}' does not exist"),
                       D_("add quizzes/<id>.yaml with 'kind: final'")),
    "final-not-final": M(D_("the final assessment '{value}' must have 'kind: final'")),
    "final-as-check": M(D_("the module '{module}' uses the final assessment as its knowledge "
                           "check"),
                        D_("give the module a quiz with 'kind: knowledge-check'")),
    "second-final": M(D_("the quiz '{value}' is a final assessment, but course.yaml names "
                         "'{final}' as the final assessment"),
                      D_("make it 'kind: knowledge-check', or name it in course.yaml")),
    "quiz-kind": M(D_("unknown quiz kind '{value}'"), D_("use knowledge-check or final")),
    "empty-quiz": M(D_("the quiz '{value}' has no questions"),
                    D_("add questions under 'questions:'")),
    "missing-pass-mark": M(D_("the final assessment has no 'pass_mark'"),
                           D_("add 'pass_mark: 70' (the percentage needed to pass)")),
    "pass-mark-range": M(D_("the pass mark {value} is not between 1 and 100")),
    "unused-pass-mark": M(D_("a knowledge check has no pass mark; it is ignored"),
                          D_("remove 'pass_mark:' from this quiz")),
    "unused-quiz": M(D_("no module uses the quiz '{value}'"),
                     D_("name it in a module's 'quiz:' field, or delete the file")),
    "question-type": M(D_("unknown question type '{value}'"),
                       D_("use single, multiple, truefalse, sorting, ordering or matching")),
    "choice-count": MN(DN_("the question '{value}' has {count} choice",
                           "the question '{value}' has {count} choices"),
                       D_("give it between 2 and {limit} choices")),
    "no-correct-answer": M(D_("the question '{value}' has no correct choice"),
                           D_("mark the right choice with 'correct: true'")),
    "several-correct-answers": M(D_("the single-choice question '{value}' has {count} correct "
                                    "choices"),
                                 D_("keep one 'correct: true', or make it 'type: multiple'")),
    "truefalse-answer": M(D_("a true/false question needs 'answer: true' or 'answer: false'")),
    "truefalse-feedback": M(D_("a true/false question needs feedback for 'true' and 'false'"),
                            D_("add 'feedback:' with 'true:' and 'false:' (or the older 'benar:' and 'salah:')")),
    "suspend-data-budget": M(D_("the learner's saved state can reach {worst} characters, over "
                                "the SCORM 1.2 limit of {limit}"),
                             D_("split the course, or use fewer questions, pages or reflection "
                                "prompts")),
    # built packages (coursepack check on a zip)
    "not-a-zip": M(D_("the file is not a zip archive")),
    "zip-path-escape": M(D_("the zip entry '{value}' would be written outside the package folder"),
                         D_("do not upload this zip")),
    "no-manifest": M(D_("the zip has no imsmanifest.xml at its root"), D_("{where}")),
    "manifest-xml": M(D_("the manifest is not XML: {problem}")),
    "manifest-encoding": M(D_("the manifest is not UTF-8"), D_("save it as UTF-8")),
    "manifest-char-ref": M(D_("the manifest uses the character reference {value}, which Moodle "
                              "shows as literal text"),
                           D_("write the character itself, in UTF-8")),
    "cmi5-id": M(D_("the id '{value}' is not an absolute IRI"),
                 D_("use an id such as https://…/course")),
    "manifest-schemaversion": M(D_("<schemaversion> is '{value}', not exactly '1.2' (a SCORM 1.2 "
                                   "packaging rule); Moodle reads it as SCORM 1.2, which this "
                                   "package is, and accepts this"),
                                D_("write <schemaversion>1.2</schemaversion>")),
    "manifest-schema": M(D_("not valid against the official schemas: {problem} (Moodle does not "
                            "check the schemas and accepts this)")),
    "manifest-prefix": M(D_("{value} is written with the prefix '{prefix}'; Moodle only reads "
                            "'{expected}'")),
    "manifest-id-length": M(D_("the identifier '{value}' is longer than the {limit} characters "
                               "Moodle stores")),
    "manifest-title-length": M(D_("a title is longer than the 200 characters the SCORM 1.2 "
                                  "schema allows; Moodle accepts this (up to 255)")),
    "manifest-dangling-ref": M(D_("item/@identifierref '{value}' names no resource in the "
                                  "manifest (an ADL packaging rule); Moodle imports the item "
                                  "without content")),
    "manifest-ref-on-parent": M(D_("an item with child items has an identifierref (against the "
                                   "ADL packaging rules); Moodle accepts this")),
    "manifest-leaf-without-resource": M(D_("a leaf item references no resource (an ADL "
                                           "packaging rule); Moodle accepts this and shows it "
                                           "without content")),
    "manifest-absolute-href": M(D_("the launch href '{value}' is not relative; Moodle serves the "
                                   "package under a deep path and cannot launch it"),
                                D_("use a path relative to the package root")),
    "manifest-missing-file": M(D_("the file '{value}' listed in the manifest is not in the zip "
                                  "(an IMS CP rule); Moodle does not read file lists and "
                                  "accepts this")),
    "manifest-no-organization": M(D_("the manifest has no organization to launch (ADL expects "
                                     "one); Moodle accepts this and launches the first resource "
                                     "with an href")),
    "manifest-launch-not-sco": M(D_("the resource Moodle launches first is not a SCO "
                                    "(adlcp:scormtype=\"sco\", lowercase): Moodle would not "
                                    "track it")),
    "manifest-launch-order": M(D_("the launch resource is not the first resource; Open edX and "
                                  "wagtail-lms launch the first one"),
                               D_("list the launch resource first")),
    "upload-budget": M(D_("the package is {size} bytes, over the upload budget of {budget} bytes"),
                       D_("many LMSs refuse uploads this big")),
    # assets, links and the sanitizer (builder/assets.py: one resolver for every course file)
    "unsafe-attribute": M(D_("the attribute '{name}' of <{tag}> in the {what} '{value}' is "
                             "removed"),
                          D_("course text may use Markdown and simple HTML only")),
    "unsafe-link": M(D_("a '{scheme}:' address in the {what} '{value}' is removed"),
                     D_("link to web pages with https:// and to course files with "
                        "../assets/<name>")),
    "remote-asset": M(D_("'{value}' would be loaded from another host; packages work without a "
                         "network"),
                      D_("download the file into assets/ and use ../assets/<name>")),
    "link-without-scheme": M(D_("the link '{value}' names another host without 'https:'"),
                             D_("write the full address, starting with https://")),
    "asset-not-in-assets": M(D_("the file '{value}' is not in the course's assets/ folder"),
                             D_("move it to assets/ and link to ../assets/<name>")),
    "asset-not-a-file": M(D_("'{value}' is not a regular file"),
                          D_("use an ordinary file (not a folder, a device or a pipe)")),
    "theme-outside": M(D_("'{value}' in the theme leads outside the course folder"),
                       D_("copy the file into the course instead of linking to it")),
    "template-error": M(D_("the theme template cannot be used: {problem}"),
                        D_("fix the template, or delete it to use the built-in one")),
    # diagrams written as text (builder/diagrams.py)
    "diagram-unclosed": M(D_("the '{kind}' diagram block is not closed"),
                          D_("end the block with a line of three backticks: ```")),
    "diagram-not-mapping": M(D_("the '{kind}' diagram block must hold fields such as 'title:'"),
                             D_("write the diagram's fields as YAML, one 'name: value' per line")),
    "diagram-count": M(D_("'{name}' needs {low} to {high} entries, not {found}"),
                       D_("split the content into two diagrams, or merge entries")),
    "diagram-text-too-long": M(D_("'{name}' is {length} characters long; a diagram's text is at "
                                  "most {limit}"),
                               D_("keep one idea in a few words; put the explanation in the page")),
    "diagram-unknown-icon": M(D_("there is no icon '{icon}'"), D_("use one of: {icons}")),
    # coursepack check on a zip (check-zips): verdicts by consequence, AICC, hostile zips
    "manifest-cp-prefix": M(D_("{value} is written with the prefix '{prefix}'; Moodle reads IMS "
                               "CP elements only without a prefix")),
    "manifest-prefix-missing": M(D_("{value} is the default namespace, without a prefix; Moodle "
                                    "only reads the prefix '{expected}'")),
    "manifest-schemaversion-2004": M(D_("<schemaversion> is '{value}'; Moodle needs exactly "
                                        "'2004 4th Edition' or '2004 3rd Edition' and would run "
                                        "this SCORM 2004 package as SCORM 1.2, where it finds no "
                                        "API_1484_11"),
                                     D_("write <schemaversion>2004 4th Edition</schemaversion>")),
    "manifest-schemaversion-missing": M(D_("the manifest has no <schemaversion> (a SCORM "
                                           "packaging rule); Moodle reads it as SCORM 1.2, which "
                                           "this package is, and accepts this"),
                                        D_("add <schemaversion>1.2</schemaversion>")),
    "manifest-schemaversion-missing-2004": M(D_("the manifest has no <schemaversion>; Moodle "
                                                "would run this SCORM 2004 package as SCORM 1.2, "
                                                "where it finds no API_1484_11"),
                                             D_("add <schemaversion>2004 4th "
                                                "Edition</schemaversion>")),
    "manifest-title-moodle": M(D_("a title is longer than the {limit} characters Moodle stores")),
    "manifest-default-missing": M(D_("<organizations> has no 'default' attribute (an ADL "
                                     "packaging rule); Moodle accepts this and launches the "
                                     "first organization")),
    "manifest-default-dangling": M(D_("organizations/@default '{value}' names no organization "
                                      "(an ADL packaging rule); Moodle accepts this and "
                                      "launches the first organization")),
    "manifest-no-launch": M(D_("Moodle finds nothing to launch: no item or resource names a "
                               "page (href)")),
    "manifest-missing-launch": M(D_("the page '{value}' that Moodle launches is not in the zip")),
    "manifest-absolute-file": M(D_("the file href '{value}' is not a path in the package (an "
                                   "IMS CP rule); Moodle does not read file lists and accepts "
                                   "this")),
    "manifest-bare-ampersand": M(D_("a bare '&' makes the manifest not well-formed XML; Moodle "
                                    "escapes it before reading and accepts this, stricter LMSs "
                                    "refuse it"),
                                 D_("write '&amp;'")),
    "manifest-no-identifier": M(D_("{value} has no identifier; Moodle stores it by its "
                                   "identifier and fails to import the package")),
    "manifest-not-manifest": M(D_("imsmanifest.xml is not an IMS manifest: its root element is "
                                  "{value}")),
    "cmi5-schema": M(D_("not valid against the cmi5 schema: {problem}; cmi5 LMSs refuse it")),
    "cmi5-missing-file": M(D_("the AU url '{value}' is not in the zip; a cmi5 LMS cannot launch "
                              "it")),
    "xml-doctype": M(D_("{file} declares a DOCTYPE; coursepack reads no DTD or entity "
                        "declaration, which can hide an attack"),
                     D_("do not upload it: a SCORM or cmi5 manifest needs no DOCTYPE")),
    "xml-too-big": M(D_("the file is {size} bytes, more than the {limit} bytes coursepack reads "
                        "of a manifest"),
                     D_("do not upload this zip")),
    "zip-symlink": M(D_("the zip entry '{value}' is a symbolic link, which can point outside the "
                        "package"),
                     D_("do not upload this zip")),
    "zip-encrypted": M(D_("the zip entry '{value}' is encrypted; LMSs cannot unpack it"),
                       D_("zip the package again without a password")),
    "zip-method": M(D_("the zip entry '{value}' is compressed with {method}; a SCORM package may "
                       "use only stored or deflated entries (PKZIP 2.04g), the ones every LMS "
                       "unpacks"),
                    D_("zip the package again with a standard zip tool")),
    "zip-corrupt": M(D_("the zip entry '{value}' is damaged and cannot be unpacked"),
                     D_("make the zip again; do not upload this one")),
    "zip-crc": M(D_("the zip entry '{value}' fails its CRC check: its data is damaged"),
                 D_("make the zip again; do not upload this one")),
    "zip-bomb": M(D_("the zip entry '{value}' inflates to {size} bytes from {packed}, more than "
                     "{limit} times its size: a zip bomb"),
                  D_("do not upload this zip")),
    "zip-too-big": M(D_("the zip inflates to more than {limit} bytes (at the entry '{value}')"),
                     D_("do not upload this zip: no course package needs this much")),
    "zip-too-many-entries": M(D_("the zip has {count} entries, more than the {limit} coursepack "
                                 "reads"),
                              D_("do not upload this zip")),
    "zip-duplicate-entry": M(D_("the zip holds the entry '{value}' more than once; unzip tools "
                                "disagree on which copy wins"),
                             D_("make the zip again")),
    "aicc-package": M(D_("an AICC package ({files}): Moodle imports AICC packages; coursepack "
                         "check does not check AICC content"),
                      D_("try it in Moodle before learners do")),
    "aicc-no-cst": M(D_("AICC files ({files}) but no .cst file: Moodle accepts an AICC package "
                        "only with a .cst file (lowercase extension)")),
    "aicc-no-course": M(D_("the AICC package has no .crs course file; Moodle reads the course "
                           "from it")),
    "verdict-ok-moodle": M(D_("ok, ready to upload")),
    "verdict-ok-cmi5": M(D_("ok, ready to upload to an LMS with cmi5 (Moodle needs the cmi5 "
                            "plugin)")),
    "verdict-refused-moodle": MN(DN_("not ready: Moodle will refuse this package or run it "
                                     "wrongly ({count} problem to fix)",
                                     "not ready: Moodle will refuse this package or run it "
                                     "wrongly ({count} problems to fix)")),
    "verdict-refused-cmi5": MN(DN_("not ready: a cmi5 LMS will refuse this package or run it "
                                   "wrongly ({count} problem to fix)",
                                   "not ready: a cmi5 LMS will refuse this package or run it "
                                   "wrongly ({count} problems to fix)")),
    "verdict-accepted-moodle": M(D_("Moodle will accept this package")),
    "verdict-accepted-aicc": M(D_("Moodle will accept this AICC package")),
    "verdict-accepted-cmi5": M(D_("a cmi5 LMS will accept this package")),
    "verdict-spec": MN(DN_("{count} specification problem that stricter LMSs may refuse",
                           "{count} specification problems that stricter LMSs may refuse")),
    "verdict-other": MN(DN_("{count} warning about other LMSs or the upload size",
                            "{count} warnings about other LMSs or the upload size")),
    "verdict-notes": MN(DN_("{count} note", "{count} notes")),
    # usage: the output folder, dist/ as a transaction, stopping, and the other usage mistakes
    "output-is-file": M(D_("the output folder {folder} is a file"),
                        D_("pass a folder with -o, e.g. -o dist")),
    "output-is-root": M(D_("refusing to write into {folder}: it is the root of the file system"),
                        D_("pass a folder of its own with -o, e.g. -o {folder}dist")),
    "output-is-home": M(D_("refusing to write into {folder}: it is your home folder"),
                        D_("pass a folder of its own with -o, e.g. -o {folder}/dist")),
    "output-in-course": M(D_("refusing to write into {folder}: it is inside the course folder "
                             "{course}"),
                          D_("pass an output folder outside the course, e.g. -o dist beside it")),
    "course-in-output": M(D_("refusing to write into {folder}: the course folder {course} is "
                             "inside it"),
                          D_("pass a new folder with -o, e.g. -o dist")),
    "output-not-ours": M(D_("refusing to write into {folder}: it is not empty and coursepack did "
                            "not make it"),
                         D_("pass a new or empty folder with -o (coursepack marks its own "
                            "output folders with a .coursepack file)")),
    "output-unwritable": M(D_("cannot write to the output folder {folder}: {reason}"),
                           D_("free some space or choose another folder with -o; the packages "
                              "already there are unchanged")),
    "output-busy": M(D_("another coursepack build is writing to {folder}"),
                     D_("wait for it to finish, then build again")),
    "output-busy-waiting": M(D_("another coursepack build is writing to {folder}; waiting up to "
                                "{seconds} s")),
    "stopped": M(D_("stopped by {signal}")),
    "stopped-build": M(D_("stopped by {signal}; every package in the output folder is complete "
                          "(the previous build's or this one's)")),
    "new-not-folder": M(D_("{folder} is a file"), D_("choose a new folder")),
    "new-not-empty": M(D_("{folder} is not empty"), D_("choose a new folder")),
    "new-unwritable": M(D_("cannot create {folder}: {reason}"),
                        D_("choose a folder you can write to")),
    "bad-port": M(D_("--port {port} is not a port number"),
                  D_("use 1 to 65535, or 0 to pick a free one")),
    "port-in-use": M(D_("cannot listen on 127.0.0.1:{port}: {reason}"),
                     D_("choose another port with --port, or --port 0 to pick a free one")),
    "bad-cmi5-base-iri": M(D_("{source} must be an absolute IRI without query or fragment, like "
                              "https://example.org/xapi/course; got '{value}'")),
    "bad-source-date-epoch": M(D_("SOURCE_DATE_EPOCH must be a whole number of seconds since "
                                  "1970-01-01 before the year 2108; got '{value}'"),
                               D_("unset it, or set it like SOURCE_DATE_EPOCH=$(git log -1 "
                                  "--format=%ct)")),
    # hostile input (loader)
    "not-a-regular-file": M(D_("this is not a regular file (a named pipe, a device or a socket)"),
                            D_("replace it with a text file, or remove it from the course folder")),
    "source-outside": M(D_("the file is a link to a place outside the course folder"),
                        D_("copy the file into the course folder instead of linking to it")),
    "version-too-long": M(D_("the version '{value}' is longer than the {limit} characters a "
                             "SCORM manifest allows"),
                          D_("use a short version such as 1.2.0")),
    "file-too-big": M(D_("the file is bigger than {limit} MB, the limit for a course source file"),
                      D_("split it into smaller modules or quizzes")),
    "yaml-limit": M(D_("the YAML data is too big to read: {problem}"),
                    D_("write the text out instead of repeating it with aliases, and nest less")),
    "yaml-character": M(D_("the text holds the character {value}, which no package can carry"),
                        D_("remove the escape that writes it (such as \\a, \\x07 or \\uFFFE)")),
    "too-deep": M(D_("the text is nested more than {limit} levels deep (lists, quotes, brackets "
                     "or HTML elements)"),
                  D_("flatten the lists or quotes; a few levels are enough")),
    "notes-twice": M(D_("the module '{value}' already has facilitator notes"),
                     D_("the first notes are in {first}; merge the two files into one")),
    "quiz-used-twice": M(D_("the quiz '{value}' is already the knowledge check of the module "
                            "'{module}'"),
                         D_("give each module its own quiz")),
    "choices-on-truefalse": M(D_("a true/false question has no 'choices'; they would be ignored"),
                              D_("remove 'choices:', or make it 'type: single'")),
    "answer-on-choice-question": M(D_("a single- or multiple-choice question has no 'answer'; it "
                                      "would be ignored"),
                                   D_("mark the right choices with 'correct: true' and remove "
                                      "'answer:'")),
    "gift-text": M(D_("the question '{question}' holds '{value}', which Moodle's GIFT import "
                      "turns into another character"),
                   D_("write the first '&' as '&amp;' (it shows the same)")),
    "gift-title": M(D_("the title holds '{value}', which Moodle's GIFT import turns into a "
                       "backslash"),
                    D_("remove it from the title")),
    # facilitator pack: dilemma cards in the notes' `## Kartu dilema` section
    "dilemma-card-heading": M(D_("the '## Kartu dilema' section must hold cards, each under a "
                                 "'### title' heading"),
                              D_("start each card with a '### title' heading")),
    "dilemma-card-incomplete": M(D_("dilemma card '{title}' needs a situation and exactly one "
                                    "question (found {count})"),
                                 D_("write the situation, then one paragraph '**Pertanyaan:** "
                                    "...'")),
    "dilemma-card-too-long": M(D_("dilemma card '{title}' has {length} characters, more than the "
                                  "{limit} that fit a printed card"),
                               D_("shorten its situation or question to fit a quarter of an A4 "
                                  "sheet")),
    "dilemma-card-themes": M(D_("dilemma card '{title}' has {count} theme lines; a card has one "
                                "theme at most"),
                             D_("keep one paragraph '**Tema:** ...' (the card prints it beside "
                                "its number)")),
    # live classroom (`coursepack classroom`)
    "classroom-session-name": M(D_("the session name {session!r} is not usable"),
                                D_("use letters, digits, '.', '_' or '-' (at most 64), starting "
                                   "with a letter or digit")),
    "classroom-bad-port": M(D_("the port {port} is not a port number"),
                            D_("use a number from 1 to 65535, or 0 for any free port")),
    "classroom-port-busy": M(D_("cannot listen on {host}:{port}: {reason}"),
                             D_("another program uses this port: choose another with --port, or "
                                "--port 0 for any free one")),
    "classroom-session-other-course": M(D_("the session {session!r} belongs to the course "
                                           "{course!r}"),
                                        D_("choose another session name with --session")),
    "classroom-export-session": M(D_("export needs the session's name"),
                                  D_("add --session NAME (the name printed when the class "
                                     "started)")),
    "classroom-no-session": M(D_("there are no session records at {path}"),
                              D_("check --data and --session")),
    # the command line itself (`coursepack check x.zip`)
    "no-such-file": M(D_("no such file: {source}")),
    # interface language (i18n-ui)
    "language-no-catalog": M(D_("the interface has no '{value}' translation; learners and facilitators read it in English"),
      D_("use one of: {languages}, or add a catalog to builder/locale")),
    # ---- sorting, ordering and matching questions (engineer "qtypes")
    "field-not-for-type": M(D_("{type} questions have no '{name}'; it would be ignored"),
                            D_("remove '{name}:', or change the question's 'type:'")),
    "part-count": MN(DN_("the question '{value}' has {count} {what}",  # what: item or pair
                         "the question '{value}' has {count} {what}s"),
                     D_("give it between {low} and {high}")),
    "category-count": MN(DN_("the sorting question '{value}' has {count} category",
                             "the sorting question '{value}' has {count} categories"),
                         D_("give it between {low} and {high} categories")),
    "unknown-category": M(D_("the item '{item}' names the unknown category '{value}'"),
                          D_("did you mean '{suggestion}'?")),
    "unknown-category-no-match": M(D_("the item '{item}' names the unknown category '{value}'"),
                                   D_("use one of: {known}")),
    "category-unused": M(D_("no item of the question '{question}' belongs to the category "
                            "'{value}'"),
                         D_("that is allowed (it is a distractor); check the items' 'category:'")),
    "same-text": M(D_("the text '{value}' is written twice in the question '{question}'"),
                   D_("Moodle would merge the two into one answer: make each text different")),
    "gift-arrow": M(D_("'->' in this text of the question '{question}' cannot be carried by GIFT"),
                    D_("Moodle's GIFT import reads '->' as the end of the text: reword it")),
    # ---- end of sorting, ordering and matching
    # quiz settings and pools (issue 11, engineer "assess")
    "setting-value": M(D_("the setting {name} cannot be {value!r}"), D_("write one of: {allowed}")),
    "setting-attempts": M(D_("attempts cannot be {value}"),
                          D_("write 0 (no limit; in a knowledge check: until right) or a number "
                             "of attempts")),
    "setting-final-only": M(D_("the setting {name} applies to the final assessment only; this "
                               "knowledge check ignores it"),
                            D_("remove it from this quiz's settings")),
    "band-range": M(D_("a score band cannot start at {value}"),
                    D_("start each band at a percentage from 0 to 100")),
    "band-order": M(D_("the score band from {value} comes after the band from {previous}"),
                    D_("list the bands from the lowest score to the highest, each starting "
                       "higher")),
    "band-start": M(D_("the first score band starts at {value}, so lower scores get no message"),
                    D_("start the first band at 0")),
    "pool-draw": M(D_("the pool {value!r} draws {draw} of its {count} questions"),
                   D_("draw at least 1 and at most as many questions as the pool holds")),
    # the look: results by module, the certificate (engineer "look", issue 12)
    "question-module-unknown": M(D_("the question '{question}' names the module '{value}', which "
                                    "the course does not list"),
                                 D_("write the id of a module listed in course.yaml ({known})")),
    "question-objective-range": M(D_("the question '{question}' names objective {value}, but the "
                                     "module '{module}' has {count} objectives"),
                                  D_("write a number from 1 to {count}")),
    "question-objective-without-module": M(D_("the question '{question}' names an objective but "
                                              "no module"),
                                           D_("add `module:` with the id of the module whose "
                                              "objective it is")),
    # the course's credit, placeholders, time budget and blueprint (engineer "course2", issue 14)
    "placeholder": M(D_("'{name}' is still a placeholder: {value}"),
                     D_("write the training centre's own value before the course is published "
                        "(a placeholder is an empty text or a text with a part in square "
                        "brackets)")),
    "time-budget-duration": M(D_("duration_minutes is {value}, but {jp} JP is {expected} minutes "
                                 "(1 JP = 45 minutes)"),
                              D_("write duration_minutes: {expected}, or change jp")),
    "time-budget-session": M(D_("the classroom session lasts {value} minutes, but {jp} JP is "
                                "{expected} minutes (1 JP = 45 minutes)"),
                             D_("write session_minutes: {expected} and fit the facilitator "
                                "notes' minutes into it, or change jp")),
    "blueprint-unmapped": M(D_("the final question '{question}' names no module objective"),
                            D_("add `module:` and `objective:` (the objective's number in that "
                               "module); the blueprint needs every final question mapped")),
    "blueprint-thin": MN(DN_("objective {objective} of the module '{module}' is assessed by "
                             "{count} final question; the blueprint needs at least {least}",
                             "objective {objective} of the module '{module}' is assessed by "
                             "{count} final questions; the blueprint needs at least {least}"),
                        D_("write another final question with `module: {module}` and "
                           "`objective: {objective}`")),
    # ---- what the command line reports when all goes well (engineer "i18n-cli"): build, check,
    # new, preview and classroom lines, and the internal-error line; errors.OUTPUT_CODES
    "built": MN(DN_("built {path} ({bytes} bytes, {count} file)",
                    "built {path} ({bytes} bytes, {count} files)")),
    "moodle-settings": M(D_("Moodle settings for the SCORM activity (README, section Moodle):")),
    "moodle-grade": M(D_("  Grade to pass: {pass_mark} (Maximum grade 100); completion: receive a "
                         "passing grade")),
    "moodle-final": M(D_("  the final assessment: {attempts}, graded by {grading}, all inside one "
                         "Moodle attempt: Number of attempts 1")),
    "moodle-attempts": MN(DN_("{count} attempt", "{count} attempts")),
    "moodle-attempts-unlimited": M(D_("unlimited attempts")),
    "moodle-display": M(D_("  Display package: Current window; Display course structure in "
                           "player: Hidden; debug messages off")),
    "check-ok": M(D_("{source}: ok")),
    "new-created": M(D_("created a new course in {folder}; build it with: coursepack build "
                        "{folder}")),
    "internal-error": M(D_("internal error: {error} (run again with --traceback to see where)")),
    "preview-problems": MN(DN_("{count} problem; showing it in the browser",
                               "{count} problems; showing them in the browser")),
    "preview-rebuilt": M(D_("rebuilt ({version})")),
    "preview-serving": M(D_("{url} (Ctrl+C to stop)")),
    "preview-cannot-build": M(D_("The course cannot be built")),
    "classroom-title": M(D_("Live classroom: {title} (session {session})")),
    "classroom-join": M(D_("Learners join at: {url}")),
    "classroom-code": M(D_("Class code: {code}")),
    "classroom-dashboard": M(D_("Facilitator dashboard: {url}  (PIN {pin})")),
    "classroom-data": M(D_("Session records: {path}")),
    "classroom-local": M(D_("Only this computer can join. To let learners' phones join, run with "
                            "--host 0.0.0.0 (hotspot or classroom Wi-Fi).")),
    "classroom-no-lan": M(D_("This laptop is on no network yet: turn on the hotspot or Wi-Fi "
                             "first, then run this command again.")),
    "classroom-stop": M(D_("Press Ctrl+C to stop. Learners continue where they were when the "
                           "server runs again with the same session.")),
    "classroom-wrote": M(D_("Wrote: {path}")),
    # ---- end of the command line's reports
}

# Where a zip's manifest is when it is not at the root: the hint of no-manifest (its `where`).
MANIFEST_NESTED = D_("it is at '{path}': zip the folder's contents, not the folder")
MANIFEST_CASED = D_("it is named '{path}': Moodle needs exactly 'imsmanifest.xml'")
# Values of the arguments named in TRANSLATED_ARGS that are translated too (what was read, and how;
# where a file is). A term's own fields are filled from the message's other arguments.
TERMS = frozenset({
    D_("course file"), D_("module"), D_("quiz"), D_("question"), D_("choice"), D_("page"),
    D_("reflection"), D_("source"), D_("facilitator notes"), D_("true/false feedback"),
    D_("course"), D_("front matter"), D_("quiz file"), D_("a non-empty text"), D_("a whole number"),
    D_("true or false"), D_("a list of texts"), D_("a list"), D_("a mapping of fields"),
    D_("white text and backgrounds"), D_("the light panels"), D_("brand"), D_("budgets"),
    MANIFEST_NESTED, MANIFEST_CASED,
    D_("item"), D_("pair"), D_("category"), D_("question feedback"), D_("feedback"),
    D_("settings"), D_("band"), D_("pool"),
    D_("signatory"),
    D_("highest"), D_("last"), D_("first"), D_("average"),  # grading methods (moodle-final)
})
TRANSLATED_ARGS = ("what", "expected", "against", "where", "grading")
# Fields only English grammar needs ('a' or 'an'): a translation may leave them out. A plural is
# a counted message (MN), never a field.
ENGLISH_ONLY_FIELDS = frozenset({"article"})
# The closing line of a report.
SUMMARY = D_("{errors} error(s), {warnings} warning(s)")
# How the language writes the number 1234: its thousands separator is read from it ("1.234").
NUMBER = D_("1,234")


@lru_cache(maxsize=8)
def translator(lang: str) -> Callable[[str], str]:
    """The gettext of a language's diagnostics catalog; English, the msgids, loads none.

    Only a catalog this package ships is read: a language tag never names a path.
    """
    from .i18n import DIAGNOSTICS, SOURCE_LANGUAGE, languages, primary, translations

    code = primary(lang)
    if code == SOURCE_LANGUAGE or code not in languages(DIAGNOSTICS):
        return str
    return translations(code, DIAGNOSTICS).gettext


@lru_cache(maxsize=8)
def plural_translator(lang: str) -> Callable[[str, str, int], str]:
    """The ngettext of a language's diagnostics catalog; English chooses between the msgids."""
    from .i18n import DIAGNOSTICS, SOURCE_LANGUAGE, languages, primary, translations

    code = primary(lang)
    if code == SOURCE_LANGUAGE or code not in languages(DIAGNOSTICS):
        return english_plural
    return translations(code, DIAGNOSTICS).ngettext


def english_plural(singular: str, plural: str, count: int) -> str:
    """English's plural rule: the singular for one, else the plural."""
    return singular if count == 1 else plural


def render(code: str, args: dict[str, object], lang: str = "en") -> tuple[str, str]:
    """The message and hint of a code in a language, with its arguments filled in.

    A counted message takes the form its `count` argument (a number, or its digits) asks for.
    """
    translate = translator(lang)
    values = {k: (translate(str(v)).format(**args) if k in TRANSLATED_ARGS and str(v) in TERMS
                  else v) for k, v in args.items()}
    count = args.get("count")
    counted = count if isinstance(count, int) else int(str(count)) if str(count).isdigit() else None
    message, hint = CATALOG[code].text(lang, counted)
    return message.format(**values), hint.format(**values)


def number(value: int, lang: str = "en") -> str:
    """A whole number with the thousands separator of a language, e.g. 12,345 or 12.345."""
    sample = translator(lang)(NUMBER)
    return f"{value:,}".replace(",", sample[1:-3] if len(sample) >= 4 else ",")


def summary(errors: int, warnings: int, lang: str = "en") -> str:
    """The closing count of a report, e.g. "1 error(s), 0 warning(s)"."""
    return translator(lang)(SUMMARY).format(errors=errors, warnings=warnings)
