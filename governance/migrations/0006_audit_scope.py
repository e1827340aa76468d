"""Whose trail each audit entry belongs to: the actor's organisation and the record owner's.

Entries written before this migration are filled in here, once: the actor's organisation from
the actor's user, the owner from the record when it still exists (found by the same shape
governance/owners.py follows), else the actor's. On PostgreSQL the append-only trigger
(0003) is disabled for the length of this one statement group and enabled again before the
migration's transaction commits: ALTER TABLE holds the table's exclusive lock until then, so
nothing else can write, change or delete a row meanwhile, and only the two new, empty columns
are written. After it, the log is append-only again, as before.
"""

from django.conf import settings
from django.db import migrations, models

TRIGGER = "governance_auditevent_append_only"
HOPS = ("activity", "questionnaire", "response", "run")
CHUNK = 500


def _owner_path(model, depth=3):
    """The lookup from `model` to its owning organisation's id, or None."""
    if model._meta.label_lower == "organisations.organisation":
        return "pk"
    names = {f.name: f for f in model._meta.get_fields()}
    for name in ("organisation", "lead_organisation"):
        field = names.get(name)
        if field is not None and getattr(field, "many_to_one", False):
            return name
    if depth == 0:
        return None
    for hop in HOPS:
        field = names.get(hop)
        if field is None or not (field.many_to_one or field.one_to_one) or field.related_model is None:
            continue
        rest = _owner_path(field.related_model, depth - 1)
        if rest is not None:
            return f"{hop}__{rest}"
    return None


def _fill_owners(apps, events):
    for object_type in events.exclude(object_id="").values_list("object_type", flat=True).distinct():
        try:
            model = apps.get_model(object_type)
        except (LookupError, ValueError):
            continue
        path = _owner_path(model)
        if path is None:
            continue
        ids = sorted(
            {
                int(i)
                for i in events.filter(object_type=object_type).values_list("object_id", flat=True)
                if i.isdigit()
            }
        )
        for start in range(0, len(ids), CHUNK):
            found = model._base_manager.filter(pk__in=ids[start : start + CHUNK]).values_list("pk", path)
            by_owner = {}
            for pk, owner in found:
                if owner is not None:
                    by_owner.setdefault(owner, []).append(str(pk))
            for owner, pks in by_owner.items():
                events.filter(object_type=object_type, object_id__in=pks).update(owner_organisation_id=owner)


def backfill(apps, schema_editor):
    AuditEvent = apps.get_model("governance", "AuditEvent")
    events = AuditEvent._base_manager.all()
    if not events.exists():
        return
    postgres = schema_editor.connection.vendor == "postgresql"
    if postgres:
        schema_editor.execute(f"ALTER TABLE governance_auditevent DISABLE TRIGGER {TRIGGER}")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    actors = events.exclude(actor_id=None).values_list("actor_id", flat=True).distinct()
    for user_id, organisation_id in User._base_manager.filter(pk__in=list(actors)).values_list(
        "pk", "organisation_id"
    ):
        if organisation_id is not None:
            events.filter(actor_id=user_id).update(actor_organisation_id=organisation_id)
    _fill_owners(apps, events)
    events.filter(owner_organisation_id=None).update(owner_organisation_id=models.F("actor_organisation_id"))
    if postgres:
        schema_editor.execute(f"ALTER TABLE governance_auditevent ENABLE TRIGGER {TRIGGER}")


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0005_audit_view_action"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="actor_organisation_id",
            field=models.BigIntegerField(blank=True, db_index=True, null=True),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="owner_organisation_id",
            field=models.BigIntegerField(blank=True, db_index=True, null=True),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
