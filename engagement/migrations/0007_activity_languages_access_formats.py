from django.db import migrations, models

import engagement.access


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0006_activity_publication_scheme"),
    ]

    operations = [
        migrations.AddField(
            model_name="activity",
            name="languages",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text="Languages it is held in or interpreted into.",
                validators=[engagement.access.validate_languages],
                verbose_name="Languages",
            ),
        ),
        migrations.AddField(
            model_name="activity",
            name="access_formats",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text="Formats and support offered.",
                validators=[engagement.access.validate_access_formats],
                verbose_name="Access formats",
            ),
        ),
    ]
