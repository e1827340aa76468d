"""The demo's languages and formats: believable offers on the demo's activities and a drop-in
held in Urdu and Punjabi; loading it again changes nothing."""

from django.utils import timezone

from engagement.demo_access import DROP_IN, demo_load_access
from engagement.models import Activity
from engagement.tests.factories import ActivityFactory
from places.models import AreaLevel
from places.tests.factories import AreaFactory


def test_the_demo_offers_languages_and_formats(officer):
    AreaFactory(code="E05000823", name="Clifford", level=AreaLevel.NEIGHBOURHOOD)
    pact = ActivityFactory(lead_organisation=officer.organisation, title="PACT meeting: Clifford")
    other = ActivityFactory(lead_organisation=officer.organisation, title="Something else")
    today = timezone.localdate()
    assert demo_load_access(officer=officer, today=today) == 2
    pact.refresh_from_db()
    assert pact.access_formats == ["hearing_loop", "step_free", "accessible_toilet"]
    drop_in = Activity.private_objects.get(title=DROP_IN)
    assert drop_in.languages == ["en", "ur", "pa"] and drop_in.is_published
    assert Activity.private_objects.offering(language="ur").get() == drop_in
    other.refresh_from_db()
    assert other.languages == [] and other.access_formats == []
    assert demo_load_access(officer=officer, today=today) == 0
