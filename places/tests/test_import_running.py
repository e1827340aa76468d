"""Reference-data imports in the background: the service that starts one, the task that runs it
(progress reported by the importer into the import), a bad file, and the sweep of imports whose
worker died."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from organisations.models import Role
from organisations.tests.factories import UserFactory
from places import import_running
from places.import_jobs import reference_import_start
from places.importers import census_import
from places.models import Area, PopulationCount, ReferenceImport, ReferenceImportState, ReferenceKind

from .conftest import CENSUS

SEX_WARDS = CENSUS / "2021_population_by_sex_ward_trafford.csv"

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_the_census_importer_reports_its_progress_to_the_end():
    shares: list[float] = []
    census_import(paths=[SEX_WARDS], on_progress=shares.append)
    assert shares == sorted(shares) and len(shares) > 10
    assert shares[0] < 0.1 and shares[-1] == 1.0


def test_a_census_table_is_imported_in_the_background(
    superuser, django_capture_on_commit_callbacks, monkeypatch
):
    seen: list[int] = []
    report = import_running._Progress.report

    def spy(self, share):  # the percentages the heartbeat would write
        report(self, share)
        seen.append(self.percent)

    monkeypatch.setattr(import_running._Progress, "report", spy)
    with django_capture_on_commit_callbacks(execute=True):
        job = reference_import_start(
            user=superuser, kind=ReferenceKind.CENSUS, upload=_upload(SEX_WARDS.name, SEX_WARDS.read_bytes())
        )
    job.refresh_from_db()
    assert job.state == ReferenceImportState.DONE and job.progress == 100, job.error
    assert job.task_id and job.finished_at and not job.file
    assert job.created == PopulationCount.objects.count() > 0
    assert job.areas_created == Area.objects.count() == 21
    assert PopulationCount.objects.filter(source=SEX_WARDS.name).count() == job.created
    assert seen == sorted(seen) and 1 < seen[-1] <= 99  # 100 only once committed
    assert "Census import" in job.summary


def test_an_unreadable_file_stores_nothing_and_says_why(superuser, django_capture_on_commit_callbacks):
    lines = SEX_WARDS.read_bytes().splitlines()
    lines[-1] = lines[-1].rsplit(b",", 1)[0] + b",n/a"
    with django_capture_on_commit_callbacks(execute=True):
        job = reference_import_start(
            user=superuser,
            kind=ReferenceKind.CENSUS,
            upload=_upload("sex wards.csv", b"\n".join(lines) + b"\n"),
        )
    job.refresh_from_db()
    assert job.state == ReferenceImportState.FAILED
    assert job.error.startswith(f"sex_wards.csv, line {len(lines)}: value 'n/a' is not a whole number"), (
        job.error
    )
    assert "heard-import-" not in job.error  # the temporary folder is not named
    assert not PopulationCount.objects.exists() and not Area.objects.exists()
    assert not job.file


def test_only_superusers_may_start_an_import(police):
    admin = UserFactory(organisation=police, roles=[Role.ADMIN])
    with pytest.raises(PermissionDenied):
        reference_import_start(user=admin, kind="census", upload=_upload("a.csv", b"x"))
    assert not ReferenceImport.objects.exists()


@pytest.mark.parametrize(
    ("kind", "name", "content", "field"),
    [
        ("rivers", "a.csv", b"x", "kind"),
        ("census", "a.xlsx", b"x", "file"),
        ("census", "a.csv", b"", "file"),
        ("boundaries", "a.geojson", b"{}", "level"),
    ],
)
def test_a_wrong_upload_is_refused_at_once(superuser, kind, name, content, field):
    level = "shire" if field == "level" else ""
    with pytest.raises(ValidationError) as refused:
        reference_import_start(user=superuser, kind=kind, upload=_upload(name, content), level=level)
    assert field in refused.value.message_dict
    assert not ReferenceImport.objects.exists()


def test_the_sweep_fails_an_import_whose_worker_died(superuser, settings):
    from core.task_recovery import stale_sweeps

    settings.HEARD_TASK_STALE_SECONDS = 60
    long_ago = timezone.now() - timedelta(minutes=5)
    dead = ReferenceImport.objects.create(
        kind=ReferenceKind.CENSUS,
        file_name="census.csv",
        state=ReferenceImportState.RUNNING,
        heartbeat_at=long_ago,
        created_at=long_ago,
        task_id="not-a-uuid",
    )
    alive = ReferenceImport.objects.create(
        kind=ReferenceKind.CENSUS,
        file_name="census.csv",
        state=ReferenceImportState.RUNNING,
        heartbeat_at=timezone.now(),
        task_id="not-a-uuid",
    )
    assert "reference imports" in stale_sweeps.items
    assert import_running.reference_imports_fail_stale() == 1
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert dead.state == ReferenceImportState.FAILED and "upload it again" in dead.error
    assert alive.state == ReferenceImportState.RUNNING
    # A task arriving late for a failed import does nothing.
    assert import_running.reference_import_execute(import_id=dead.pk).state == ReferenceImportState.FAILED
