"""Boundaries move from `Area.boundary` to a table of their own, `AreaBoundary` (step 1 of 3:
the old column is renamed out of the way and the new table created)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("places", "0002_audiences")]

    operations = [
        migrations.RenameField(model_name="area", old_name="boundary", new_name="old_boundary"),
        migrations.CreateModel(
            name="AreaBoundary",
            fields=[
                (
                    "area",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="boundary",
                        serialize=False,
                        to="places.area",
                    ),
                ),
                ("geometry", models.JSONField(help_text="GeoJSON geometry (WGS84).")),
            ],
            options={"verbose_name_plural": "area boundaries"},
        ),
    ]
