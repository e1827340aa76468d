"""The test provider's people (username -> claims; every password is fixture.PASSWORD), for
the single sign-on tests (test_oidc*.py): one provider process serves them all."""

from typing import Any

PEOPLE: dict[str, dict[str, Any]] = {
    "pc.jones": {
        "email": "pc.jones@test-constabulary.example",
        "given_name": "Sam",
        "family_name": "Jones",
        "heard_organisation": "test-police",
        "heard_roles": ["engagement_officer", "analyst", "chief_constable"],
        "amr": ["pwd"],
    },
    "intel.mfa": {
        "email": "intel@test-constabulary.example",
        "heard_organisation": "Test-Police",
        "heard_roles": "intelligence_officer",
        "amr": ["pwd", "mfa"],
    },
    "outsider": {"email": "someone@elsewhere.example", "heard_organisation": "no-such-force", "amr": ["pwd"]},
    "grouped": {
        "heard_organisation": "test-police",
        "heard_roles": "grp-analysts grp-unknown",
        "amr": ["pwd"],
    },
    # test_oidc_linking.py: people who already have a Heard password account of the same address.
    "dana.verified": {
        "email": "Dana.Smith@test-police.example",
        "email_verified": True,
        "heard_organisation": "test-police",
        "heard_roles": ["engagement_officer"],
        "amr": ["pwd"],
    },
    "lee.unverified": {
        "email": "lee.brown@test-police.example",
        "email_verified": False,
        "heard_organisation": "test-police",
        "heard_roles": ["analyst"],
        "amr": ["pwd"],
    },
    "kim.elsewhere": {
        "email": "kim.patel@test-police.example",
        "email_verified": True,
        "heard_organisation": "test-police",
        "heard_roles": ["analyst"],
        "amr": ["pwd"],
    },
}
