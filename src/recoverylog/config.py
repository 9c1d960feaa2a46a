"""Settings: defaults < config.toml < environment < command-line flags."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import time, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from recoverylog.errors import DataError, InvalidInput
from recoverylog.messages import not_a_whole_number
from recoverylog.store import schema

if TYPE_CHECKING:
    from recoverylog.store.files import FileIO


class Key(NamedTuple):
    name: str
    default: Any
    help: str
    parse: Callable[[str], Any]
    # How a value written in config.toml is read, when it may be more than one text.
    read: Callable[[Any], Any] | None = None
    # What stands between the items of a list when it is typed after 'config set'.
    between: str = ","


def _text(value: str, what: str = "value") -> str:
    from recoverylog.domain.fields import plain

    cleaned = plain(value, what).strip()
    if not cleaned:
        raise InvalidInput("the value is empty")
    return cleaned


def _text_or_blank(value: str, what: str) -> str:
    from recoverylog.domain.fields import plain

    return plain(value, what)


def _optional_name(value: str) -> str | None:
    """A clock's name, or nothing: names follow the one rule of every name."""
    from recoverylog.domain.fields import name

    return name(value, "clock name") if value.strip() else None


def _program(value: str) -> str | None:
    """A hook: the full path of a program that can be run ('' clears it)."""
    import os

    from recoverylog.paths import user_path

    text = value.strip()
    if not text:
        return None
    path = user_path(text)
    if not path.is_absolute():
        raise InvalidInput("give the program's full path, e.g. ~/bin/tell-my-sponsor")
    if not path.is_file() or not os.access(path, os.X_OK):
        raise InvalidInput(
            f"{text} is not a program that can be run",
            hint=f"check the path, and make it executable: chmod +x {text}",
        )
    return text


def _stored_program(value: Any) -> str | None:
    """A hook as config.toml keeps it: checked when it runs, so that a program moved
    away never stops the commands that read the settings."""
    if not isinstance(value, str):
        raise InvalidInput("must be the path of a program, in quotes")
    return value.strip() or None


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError as exc:
        raise InvalidInput(not_a_whole_number(value)) from exc
    if number < 1:
        raise InvalidInput("the value must be at least 1")
    return number


def _timezone(value: str) -> str | None:
    cleaned = value.strip()
    if not cleaned:
        return None
    check_timezone(cleaned)
    return cleaned


def _spec_list(value: str) -> list[str]:
    from recoverylog.domain.milestones import parse_step

    specs = [part.strip() for part in value.split(",") if part.strip()]
    if not specs:
        raise InvalidInput("give milestones separated by commas, e.g. 1d,2w,30d,6mo,1y")
    for spec in specs:
        parse_step(spec)  # NotAMilestone says what is wrong with it
    return specs


def _scheme(value: str) -> str:
    return _text(value).lower()


def _words(value: str) -> tuple[str, ...] | None:
    """'Mike, St Marys' -> ('Mike', 'St Marys'): blanks and repeats (in any case) dropped;
    nothing left clears the setting."""
    return _word_list(value.split(","))


def _word_list(items: list[Any]) -> tuple[str, ...] | None:
    hint = 'give words or phrases in quotes, e.g. ["Mike", "St Marys"]'
    return _distinct(items, "word to hide", hint, lambda word: " ".join(word.split()))


def _stored_words(value: Any) -> tuple[str, ...] | None:
    return _stored_list(value, _words, _word_list, "words")


QUESTIONS_BETWEEN = "|"


def _questions(value: str) -> tuple[str, ...] | None:
    """'What am I proud of? | Who helped me?': questions may hold commas, so '|' parts
    them; nothing left clears the setting."""
    return _question_list(value.split(QUESTIONS_BETWEEN))


def _question_list(items: list[Any]) -> tuple[str, ...] | None:
    from recoverylog.domain.fields import line

    hint = 'give questions in quotes, e.g. ["What am I proud of today?"]'
    return _distinct(items, "question", hint, lambda q: line(q, "question") if q.strip() else "")


def _stored_questions(value: Any) -> tuple[str, ...] | None:
    return _stored_list(value, _questions, _question_list, "questions")


