"""Several coders saving at once through the real review server, while a second `cultdip`
process writes a batch into the same store: every write arrives exactly once.

Everything is real: `cultdip review serve` as a subprocess on a loopback port, a project made
by `cultdip run` from real documents, HTTP/1.1 keep-alive connections (one per coder, each
with its own token cookie and CSRF header), and `cultdip run` over the repository's UN
speeches writing documents into the same SQLite file meanwhile. The load is bounded: 8 coders
x 50 judgements (plus an undo every 10th), each request with a 60 s timeout.
"""

from __future__ import annotations

import http.client
import json
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

from conftest import CORPUS, cultdip_command
from cultdip_nlp.cli import main

CODERS = [f"coder{n}" for n in range(1, 9)]
JUDGEMENTS = 50
UNDO_EVERY = 10
DECISIONS = ("accept", "reject", "relabel")


def _cli(*args: str) -> str:
    import io
    from contextlib import redirect_stdout

    out = io.StringIO()
    with redirect_stdout(out):
        assert main(list(args)) == 0
    return out.getvalue()


def _connect(project: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(project / "cultdip.sqlite", timeout=60, isolation_level=None)
    connection.row_factory = sqlite3.Row
    return connection


def _listening_addresses(port: int) -> set[str]:
    """The local addresses a socket listens on at `port`, read from /proc/net/tcp{,6}."""
    import ipaddress

    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table, encoding="ascii") as handle:
            for line in list(handle)[1:]:
                local, state = line.split()[1], line.split()[3]
                address, hex_port = local.split(":")
                if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                    raw = bytes.fromhex(address)
                    # /proc prints each 32-bit word in host (little-endian) order.
                    raw = b"".join(raw[i:i + 4][::-1] for i in range(0, len(raw), 4))
                    found.add(str(ipaddress.ip_address(raw)))
    return found


