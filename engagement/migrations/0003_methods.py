"""Reference data: engagement methods from seed 004's continuum plus policing methods.
Forces can add their own in the admin."""

from django.db import migrations
from django.utils.text import slugify

# (name, purpose, collects information only)
METHODS = [
    ("Exhibition", "giving_information", False),
    ("Leaflets and publications", "giving_information", False),
    ("Media", "giving_information", False),
    ("Web-based information", "giving_information", False),
    ("SMS text", "giving_information", False),
    ("Annual report", "giving_information", False),
    ("Street briefing", "giving_information", False),
    ("Citizens' panel", "getting_information", True),
    ("Open surgery", "getting_information", False),
    ("Radio or live phone-in", "getting_information", False),
    ("Questionnaire", "getting_information", True),
    ("One-to-one interviews", "getting_information", True),
    ("Survey", "getting_information", True),
    ("Online survey", "getting_information", True),
    ("Market research", "getting_information", True),
    ("Audit", "getting_information", True),
    ("Complaints and compliments", "getting_information", True),
    ("Door-knocking", "getting_information", False),
    ("Beat surgery", "getting_information", False),
    ("Focus group", "forums_for_debate", False),
    ("Meeting with client groups", "forums_for_debate", False),
    ("Public meeting", "forums_for_debate", False),
    ("Seminar", "forums_for_debate", False),
    ("Stakeholder event", "forums_for_debate", False),
    ("Blog", "forums_for_debate", False),
    ("PACT meeting", "forums_for_debate", False),
    ("Face the Public", "forums_for_debate", False),
    ("Roadshow", "forums_for_debate", False),
    ("Ward panel", "participation", False),
    ("Citizens' jury", "participation", False),
    ("Expert panel", "participation", False),
    ("Client shadowing", "participation", False),
    ("Mystery shopping", "participation", False),
    ("Story telling", "participation", False),
    ("E-panel", "participation", False),
    ("Co-design / co-production", "participation", False),
    ("Independent Advisory Group (IAG) meeting", "partnership", False),
    ("Strategic partnership group", "partnership", False),
    ("Large group process", "partnership", False),
    ("Local involvement network", "partnership", False),
    ("Overview and scrutiny committee", "partnership", False),
    ("Community development", "empowerment", False),
    ("Participatory research", "empowerment", False),
    ("Planning for Real", "empowerment", False),
    ("Community champions", "empowerment", False),
    ("Participatory budgeting", "empowerment", False),
]


def forwards(apps, schema_editor):
    Method = apps.get_model("engagement", "Method")
    for name, purpose, info_only in METHODS:
        Method.objects.update_or_create(
            slug=slugify(name),
            defaults={"name": name, "purpose": purpose, "collects_information_only": info_only},
        )


def backwards(apps, schema_editor):
    apps.get_model("engagement", "Method").objects.filter(
        slug__in=[slugify(n) for n, _, _ in METHODS], activities__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("engagement", "0002_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
