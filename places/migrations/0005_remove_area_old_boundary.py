"""Step 3 of 3: drop the old column."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("places", "0004_copy_boundaries")]

    operations = [migrations.RemoveField(model_name="area", name="old_boundary")]
