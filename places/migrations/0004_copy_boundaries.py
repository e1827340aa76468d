"""Step 2 of 3: copy each area's boundary into `AreaBoundary` (a migration of its own, so that
PostgreSQL commits the rows before the old column is dropped)."""

from django.db import migrations


def copy_forwards(apps, schema_editor):
    Area = apps.get_model("places", "Area")
    AreaBoundary = apps.get_model("places", "AreaBoundary")
    pending = []
    for area_id, geometry in (
        Area.objects.filter(old_boundary__isnull=False).values_list("pk", "old_boundary").iterator()
    ):
        pending.append(AreaBoundary(area_id=area_id, geometry=geometry))
        if len(pending) == 200:
            AreaBoundary.objects.bulk_create(pending)
            pending = []
    AreaBoundary.objects.bulk_create(pending)


def copy_backwards(apps, schema_editor):
    Area = apps.get_model("places", "Area")
    AreaBoundary = apps.get_model("places", "AreaBoundary")
    for boundary in AreaBoundary.objects.iterator():
        Area.objects.filter(pk=boundary.area_id).update(old_boundary=boundary.geometry)


class Migration(migrations.Migration):
    dependencies = [("places", "0003_areaboundary")]

    operations = [migrations.RunPython(copy_forwards, copy_backwards)]
