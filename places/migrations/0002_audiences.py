"""Reference data: a default list of audiences, linked to Census 2021 categories where one
applies so that reach can be measured. Editable in the admin."""

from django.db import migrations
from django.utils.text import slugify

ASIAN = "Asian, Asian British or Asian Welsh"
BLACK = "Black, Black British, Black Welsh, Caribbean or African"
MIXED = "Mixed or Multiple ethnic groups"
WHITE = "White"
OTHER = "Other ethnic group"

# (name, kind, dimension, categories, description)
AUDIENCES = [
    ("Residents", "place", "", [], "Everyone who lives in the area."),
    ("Young people", "identity", "age", ["16-24"], "Aged 16 to 24."),
    ("Children and families", "identity", "age", ["0-15"], "Under 16s and their parents or carers."),
    ("Older people", "identity", "age", ["65-74", "75+"], "Aged 65 and over."),
    ("Women and girls", "identity", "sex", ["Female"], ""),
    ("Men and boys", "identity", "sex", ["Male"], ""),
    ("Asian communities", "identity", "ethnicity", [ASIAN], ONS_NOTE := "ONS broad ethnic group."),
    ("Black communities", "identity", "ethnicity", [BLACK], ONS_NOTE),
    ("Mixed ethnicity communities", "identity", "ethnicity", [MIXED], ONS_NOTE),
    ("White communities", "identity", "ethnicity", [WHITE], ONS_NOTE),
    ("Other ethnic groups", "identity", "ethnicity", [OTHER], ONS_NOTE),
    (
        "Gypsy, Roma and Traveller communities",
        "identity",
        "ethnicity_detailed",
        ["White: Gypsy or Irish Traveller", "White: Roma"],
        "",
    ),
    ("Christian communities", "identity", "religion", ["Christian"], ""),
    ("Muslim communities", "identity", "religion", ["Muslim"], ""),
    ("Jewish communities", "identity", "religion", ["Jewish"], ""),
    ("Hindu communities", "identity", "religion", ["Hindu"], ""),
    ("Sikh communities", "identity", "religion", ["Sikh"], ""),
    ("Buddhist communities", "identity", "religion", ["Buddhist"], ""),
    ("Faith groups", "interest", "", [], "Places of worship and faith organisations of any belief."),
    ("Disabled people", "identity", "disability", ["Disabled"], "Disabled under the Equality Act."),
    (
        "LGBT+ people",
        "identity",
        "sexual_orientation",
        ["Gay or Lesbian", "Bisexual", "Other sexual orientation"],
        "Lesbian, gay, bisexual, trans and other identities.",
    ),
    ("Victims of crime", "experience", "", [], ""),
    ("Victims of hate crime", "experience", "", [], ""),
    ("Businesses", "interest", "", [], "Shops, traders, business improvement districts."),
    ("Students", "identity", "", [], "College and university students."),
    ("Rough sleepers", "experience", "", [], "People sleeping rough or homeless."),
    ("Refugees and asylum seekers", "experience", "", [], ""),
    ("People whose first language is not English", "identity", "", [], ""),
    ("Carers", "experience", "", [], ""),
    ("Parents and carers", "identity", "", [], ""),
    ("Neighbourhood Watch members", "interest", "", [], ""),
    ("Tenants and residents' associations", "interest", "", [], ""),
    ("Night-time economy", "interest", "", [], "Venues, door staff, late-night visitors."),
]


def forwards(apps, schema_editor):
    Audience = apps.get_model("places", "Audience")
    for name, kind, dimension, categories, description in AUDIENCES:
        Audience.objects.update_or_create(
            slug=slugify(name),
            defaults={
                "name": name,
                "kind": kind,
                "dimension": dimension,
                "categories": categories,
                "description": description,
            },
        )


def backwards(apps, schema_editor):
    apps.get_model("places", "Audience").objects.filter(slug__in=[slugify(a[0]) for a in AUDIENCES]).delete()


class Migration(migrations.Migration):
    dependencies = [("places", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