def _distinct(
    items: list[Any], what: str, hint: str, clean: Callable[[str], str]
) -> tuple[str, ...] | None:
    """Each text once (in any case), cleaned, blanks dropped; None when none is left."""
    found: dict[str, str] = {}
    for item in items:
        if not isinstance(item, str):
            raise InvalidInput(hint)
        text = clean(_text_or_blank(item, what))
        if text:
            found.setdefault(text.casefold(), text)
    return tuple(found.values()) or None


def _stored_list(
    value: Any,
    typed: Callable[[str], tuple[str, ...] | None],
    listed: Callable[[list[Any]], tuple[str, ...] | None],
    what: str,
) -> tuple[str, ...] | None:
    """A list setting as config.toml holds it: typed as one text, or a TOML list."""
    if isinstance(value, str):
        return typed(value)
    if isinstance(value, list):
        return listed(value)
    raise InvalidInput(f"must be a list of {what}, found {value!r:.40}")


def _day_start(value: str) -> str:
    """'04:00' (or '4:00', '4') -> '04:00', from midnight up to noon."""
    from recoverylog.domain.moments import MAX_DAY_START

    text = value.strip()
    hour, _, minute = text.partition(":")
    try:
        starts = time(int(hour), int(minute or 0))
    except ValueError:
        raise InvalidInput(f"'{value}' is not a time of day like 04:00") from None
    if starts > MAX_DAY_START:
        raise InvalidInput("a day can begin from 00:00 up to 12:00, e.g. 04:00")
    return starts.strftime("%H:%M")


def _stored_day_start(value: Any) -> str:
    if isinstance(value, time):
        return _day_start(value.strftime("%H:%M"))
    if isinstance(value, str):
        return _day_start(value)
    raise InvalidInput(f'must be a time like "04:00", found {value!r:.40}')


UNLOCK_SHORTEST = timedelta(minutes=1)
UNLOCK_LONGEST = timedelta(hours=24)


def unlock_length(value: str) -> timedelta:
    """How long `unlock` keeps the key: '15m', '1h', '90' (minutes), 1 minute to 24 hours."""
    from recoverylog.domain.timeparse import TimeParseError, parse_duration

    try:
        length = parse_duration(value)
    except TimeParseError as exc:
        raise InvalidInput(str(exc)) from None
    if not UNLOCK_SHORTEST <= length <= UNLOCK_LONGEST:
        raise InvalidInput(f"'{value.strip()}' is not between 1 minute and 24 hours (e.g. 15m, 1h)")
    return length


def _unlock_for(value: str) -> str:
    unlock_length(value)
    return value.strip()


YES = ("true", "yes", "on", "1")
NO = ("false", "no", "off", "0")


def _yes_no(value: str) -> bool | None:
    """'yes' or 'no' in the usual words; blank goes back to the default."""
    word = value.strip().lower()
    if not word:
        return None
    if word in YES or word in NO:
        return word in YES
    raise InvalidInput(f"'{value}' is not yes or no (use true or false)")


def _stored_yes_no(value: Any) -> bool | None:
    """config.toml holds true or false; a hand-written 'yes' is read as 'config set' reads it."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return _yes_no(value)
    raise InvalidInput(f"must be true or false, found {value!r:.40}")


GREET_SHORTEST = timedelta(minutes=1)


def greet_interval(value: str) -> timedelta:
    """How often the greeting may show: 'day' (once per day), or a length like 4h."""
    from recoverylog.domain.timeparse import TimeParseError, parse_duration

    try:
        length = parse_duration(value)
    except TimeParseError as exc:
        raise InvalidInput(f"{exc} (or 'day' for once a day)") from None
    if length < GREET_SHORTEST:
        raise InvalidInput("the greeting can show at most once a minute (e.g. 4h, or day)")
    return length


def _greet_every(value: str) -> str:
    text = value.strip().lower()
    if text in ("day", "daily", "1d", ""):
        return "day"
    greet_interval(text)
    return text


def _segment_format(value: str) -> str:
    """A prompt segment's format: {days} and the other names a segment can fill."""
    from recoverylog.domain.glance import SEGMENT_FIELDS, unknown_fields

    text = _text_or_blank(value, "format")
    if not text.strip():
        return "{days}d"
    try:
        unknown = unknown_fields(text)
    except ValueError:
        raise InvalidInput(
            f"'{text}' is not a format: put names in braces, e.g. {{days}}d"
        ) from None
    if unknown:
        known = ", ".join(f"{{{name}}}" for name in SEGMENT_FIELDS)
        raise InvalidInput(f"a segment cannot show {{{unknown[0]}}} (it can show {known})")
    return text


