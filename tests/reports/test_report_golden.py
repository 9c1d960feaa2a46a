"""Reports of a journal of many months stay exactly as they were, byte for byte, in
every format: the digests below were taken from the report built from one list of every
entry, before reports were counted month by month as the store reads them.

A change meant to alter a report updates them: print ``report_digests(...)`` for each
variant and paste the result.
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
        "json": "1e3d92bde676d8926b6325a444d6d6f3dc3febbcee11669dc3fbfa7e4232575c",
        "md": "2d4309606174fe078213faf3c9671f7a129bdd4afd3573e3c7dd4dd4627cd52f",
        "txt": "a0ca87b8301cd14c499efbc57b48bf87045817f596f4a6393a35c4ecb363f547",
        "html": "7a57ec54a6cca8641f9ef48cee558158e677102daa521288659e9d2d73ce0b43",
    },
    "year-nicotine": {
        "json": "512af27a516639c5c36639ffc80270a830ebfd60fadf958b0c528c84241afff1",
        "md": "d14e491705b21ca111c405d89f4896f2346a6f1087de17544d25968f797cf379",
        "txt": "5c0b5e61cc0c4dea2088c5d35b4055389a7b6d030a14ae33d4559f39834b7e97",
        "html": "a7a41b1b079968421328474f4e09a35fa20921c78d2ba017e0019ac7bff98ca0",
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
