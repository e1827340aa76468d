"""Intelligence flags and analysis runs as record types for retention reviews and subject
requests (governance/records.py).

A flag passed to the local intelligence unit is a police record: it has its own retention
period, and an erasure request does not remove it (law-enforcement processing, Data Protection
Act 2018 Part 3; the withdrawal rule in README "Answering online, and withdrawing"). Flags not
passed on go with their response when it is erased. Flags are found about a person but never
put in the copy given to them: disclosing intelligence is for the data protection officer.
Analysis runs are not about anyone: a person's place in them goes with their response."""

from collections.abc import Sequence

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy

from governance.records import Identifier, Person, RecordType, register
from organisations.privacy import REDACTED

from .models import AnalysisRun, IntelligenceFlag


def _flags() -> QuerySet[IntelligenceFlag]:
    return IntelligenceFlag.objects.all()


@transaction.atomic
def _delete_flags(ids: Sequence[int]) -> int:
    return IntelligenceFlag.objects.filter(pk__in=ids).delete()[1].get("insight.IntelligenceFlag", 0)


@transaction.atomic
def _anonymise_flags(ids: Sequence[int]) -> int:
    flags = list(IntelligenceFlag.objects.select_for_update().filter(pk__in=ids))
    for flag in flags:
        IntelligenceFlag.objects.filter(pk=flag.pk).update(text=REDACTED(flag.text), answer=None)
    return len(flags)


def _find_flags(person: Person) -> QuerySet[IntelligenceFlag]:
    if person.kind == Identifier.EMAIL:
        return IntelligenceFlag.objects.filter(
            Q(answer__response__email__iexact=person.value) | Q(text__icontains=person.value)
        )
    return IntelligenceFlag.objects.filter(answer__response__receipt_hash=person.value)


def _runs() -> QuerySet[AnalysisRun]:
    return AnalysisRun.objects.all()


@transaction.atomic
def _delete_runs(ids: Sequence[int]) -> int:
    return AnalysisRun.objects.filter(pk__in=ids).delete()[1].get("insight.AnalysisRun", 0)


register(
    RecordType(
        key="intelligence_flags",
        label=gettext_lazy("intelligence flags"),
        noun=gettext_lazy("intelligence flag"),
        records=_flags,
        organisation="organisation_id",
        counts_from="created_at",
        delete=_delete_flags,
        anonymise=_anonymise_flags,
        describe=lambda flag: f"Intelligence flag {flag.pk} ({flag.get_state_display().lower()})",
        find=_find_flags,
        erasable=False,
        withheld=gettext_lazy(
            "Intelligence passed to the local intelligence unit is a police record: it is not "
            "in the copy and is not erased. The data protection officer decides what may be "
            "disclosed. Flags not passed on are removed with the response."
        ),
        audit_type="insight.intelligenceflag",
        readable_by=lambda user: IntelligenceFlag.objects.visible_to(user),
    ),
    order=40,
)
register(
    RecordType(
        key="analysis_runs",
        label=gettext_lazy("analysis runs"),
        noun=gettext_lazy("analysis run"),
        records=_runs,
        organisation="organisation_id",
        counts_from="created_at",
        delete=_delete_runs,
        describe=lambda run: f"Analysis {run.pk} ({run.get_state_display().lower()})",
    ),
    order=50,
)