KEYS: dict[str, Key] = {
    k.name: k
    for k in (
        Key("timezone", None, "IANA time zone for day counts (default: the system's)", _timezone),
        Key(
            "milestone_scheme",
            "extended",
            "common, na, extended, or a name under [schemes]",
            _scheme,
        ),
        Key("currency", "$", "symbol shown before money saved", _text),
        Key(
            "default_clock",
            None,
            "clock used when a command needs one and none is given",
            _optional_name,
        ),
        Key(
            "country",
            "US",
            "country code for crisis lines (US, UK, CA, AU, IE, NZ, IN, ZA, DE; "
            "elsewhere the emergency number); kept in crisis.toml, never encrypted",
            lambda v: _text(v).upper(),
        ),
        Key("backups.keep", 10, "how many automatic backups to keep", _positive_int),
        Key(
            "backups.offsite_days",
            30,
            "days without a copy made with 'backup create --to' before doctor says so",
            _positive_int,
        ),
        Key(
            "sync.keep_deleted_days",
            365,
            "days a deletion is remembered, so that a copy from another computer does "
            "not bring the deleted thing back",
            _positive_int,
        ),
        Key(
            "report.hide",
            (),
            "words and phrases every report replaces with 'a person', comma-separated",
            _words,
            _stored_words,
        ),
        Key(
            "day_starts_at",
            "00:00",
            "when a day begins, 00:00 to 12:00: at 04:00, a lapse or check-in at 00:30 "
            "belongs to the evening before",
            _day_start,
            _stored_day_start,
        ),
        Key(
            "calendar.discreet",
            False,
            "calendar files (ics) say 'Milestone: 90 days', without the clock's name",
            _yes_no,
            _stored_yes_no,
        ),
        Key(
            "unlock.for",
            "15m",
            "how long 'recoverylog unlock' keeps an encrypted journal open, e.g. 15m or 1h "
            "(at most 24h)",
            _unlock_for,
        ),
        Key(
            "prompt.format",
            "{days}d",
            "the prompt segment: {days}, {clock}, {total}, {next} and {next_in} are filled "
            "in, e.g. '🌱{days}'",
            _segment_format,
        ),
        Key(
            "prompt.clock",
            None,
            "the clock the prompt segment and the greeting show (default: default_clock, "
            "else the first)",
            _optional_name,
        ),
        Key(
            "prompt.in_encrypted",
            False,
            "true: an encrypted journal keeps the glance file too, so the prompt segment "
            "and greeting work while it is locked (it is not encrypted: see docs/rhythm.md)",
            _yes_no,
            _stored_yes_no,
        ),
        Key(
            "greet.every",
            "day",
            "how often 'recoverylog greet' shows its line: day (once per day) or a length "
            "such as 4h",
            _greet_every,
        ),
        Key(
            "prompts.questions",
            (),
            "your own journal questions for 'log note --prompt', separated by |",
            _questions,
            _stored_questions,
            QUESTIONS_BETWEEN,
        ),
        Key(
            "checkin.prompt",
            False,
            "the check-in ends with a journal question, at a terminal",
            _yes_no,
            _stored_yes_no,
        ),
        Key(
            "checkin.slept",
            False,
            "the check-in also asks how many hours you slept, at a terminal",
            _yes_no,
            _stored_yes_no,
        ),
        Key(
            "nudges",
            True,
            "false: greet and status never add a line from your plan for the hours your "
            "cravings most often come",
            _yes_no,
            _stored_yes_no,
        ),
        *(
            Key(
                f"hooks.on_{event}",
                None,
                f"a program of your own, run when {when} (see Hooks in docs/support.md)",
                _program,
                _stored_program,
            )
            for event, when in (
                ("lapse", "a lapse is recorded"),
                ("checkin", "a check-in is saved"),
                ("milestone", "a milestone is reached"),
                ("sos", "sos opens"),
            )
        ),
        Key(
            "on_this_day",
            False,
            "true: the greeting adds this week's cravings beside the same days a year ago "
            "(counts only)",
            _yes_no,
            _stored_yes_no,
        ),
        Key(
            "accessible",
            False,
            "true: for a screen reader: charts and bars said in words, tables as "
            "sentences, the sos timer as a line a minute (also --a11y, or "
            "RECOVERYLOG_ACCESSIBLE=1)",
            _yes_no,
            _stored_yes_no,
        ),
    )
}


