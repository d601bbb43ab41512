"""Security and size limits for every response, as one ASGI middleware.

:class:`Guard` wraps the application and, for every request:

* answers 414 when the URL is longer than :data:`MAX_URL_BYTES`, 413 when a request body is
  larger than :data:`MAX_BODY_BYTES`, and 405 for any method but GET, HEAD and POST (the login
  form): nothing over HTTP changes the index;
* with a token configured, answers 401 unless the request carries it, as an
  ``Authorization: Bearer`` header or as the cookie the login form sets (:func:`session_value`,
  an HMAC of the token, so the cookie never holds the token itself);
* adds the headers that keep untrusted article text inert in a browser: a Content-Security-Policy
  that allows no script at all and only our own stylesheet, ``X-Content-Type-Options: nosniff``,
  ``Referrer-Policy: no-referrer`` (queries in URLs never leak to linked sites) and frame denial.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any

__all__ = [
    "COOKIE",
    "MAX_BODY_BYTES",
    "MAX_URL_BYTES",
    "SECURITY_HEADERS",
    "Guard",
    "session_value",
    "token_matches",
]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_URL_BYTES = 8192
"""Longest path plus query string accepted (414 beyond)."""
MAX_BODY_BYTES = 4096
"""Largest request body accepted (413 beyond); only the login form has one."""
COOKIE = "dossier_session"
OPEN_PATHS = ("/login", "/static/")
"""Reachable without the token: the login form and its stylesheet."""
SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}


def session_value(token: str) -> str:
    """The login cookie's value for ``token``: a keyed hash, not the token."""
    return hmac.new(token.encode(), b"dossier-session", hashlib.sha256).hexdigest()


def token_matches(token: str, given: str) -> bool:
    """Constant-time comparison of a presented token with the server's."""
    return hmac.compare_digest(token.encode(), given.encode())


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return value.decode("latin-1")
    return ""


def _authorized(scope: Scope, token: str) -> bool:
    auth = _header(scope, b"authorization")
    if auth[:7].lower() == "bearer " and token_matches(token, auth[7:].strip()):
        return True
    cookie = SimpleCookie()
    try:
        cookie.load(_header(scope, b"cookie"))
    except Exception:  # noqa: BLE001 - a malformed cookie header is just not a session
        return False
    morsel = cookie.get(COOKIE)
    return morsel is not None and hmac.compare_digest(morsel.value, session_value(token))


def wants_json(path: str, accept: str = "") -> bool:
    """Whether an error for ``path`` is answered in JSON (the API) rather than as a page."""
    return (
        path.startswith("/api/")
        or path in ("/openapi.json", "/healthz")
        or ("application/json" in accept and "text/html" not in accept)
    )


class Guard:
    """The middleware described in the module docstring.

    :param render_error: ``(status, message, path) -> (content type, body)`` for an HTML page,
        used when a refused request is not an API call.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        token: str | None,
        render_error: Callable[[int, str, str], bytes],
    ) -> None:
        self.app = app
        self.token = token
        self.render_error = render_error

    async def _refuse(self, scope: Scope, send: Send, status: int, message: str) -> None:
        path = scope.get("path", "")
        headers = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
        if wants_json(path, _header(scope, b"accept")):
            body = json.dumps({"error": {"status": status, "message": message}}).encode()
            headers.append((b"content-type", b"application/json"))
        else:
            body = self.render_error(status, message, path)
            headers.append((b"content-type", b"text/html; charset=utf-8"))
        if status == 401:
            headers.append((b"www-authenticate", b'Bearer realm="dossier"'))
        if status == 405:
            headers.append((b"allow", b"GET, HEAD, POST"))
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    def _problem(self, scope: Scope) -> tuple[int, str] | None:
        url = len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"")
        if url > MAX_URL_BYTES:
            return 414, f"the address is {url:,} bytes long; the limit is {MAX_URL_BYTES:,}"
        if scope.get("method", "GET") not in ("GET", "HEAD", "POST"):
            return 405, "this server is read-only: only GET (and the login form's POST)"
        length = _header(scope, b"content-length")
        if length.isdigit() and int(length) > MAX_BODY_BYTES:
            return (
                413,
                f"the request body is {int(length):,} bytes; the limit is {MAX_BODY_BYTES:,}",
            )
        path = scope.get("path", "")
        if self.token and not path.startswith(OPEN_PATHS) and not _authorized(scope, self.token):
            return 401, "this server needs its access token: sign in, or send it as a bearer token"
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse what breaks a limit or lacks the token; add the headers to everything else."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        problem = self._problem(scope)
        if problem:
            await self._refuse(scope, send, *problem)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [
                    (k.encode(), v.encode())
                    for k, v in SECURITY_HEADERS.items()
                    if k.encode() not in present
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, _limited(receive), send_with_headers)


def _limited(receive: Receive) -> Receive:
    """A body without a content-length is still cut off at :data:`MAX_BODY_BYTES`."""
    seen = 0

    async def wrapped() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > MAX_BODY_BYTES:
                raise BodyTooLarge
        return message

    return wrapped


class BodyTooLarge(Exception):
    """A chunked request body grew past :data:`MAX_BODY_BYTES`."""
