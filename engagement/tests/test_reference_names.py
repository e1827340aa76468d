"""The seeded methods' and audiences' names are translated, and stay in step with the seeds."""

from importlib import import_module

from django.utils import translation

from engagement.reference_names import AUDIENCE_NAMES, METHOD_NAMES, is_translated, reference_name


def test_every_seeded_method_and_audience_is_marked_for_translation():
    methods = import_module("engagement.migrations.0003_methods").METHODS
    audiences = import_module("places.migrations.0002_audiences").AUDIENCES
    with translation.override("en-gb"):
        assert [str(name) for name in METHOD_NAMES] == [name for name, *_ in methods]
        assert [str(name) for name in AUDIENCE_NAMES] == [name for name, *_ in audiences]


def test_a_seeded_name_reads_in_the_language_and_a_force_s_own_name_as_written():
    with translation.override("cy"):
        assert reference_name("PACT meeting") == "Cyfarfod PACT"
        assert reference_name("Older people") == "Pobl hŷn"
        assert is_translated("PACT meeting")
        assert reference_name("Coffee with a cop") == "Coffee with a cop"
        assert not is_translated("Coffee with a cop")
    with translation.override("ur"):
        assert reference_name("Young people") == "نوجوان"
    with translation.override("pa"):
        assert reference_name("Survey") == "ਸਰਵੇਖਣ"
    with translation.override("pl"):
        assert reference_name("Door-knocking") == "Odwiedziny od drzwi do drzwi"
    with translation.override("en-gb"):
        assert reference_name("PACT meeting") == "PACT meeting" and is_translated("Coffee with a cop")
