"""How the audit log page names reach's records and links to them (governance/audit_kinds.py)."""

from governance.audit_kinds import register_kind

register_kind("reach.communitycontact", "Community contact", "contacts:contact_detail")
register_kind("reach.coverage", "Coverage")
register_kind("reach.report", "Reach report")
register_kind("reach.partnership_audit", "Partnership audit")
register_kind("reach.audit_template", "Partnership audit template")
register_kind("reach.duplicates_report", "Possible duplicates report")
register_kind("reach.jointproposal", "Joint proposal", "coordination:proposal_detail")
