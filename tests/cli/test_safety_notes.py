"""The medical notes at 'clock add' (and after a lapse) recognise the words people use.

Withdrawal: stopping heavy alcohol, benzodiazepine, GHB/GBL or barbiturate use suddenly
can be dangerous, so 'talk to a doctor'. Opioids: tolerance falls after a break, so a
calm harm-reduction note. Both on stderr, once, never on later commands.
"""

from __future__ import annotations

import pytest
from cli_helpers import Cli, ok

from recoverylog.domain.substances import OPIOID_WORDS, WITHDRAWAL_RISK_WORDS

DOCTOR = "talk to a doctor"
NALOXONE = "naloxone"
NEVER_USE_ALONE = "Never Use Alone line: 1-800-484-3731"


def _added(cli: Cli, name: str) -> str:
    result = ok(cli, "clock", "add", name, "--since", "2026-11-01")
    assert DOCTOR not in result.stdout and NALOXONE not in result.stdout
    return " ".join(str(result.stderr).split())  # the notes wrap at 80 columns


@pytest.mark.parametrize("word", sorted(WITHDRAWAL_RISK_WORDS))
def test_every_withdrawal_word_gets_the_doctor_note(cli: Cli, word: str) -> None:
    said = _added(cli, word)
    assert said.count(DOCTOR) == 1
    assert NALOXONE not in said


@pytest.mark.parametrize(
    "name",
    [
        "Beer",
        "WINE",
        "booze",
        "Xanax",
        "valium",
        "Klonopin",
        "ativan",
        "diazepam",
        "benzodiazepines",
        "barbiturates",
        "phenobarbital",
        "GHB/GBL",
        "alcohol and benzos",
        "alcohol & drugs",
        "Beer/Wine",
        "red wine",
        "beers",
        "drinks",
        "late-night drinking",
    ],
)
def test_the_doctor_note_finds_the_words_inside_longer_names(cli: Cli, name: str) -> None:
    assert _added(cli, name).count(DOCTOR) == 1


@pytest.mark.parametrize("word", sorted(OPIOID_WORDS))
def test_every_opioid_word_gets_the_harm_reduction_note(cli: Cli, word: str) -> None:
    said = _added(cli, word)
    assert said.count(NALOXONE) == 1
    assert "tolerance falls quickly" in said and "overdose" in said
    assert "try not to use alone" in said and NEVER_USE_ALONE in said
    assert DOCTOR not in said


@pytest.mark.parametrize(
    "name", ["Heroin", "OxyContin", "oxys", "opioids", "opiates", "Subutex/Suboxone", "fentanyl"]
)
def test_the_opioid_note_finds_the_words_people_use(cli: Cli, name: str) -> None:
    assert _added(cli, name).count(NALOXONE) == 1


def test_a_name_with_both_gets_both_notes_once(cli: Cli) -> None:
    said = _added(cli, "heroin and benzos")
    assert (said.count(DOCTOR), said.count(NALOXONE)) == (1, 1)


@pytest.mark.parametrize(
    "name",
    [
        "swine",
        "benzene",
        "ginger",
        "gingerbread",
        "winter",
        "drinkware",
        "nicotine",
        "gambling",
        "cannabis",
        "cocaine",
        "pills",
        "kratom",
        "Oxford",
        "moxy",
        "sugar",
    ],
)
def test_no_note_for_other_names_or_words_inside_words(cli: Cli, name: str) -> None:
    said = _added(cli, name)
    assert DOCTOR not in said and NALOXONE not in said


def test_the_notes_come_only_when_the_clock_is_created(cli: Cli) -> None:
    _added(cli, "beer and oxy")
    for args in (("clock", "list"), ("status",), ("log", "craving", "3")):
        said = ok(cli, *args).stderr
        assert DOCTOR not in said and NALOXONE not in said


def test_after_every_lapse_on_an_opioid_clock_the_note_comes_again(cli: Cli) -> None:
    ok(cli, "clock", "add", "heroin", "--since", "2026-10-01")
    for at in ("2026-11-10 21:00", "2026-11-20 23:00"):
        result = ok(cli, "log", "lapse", "heroin", "--at", at)
        assert result.stderr.count(NALOXONE) == 1
        assert NEVER_USE_ALONE in result.stderr
        assert "!" not in result.stderr


def test_no_opioid_note_after_a_lapse_on_another_clock(cli: Cli) -> None:
    ok(cli, "clock", "add", "alcohol", "--since", "2026-10-01")
    result = ok(cli, "log", "lapse", "alcohol", "--at", "2026-11-10 21:00")
    assert NALOXONE not in result.stdout + result.stderr
    assert DOCTOR not in result.stdout + result.stderr
