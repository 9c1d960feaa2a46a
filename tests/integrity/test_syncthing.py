"""Two real Syncthing instances on this computer's loopback, one journal in the folder
they share, two "computers" changing it while apart: after they meet again, one
command merges the copies Syncthing kept, and both end with the same journal.

Slow (about ten seconds) and skipped where Syncthing is not installed."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("syncthing") is None, reason="Syncthing is not installed"),
]

API_KEY = "recoverylog-test"
WAIT = 90.0  # seconds for anything Syncthing does: generous, as machines are busy
# Syncthing's own settings for a private pair on loopback: no discovery, relays,
# reporting or upgrades, and the conflict copies kept (0 would throw them away).
QUIET = {
    "globalAnnounceEnabled": "false",
    "localAnnounceEnabled": "false",
    "relaysEnabled": "false",
    "natEnabled": "false",
    "urAccepted": "-1",
    "crashReportingEnabled": "false",
    "startBrowser": "false",
    "autoUpgradeIntervalH": "0",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Computer:
    """One Syncthing instance, its shared folder, and the journal inside it."""

    def __init__(self, root: Path, name: str) -> None:
        self.name = name
        self.config = root / f"{name}-syncthing"
        self.folder = root / f"{name}-sync"
        self.home = self.folder / "recoverylog"
        self.gui, self.listen = free_port(), free_port()
        self.process: subprocess.Popen[bytes] | None = None
        subprocess.run(
            ["syncthing", "generate", f"--home={self.config}", "--no-default-folder"],
            check=True,
            capture_output=True,
            timeout=60,
        )
        self.id = subprocess.run(
            ["syncthing", f"--home={self.config}", "--device-id"],
            check=True,
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout.strip()

    def share_with(self, other: Computer) -> None:
        path = self.config / "config.xml"
        tree = ET.parse(path)
        root = tree.getroot()
        gui = root.find("gui")
        assert gui is not None
        _set(gui, "address", f"127.0.0.1:{self.gui}")
        _set(gui, "apikey", API_KEY)
        options = root.find("options")
        assert options is not None
        for key, value in {**QUIET, "listenAddress": f"tcp://127.0.0.1:{self.listen}"}.items():
            _set(options, key, value)
        device = ET.SubElement(root, "device", id=other.id, name=other.name)
        _set(device, "address", f"tcp://127.0.0.1:{other.listen}")
        self.folder.mkdir()
        (self.folder / ".stignore").write_text(
            "\n".join([".lock", "tmp", "cache", "backups", "glance.json", "greeted"]) + "\n"
        )
        shared = ET.SubElement(
            root,
            "folder",
            id="journal",
            path=str(self.folder),
            type="sendreceive",
            rescanIntervalS="3600",  # scans are asked for: see scan()
            fsWatcherEnabled="false",
        )
        _set(shared, "maxConflicts", "10")
        for member in (self.id, other.id):
            ET.SubElement(shared, "device", id=member)
        tree.write(path)

    def start(self) -> None:
        # `timeout` ends it even if this test is killed before its finaliser runs.
        self.process = subprocess.Popen(
            ["timeout", "600", "syncthing", "serve", f"--home={self.config}"]
            + ["--no-browser", "--no-restart", "--no-upgrade"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)

    def api(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.gui}/rest/{path}",
            method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"X-API-Key": API_KEY},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read()
        return json.loads(text) if text else None

    def scan(self) -> None:
        """Syncthing looks at the folder now: it learns what recoverylog changed."""
        self.api("POST", "db/scan?folder=journal")

    def connected_to(self, other: Computer) -> bool:
        return bool(self.api("GET", "system/connections")["connections"][other.id]["connected"])

    def pause(self, other: Computer, paused: bool) -> None:
        self.api("PATCH", f"config/devices/{other.id}", {"paused": paused})

    def copies(self) -> list[str]:
        return sorted(
            p.name for p in self.home.rglob("*sync-conflict*") if "backups" not in p.parts
        )

    def recoverylog(self, *args: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "RECOVERYLOG_HOME": str(self.home), "RECOVERYLOG_TIMEZONE": "UTC"}
        env.pop("RECOVERYLOG_NOW", None)  # real time: Syncthing keeps the newer copy
        result = subprocess.run(
            [sys.executable, "-m", "recoverylog", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, (args, result.stdout, result.stderr)
        return result


def _set(parent: ET.Element, key: str, value: str) -> None:
    element = parent.find(key)
    if element is None:
        element = ET.SubElement(parent, key)
    element.text = value


def eventually(check: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass  # Syncthing is still starting
        time.sleep(0.5)
    raise AssertionError(f"after {WAIT:.0f} s, still not: {what}")


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Computer, Computer]]:
    laptop, desktop = Computer(tmp_path, "laptop"), Computer(tmp_path, "desktop")
    laptop.share_with(desktop)
    desktop.share_with(laptop)
    try:
        laptop.start()
        desktop.start()
        eventually(lambda: laptop.connected_to(desktop), "connected")
        yield laptop, desktop
    finally:
        laptop.stop()
        desktop.stop()


def synced(one: Computer, other: Computer, *names: str) -> Callable[[], bool]:
    def same() -> bool:
        return all(
            (one.home / n).is_file()
            and (one.home / n).read_bytes() == (other.home / n).read_bytes()
            for n in names
        )

    return same


def notes(computer: Computer) -> list[str]:
    listed = json.loads(computer.recoverylog("list", "--all", "--format", "json").stdout)
    return sorted(entry.get("note") or "" for entry in listed)


def test_two_computers_apart_then_together_end_with_one_journal(
    pair: tuple[Computer, Computer],
) -> None:
    laptop, desktop = pair
    month = f"entries/{time.strftime('%Y-%m', time.gmtime())}.json"
    laptop.recoverylog("clock", "add", "alcohol", "--since", "2026-11-01")
    laptop.recoverylog("log", "note", "from the start")
    laptop.recoverylog("people", "add", "Sam", "--role", "sponsor")
    laptop.scan()
    eventually(synced(laptop, desktop, "journal.toml", month), "the journal reached the desktop")

    laptop.pause(desktop, True)
    eventually(lambda: not laptop.connected_to(desktop), "apart")
    laptop.recoverylog("log", "note", "on the train")
    laptop.recoverylog("people", "add", "Alex", "--role", "peer")
    laptop.scan()
    time.sleep(1.1)  # the desktop's changes are the newer: Syncthing keeps its files
    desktop.recoverylog("log", "note", "at home")
    desktop.recoverylog("people", "edit", "Sam", "--phone", "555 0142")
    desktop.scan()
    laptop.pause(desktop, False)
    eventually(lambda: len(laptop.copies()) == 2, "Syncthing kept the laptop's versions")

    said = desktop.recoverylog("status").stderr
    assert "Merged Syncthing's copies" in said, said
    desktop.scan()
    eventually(
        lambda: not laptop.copies() and synced(laptop, desktop, "journal.toml", month)(),
        "the merged journal reached the laptop",
    )
    for computer in pair:
        assert notes(computer) == ["at home", "from the start", "on the train"]
        people = json.loads(computer.recoverylog("people", "list", "--format", "json").stdout)
        assert {p["name"]: p.get("phone") for p in people} == {"Sam": "555 0142", "Alex": None}
