import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0001_initial"),
        ("organisations", "0001_initial"),
        ("insight", "0009_theme_summary"),
    ]

    operations = [
        migrations.AddField(
            model_name="analysisrun",
            name="started_at",
            field=models.DateTimeField(
                blank=True,
                help_text="When a worker began it (the time estimate counts from here).",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="analysisrun",
            name="embedder",
            field=models.CharField(
                blank=True,
                help_text="The embedding model its themes came from, e.g. all-MiniLM-L6-v2-int8-onnx, "
                "multilingual-e5-small-q4 or tfidf-lsa.",
                max_length=64,
            ),
        ),
        migrations.CreateModel(
            name="EmbeddingVector",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "model",
                    models.CharField(
                        help_text="The embedding model, e.g. all-MiniLM-L6-v2-int8-onnx.", max_length=64
                    ),
                ),
                (
                    "key",
                    models.CharField(help_text="SHA-256 of the normalised redacted text.", max_length=64),
                ),
                ("vector", models.BinaryField()),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "answer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="consultations.answer",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="organisations.organisation",
                    ),
                ),
            ],
            options={
                "ordering": ["id"],
                "indexes": [
                    models.Index(fields=["organisation", "model", "key"], name="embedding_vector_lookup")
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("answer", "model"), name="embedding_vector_once_per_model"
                    )
                ],
            },
        ),
    ]
