"""The publication scheme in the demo: most published OFFICIAL activities are marked "suitable
for the publication scheme" (one in four is left unmarked, as an FOI officer would leave out a
routine street briefing), and the demo's analyst makes the bundle of the twelve months up to
`today` at once, so that the page has one to download. Safe to run twice: a bundle already made
for the same period is kept. heard/demo_parts.py calls `demo_load_publication` last (the bundle
reads the feedback and decisions the other parts made)."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from engagement.models import Activity
from governance.models import Marking
from organisations.models import User

from .models import BundleState, PublicationBundle
from .publication_making import publication_bundle_execute
from .publication_services import publication_bundle_request
from .reports_selectors import year_before

LEFT_UNMARKED = 4  # every fourth published activity


@dataclass(frozen=True)
class DemoPublicationSummary:
    marked: int  # activities marked for the scheme
    bundle: str  # the state the bundle is in
    made: int  # bundles made this time


def _mark() -> int:
    published = Activity.private_objects.filter(is_published=True, marking=Marking.OFFICIAL).order_by("pk")
    ids = [pk for i, pk in enumerate(published.values_list("pk", flat=True)) if i % LEFT_UNMARKED]
    Activity.private_objects.filter(pk__in=ids).update(publication_scheme=True)
    return Activity.private_objects.filter(publication_scheme=True).count()


def demo_load_publication(*, analyst: User, today: date | None = None) -> DemoPublicationSummary:
    today = today or timezone.localdate()
    marked = _mark()
    if analyst.organisation_id is None or not analyst.has_perm("outcomes.add_publication_bundle"):
        return DemoPublicationSummary(marked=marked, bundle="", made=0)
    start = year_before(today)
    bundle = (
        PublicationBundle.objects.filter(
            organisation_id=analyst.organisation_id, start=start, end=today, area=None
        )
        .exclude(state=BundleState.FAILED)
        .first()
    )
    made = 0
    if bundle is None:
        bundle = publication_bundle_request(user=analyst, start=start, end=today)
        made = 1
    if bundle.state == BundleState.QUEUED:
        bundle = publication_bundle_execute(bundle_id=bundle.pk, heartbeat=False)
    return DemoPublicationSummary(marked=marked, bundle=bundle.state, made=made)
