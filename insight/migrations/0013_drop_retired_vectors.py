"""Drop the kept vectors of an embedding model Heard no longer runs: the MiniLM file's own graph
with int8 products (``all-MiniLM-L6-v2-int8-dynamic-onnx``), replaced by Heard's fused graph
(``-int8-fused-onnx``). Nothing reads them again, and a vector is held like the answer it came from,
so it is not kept for nothing."""

from django.db import migrations

RETIRED = ["all-MiniLM-L6-v2-int8-dynamic-onnx"]


def drop(apps, schema_editor):
    apps.get_model("insight", "EmbeddingVector").objects.filter(model__in=RETIRED).delete()


class Migration(migrations.Migration):
    dependencies = [("insight", "0012_note_code_corrections")]

    operations = [migrations.RunPython(drop, migrations.RunPython.noop)]
