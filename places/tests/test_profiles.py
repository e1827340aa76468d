"""Profiles roll up per dimension, only from complete levels, in a fixed number of queries."""

import pytest

from places.models import Area, AreaLevel, PopulationCount
from places.profiles import area_profile, area_profiles, category_sort_key
from places.services import area_get_or_create, area_set_parent

pytestmark = pytest.mark.django_db


def area(code, level, parent=None) -> Area:
    made, _ = area_get_or_create(code=code, name=code, level=level)
    if parent is not None:
        area_set_parent(area=made, parent=parent)
    return made


def counts(where, dimension, **categories):
    for category, count in categories.items():
        PopulationCount.objects.create(
            area=where, dimension=dimension, category=category.replace("_", " "), count=count
        )


@pytest.fixture
def tree():
    """Made-up counts: a district with two wards (religion), each with two LSOAs (sex), and
    an MSOA (sexual orientation) that only one ward's LSOAs fall in."""
    district = area("E08000009", AreaLevel.DISTRICT)
    wards = [area(f"E0500081{i}", AreaLevel.NEIGHBOURHOOD, district) for i in range(2)]
    lsoas = [area(f"E0100610{i}", AreaLevel.LSOA, wards[i // 2]) for i in range(4)]
    msoa = area("E02001259", AreaLevel.MSOA, district)
    for i, ward in enumerate(wards):
        counts(ward, "religion", Christian=10 + i, No_religion=5)
    for i, lsoa in enumerate(lsoas):
        counts(lsoa, "sex", Male=3 + i, Female=4)
    counts(msoa, "sexual_orientation", Bisexual=2)
    return district, wards, lsoas, msoa


def test_roll_up_per_dimension_through_levels(tree):
    district, wards, _, _ = tree
    profile = area_profile(district)
    assert profile["dimensions"]["religion"] == {"Christian": 21, "No religion": 10}
    # Sex is on the LSOAs only: each ward adds up its LSOAs, the district its wards.
    assert profile["dimensions"]["sex"] == {"Female": 16, "Male": 3 + 4 + 5 + 6}
    assert profile["population"] == 34
    # The wards have no sexual orientation, so the district takes it from its MSOA level.
    assert profile["dimensions"]["sexual_orientation"] == {"Bisexual": 2}
    assert area_profile(wards[1])["dimensions"]["sex"] == {"Female": 8, "Male": 11}


def test_an_incomplete_level_is_not_summed(tree):
    district, wards, lsoas, _ = tree
    PopulationCount.objects.filter(area=lsoas[3]).delete()
    profile = area_profile(district)
    assert "sex" not in profile["dimensions"]
    assert area_profile(wards[0])["dimensions"]["sex"] == {"Female": 8, "Male": 7}
    assert profile["population"] is None


def test_profile_takes_two_queries_whatever_the_size(tree, django_assert_num_queries):
    district, *_ = tree
    with django_assert_num_queries(2):
        area_profile(district)


def test_category_order():
    assert sorted(["75+", "16-24", "0-15", "5-9"], key=lambda c: category_sort_key("age", c)) == [
        "0-15",
        "5-9",
        "16-24",
        "75+",
    ]
    religions = ["Not answered", "Sikh", "Christian", "No religion", "Zoroastrian"]
    assert sorted(religions, key=lambda c: category_sort_key("religion", c)) == [
        "No religion",
        "Christian",
        "Sikh",
        "Not answered",
        "Zoroastrian",
    ]


def test_profiles_of_many_areas_read_the_tree_once(tree, django_assert_num_queries):
    """The map of a district profiles every ward: the same profiles as one by one, in two
    queries whatever the number of wards."""
    district, wards, lsoas, msoa = tree
    areas = [*wards, *lsoas, msoa]
    with django_assert_num_queries(2):
        found = area_profiles(areas, within=district)
    assert found == {a.pk: area_profile(a) for a in areas}
    assert area_profiles(wards, within=wards[0]).keys() == {wards[0].pk}  # only areas inside it
