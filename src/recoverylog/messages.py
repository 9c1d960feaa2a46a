"""Words recoverylog says in more than one place: error messages, hints and notes,
each written once here so that the same situation always reads the same.

Pure text: constants, and small functions for the messages that name something.
Every layer may use it; it uses nothing. tests/test_messages.py checks that no other
module writes one of these texts itself.
"""

from __future__ import annotations

# --- stopping ---------------------------------------------------------------------

STOPPED = "Stopped. Nothing was saved."
# A journal question left unanswered: not a failure, so said gently.
NOTHING_WRITTEN = "Nothing new was written, so nothing was saved. That is all right."

# --- the passphrase ---------------------------------------------------------------

NO_PASSPHRASE_HINT = (
    "run it in a terminal to be asked, run 'recoverylog unlock' first, "
    "or set RECOVERYLOG_PASSPHRASE for scripts"
)
CHECK_PASSPHRASE = "check RECOVERYLOG_PASSPHRASE or the passphrase you typed"

# --- files that cannot be read --------------------------------------------------------

CHECK_FILES = "run 'recoverylog doctor' to check your files"
# The command stopped before writing anything.
CHECK_FILES_HINT = f"{CHECK_FILES}; nothing was changed"
FIX_BY_HAND = "fix the file by hand, or run 'recoverylog doctor'"
FIX_BY_HAND_HINT = f"{FIX_BY_HAND}; nothing was changed"
DOCTOR_CAN_CHECK = "'recoverylog doctor' can check it"
NOT_UNICODE = "the text contains characters that are not valid Unicode"
UPGRADE = "upgrade recoverylog"


def not_utf8(path: object, byte: int) -> str:
    return f"{path} is not valid UTF-8 text (byte {byte})"


def backup_taken_first(backup: object) -> str:
    return f"A backup was taken first: {backup}"


# --- clocks -------------------------------------------------------------------------

FIRST_CLOCK = "recoverylog clock add alcohol --since 2026-11-01"
NO_CLOCKS_YET = "No clocks yet: 'recoverylog clock add NAME --since DATE' starts one."


def no_clock_named(name: str) -> str:
    return f"no clock named '{name}'"


def add_clock_first(name: str) -> str:
    return f"add it first: recoverylog clock add '{name}'"


# --- lapses -------------------------------------------------------------------------

LAPSE_IN_THE_FUTURE = "a lapse cannot be in the future"
NEW_RUN_AFTER_THE_LAPSE = "the new run must start after the day of the lapse"


def before_clean_since(clock: str, clean_since: object) -> str:
    return f"that is before {clock}'s clean-since date ({clean_since})"


# --- entries, periods and what was typed ------------------------------------------------

NOTHING_TO_CHANGE = "nothing to change: give at least one option (see --help)"
MORE_OF_THE_ID = "give more characters of the id"
SINCE_AFTER_UNTIL = "--since is after --until"
CSV_ONLY_FOR_LISTS = "csv is only for lists; use table, plain or json"


def not_a_whole_number(text: str) -> str:
    return f"'{text}' is not a whole number"


def until_after_today(until: object, today: object) -> str:
    return f"--until {until} is after today ({today})"


def since_after_the_end(since: object, end: object) -> str:
    return f"--since {since} is after the end of the period ({end})"


# --- people and the journal -------------------------------------------------------------


def not_in_your_network(name: str) -> str:
    return f"'{name}' is not in your support network"


def already_in_your_network(name: object) -> str:
    return f"'{name}' is already in your support network"


def journal_unreadable_now(reason: str) -> str:
    return f"your journal could not be read just now ({reason})"
