"""Consultation responses as a record type for retention reviews and subject requests
(governance/records.py; loaded by core.apps_hooks when the app is ready). Deleting and erasing a response is its withdrawal (`response_remove`):
a withdrawal leaves no copy anywhere, and neither does retention nor an erasure request.
Anonymising keeps the answers for the totals, with personal details in written answers replaced
(`[NAME]`, `[PHONE]`…), the e-mail address cleared and the receipt code made useless."""

import secrets
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from governance.records import Identifier, Person, RecordType, receipt_hashers, register
from organisations.privacy import REDACTED

from .models import Answer, Response, hash_receipt
from .services import response_remove


def _responses() -> QuerySet[Response]:
    return Response.objects.all()


@transaction.atomic
def _delete(ids: Sequence[int]) -> int:
    removed = 0
    for response in Response.objects.select_for_update().filter(pk__in=ids):
        response_remove(response=response)
        removed += 1
    return removed


@transaction.atomic
def _anonymise(ids: Sequence[int]) -> int:
    locked = list(Response.objects.select_for_update().filter(pk__in=ids))
    for response in locked:
        Response.objects.filter(pk=response.pk).update(
            email="", wants_updates=False, browser_token="", receipt_hash=secrets.token_hex(32)
        )
    for answer in Answer.objects.filter(response__in=locked).exclude(text=""):
        Answer.objects.filter(pk=answer.pk).update(text=REDACTED(answer.text))
    return len(locked)


def _find(person: Person) -> QuerySet[Response]:
    if person.kind == Identifier.EMAIL:
        return Response.objects.filter(email__iexact=person.value)
    return Response.objects.filter(receipt_hash=person.value)


def _export(response: Response) -> dict[str, Any]:
    answers = [
        {"question": str(answer.question.text), "answer": answer.text or str(answer.choice or "")}
        for answer in response.answers.select_related("question", "choice")
    ]
    return {
        "id": response.pk,
        "consultation": response.questionnaire.title,
        "sent": response.submitted_at.isoformat(),
        "how": response.get_channel_display(),
        "neighbourhood": response.area.name if response.area else "",
        "email_address": response.email,
        "wants_updates": response.wants_updates,
        "answers": answers,
    }


def _describe(response: Response) -> str:
    return f"Response {response.pk} to questionnaire {response.questionnaire_id}"


def register_records() -> None:
    register(
        RecordType(
            key="responses",
            label=gettext_lazy("consultation responses"),
            noun=gettext_lazy("consultation response"),
            records=_responses,
            organisation="questionnaire__activity__lead_organisation_id",
            counts_from="submitted_at",
            delete=_delete,
            anonymise=_anonymise,
            describe=_describe,
            find=_find,
            export=_export,
            audit_type="consultations.response",
        ),
        order=10,
    )


register_records()
receipt_hashers.register("consultations", hash_receipt)
