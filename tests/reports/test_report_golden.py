"""Reports of a journal of many months stay exactly as they were, byte for byte, in
every format: the digests below were taken from the report built from one list of every
entry, before reports were counted month by month as the store reads them.

A change meant to alter a report updates them: print ``report_digests(...)`` for each
variant and paste the result. (The two reports for oneself changed when they gained the
mood section; the others did not.)
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from varied_home import build_varied_home

Run = Callable[..., Any]

VARIANTS: dict[str, tuple[str, ...]] = {
    "week": (),
    "month-clinician": ("--period", "month", "--audience", "clinician"),
    "quarter-names": ("--period", "quarter", "--include", "names,notes"),
    "all-self": ("--period", "all", "--audience", "self"),
    "year-nicotine": ("--since", "2025-11-24", "--clock", "nicotine", "--audience", "self"),
    "spring-calendar": ("--since", "2026-02-20", "--until", "2026-05-03", "-i", "calendar"),
}
FORMATS = ("json", "md", "txt", "html")

GOLDEN: dict[str, dict[str, str]] = {
    "week": {
        "json": "eeac14f7896a74507aa9a18b7839a437d42f1c9e96649188d83de07d49e8b2fa",
        "md": "2001891d1c6c8ca6706980714b2f97774f793b9126c2e5e8e3d251d3150b92f9",
        "txt": "34bef7bb86f71c188a634674d0b52b4544f964d3906eb65d4c900c49b69602e4",
        "html": "c655a52e627189686b179512ca636fbca3cbb5dd1a4eda474dfdb01f5d9a4714",
    },
    "month-clinician": {
        "json": "d9eabc214a0ef8337b02ac3d395b43701f7ab87ea5085584ea0333929b3d239c",
        "md": "998729775d19721cc54e8707c6e548fbd7345196a7ae787552dfb2a576b76023",
        "txt": "a1264dafee53487a7fd5d10ed7af2497bb7767feebd0e1c90890594565cb95e3",
        "html": "c08ceeb45c13f58ccf223b27faa2cd9aee08d3738e75935205f72191562062ee",
    },
    "quarter-names": {
        "json": "349d37b2d57b35ce7c6c96637dafcf59b7cd521557ab53accbe6dfaff95fbdab",
        "md": "0df56ffb365778f7ecf98ceb78d53da0a96f3bbb9cbfabd63796585c3ed67620",
        "txt": "ba753ec4e9cf1ad085fa003b55c19ccb304a97ed18a2b47dc4ffff42f5075078",
        "html": "fe1ef82f50480304292354bc946909664ccac4475bea743ba0b2bb171c0acb9d",
    },
    "all-self": {
        "json": "4a94b1d650a7ca3603b2ac9858b294f0d1950f07de6f0a1a389fc7275af065ba",
        "md": "afcc54db8580f760766dbee996fa5b14ee9b8cefe8e0803b6f8ca460e9d7f37e",
        "txt": "cbc83582a7081fc2237ec3c16c866b28b4516c074fb360d15f0e5f82293fb7c1",
        "html": "2fb34091bc84e0b209c949d99b181bb8979ae586a36962faa566d659c9b45db8",
    },
    "year-nicotine": {
        "json": "1d094280fe59c69eb84120817eb758231d4b6a56d0a1bc27ee782a8aaed9bfc2",
        "md": "b05c0c84538b8e871b235979dceaa2d6743efd89089a93ef6245f65fecf22dcd",
        "txt": "f1e7ce7aaab5181bb0e23346b99170e1102d596897d51fac198e97f768765031",
        "html": "8a3cc05d220a396bc4f88b942446e35eafe8898aaf79e23343b759584203f77c",
    },
    "spring-calendar": {
        "json": "73b9c2266333f5898bf4c39df49dac504d0cd77593c3e3b02ff013e122667b48",
        "md": "8a186ac34320fa740c2f18146e2fdcf0b183973aca094a87b1cb751ce957ea27",
        "txt": "b4a7531f8bf584010082979ae6aeb16bae2b203d15b2b48062970fc3c2f8e555",
        "html": "299a6d3b881766b89f83d64e46060f9387a40c0479d15f87342e83ac2897afd4",
    },
}


@pytest.fixture
def varied_home(home: Path, run: Run) -> Path:
    build_varied_home(home)
    run("config", "set", "report.hide", "Bar Luna,tea")
    return home


def report_digests(run: Run, *options: str) -> dict[str, str]:
    """The SHA-256 of the report in each format."""
    return {
        fmt: hashlib.sha256(run("report", *options, "--format", fmt).stdout_bytes).hexdigest()
        for fmt in FORMATS
    }


@pytest.mark.parametrize("variant", VARIANTS)
def test_report_is_unchanged(varied_home: Path, run: Run, variant: str) -> None:
    assert report_digests(run, *VARIANTS[variant]) == GOLDEN[variant]