class Settings(NamedTuple):
    """Every setting, read from config.toml and crisis.toml. (A NamedTuple: every command
    defines it, and a frozen dataclass of this size costs startup about 2 ms.)"""

    timezone: str | None = None
    milestone_scheme: str = "extended"
    currency: str = "$"
    default_clock: str | None = None
    country: str = "US"
    backups_keep: int = 10
    backups_offsite_days: int = 30
    sync_keep_deleted_days: int = 365
    report_hide: tuple[str, ...] = ()
    calendar_discreet: bool = False
    day_starts_at: str = "00:00"  # HH:MM
    unlock_for: str = "15m"  # as 'recoverylog unlock --for' takes it
    prompt_format: str = "{days}d"
    prompt_clock: str | None = None
    prompt_in_encrypted: bool = False
    greet_every: str = "day"  # or a length, as greet_interval reads it
    prompts_questions: tuple[str, ...] = ()
    checkin_prompt: bool = False
    checkin_slept: bool = False
    nudges: bool = True  # only the person's own data, and only when there is enough
    on_this_day: bool = False  # old entries can hurt: asked for, never by default
    accessible: bool = False  # a screen reader's views (see render.lines.Look)
    hooks_on_lapse: str | None = None
    hooks_on_checkin: str | None = None
    hooks_on_milestone: str | None = None
    hooks_on_sos: str | None = None
    schemes: Mapping[str, list[str]] = MappingProxyType({})

    @property
    def hooks(self) -> dict[str, str | None]:
        """The program set for each event (lapse, checkin, milestone, sos), or None."""
        return {
            "lapse": self.hooks_on_lapse,
            "checkin": self.hooks_on_checkin,
            "milestone": self.hooks_on_milestone,
            "sos": self.hooks_on_sos,
        }

    def value(self, key: str) -> Any:
        if key.startswith("schemes."):
            return self.schemes.get(key.split(".", 1)[1])
        return getattr(self, key.replace(".", "_"))


def check_timezone(name: str) -> None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidInput(f"'{name}' is not a known time zone (e.g. Europe/London)") from exc


def load_raw(path: Path, io: FileIO) -> dict[str, Any]:
    from recoverylog.store.tomlfile import load_toml

    doc = load_toml(path, io)
    if doc is None:
        return {}
    schema.migrate(schema.CONFIG, doc, path)
    return doc


CONFIG_HEADER = "# recoverylog settings (see 'recoverylog config show')\n"
# Settings crisis help needs before any passphrase: kept in crisis.toml beside
# config.toml, which is never encrypted (a value there wins over config.toml's).
CRISIS_KEYS = ("country",)
CRISIS_HEADER = (
    "# Settings sos and help-now read before any passphrase: your country and your own\n"
    "# crisis lines. This file is never encrypted. A line of your own looks like:\n"
    "#   [[crisis_lines]]\n"
    '#   name = "Riverside recovery service"\n'
    '#   contact = "call 0161 555 0199 (evenings)"\n'
)


def crisis_path(config_path: Path) -> Path:
    return config_path.with_name("crisis.toml")


def load_crisis(config_path: Path) -> dict[str, Any]:
    """crisis.toml's settings ({} if there is none). Written by hand, it may leave out
    schema_version: that is read as the first version."""
    from recoverylog.store.tomlfile import load_plain_toml

    path = crisis_path(config_path)
    doc = load_plain_toml(path) or {}
    doc.setdefault("schema_version", 1)
    return schema.migrate(schema.CRISIS, doc, path)


def save_crisis(config_path: Path, doc: dict[str, Any]) -> None:
    from recoverylog.store.tomlfile import save_plain_toml

    doc = {**doc, "schema_version": schema.CURRENT_VERSION[schema.CRISIS]}
    save_plain_toml(crisis_path(config_path), doc, CRISIS_HEADER)


