"""The review page in a real browser: Debian's Chromium driven by Playwright.

The server is the real ReviewServer on a loopback port, over a real project store; a
"restart" is a new server over the same store file. The browser is /usr/bin/chromium from
scripts/install-system-deps.sh (Playwright never downloads one here).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import XSS_PAYLOAD
from cultdip_nlp.codebook import load_codebook
from cultdip_nlp.review import coders, queue
from cultdip_nlp.review.server import ReviewServer

import playwright.sync_api as playwright_api  # noqa: E402 - the [test] extra installs it
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: run `bash scripts/install-system-deps.sh`")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


class Running:
    """A review server in a thread; stop() and start() again is a restart over the same store."""

    def __init__(self, store_file: Path) -> None:
        self.store_file = store_file
        self.codebook = load_codebook(None)
        self.server: ReviewServer | None = None
        self.start()

    def start(self) -> None:
        self.server = ReviewServer(("127.0.0.1", 0), self.store_file, self.codebook)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        assert self.server
        self.server.shutdown()
        self.server.server_close()

    @property
    def url(self) -> str:
        assert self.server
        return f"http://127.0.0.1:{self.server.server_address[1]}/"


def connect(project: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(project / "cultdip.sqlite", isolation_level=None)
    connection.row_factory = sqlite3.Row
    return connection


@pytest.fixture()
def setup(review_project: Path) -> Iterator[tuple[Running, dict[str, str], Path]]:
    with connect(review_project) as db:
        queue.sample(db, 8, "stratified", coders=["ann", "ben"], overlap=0.5, seed=7)
        tokens = {name: coders.add_coder(db, name) for name in ("ann", "ben")}
    running = Running(review_project / "cultdip.sqlite")
    yield running, tokens, review_project
    running.stop()


def login(context: object, url: str, token: str) -> object:
    page = context.new_page()  # type: ignore[attr-defined]
    page.goto(url + "login")
    page.fill("#token", token)
    page.keyboard.press("Enter")
    page.wait_for_selector("#meta[data-tag]")
    return page


def press(page: object, key: str) -> None:
    """Press a key that saves, and wait until the server confirmed the save."""
    before = page.evaluate("document.body.dataset.saved || ''")  # type: ignore[attr-defined]
    page.keyboard.press(key)  # type: ignore[attr-defined]
    # Polled from Python: wait_for_function would need eval, which the page's CSP forbids.
    for _ in range(200):
        if page.evaluate("document.body.dataset.saved || ''") != before:  # type: ignore[attr-defined]
            return
        page.wait_for_timeout(25)  # type: ignore[attr-defined]
    raise AssertionError(f"pressing {key!r} saved nothing")


def current_tag(page: object) -> str:
    return page.get_attribute("#meta", "data-tag")  # type: ignore[attr-defined]


def decisions(project: Path, coder: str) -> dict[str, tuple[str, str | None]]:
    from cultdip_nlp.review.judgements import current

    with connect(project) as db:
        return {r["tag_id"]: (r["decision"], r["new_code"]) for r in current(db, coder)}


def test_full_keyboard_review_undo_reload_and_restart(browser: object, setup) -> None:
    running, tokens, project = setup
    context = browser.new_context()  # type: ignore[attr-defined]
    page = login(context, running.url, tokens["ann"])
    with connect(project) as db:
        order = [r["tag_id"] for r in db.execute(
            "SELECT tag_id FROM review_items WHERE coder='ann' ORDER BY position")]
        code_of = {r["tag_id"]: r["code"] for r in db.execute("SELECT * FROM review_items")}
    assert len(order) == 6
    assert page.inner_text("#progress").startswith("0 done · 6 left")
    assert page.locator("#sentence mark").count() == 1
    assert page.inner_text("#reason").count("rule ") == 1
    assert page.inner_text("#code h2")  # the code's label and definition are shown

    expected: dict[str, tuple[str, str | None]] = {}
    assert current_tag(page) == order[0]
    press(page, "a")
    expected[order[0]] = ("accept", None)
    assert current_tag(page) == order[1]
    press(page, "r")
    expected[order[1]] = ("reject", None)
    # 1: relabel to the first code listed under "Relabel to".
    first_choice = page.inner_text("#choices li >> nth=0").rsplit("(", 1)[1].rstrip(")")
    press(page, "1")
    expected[order[2]] = ("relabel", first_choice)
    # l: type-ahead relabel.
    target = "outcome.national_pride" if code_of[order[3]] != "outcome.national_pride" \
        else "outcome.social_cohesion"
    page.keyboard.press("l")
    page.wait_for_selector("#typeahead:focus")
    page.keyboard.type("national_pride" if target.endswith("pride") else "social_cohesion")
    press(page, "Enter")
    expected[order[3]] = ("relabel", target)
    # n: add a missed code to the sentence, then accept the tag itself.
    page.keyboard.press("n")
    page.wait_for_selector("#typeahead:focus")
    page.keyboard.type("identity.values")
    press(page, "Enter")
    assert "identity.values" in page.inner_text("#decision")
    press(page, "a")
    expected[order[4]] = ("accept", None)
    press(page, "a")
    expected[order[5]] = ("accept", None)
    assert page.inner_text("#progress").startswith("6 done · 0 left")
    assert decisions(project, "ann") == expected
    with connect(project) as db:
        added = db.execute("SELECT code, tag_id FROM judgements WHERE decision='add'").fetchall()
    assert [tuple(a) for a in added] == [("identity.values", None)]

    # u: undo the last decision; the row stays, marked retracted.
    press(page, "u")
    del expected[order[5]]
    assert page.inner_text("#progress").startswith("5 done · 1 left")
    assert decisions(project, "ann") == expected
    assert current_tag(page) == order[5]
    assert "Not judged yet" in page.inner_text("#decision")

    # Arrows move without saving.
    page.keyboard.press("ArrowLeft")
    assert current_tag(page) == order[4]
    assert "accept" in page.inner_text("#decision")

    # Reload: the decisions come back from the store; the page opens on the open item.
    page.reload()
    page.wait_for_selector("#meta[data-tag]")
    assert page.inner_text("#progress").startswith("5 done · 1 left")
    assert current_tag(page) == order[5]

    # Server restart: the same browser (same cookie) sees the same state.
    running.stop()
    running.start()
    page.goto(running.url)
    page.wait_for_selector("#meta[data-tag]")
    assert page.inner_text("#progress").startswith("5 done · 1 left")
    press(page, "r")
    expected[order[5]] = ("reject", None)
    assert decisions(project, "ann") == expected
    context.close()


def test_two_coders_at_once_see_and_edit_only_their_own(browser: object, setup) -> None:
    running, tokens, project = setup
    ann_context, ben_context = browser.new_context(), browser.new_context()  # type: ignore[attr-defined]
    ann = login(ann_context, running.url, tokens["ann"])
    ben = login(ben_context, running.url, tokens["ben"])
    with connect(project) as db:
        items = {c: {r["tag_id"] for r in db.execute(
            "SELECT tag_id FROM review_items WHERE coder=?", (c,))} for c in ("ann", "ben")}
        shared = sorted(items["ann"] & items["ben"])
    assert shared
    seen = {name: set(page.evaluate(  # type: ignore[attr-defined]
        "fetch('/api/items').then(r => r.json()).then(d => d.items.map(i => i.tag_id))"))
        for name, page in (("ann", ann), ("ben", ben))}
    assert seen == items
    # Both judge every item of theirs at once, ann accepting and ben rejecting.
    for _ in range(len(items["ann"])):
        press(ann, "a")
        press(ben, "r")
    assert set(decisions(project, "ann").values()) == {("accept", None)}
    assert set(decisions(project, "ben").values()) == {("reject", None)}
    assert set(decisions(project, "ann")) == items["ann"]
    # The shared items keep both coders' decisions, each shown only to its coder.
    ben.reload()
    ben.wait_for_selector("#meta[data-tag]")
    assert "reject" in ben.inner_text("#decision")
    # Ben's page cannot write to an item of ann's alone, even with his own CSRF token.
    ann_only = sorted(items["ann"] - items["ben"])[0]
    status = ben.evaluate(
        """tag => fetch('/api/judgements', {method: 'POST', headers: {'Content-Type':
        'application/json', 'X-CSRF-Token': document.querySelector('meta[name=csrf-token]')
        .content}, body: JSON.stringify({tag_id: tag, decision: 'reject'})}).then(r => r.status)""",
        ann_only)
    assert status == 403
    assert decisions(project, "ann")[ann_only] == ("accept", None)
    ann_context.close()
    ben_context.close()


def test_a_script_in_a_document_is_shown_as_text_not_run(browser: object, setup) -> None:
    running, tokens, project = setup
    with connect(project) as db:
        tag = db.execute("SELECT t.id FROM tags t JOIN sentences s ON s.document_id ="
                         " t.document_id AND s.idx = t.sentence_idx WHERE s.text LIKE"
                         " '%<script>%' LIMIT 1").fetchone()
        assert tag, "the tampered document's tagged sentence is in the store"
        db.execute("INSERT INTO review_batches VALUES ('xss', 0, 'random', '{}')")
        db.execute("INSERT INTO review_items SELECT 'xss', -1, 'eve', id, document_id,"
                   " sentence_idx, code, start, end, 0 FROM tags WHERE id = ?", (tag["id"],))
        token = coders.add_coder(db, "eve")
    context = browser.new_context()  # type: ignore[attr-defined]
    page = login(context, running.url, token)
    assert current_tag(page) == tag["id"]
    assert XSS_PAYLOAD in page.inner_text("#sentence") + page.inner_text("#before") \
        + page.inner_text("#after")
    assert page.evaluate("window.__pwned") is None
    assert page.locator("main script, main img").count() == 0
    context.close()
