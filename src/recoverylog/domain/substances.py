"""Which medical safety notes a clock's name calls for. Pure: no I/O.

People name clocks as they speak ("beer", "xanax", "alcohol & benzos", "Beer/Wine"),
so a name is split into words and each word is looked up, case-insensitively, in the
tables below. Whole words only: "swine" is not wine, "benzene" is not a benzo. A word
with a plural "s" matches its singular ("oxys", "ciders").
"""

from __future__ import annotations

import re
from typing import NamedTuple

# Stopping heavy, long-term use suddenly can cause dangerous withdrawal (seizures,
# delirium): alcohol, benzodiazepines and the sleeping pills that act like them,
# GHB/GBL, barbiturates.
WITHDRAWAL_RISK_WORDS: frozenset[str] = frozenset(
    {
        # alcohol, as people name it
        "alcohol",
        "alcoholism",
        "etoh",
        "drink",
        "drinking",
        "booze",
        "boozing",
        "beer",
        "wine",
        "cider",
        "lager",
        "spirits",
        "liquor",
        "vodka",
        "whisky",
        "whiskey",
        "gin",
        "rum",
        "tequila",
        "brandy",
        # benzodiazepines: the class, generic names and brand names
        "benzo",
        "benzos",
        "benzodiazepine",
        "alprazolam",
        "xanax",
        "diazepam",
        "valium",
        "clonazepam",
        "klonopin",
        "rivotril",
        "lorazepam",
        "ativan",
        "chlordiazepoxide",
        "librium",
        "temazepam",
        "restoril",
        "oxazepam",
        "nitrazepam",
        "bromazepam",
        "clobazam",
        "midazolam",
        "triazolam",
        "halcion",
        "flurazepam",
        "etizolam",
        # sleeping pills that act like benzodiazepines ("Z-drugs")
        "zolpidem",
        "ambien",
        "zopiclone",
        "eszopiclone",
        # GHB / GBL
        "ghb",
        "gbl",
        # barbiturates
        "barbiturate",
        "barbs",
        "phenobarbital",
        "phenobarbitone",
        "butalbital",
        "secobarbital",
        "pentobarbital",
        "amobarbital",
    }
)

# Opioids: after a break, tolerance falls quickly and a usual amount can cause an
# overdose. Kratom is left out: its risks are real but different, and a naloxone note
# would not fit it well. "Pills" and "painkillers" say too little to be sure.
OPIOID_WORDS: frozenset[str] = frozenset(
    {
        "opioid",
        "opiate",
        "heroin",
        "smack",
        "fentanyl",
        "fent",
        "carfentanil",
        "nitazene",
        "oxycodone",
        "oxy",
        "oxycontin",
        "percocet",
        "morphine",
        "opium",
        "methadone",
        "buprenorphine",
        "subutex",
        "suboxone",
        "codeine",
        "hydrocodone",
        "vicodin",
        "hydromorphone",
        "dilaudid",
        "oxymorphone",
        "tramadol",
        "tapentadol",
    }
)

_WORD = re.compile(r"[^\W_]+")


def name_words(name: str) -> list[str]:
    """The words of a clock's name, folded for comparison: 'Beer/Wine' -> beer, wine."""
    return _WORD.findall(name.casefold())


def names_any(name: str, table: frozenset[str]) -> bool:
    """Does the clock's name hold one of these words (a plural 's' allowed)?"""
    return any(
        word in table or (word.endswith("s") and word[:-1] in table) for word in name_words(name)
    )


class SafetyNotes(NamedTuple):
    """The medical notes a clock's name calls for."""

    withdrawal: bool  # stopping heavy use suddenly can be dangerous: talk to a doctor
    opioid: bool  # tolerance falls after a break: naloxone, not alone


def safety_notes(name: str) -> SafetyNotes:
    return SafetyNotes(
        withdrawal=names_any(name, WITHDRAWAL_RISK_WORDS),
        opioid=names_any(name, OPIOID_WORDS),
    )
