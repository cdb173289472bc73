"""The review web server: one page per coder, JSON endpoints, judgements saved on each key.

Why the standard library's http.server (ThreadingHTTPServer) and not a framework: the page
has one HTML shell, two static files and four JSON endpoints, serves one research team on
the loopback interface, and every protection it needs is a few explicit lines that the tests
exercise (Host check against DNS rebinding, an HttpOnly SameSite=Strict token cookie, a
per-coder CSRF header on every write, a request size limit, a fixed table of static files so
no URL reaches the file system). A framework would add a dependency and hide those lines.

Each request opens its own SQLite connection (WAL mode lets a batch write meanwhile), and a
judgement is committed before the response is sent: a closed tab or a killed server loses
nothing that the page showed as saved.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import sqlite3
import sys
from http import HTTPStatus
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from ..codebook import Codebook
from ..errors import CultdipError, ErrorCode
from ..store import Store
from .coders import Coder, coder_for_token
from .items import codebook_view, coder_items, progress
from .judgements import Judgement, record, undo

MAX_BODY = 64 * 1024
COOKIE = "cultdip_token"
STATIC = {"/static/review.js": ("review.js", "text/javascript; charset=utf-8"),
          "/static/review.css": ("review.css", "text/css; charset=utf-8")}
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self';"
                               " connect-src 'self'; form-action 'self'; base-uri 'none';"
                               " frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def csrf_token(coder: Coder, token_sha256: str) -> str:
    """Derived from the coder's stored token hash: stable across restarts, secret to others."""
    return hmac.new(token_sha256.encode(), f"csrf:{coder.id}".encode(), hashlib.sha256).hexdigest()


def _static(name: str) -> bytes:
    return resources.files("cultdip_nlp.review").joinpath("static", name).read_bytes()


def _escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#x27;"))


class ReviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], store_file: Path, codebook: Codebook) -> None:
        super().__init__(address, ReviewHandler)
        self.store_file = store_file
        self.codebook = codebook
        self.known_codes = set(codebook.code_ids)
        self.codes_json = codebook_view(codebook)
        port = self.server_address[1]
        self.allowed_hosts = {f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}",
                              f"{address[0]}:{port}"}
        Store(store_file).close()  # migrate once up front


