"""The demo of the second half of the loop — who took part, coordination between partners,
what was decided and done, evaluation, measures and plans — loaded after the register and the
consultations (heard/demo.py), each part by its own app's loader, in the order the loop runs:
reach first (it settles who took part, which evaluations then count), reports and the
publication scheme last."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from consultations.demo_languages import demo_load_languages
from engagement.demo_access import demo_load_access
from heard.demo_audit_log import demo_load_audit_log
from heard.demo_exports import demo_load_exports
from heard.demo_imports import demo_load_imports
from heard.demo_languages_analysis import demo_queue_languages_analysis
from heard.demo_marking import demo_load_marking
from heard.demo_retention import demo_load_retention
from heard.demo_tokens import demo_load_tokens
from heard.demo_translations import demo_load_translations
from insight.demo_codes import demo_load_codes
from organisations.models import Organisation, User
from outcomes.demo_evaluation import demo_load_evaluation
from outcomes.demo_loop import demo_load_loop
from outcomes.demo_measures import demo_load_measures
from outcomes.demo_publication import demo_load_publication
from outcomes.demo_reports import demo_load_reports
from outcomes.demo_translations import demo_load_feedback_translations
from reach.demo_audit import demo_load_audit
from reach.demo_contacts import demo_load_contacts
from reach.demo_coordination import demo_load_coordination
from reach.demo_reach import demo_load_reach


@dataclass
class PartsSummary:
    loaded: dict[str, Any] = field(default_factory=dict)


def demo_load_parts(*, users: dict[str, User], orgs: list[Organisation], today: date) -> PartsSummary:
    officer, partner, analyst = users["officer"], users["partner"], users["analyst"]
    summary = PartsSummary()
    summary.loaded["imports"] = demo_load_imports(officer=officer, today=today)
    summary.loaded["access"] = demo_load_access(officer=officer, today=today)
    summary.loaded["languages"] = demo_load_languages(officer=officer, today=today)
    summary.loaded["translations"] = demo_load_translations(officer=officer)
    summary.loaded["languages_analysis"] = demo_queue_languages_analysis(analyst=analyst)
    summary.loaded["reach"] = demo_load_reach(today=today)
    summary.loaded["contacts"] = demo_load_contacts(officer=officer, partner=partner, today=today)
    summary.loaded["coordination"] = demo_load_coordination(officer=officer, partner=partner, today=today)
    summary.loaded["audit"] = demo_load_audit(officer=officer, today=today)
    summary.loaded["policing_codes"] = demo_load_codes(officer=officer, analyst=analyst, today=today)
    summary.loaded["loop"] = demo_load_loop(officer=officer, analyst=analyst, partner=orgs[2], today=today)
    summary.loaded["loop_translations"] = demo_load_feedback_translations(officer=officer)
    summary.loaded["evaluation"] = demo_load_evaluation(officer=officer, partner=partner, today=today)
    summary.loaded["measures"] = demo_load_measures(officer=officer, partner=partner, today=today)
    summary.loaded["reports"] = demo_load_reports(analyst=analyst, today=today)
    summary.loaded["audit_log"] = demo_load_audit_log(users=users, today=today)
    summary.loaded["retention"] = demo_load_retention(admin=users["admin"], today=today)
    summary.loaded["marking"] = demo_load_marking(users=users)
    summary.loaded["tokens"] = demo_load_tokens(officer=officer)
    summary.loaded["exports"] = demo_load_exports(officer=officer)
    # Last: the bundle reads every part's records, with their markings as the demo leaves them.
    summary.loaded["publication"] = demo_load_publication(analyst=analyst, today=today)
    return summary
