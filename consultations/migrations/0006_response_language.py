from django.db import migrations, models

import engagement.access


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0005_response_import"),
    ]

    operations = [
        migrations.AddField(
            model_name="response",
            name="language",
            field=models.CharField(
                default="en",
                help_text="The language it was answered in (a code from engagement/access.py).",
                max_length=12,
                validators=[engagement.access.validate_language],
            ),
        ),
        migrations.AddField(
            model_name="responseimport",
            name="language",
            field=models.CharField(
                default="en",
                help_text="The responses' language, unless a column gives it.",
                max_length=12,
            ),
        ),
    ]
