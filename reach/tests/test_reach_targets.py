"""Target profiles for populations the Census does not count: imported from CSV on a page,
through the API and with a command, all or nothing with every problem by line; visible to the
owning organisation and, when shared, to its partnership partners; reach compares against them."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from governance.models import AuditAction, AuditEvent
from organisations.models import Partnership, Role
from organisations.tests.factories import UserFactory
from reach.models import TargetProfile, TargetShare

from .reach_fixtures import *  # noqa: F403
from .reach_fixtures import activity_in, forms

GOOD = "dimension,category,share\nage,16-24,20%\nage,25-64,60%\nage,65+,20%\nsex,Male,0.55\nsex,Female,0.45\n"


def _upload(text, name="victims.csv"):
    data = io.BytesIO(text.encode())
    data.name = name
    return data


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_importing_on_the_page(officer, reach_refs):
    client = _client(officer)
    response = client.post(
        reverse("reach:target_import"),
        {
            "name": "Victims of crime",
            "source": "Victims' survey 2025",
            "is_shared": "on",
            "file": _upload(GOOD),
        },
    )
    profile = TargetProfile.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "reach:target_detail", kwargs={"pk": profile.pk}
    )
    assert profile.organisation == officer.organisation and profile.given_as == "share"
    assert profile.dimensions() == {
        "age": {"16-24": 0.2, "25-64": 0.6, "65+": 0.2},
        "sex": {"Male": 0.55, "Female": 0.45},
    }
    assert AuditEvent.objects.filter(action=AuditAction.IMPORT, object_type="reach.targetprofile").exists()
    page = client.get(response["Location"])
    assert page.status_code == 200 and b"Victims of crime" in page.content
    assert b"Victims of crime" in client.get(reverse("reach:target_list")).content


def test_a_bad_file_imports_nothing_and_says_every_problem(officer, reach_refs):
    bad = (
        "dimension,category,count\n"
        "age,16-24,100\n"
        "age,20-30,50\n"  # overlaps 16-24
        "colour,blue,3\n"
        "sex,Person,4\n"
        "sex,Male,4.5\n"
        "age,16-24,7\n"
    )
    response = _client(officer).post(reverse("reach:target_import"), {"name": "Broken", "file": _upload(bad)})
    body = response.content.decode()
    assert response.status_code == 400 and "govuk-error-summary" in body
    for problem in (
        "Line 4: “colour” is not a dimension",
        "Line 5, category: “Person” is not one of",
        "Line 6, count: “4.5” is not a whole number of people",
        "Line 7: age “16-24” is already on line 2",
        "the age band 20-30 overlaps 16-24",
    ):
        assert problem in body, problem
    assert not TargetProfile.objects.exists() and not TargetShare.objects.exists()


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("dimension,category,share\nsex,Male,0.5\nsex,Female,0.3\n", "add up to 0.8"),
        ("dimension,category\nsex,Male\n", "one column of amounts"),
        ("dimension,category,share\nsex,Male,-1\n", "0 or more"),
        ("dimension,category,share\n", "a row per category"),
        ("dimension,category,share\nreligion,Not answered,1\n", "not a group of people"),
    ],
)
def test_files_refused(officer, reach_refs, text, problem):
    response = _client(officer).post(reverse("reach:target_import"), {"name": "X", "file": _upload(text)})
    assert response.status_code == 400 and problem in response.content.decode()


def test_who_may_import_see_and_delete(officer, police, council, reach_refs):
    profile = TargetProfile.objects.create(name="Business owners", organisation=police, is_shared=False)
    outsider = UserFactory(organisation=council, roles=[Role.ENGAGEMENT_OFFICER])
    detail = reverse("reach:target_detail", kwargs={"pk": profile.pk})
    assert _client(outsider).get(detail).status_code == 404
    assert (
        _client(outsider).post(reverse("reach:target_delete", kwargs={"pk": profile.pk})).status_code == 404
    )
    member = UserFactory(organisation=police, roles=[Role.AUTHORITY_MEMBER])
    assert _client(member).get(detail).status_code == 200
    assert _client(member).get(reverse("reach:target_import")).status_code == 403
    assert _client(member).post(reverse("reach:target_delete", kwargs={"pk": profile.pk})).status_code == 403
    profile.is_shared = True
    profile.save()
    assert _client(outsider).get(detail).status_code == 404  # not partners yet
    Partnership.objects.create(name="Safer Trafford", kind="statutory").members.add(police, council)
    assert _client(outsider).get(detail).status_code == 200
    assert (
        _client(outsider).post(reverse("reach:target_delete", kwargs={"pk": profile.pk})).status_code == 403
    )
    response = _client(officer).post(reverse("reach:target_delete", kwargs={"pk": profile.pk}))
    assert response.status_code == 302 and not TargetProfile.objects.exists()


def test_reach_compares_with_the_chosen_target(officer, ward, police):
    forms(activity_in(ward, police), 20, sex="Male", age_band="25-34")
    _client(officer).post(reverse("reach:target_import"), {"name": "Victims", "file": _upload(GOOD)})
    profile = TargetProfile.objects.get()
    page = _client(officer).get(reverse("reach:reach"), {"area": ward.code, "target": profile.pk})
    assert page.status_code == 200 and "the population of “Victims”" in page.content.decode()
    shape = _client(officer).get(reverse("api:get_reach"), {"area": ward.code, "target": profile.pk}).json()
    assert set(shape) == {"age", "sex"} and shape["sex"]["Male"]["population_share"] == 0.55
    assert shape["age"]["25-64"]["participants"] == 20  # the forms' bands merged into the target's
    assert (
        _client(officer).get(reverse("api:get_reach"), {"area": ward.code, "target": 999}).status_code == 404
    )


def test_the_api_imports_and_deletes(officer, reach_refs):
    client = _client(officer)
    created = client.post(reverse("api:import_target_profile"), {"name": "Workers", "file": _upload(GOOD)})
    assert created.status_code == 201 and created.json()["shares"][0] == {
        "dimension": "age",
        "category": "16-24",
        "amount": 0.2,
    }
    bad = client.post(
        reverse("api:import_target_profile"),
        {"name": "Bad", "file": _upload("dimension,category,share\nage,x,1\n")},
    )
    assert bad.status_code == 422 and "Line 2, category" in str(bad.json()["errors"])
    assert TargetProfile.objects.count() == 1
    listed = client.get(reverse("api:list_target_profiles")).json()
    assert [t["name"] for t in listed] == ["Workers"]
    pk = listed[0]["id"]
    assert client.delete(reverse("api:delete_target_profile", kwargs={"target_id": pk})).status_code == 204
    assert client.get(reverse("api:get_target_profile", kwargs={"target_id": pk})).status_code == 404


def test_the_command_imports_all_or_nothing(tmp_path, police, reach_refs):
    good = tmp_path / "good.csv"
    good.write_text(GOOD, encoding="utf-8")
    out = io.StringIO()
    call_command(
        "import_target_profile", str(good), "--name", "Commuters", "--organisation", police.slug, stdout=out
    )
    assert "with 5 rows" in out.getvalue() and TargetProfile.objects.get().is_shared
    bad = tmp_path / "bad.csv"
    bad.write_text("dimension,category,share\nsex,Male,1\nsex,Male,0\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Line 3: sex “Male” is already on line 2"):
        call_command("import_target_profile", str(bad), "--name", "Other", "--organisation", police.slug)
    with pytest.raises(CommandError, match="already has a target profile"):
        call_command("import_target_profile", str(good), "--name", "Commuters", "--organisation", police.slug)
    assert TargetProfile.objects.count() == 1
