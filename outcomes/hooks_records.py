"""E-mail opt-ins for personal "You said, we did" updates as a record type for retention
reviews and subject requests (governance/records.py). The address is held on the response
(consultations) only while its author wants updates; `PersonalUpdate` records which updates
were sent, without the address. Removing an opt-in clears the address, as unsubscribing does,
and the records of what was sent."""

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from consultations.models import Response
from governance.records import Identifier, Person, RecordType, register

from .models import PersonalUpdate


def _optins() -> QuerySet[Response]:
    return Response.objects.filter(wants_updates=True).exclude(email="")


@transaction.atomic
def _remove(ids: Sequence[int]) -> int:
    changed = list(_optins().select_for_update().filter(pk__in=ids).values_list("pk", flat=True))
    Response.objects.filter(pk__in=changed).update(email="", wants_updates=False)
    PersonalUpdate.objects.filter(response_id__in=changed).delete()
    return len(changed)


def _find(person: Person) -> QuerySet[Response]:
    if person.kind == Identifier.EMAIL:
        return _optins().filter(email__iexact=person.value)
    return _optins().filter(receipt_hash=person.value)


def _export(response: Response) -> dict[str, Any]:
    sent = PersonalUpdate.objects.filter(response=response, sent_at__isnull=False).order_by("sent_at")
    return {
        "email_address": response.email,
        "consultation": response.questionnaire.title,
        "asked_on": response.submitted_at.date().isoformat(),
        "updates_sent_on": ", ".join(update.sent_at.date().isoformat() for update in sent if update.sent_at),
    }


register(
    RecordType(
        key="email_updates",
        label=gettext_lazy("e-mail addresses for updates"),
        noun=gettext_lazy("e-mail address for updates"),
        records=_optins,
        organisation="questionnaire__activity__lead_organisation_id",
        counts_from="submitted_at",
        delete=_remove,
        anonymise=_remove,
        describe=lambda response: f"Updates address of response {response.pk}",
        find=_find,
        export=_export,
        audit_type="",
    ),
    order=5,
)