class Coder:
    """One coder's browser: a keep-alive connection, their cookie and CSRF token."""

    def __init__(self, port: int, name: str, token: str) -> None:
        self.name = name
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookie = f"cultdip_token={token}"
        status, page = self.request("GET", "/")
        assert status == 200, page[:200]
        self.csrf = page.decode().split('name="csrf-token" content="')[1].split('"')[0]

    def request(self, method: str, path: str, body: object | None = None) -> tuple[int, bytes]:
        headers = {"Cookie": self.cookie, "Host": f"127.0.0.1:{self.connection.port}"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers.update({"Content-Type": "application/json", "X-CSRF-Token": self.csrf})
        self.connection.request(method, path, body=data, headers=headers)
        response = self.connection.getresponse()
        return response.status, response.read()


def _work(coder: Coder, items: list[str], codes: dict[str, str], log: list[tuple],
          errors: list[str], start: threading.Barrier) -> None:
    """50 judgements cycling over the coder's items and decisions; undo every 10th."""
    try:
        start.wait(timeout=60)
        for number in range(JUDGEMENTS):
            tag_id = items[number % len(items)]
            decision = DECISIONS[number % len(DECISIONS)]
            body = {"tag_id": tag_id, "decision": decision, "note": f"{coder.name}/{number}"}
            if decision == "relabel":
                body["new_code"] = codes[tag_id]
            status, reply = coder.request("POST", "/api/judgements", body)
            if status != 200:
                errors.append(f"{coder.name} #{number}: HTTP {status} {reply[:200]!r}")
                continue
            log.append(("judgement", coder.name, number, json.loads(reply)["id"]))
            if number % UNDO_EVERY == UNDO_EVERY - 1:
                status, reply = coder.request("POST", "/api/undo", {})
                if status != 200:
                    errors.append(f"{coder.name} undo #{number}: HTTP {status} {reply[:200]!r}")
                    continue
                log.append(("undo", coder.name, number, json.loads(reply)["undone"]["id"]))
    except Exception as error:  # reported by the test, with the coder's name
        errors.append(f"{coder.name}: {type(error).__name__}: {error}")
    finally:
        coder.connection.close()


def test_eight_coders_and_a_batch_write_at_once_and_every_write_arrives_once(
        review_project: Path) -> None:
    project = str(review_project)
    tokens = {name: json.loads(_cli("review", "coder", "add", name, "--project", project,
                                    "--json"))["token"] for name in CODERS}
    # Every coder gets every sampled tag (overlap 1.0), so they write to the same items.
    _cli("review", "sample", "--project", project, "--n", "12", "--coders", ",".join(CODERS),
         "--overlap", "1.0", "--seed", "9")
    with _connect(review_project) as db:
        items = {name: [r[0] for r in db.execute(
            "SELECT tag_id FROM review_items WHERE coder = ? ORDER BY position", (name,))]
            for name in CODERS}
        all_codes = sorted({r[0] for r in db.execute("SELECT DISTINCT code FROM tags")})
        # A relabel goes to another code than the tag's own.
        codes = {r[0]: next(c for c in all_codes if c != r[1]) for r in db.execute(
            "SELECT DISTINCT tag_id, code FROM review_items")}
        documents_before = db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    assert all(len(found) >= 6 for found in items.values()), items

    server = subprocess.Popen([*cultdip_command(), "review", "serve", "--project", project,
                               "--port", "0"], stdout=subprocess.PIPE, text=True)
    batch = None
    try:
        port = int(server.stdout.readline().strip().rsplit(":", 1)[1].rstrip("/"))
        assert _listening_addresses(port) == {"127.0.0.1"}  # loopback only, by default
        coders = {name: Coder(port, name, tokens[name]) for name in CODERS}
        # A second cultdip process: a batch over the 40 real UN speeches into the same store.
        batch = subprocess.Popen([*cultdip_command(), "run", str(CORPUS / "ungdc"), "--project",
                                  project, "--jobs", "1", "--no-progress", "--json"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        with _connect(review_project) as db:
            deadline = time.monotonic() + 300
            while db.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == documents_before:
                assert batch.poll() is None, batch.communicate()[1][-2000:]
                assert time.monotonic() < deadline, "the batch stored nothing in 300 s"
                time.sleep(0.05)
            documents_at_start = db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        log: list[tuple] = []
        errors: list[str] = []
        start = threading.Barrier(len(CODERS))
        threads = [threading.Thread(target=_work, args=(coders[name], items[name], codes, log,
                                                        errors, start)) for name in CODERS]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=600)
        batch_running_after_coders = batch.poll() is None
        # One coder in four tabs pressing undo at the same moment, five times over: each undo
        # must retract a different judgement (the latest not yet retracted), none may fail.
        tabs = [Coder(port, CODERS[0], tokens[CODERS[0]]) for _ in range(4)]
        undos: list[tuple] = []
        together = threading.Barrier(len(tabs))

        def press_undo(tab: Coder) -> None:
            try:
                for _ in range(5):
                    together.wait(timeout=60)
                    status, reply = tab.request("POST", "/api/undo", {})
                    undos.append((status, json.loads(reply)))
            except Exception as error:
                errors.append(f"undo tab: {type(error).__name__}: {error}")

        tab_threads = [threading.Thread(target=press_undo, args=(tab,)) for tab in tabs]
        for thread in tab_threads:
            thread.start()
        for thread in tab_threads:
            thread.join(timeout=300)
        for tab in tabs:
            tab.connection.close()
        out, err = batch.communicate(timeout=900)
    finally:
        server.terminate()
        server.wait(timeout=30)
        if batch is not None and batch.poll() is None:
            batch.kill()
    assert not errors, errors[:10]
    assert batch.returncode == 0, err[-2000:]
    summary = json.loads(out[out.index("{"):])
    assert summary["processed"] == 40 and not summary["errors"]

    with _connect(review_project) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        documents_after = db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        rows = db.execute("SELECT id, coder, tag_id, decision, new_code, note FROM judgements"
                          " ORDER BY id").fetchall()
        retracted = {r[0] for r in db.execute("SELECT judgement_id FROM judgement_retractions")}
    # The batch wrote while the coders did: documents were added after the first coder write.
    assert documents_after == documents_before + 40
    assert documents_at_start < documents_after or batch_running_after_coders

    # Every judgement arrived exactly once, as sent, under the id the server answered.
    expected = {(name, n) for name in CODERS for n in range(JUDGEMENTS)}
    stored = {}
    for row in rows:
        coder, number = row["note"].split("/")
        key = (coder, int(number))
        assert key not in stored, f"judgement {key} stored twice"
        assert coder == row["coder"]
        assert row["tag_id"] == items[coder][key[1] % len(items[coder])]
        assert row["decision"] == DECISIONS[key[1] % len(DECISIONS)]
        stored[key] = row["id"]
    assert set(stored) == expected
    answered = {(coder, number): value for kind, coder, number, value in log
                if kind == "judgement"}
    assert answered == stored
    # Each undo retracted that coder's judgement just written, and nothing else.
    undone = {value for kind, _, _, value in log if kind == "undo"}
    assert undone == {stored[(name, n)] for name in CODERS
                      for n in range(UNDO_EVERY - 1, JUDGEMENTS, UNDO_EVERY)}
    # The four tabs' 20 undos: each answered, each a different judgement of that coder, the
    # latest ones still standing, in order.
    assert len(undos) == 20 and all(status == 200 for status, _ in undos), undos[:5]
    tab_undone = [reply["undone"]["id"] for _, reply in undos]
    assert len(set(tab_undone)) == 20
    standing = sorted((stored[(CODERS[0], n)] for n in range(JUDGEMENTS)
                       if stored[(CODERS[0], n)] not in undone), reverse=True)
    assert sorted(tab_undone, reverse=True) == standing[:20]
    assert retracted == undone | set(tab_undone)
