"""The demo's data-sharing agreements: the partnership's registers shared both ways, the force's
oversight agreement with the commissioner's office (no written answers), and the council's
agreement with the NHS locality (activities and reach only), each with its signatories."""

from collections.abc import Iterable, Sequence
from datetime import date

from .models import AgreementScope, AgreementSignatory, DataSharingAgreement, Organisation, SharingScope

EVERYTHING = tuple(SharingScope.values)
OVERSIGHT = (SharingScope.ACTIVITIES, SharingScope.RESULTS, SharingScope.THEMES, SharingScope.REACH)
HEALTH = (SharingScope.ACTIVITIES, SharingScope.REACH)

# owner index, recipient index (heard/demo.py ORGANISATIONS) -> scopes, signatories
# (name, role, index of the organisation they sign for, date signed).
AGREEMENTS: dict[tuple[int, int], tuple[Sequence[str], list[tuple[str, str, int, date]]]] = {
    (0, 2): (
        EVERYTHING,
        [
            ("Ch Supt Helen Marsh", "Divisional commander, Trafford", 0, date(2025, 3, 24)),
            ("Dr Amir Qureshi", "Director of communities, Trafford Council", 2, date(2025, 3, 27)),
        ],
    ),
    (2, 0): (
        EVERYTHING,
        [
            ("Dr Amir Qureshi", "Director of communities, Trafford Council", 2, date(2025, 3, 27)),
            ("Ch Supt Helen Marsh", "Divisional commander, Trafford", 0, date(2025, 3, 28)),
        ],
    ),
    (0, 1): (
        OVERSIGHT,
        [
            ("ACC Daniel Okafor", "Assistant chief constable, neighbourhood policing", 0, date(2025, 3, 18)),
            ("Ruth Adeyemi", "Chief executive, policing and crime", 1, date(2025, 3, 20)),
        ],
    ),
}


def give_scopes(agreement: DataSharingAgreement, scopes: Iterable[str] = EVERYTHING) -> None:
    """An agreement made without scopes shares what agreements always did (demo loaders)."""
    if not agreement.scopes.exists():
        AgreementScope.objects.bulk_create(AgreementScope(agreement=agreement, scope=s) for s in scopes)


def _sign(
    agreement: DataSharingAgreement, orgs: list[Organisation], people: list[tuple[str, str, int, date]]
) -> None:
    if agreement.signatories.exists():
        return
    AgreementSignatory.objects.bulk_create(
        AgreementSignatory(agreement=agreement, name=name, role=role, organisation=orgs[i], signed_on=signed)
        for name, role, i, signed in people
    )


def agreements_demo_load(orgs: list[Organisation]) -> int:
    """Scopes and signatories for the demo's agreements, and the council's with the NHS."""
    for (owner, recipient), (scopes, people) in AGREEMENTS.items():
        agreement = DataSharingAgreement.objects.filter(owner=orgs[owner], recipient=orgs[recipient]).first()
        if agreement is not None:
            give_scopes(agreement, scopes)
            _sign(agreement, orgs, people)
    health, _ = DataSharingAgreement.objects.get_or_create(
        owner=orgs[2],
        recipient=orgs[3],
        defaults={
            "title": "Community health and wellbeing engagement",
            "starts": date(2025, 6, 1),
            "ends": date(2027, 5, 31),
            "notes": "Reviewed each year at the Health and Wellbeing Board.",
        },
    )
    give_scopes(health, HEALTH)
    _sign(
        health,
        orgs,
        [
            ("Dr Amir Qureshi", "Director of communities, Trafford Council", 2, date(2025, 5, 19)),
            ("Jo Whitfield", "Locality director, NHS Greater Manchester (Trafford)", 3, date(2025, 5, 22)),
        ],
    )
    return DataSharingAgreement.objects.count()
