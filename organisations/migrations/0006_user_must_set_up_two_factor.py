from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0005_agreement_scopes_and_signatories"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="must_set_up_two_factor",
            field=models.BooleanField(
                default=False,
                help_text="Set when an admin resets their two-factor sign-in: they set it up again before any page.",
            ),
        ),
    ]
