import pytest

from engagement.models import Activity, Status
from engagement.tests.factories import ActivityFactory
from governance.models import Marking


@pytest.mark.parametrize(
    ("published", "marking", "status", "public"),
    [
        (True, Marking.OFFICIAL, Status.PLANNED, True),
        (True, Marking.OFFICIAL, Status.OPEN, True),
        (True, Marking.OFFICIAL, Status.EVALUATED, True),
        (True, Marking.OFFICIAL, Status.CANCELLED, True),  # people who planned to go must see it is off
        (True, Marking.OFFICIAL, Status.DRAFT, False),
        (False, Marking.OFFICIAL, Status.OPEN, False),
        (True, Marking.OFFICIAL_SENSITIVE, Status.OPEN, False),
    ],
)
def test_only_published_official_non_draft_activities_are_public(db, published, marking, status, public):
    activity = ActivityFactory(is_published=published, marking=marking, status=status)
    assert Activity.public_objects.filter(pk=activity.pk).exists() is public
