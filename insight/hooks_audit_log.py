"""How the audit log page names insight's records and links to them (governance/audit_kinds.py).
Intelligence flags have no page of their own (the triage queue lists them)."""

from governance.audit_kinds import register_kind

register_kind("insight.analysisrun", "Analysis", "insight:run_detail")
register_kind("insight.theme", "Theme")
register_kind("insight.intelligenceflag", "Intelligence flag")
register_kind("insight.priority", "Priority")
