"""`/favicon.ico`: browsers ask for it whatever a page links to, and it was a 404 on every
page."""

from django.contrib.staticfiles import finders
from django.urls import reverse


def test_favicon_is_heards_icon_and_cacheable(client, db):
    response = client.get("/favicon.ico")
    assert reverse("public:favicon") == "/favicon.ico"
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    with open(finders.find("heard/favicon.svg"), "rb") as icon:
        assert response.content == icon.read() and response.content.startswith(b"<svg")
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age=86400"} <= cache_control
    assert not response.cookies


def test_favicon_answers_head_and_refuses_writes(client, db):
    assert client.head("/favicon.ico").status_code == 200
    assert client.post("/favicon.ico").status_code == 405
