"""How the audit log page names engagement's records and links to them (governance/audit_kinds.py)."""

from governance.audit_kinds import register_kind

register_kind("engagement.activity", "Activity", "engagement:activity_detail")
