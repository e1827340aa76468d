"""The demo's API tokens: one in use, one expired, one revoked by rotation; loaded once."""

from heard.demo_tokens import demo_load_tokens
from organisations.tokens import tokens_of


def test_the_officer_has_a_token_of_each_state(officer):
    assert demo_load_tokens(officer=officer) == 3
    assert demo_load_tokens(officer=officer) == 0
    states = sorted((t.name, t.state) for t in tokens_of(officer))
    assert states == [
        ("Trafford Council case system", "active"),
        ("Trafford Council case system", "revoked"),
        ("Ward survey spreadsheet import", "expired"),
    ]
