"""How the audit log page names outcomes' records and links to them (governance/audit_kinds.py)."""

from governance.audit_kinds import register_kind

register_kind("outcomes.finding", "Finding", "outcomes:finding_detail")
register_kind("outcomes.decision", "Decision", "outcomes:decision_detail")
register_kind("outcomes.action", "Action", "outcomes:action_detail")
register_kind("outcomes.feedback", "Feedback", "outcomes:feedback_detail")
register_kind("outcomes.measure", "Measure", "measures:measure_detail")
register_kind("outcomes.evidencesource", "Evidence source", "measures:evidence_detail")
register_kind("outcomes.strategyaction", "Strategy action", "measures:strategy_action")
register_kind("outcomes.report", "Report", "reports:report_detail")
