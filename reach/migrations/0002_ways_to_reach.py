"""Reference data: ways to reach each audience, started from seed 000's examples (older people
through local newspapers, lunch clubs and day centres; young people through youth councils,
schools and detached youth work …). Editable in the admin afterwards."""

from django.db import migrations


def forwards(apps, schema_editor):
    from reach.ways_seed import load_ways_to_reach

    load_ways_to_reach(apps)


class Migration(migrations.Migration):
    dependencies = [("reach", "0001_initial"), ("places", "0002_audiences")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
