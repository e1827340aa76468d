"""Data-sharing agreements' part of the URL walks (heard/tests/walks.py).

Scoping: each walked activity's organisation gets an agreement with a third organisation; a
user of another organisation reaches neither its pages nor its API. Redaction: agreements carry
no residents' words (titles, parties, scopes, signatories and notes written by staff)."""

from collections.abc import Callable
from datetime import date
from typing import Any

from organisations.models import SharingScope
from organisations.tests.factories import DataSharingAgreementFactory, OrganisationFactory

Record = dict[str, Any]


def _page(r: Record) -> dict[str, Any]:
    return {"pk": r["agreement"].pk}


def _api(r: Record) -> dict[str, Any]:
    return {"agreement_id": r["agreement"].pk}


def _marking(r: Record) -> dict[str, Any]:
    return {"kind": "consultations.questionnaire", "record_id": r["questionnaire"].pk}


OBJECT_URLS: dict[str, Callable[[Record], dict[str, Any]]] = {
    **{
        f"agreements:{name}": _page for name in ("detail", "edit", "end", "signatory_add", "signatory_remove")
    },
    **{
        f"api:{name}": _api
        for name in ("get_agreement", "update_agreement", "end_agreement", "add_agreement_signatory")
    },
    "api:raise_marking": _marking,
}
COLLECTION_URLS: dict[str, dict[str, Any]] = {
    "agreements:list": {},
    "agreements:create": {},
    "api:list_agreements": {},
    "api:create_agreement": {},
}


def add_records(record: Record, *, police: Any, outsider: Any) -> None:
    third = OrganisationFactory(name=f"Walk partner {record['activity'].pk}")
    record["agreement"] = DataSharingAgreementFactory(
        owner=police,
        recipient=third,
        title="Walk agreement",
        starts=date(2025, 1, 1),
        scopes=[SharingScope.ACTIVITIES],
    )


# The redaction matrix (heard/tests/test_redaction_matrix.py): nothing here shows residents' words.
OTHER_GETS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "agreements:list": lambda s: {},
    "agreements:create": lambda s: {},
    "api:list_agreements": lambda s: {},
}
NO_TEXT: dict[str, str] = {
    "agreements:detail": "staff's own agreement: parties, scopes, dates and signatories",
    "agreements:edit": "staff's own agreement",
    "agreements:end": "staff's own agreement",
    "agreements:signatory_add": "staff's own agreement",
    "agreements:signatory_remove": "a form post that answers with a redirect",
    "api:get_agreement": "returns an agreement",
    "api:create_agreement": "returns the agreement the caller wrote",
    "api:update_agreement": "returns the agreement",
    "api:end_agreement": "returns the agreement",
    "api:add_agreement_signatory": "returns the agreement",
    "api:raise_marking": "returns a record's kind, id and marking",
}

# api/tests/test_write_schemas.py: the ids in the paths of this part's write operations.
SCHEMA_PATHS: dict[str, Callable[[Record], dict[str, Any]]] = {
    **{
        path: (lambda r: {"agreement_id": r["agreement"].pk})
        for path in (
            "/api/agreements/{agreement_id}",
            "/api/agreements/{agreement_id}/end",
            "/api/agreements/{agreement_id}/signatories",
        )
    },
    "/api/marking/{kind}/{record_id}/raise": lambda r: {
        "kind": "consultations.questionnaire",
        "record_id": r["questionnaire"].pk,
    },
}
