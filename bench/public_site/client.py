"""Simulated residents answering the consultation over HTTP (standard library only).

Each resident is a browser of its own: its own cookies (session, CSRF, the one-response-per-
browser token) and its own client address, sent as X-Forwarded-For through the one proxy the
bench settings trust, so the per-client rate limits apply to it as to a real person.

`prepare` walks the whole journey as a person would, reading every form from the page:
start page -> Start now -> each question (skip logic applied by the server) -> check your
answers -> questions about you -> the send page, whose form (CSRF token, signed digest of the
answers, honeypot) it keeps. `send` then posts that form: the moment a response is stored.
"""

from __future__ import annotations

import http.client
import random
import re
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

RECEIPT = re.compile(r'id="receipt-code"[^>]*>\s*([A-Z0-9-]{14})\s*<')


class FlowError(Exception):
    """The journey went somewhere a person's would not."""


@dataclass
class Form:
    action: str
    hidden: dict[str, str] = field(default_factory=dict)
    radios: dict[str, list[str]] = field(default_factory=dict)
    checkboxes: dict[str, list[str]] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)  # text inputs and textareas
    selects: dict[str, list[str]] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return (
            len(self.hidden) + len(self.radios) + len(self.checkboxes) + len(self.texts) + len(self.selects)
        )


class _FormParser(HTMLParser):
    """Every POST form on a page with its controls."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "get").lower() == "post":
            self._form = Form(action=a.get("action", ""))
            self.forms.append(self._form)
        if self._form is None:
            return
        name = a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind == "hidden":
                self._form.hidden[name] = a.get("value", "")
            elif kind == "radio":
                self._form.radios.setdefault(name, []).append(a.get("value", ""))
            elif kind == "checkbox":
                self._form.checkboxes.setdefault(name, []).append(a.get("value", ""))
            elif kind in ("text", "email", "search", "tel"):
                self._form.texts.append(name)
        elif tag == "textarea" and name:
            self._form.texts.append(name)
        elif tag == "select" and name:
            self._select = name
            self._form.selects[name] = []
        elif tag == "option" and self._select and a.get("value"):
            self._form.selects[self._select].append(a["value"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def main_form(html: str) -> Form:
    """The page's main POST form: the one with the most controls."""
    parser = _FormParser()
    parser.feed(html)
    if not parser.forms:
        raise FlowError("no form on the page")
    return max(parser.forms, key=lambda f: f.size)


@dataclass
class Reply:
    status: int
    location: str
    body: str
    seconds: float


class Resident:
    def __init__(self, host: str, port: int, address: str, rng: random.Random) -> None:
        self.host, self.port, self.address, self.rng = host, port, address, rng
        self.cookies: dict[str, str] = {}
        self.send_form: Form | None = None
        self.started_at = 0.0
        self.requests = 0

    def request(
        self, method: str, path: str, data: dict[str, str] | list[tuple[str, str]] | None = None
    ) -> Reply:
        headers = {"X-Forwarded-For": self.address, "Host": f"{self.host}:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        # Gunicorn's sync workers close the connection after each response, as a browser
        # behind a proxy that does not pool would see: one connection per request.
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        began = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        seconds = time.perf_counter() - began
        self.requests += 1
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie: SimpleCookie = SimpleCookie()
            cookie.load(header)
            for key, morsel in cookie.items():
                self.cookies[key] = morsel.value
        location = (
            urlsplit(response.headers.get("Location", "")).path if response.status in (301, 302, 303) else ""
        )
        if response.status >= 500:
            raise FlowError(f"{method} {path}: {response.status}")
        return Reply(response.status, location, text, seconds)

    def _post_and_follow(self, path: str, data: list[tuple[str, str]]) -> tuple[str, Reply]:
        reply = self.request("POST", path, data)
        if reply.status != 302:
            raise FlowError(f"POST {path}: {reply.status}, expected a redirect")
        return reply.location, self.request("GET", reply.location)

    def _answer(self, form: Form, postcodes: list[str]) -> list[tuple[str, str]]:
        rng = self.rng
        data = list(form.hidden.items())
        for name, values in form.radios.items():
            if name == "answer" or rng.random() < 0.7:
                data.append((name, rng.choice(values)))
        for name, values in form.checkboxes.items():
            data += [(name, v) for v in rng.sample(values, rng.randint(1, len(values)))]
        if "answer" in form.texts:  # the postcode question
            data.append(("answer", rng.choice(postcodes)))
        ranks = sorted(form.selects)
        if ranks:
            chosen = rng.sample(form.selects[ranks[0]], rng.randint(1, len(ranks)))
            data += list(zip(ranks[: len(chosen)], chosen, strict=True))
        return data

    def prepare(self, questionnaire: int, postcodes: list[str]) -> None:
        """Walk the journey up to the send page and keep its form."""
        start = f"/consultations/{questionnaire}/"
        page = self.request("GET", start)
        if page.status != 200:
            raise FlowError(f"GET {start}: {page.status}")
        form = main_form(page.body)
        path, page = self._post_and_follow(start, list(form.hidden.items()))
        self.started_at = time.time()
        for _ in range(20):
            if path.endswith("/check-your-answers/"):
                # Its Continue is a link to the questions about you.
                path = f"/consultations/{questionnaire}/about-you/"
                page = self.request("GET", path)
                continue
            form = main_form(page.body)
            if path.endswith("/send/"):
                self.send_form = form
                return
            if "<textarea" in page.body:  # free text
                data = [*form.hidden.items(), ("answer", "The alley by the station has no lights at night.")]
            else:
                data = self._answer(form, postcodes)
            path, page = self._post_and_follow(path, data)
        raise FlowError("the journey did not reach the send page")

    def send(self, questionnaire: int) -> tuple[Reply, str]:
        """Post the send form; the reply and the receipt code it shows ("" if none)."""
        assert self.send_form is not None
        data = dict(self.send_form.hidden)
        data.update({"email": "", "website": ""})
        reply = self.request("POST", f"/consultations/{questionnaire}/send/", data)
        found = RECEIPT.search(reply.body) if reply.status == 200 else None
        return reply, found.group(1) if found else ""


def client_address(n: int) -> str:
    """A distinct documentation-range IPv6 /64 per resident (RFC 3849): only ever a header
    value for the rate limiter, never an address anything is sent to."""
    return f"2001:db8:{n // 65536:x}:{n % 65536:x}::1"
