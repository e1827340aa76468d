"""Who may read the audit log: an organisation's admins (their organisation's trail) and
superusers (all of it). Governance cannot import organisations' predicates, so the user is asked
directly (`has_role`, `organisation_id`); what each of them reads is
`AuditEvent.objects.visible_to`. Imported by governance/apps.py, since `rules` autodiscovers only
`rules.py`."""

from typing import Any

import rules


@rules.predicate
def reads_audit_log(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return bool(getattr(user, "organisation_id", None) and user.has_role("admin"))


rules.add_perm("governance.view_audit_log", reads_audit_log)