class ReviewHandler(BaseHTTPRequestHandler):
    server: ReviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass  # no token or document text in logs

    # plumbing ---------------------------------------------------------------------------

    def _send(self, status: int, body: bytes, content_type: str,
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in {**SECURITY_HEADERS, **(headers or {})}.items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, value: object) -> None:
        self._send(status, json.dumps(value, ensure_ascii=False).encode("utf-8"),
                   "application/json; charset=utf-8")

    def _error(self, status: int, message: str) -> None:
        self._json(status, {"error": message})

    def _connect(self) -> sqlite3.Connection:
        store = Store(self.server.store_file)
        return store.connection

    def _host_ok(self) -> bool:
        return self.headers.get("Host", "") in self.server.allowed_hosts

    def _token(self) -> str | None:
        cookie = SimpleCookie()
        try:
            cookie.load(self.headers.get("Cookie", ""))
        except Exception:  # a malformed cookie header is simply no login
            return None
        return cookie[COOKIE].value if COOKIE in cookie else None

    def _coder(self, connection: sqlite3.Connection) -> tuple[Coder, str] | None:
        token = self._token()
        coder = coder_for_token(connection, token)
        if coder is None:
            return None
        row = connection.execute("SELECT token_sha256 FROM coders WHERE id = ?",
                                 (coder.id,)).fetchone()
        return coder, row[0]

    def _body(self) -> bytes | None:
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            self._error(HTTPStatus.LENGTH_REQUIRED, "Content-Length required")
            return None
        if int(length) > MAX_BODY:
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request over {MAX_BODY} bytes")
            self.close_connection = True
            return None
        return self.rfile.read(int(length))

    # routes -----------------------------------------------------------------------------

    def handle_one_request(self) -> None:
        """Every failure gets an answer: a store kept busy by another process past the busy
        timeout and retries is 503 with E402 (the page keeps the decision and says to try
        again), anything unexpected 500; never a dropped connection the page cannot read."""
        try:
            super().handle_one_request()
        except (ConnectionError, TimeoutError):
            self.close_connection = True
        except CultdipError as error:
            self._fail(HTTPStatus.SERVICE_UNAVAILABLE if error.code == ErrorCode.STORE_BUSY
                       else HTTPStatus.INTERNAL_SERVER_ERROR, str(error))
        except sqlite3.OperationalError as error:
            busy = "locked" in str(error) or "busy" in str(error)
            self._fail(HTTPStatus.SERVICE_UNAVAILABLE if busy
                       else HTTPStatus.INTERNAL_SERVER_ERROR,
                       f"{ErrorCode.STORE_BUSY.value} STORE_BUSY: the store is busy ({error});"
                       " try again" if busy else f"store error: {error}")
        except Exception as error:  # noqa: BLE001 - reported to the client, not swallowed
            self._fail(HTTPStatus.INTERNAL_SERVER_ERROR,
                       f"{ErrorCode.INTERNAL.value} INTERNAL: {type(error).__name__}: {error}")

    def _fail(self, status: int, message: str) -> None:
        self.close_connection = True
        try:
            self._error(status, message)
            self.wfile.flush()
        except OSError:
            pass

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        if not self._host_ok():
            return self._error(HTTPStatus.MISDIRECTED_REQUEST, "unknown Host")
        path = self.path.split("?", 1)[0]
        if path in STATIC:
            name, content_type = STATIC[path]
            return self._send(HTTPStatus.OK, _static(name), content_type)
        if path == "/login":
            return self._send(HTTPStatus.OK, _static("login.html"), "text/html; charset=utf-8")
        connection = self._connect()
        try:
            who = self._coder(connection)
            if path == "/":
                if who is None:
                    return self._send(HTTPStatus.SEE_OTHER, b"", "text/plain",
                                      {"Location": "/login"})
                page = _static("review.html").decode("utf-8")
                page = page.replace("{{coder}}", _escape(who[0].id))
                page = page.replace("{{csrf}}", _escape(csrf_token(*who)))
                return self._send(HTTPStatus.OK, page.encode("utf-8"), "text/html; charset=utf-8")
            if path == "/api/items":
                if who is None:
                    return self._error(HTTPStatus.UNAUTHORIZED, "log in with your token")
                items = coder_items(connection, who[0].id)
                return self._json(HTTPStatus.OK, {"coder": who[0].id, "items": items,
                                                  "codes": self.server.codes_json,
                                                  "progress": progress(items)})
            return self._error(HTTPStatus.NOT_FOUND, "not found")
        finally:
            connection.close()

    def do_POST(self) -> None:  # noqa: N802 - stdlib name
        if not self._host_ok():
            return self._error(HTTPStatus.MISDIRECTED_REQUEST, "unknown Host")
        origin = self.headers.get("Origin")
        if origin and origin.split("://", 1)[-1] not in self.server.allowed_hosts:
            return self._error(HTTPStatus.FORBIDDEN, "cross-origin request refused")
        body = self._body()
        if body is None:
            return None
        path = self.path.split("?", 1)[0]
        connection = self._connect()
        try:
            if path == "/login":
                return self._login(connection, body)
            who = self._coder(connection)
            if who is None:
                return self._error(HTTPStatus.UNAUTHORIZED, "log in with your token")
            sent = self.headers.get("X-CSRF-Token", "")
            if not hmac.compare_digest(sent, csrf_token(*who)):
                return self._error(HTTPStatus.FORBIDDEN, "missing or wrong CSRF token")
            if not self.headers.get("Content-Type", "").startswith("application/json"):
                return self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "send JSON")
            try:
                data = json.loads(body.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError):
                return self._error(HTTPStatus.BAD_REQUEST, "body is not JSON")
            if not isinstance(data, dict):
                return self._error(HTTPStatus.BAD_REQUEST, "body must be a JSON object")
            if path == "/api/judgements":
                return self._judge(connection, who[0], data)
            if path == "/api/undo":
                row = undo(connection, who[0].id)
                return self._json(HTTPStatus.OK, {"undone": dict(row) if row else None})
            return self._error(HTTPStatus.NOT_FOUND, "not found")
        finally:
            connection.close()

    def _login(self, connection: sqlite3.Connection, body: bytes) -> None:
        token = parse_qs(body.decode("utf-8", "replace")).get("token", [""])[0].strip()
        if coder_for_token(connection, token) is None:
            return self._send(HTTPStatus.UNAUTHORIZED, _static("login.html"),
                              "text/html; charset=utf-8")
        cookie = f"{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=31536000"
        return self._send(HTTPStatus.SEE_OTHER, b"", "text/plain",
                          {"Location": "/", "Set-Cookie": cookie})

    def _judge(self, connection: sqlite3.Connection, coder: Coder, data: dict[str, Any]) -> None:
        tag_id = data.get("tag_id")
        item = connection.execute(
            "SELECT * FROM review_items WHERE coder = ? AND tag_id = ?",
            (coder.id, tag_id)).fetchone()
        if item is None:
            return self._error(HTTPStatus.FORBIDDEN, "not one of your items")
        decision = str(data.get("decision", ""))
        note = data.get("note")
        try:
            if decision == "add":
                judgement = Judgement(None, item["document_id"], item["sentence_idx"],
                                      str(data.get("code", "")), "add", coder.id,
                                      note=str(note) if note else None)
            else:
                new_code = data.get("new_code")
                judgement = Judgement(tag_id, item["document_id"], item["sentence_idx"],
                                      item["code"], decision, coder.id,
                                      new_code=str(new_code) if new_code else None,
                                      start=item["start"], end=item["end"],
                                      note=str(note) if note else None)
            judgement_id = record(connection, judgement, self.server.known_codes)
        except CultdipError as error:
            return self._error(HTTPStatus.UNPROCESSABLE_ENTITY, error.detail)
        return self._json(HTTPStatus.OK, {"id": judgement_id})


def serve(store_file: Path, codebook: Codebook, host: str = "127.0.0.1", port: int = 8765) -> None:
    server = ReviewServer((host, port), store_file, codebook)
    print(f"review page: http://{host}:{server.server_address[1]}/", flush=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"warning: listening on {host}: anyone who can reach it can try tokens",
              file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
