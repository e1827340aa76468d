"""Starts the test provider in its own process on the loopback interface, and drives its pages
(sign-in, consent) with a real HTTP client, as a person's browser would."""

import json
import os
import secrets
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

REPO = Path(__file__).resolve().parents[3]
CALLBACK = "http://testserver/accounts/single-sign-on/callback/"
SIGNED_OUT = "http://testserver/"  # Heard's home page (LOGOUT_REDIRECT_URL)
PASSWORD = "provider-password-1"


@dataclass
class Provider:
    base: str
    client_id: str
    client_secret: str
    users: dict[str, Any] = field(default_factory=dict)

    def heard_settings(self) -> dict[str, Any]:
        return {
            "HEARD_OIDC_ENABLED": True,
            "HEARD_OIDC_PROVIDER_NAME": "Test Constabulary account",
            "OIDC_OP_ISSUER": f"{self.base}/o",
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.base}/o/authorize/",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.base}/o/token/",
            "OIDC_OP_USER_ENDPOINT": f"{self.base}/o/userinfo/",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.base}/o/.well-known/jwks.json",
            "HEARD_OIDC_OP_LOGOUT_ENDPOINT": f"{self.base}/o/logout/",
            "OIDC_RP_CLIENT_ID": self.client_id,
            "OIDC_RP_CLIENT_SECRET": self.client_secret,
        }


def _rsa_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def start_provider(tmp: Path, users: dict[str, dict[str, Any]]) -> tuple[Provider, subprocess.Popen[str]]:
    """`users`: username → claims. Everyone's password is PASSWORD."""
    client_id, client_secret = "heard-" + secrets.token_hex(4), secrets.token_urlsafe(24)
    config = {
        "database": str(tmp / "provider.sqlite3"),
        "rsa_private_key": _rsa_pem(),
        "users": {
            name: {"password": PASSWORD, "email": claims.get("email", ""), "claims": claims}
            for name, claims in users.items()
        },
        "client": {
            "id": client_id,
            "secret": client_secret,
            "redirect_uri": CALLBACK,
            "post_logout_redirect_uri": SIGNED_OUT,
        },
    }
    path = tmp / "provider.json"
    path.write_text(json.dumps(config))
    env = {**os.environ, "HEARD_TEST_PROVIDER_CONFIG": str(path), "PYTHONPATH": str(REPO)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DATABASE_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "organisations.tests.oidc_provider.serve"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line.startswith("PORT "):
        process.kill()
        raise RuntimeError(f"the test provider did not start: {line!r}")
    port = int(line.split()[1])
    return Provider(f"http://127.0.0.1:{port}", client_id, client_secret, users), process


class _Forms(HTMLParser):
    """The inputs of the page's first form, and where it posts."""

    def __init__(self) -> None:
        super().__init__()
        self.action: str | None = None
        self.fields: dict[str, str] = {}
        self._in_form = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "form" and self.action is None:
            self.action, self._in_form = found.get("action") or "", True
        elif tag == "input" and self._in_form and found.get("name") and found.get("type") != "submit":
            self.fields[str(found["name"])] = found.get("value") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_form = False


def _form(page: requests.Response) -> tuple[str, dict[str, str]]:
    parser = _Forms()
    parser.feed(page.text)
    return urljoin(page.url, parser.action or page.url), parser.fields


def through_provider(
    authorize_url: str, username: str, password: str = PASSWORD, browser: requests.Session | None = None
) -> str:
    """Signs in at the provider and consents; returns the path and query of Heard's callback.
    `browser`: the provider's cookies, kept by the caller to use the provider's session later."""
    browser = browser if browser is not None else requests.Session()
    response = browser.get(authorize_url, allow_redirects=False, timeout=10)
    assert response.status_code == 302, response.text[:500]
    login = browser.get(urljoin(authorize_url, response.headers["Location"]), timeout=10)
    action, fields = _form(login)
    fields.update(username=username, password=password)
    response = browser.post(action, data=fields, allow_redirects=False, timeout=10)
    assert response.status_code == 302, f"the provider refused the sign-in: {response.status_code}"
    consent = browser.get(urljoin(action, response.headers["Location"]), timeout=10)
    assert consent.status_code == 200, consent.text[:500]
    action, fields = _form(consent)
    fields["allow"] = "Authorize"
    response = browser.post(action, data=fields, allow_redirects=False, timeout=10)
    assert response.status_code == 302, response.text[:500]
    back = urlsplit(response.headers["Location"])
    assert f"{back.scheme}://{back.netloc}{back.path}" == CALLBACK, response.headers["Location"]
    return f"{back.path}?{back.query}"
