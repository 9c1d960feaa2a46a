"""Help text that can be copied: the examples of a command, one command per line.

Docstrings say "Example: recoverylog ..." (or "Examples: a ; b") in running text; the
help screen would wrap those lines wherever the terminal ends. Here each example
becomes a line of its own in a block Click never rewraps (a paragraph that starts
with a \\b line), so each can be copied and run as it is.
"""

from __future__ import annotations

import re
from typing import Any

_EXAMPLES = re.compile(r"\bExamples?:\s")
NO_REWRAP = "\b"


def examples_as_lines(text: str) -> str:
    """The help text with its examples paragraph turned into one command per line."""
    found = _EXAMPLES.search(text)
    if found is None:
        return text
    before, after = text[: found.start()], text[found.end() :]
    paragraph, blank, rest = after.partition("\n\n")
    commands = [" ".join(part.split()) for part in _split_commands(paragraph)]
    commands = [c for c in commands if c]
    if not commands:
        return text
    label = "Example:" if len(commands) == 1 else "Examples:"
    block = "\n".join([label, "", NO_REWRAP, *(f"  {c}" for c in commands)])
    lead = before.rstrip()
    joined = f"{lead}\n\n{block}" if lead else block
    return f"{joined}\n\n{rest}" if blank else joined


def _split_commands(paragraph: str) -> list[str]:
    """Split on ';' outside quotes: the examples' separator."""
    parts: list[str] = []
    current: list[str] = []
    quote = ""
    for char in paragraph:
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == ";":
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return parts


def with_example_lines(command: Any) -> Any:
    """Apply examples_as_lines to a command and, for a group, to all it holds."""
    if getattr(command, "help", None):
        command.help = examples_as_lines(command.help)
    for sub in getattr(command, "commands", {}).values():
        with_example_lines(sub)
    return command
