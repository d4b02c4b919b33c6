"""What learners and the facilitator read in the classroom, in the course's language (gettext)."""

from __future__ import annotations

from gettext import NullTranslations

from ..i18n import translations


def texts(t: NullTranslations) -> dict[str, str]:
    """The classroom's strings by key; `{name}` and `{n}` are filled in by the pages' scripts."""
    return {
        "join_title": t.gettext("Join the class"),
        "join_intro": t.gettext("Write your name and the class code the facilitator shows."),
        "name": t.gettext("Full name"),
        "nip": t.gettext("Staff ID (optional)"),
        "code": t.gettext("Class code"),
        "join": t.gettext("Join"),
        "join_note": t.gettext("Your progress is kept on the class server and on this phone. "
                               "Nobody else can open it by typing your name."),
        "err_name": t.gettext("Write your name first."),
        "err_code": t.gettext("The class code does not match. Check the code on the facilitator's"
                              " screen."),
        "err_network": t.gettext("The class server cannot be reached. Check that this phone is on"
                                 " the class Wi-Fi, then try again."),
        "continue_as": t.gettext("Continue as {name}"),
        "dash_title": t.gettext("Facilitator dashboard"),
        "pin_title": t.gettext("Sign in as facilitator"),
        "pin": t.gettext("Facilitator PIN (shown in the terminal)"),
        "pin_go": t.gettext("Sign in"),
        "pin_wrong": t.gettext("Wrong PIN."),
        "pin_wait": t.gettext("Too many attempts. Wait a minute."),
        "join_at": t.gettext("Join at"),
        "join_code": t.gettext("Class code"),
        "joined": t.gettext("Learners joined"),
        "finished": t.gettext("Finished"),
        "passed_count": t.gettext("Passed"),
        "learners": t.gettext("Learners"),
        "learner": t.gettext("Learner"),
        "screen": t.gettext("Now on"),
        "progress": t.gettext("Progress"),
        "score": t.gettext("Score"),
        "status": t.gettext("Status"),
        "jp": t.gettext("JP"),
        "last_seen": t.gettext("Last active"),
        "passed": t.gettext("Passed"),
        "failed": t.gettext("Not passed"),
        "in_progress": t.gettext("In progress"),
        "questions": t.gettext("Answer distribution"),
        "only_here": t.gettext("Only this computer can open this address: phones cannot join. "
                               "Stop the classroom and start it again with --host 0.0.0.0 on the "
                               "hotspot or classroom Wi-Fi."),
        "counted": t.gettext("Each learner counts once per question: in a knowledge check with the "
                             "first try, in the final assessment with the latest attempt (a retake "
                             "replaces the earlier answers). Scores are graded as on the learner's "
                             "own results page."),
        "answers": t.gettext("answers"),
        "correct_pct": t.gettext("correct"),
        "difficult": t.gettext("Most difficult questions"),
        "reflections": t.gettext("Plans learners shared"),
        "no_reflections": t.gettext("No learner has shared a plan yet."),
        "show_names": t.gettext("Show names"),
        "show_correct": t.gettext("Mark the correct answers"),
        "show_qr": t.gettext("Show the QR code large"),
        "exports": t.gettext("Download"),
        "export_grades": t.gettext("Grades (CSV for Moodle grade import)"),
        "export_attendance": t.gettext("Attendance list (CSV)"),
        "final": t.gettext("Final assessment"),
        "live_off": t.gettext("Lost the connection to the server; reconnecting…"),
        "share": t.gettext("Share this reflection with the facilitator"),
        "nobody": t.gettext("No learner yet. Ask learners to scan the QR code."),
        "csv_name": t.gettext("Full name"),
        "csv_idnumber": t.gettext("ID number"),
        "csv_grade": t.gettext("Grade"),
        "csv_status": t.gettext("Status"),
        "csv_jp": t.gettext("JP"),
        "csv_joined": t.gettext("Joined"),
        "csv_last": t.gettext("Last active"),
        "csv_progress": t.gettext("Progress (%)"),
        "csv_answered": t.gettext("Final questions answered"),
        "csv_minutes": t.gettext("Time in course (minutes)"),
        "now": t.gettext("just now"),
        "move": t.gettext("Move to another device"),
        "move_valid": t.gettext("valid {n} minutes, once"),
        "move_title": t.gettext("Moving from another device?"),
        "move_intro": t.gettext("Ask the facilitator for a move code and type it here to continue"
                                " your progress on this device."),
        "move_code": t.gettext("Move code"),
        "move_go": t.gettext("Continue on this device"),
        "err_move": t.gettext("The move code does not match or has expired. Ask the facilitator "
                              "for a new one."),
        "min_ago": t.gettext("{n} min ago"),
    }


def strings(language: str) -> dict[str, str]:
    """The strings of a course language (English when the language has no catalog)."""
    return texts(translations(language))