def load_settings(path: Path, io: FileIO, *, timezone: str | None = None) -> Settings:
    """The settings in config.toml and crisis.toml; ``timezone`` ($RECOVERYLOG_TIMEZONE)
    replaces the one they set."""
    raw = load_raw(path, io)
    crisis = load_crisis(path)
    raw.update({key: crisis[key] for key in CRISIS_KEYS if key in crisis})
    values = settings_values(raw, str(path))
    if timezone:
        values["timezone"] = _timezone(timezone)
    return Settings(**values)


def settings_values(raw: dict[str, Any], where: str) -> dict[str, Any]:
    """Every known setting in ``raw``, checked as 'config set' checks it (a settings file,
    or settings being imported); a DataError names the one that is not right."""
    values: dict[str, Any] = {}
    for name, key in KEYS.items():
        value = _lookup(raw, name)
        if value is None:
            continue
        try:
            parsed = _read(key, value)
        except InvalidInput as exc:
            raise DataError(f"{where}: '{name}': {exc.message}") from exc
        if parsed is not None:
            values[name.replace(".", "_")] = parsed
    schemes = raw.get("schemes", {})
    if not isinstance(schemes, dict) or not all(
        isinstance(v, list) and all(isinstance(s, str) for s in v) for v in schemes.values()
    ):
        raise DataError(f"{where}: [schemes] must map names to lists of milestones")
    values["schemes"] = {str(k).lower(): list(v) for k, v in schemes.items()}
    return values


def _read(key: Key, value: Any) -> Any:
    if key.read is not None:
        return key.read(value)
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InvalidInput(f"must be text or a number, found {value!r:.40}")
    return key.parse(str(value))


def _lookup(raw: dict[str, Any], dotted: str) -> Any:
    node: Any = raw
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def set_value(path: Path, name: str, text: str, io: FileIO) -> Any:
    """Validate and store one key in config.toml, keeping everything else as it was."""
    from recoverylog.store.tomlfile import update_toml

    if name.startswith("schemes.") and len(name) > len("schemes."):
        _text(name.split(".", 1)[1], "scheme name")
        value: Any = _spec_list(text)
        if name.split(".", 1)[1].lower() in ("common", "na", "extended"):
            raise InvalidInput("built-in scheme names cannot be redefined")
    elif name in KEYS:
        value = KEYS[name].parse(text)
    else:
        raise InvalidInput(f"unknown setting '{name}' (known: {', '.join(known_keys())})")
    if name in CRISIS_KEYS:
        crisis = load_crisis(path)
        if value is None:
            crisis.pop(name, None)
        else:
            crisis[name] = value
        save_crisis(path, crisis)
        return value
    raw = load_raw(path, io)  # a damaged file, or one from a newer version, stops here
    if name == "milestone_scheme":
        _check_scheme_known(value, raw)
    changes = {
        ("schema_version",): schema.CURRENT_VERSION[schema.CONFIG],
        tuple(name.split(".")): list(value) if isinstance(value, tuple) else value,
    }
    update_toml(path, io, changes, CONFIG_HEADER)  # comments and layout kept
    return value


def _check_scheme_known(name: str, raw: dict[str, Any]) -> None:
    """A default scheme must exist, or every milestone view would fail until it is fixed."""
    from recoverylog.domain.milestones import BUILTIN_SCHEMES, UnknownScheme

    custom = raw.get("schemes")
    known = [*BUILTIN_SCHEMES, *(str(k).lower() for k in (custom or {}))]
    if name not in known:
        raise UnknownScheme(
            name,
            known,
            hint="define your own first: recoverylog config set schemes.NAME 24h,30d,90d,1y",
        )


def known_keys() -> list[str]:
    return [*KEYS, "schemes.NAME"]


def move_crisis_settings(path: Path, io: FileIO) -> bool:
    """Before a home is encrypted: the country and your own crisis lines leave
    config.toml for crisis.toml, so crisis help can still read them. True if moved."""
    from recoverylog.store.tomlfile import save_toml

    raw = load_raw(path, io)
    moving = {key: raw.pop(key) for key in (*CRISIS_KEYS, "crisis_lines") if key in raw}
    if not moving:
        return False
    crisis = load_crisis(path)
    for key, value in moving.items():
        if key == "crisis_lines":
            crisis[key] = [*crisis.get(key, []), *value]
        else:
            crisis.setdefault(key, value)
    save_crisis(path, crisis)
    save_toml(path, raw, io, CONFIG_HEADER)
    return True
