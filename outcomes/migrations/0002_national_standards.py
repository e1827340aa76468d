"""Reference data: the seven National Standards for Community Engagement (seed 004), in the
seed's words, with what each score means."""

from django.db import migrations


def forwards(apps, schema_editor):
    from outcomes.evaluation_standards import load_national_standards

    load_national_standards(apps)


class Migration(migrations.Migration):
    dependencies = [("outcomes", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
