"""How the audit log page names consultations' records and links to them (governance/audit_kinds.py)."""

from governance.audit_kinds import register_kind

register_kind("consultations.questionnaire", "Questionnaire", "consultations:questionnaire_detail")
register_kind("consultations.response", "Response", "consultations:response_detail")
register_kind("consultations.attendance", "Attendance record", "consultations:attendance_edit")
register_kind("consultations.equalityrecord", "Equality monitoring form")
