"""`/api/tokens`: the same rules as the pages, with a session or with a token."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from organisations.models import ApiToken, hash_token
from organisations.tests.factories import UserFactory
from organisations.tokens import api_token_create


def _bearer(raw: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_make_list_rotate_and_revoke_with_a_token(officer):
    _, raw = api_token_create(user=officer, name="bootstrap")
    client = Client()
    made = client.post(
        "/api/tokens", {"name": "nightly export", "days": 10}, content_type="application/json", **_bearer(raw)
    )
    assert made.status_code == 201
    body = made.json()
    assert body["state"] == "active" and body["key"].startswith("heard_")
    listed = client.get("/api/tokens", **_bearer(body["key"])).json()
    assert [t["name"] for t in listed] == ["nightly export", "bootstrap"] and "key" not in listed[0]

    rotated = client.post(f"/api/tokens/{body['id']}/rotate", **_bearer(body["key"]))
    assert rotated.status_code == 201
    refused = client.get("/api/tokens", **_bearer(body["key"]))
    assert refused.status_code == 401 and "revoked" in refused.json()["detail"]
    new_key = rotated.json()["key"]
    new_id = rotated.json()["id"]
    revoked = client.post(f"/api/tokens/{new_id}/revoke", **_bearer(raw))
    assert revoked.status_code == 200 and revoked.json()["state"] == "revoked"
    assert client.get("/api/tokens", **_bearer(new_key)).status_code == 401


def test_an_expired_token_gets_a_401_that_says_so(officer):
    token, raw = api_token_create(user=officer, name="ci")
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(days=1))
    response = Client().get("/api/activities", **_bearer(raw))
    assert response.status_code == 401 and "expired on" in response.json()["detail"]
    unknown = Client().get("/api/activities", **_bearer("heard_nope"))
    assert unknown.status_code == 401 and unknown.json()["detail"] == "Sign in or send a bearer token."


def test_bad_input_is_a_422_and_stores_nothing(officer, settings):
    settings.HEARD_API_TOKEN_DAYS = 90
    client = Client()
    client.force_login(officer)
    for body in ({"name": ""}, {"name": "x", "days": 0}, {"name": "x", "days": 365}, {"days": 3}):
        response = client.post("/api/tokens", body, content_type="application/json")
        assert response.status_code == 422, body
    assert not ApiToken.objects.exists()


def test_someone_elses_token_is_not_found_and_a_superuser_only_revokes(officer, outsider):
    token, _ = api_token_create(user=officer, name="ci")
    client = Client()
    client.force_login(outsider)
    for action in ("rotate", "revoke"):
        assert client.post(f"/api/tokens/{token.pk}/{action}").status_code == 404
    assert client.get("/api/tokens").json() == []
    admin = Client()
    admin.force_login(UserFactory(organisation=None, is_superuser=True))
    assert admin.post(f"/api/tokens/{token.pk}/rotate").status_code == 403
    assert admin.post(f"/api/tokens/{token.pk}/revoke").status_code == 200
    token.refresh_from_db()
    assert token.revoked_at is not None and token.key_hash != hash_token("")
