"""Analysis runs, themes, priorities and intelligence flags in governance's protective-marking
rules (governance/marking.py): a raise carries down from the activity, questionnaire, run or
theme they come from, and the shared "raise the marking" page reaches them through insight's
reading doors (flags only for the owning organisation's intelligence officers)."""

from django.urls import reverse

from consultations.models import Questionnaire
from engagement.models import Activity
from governance.marking import MarkedKind, register_descendant, register_marked

from .models import AnalysisRun, IntelligenceFlag, Priority, Theme

for parent, prefix in ((Activity, "questionnaire__activity"), (Questionnaire, "questionnaire")):
    register_descendant(parent, AnalysisRun, prefix)
    register_descendant(parent, Theme, f"run__{prefix}")
    register_descendant(parent, IntelligenceFlag, f"run__{prefix}")
    register_descendant(parent, Priority, f"theme__run__{prefix}")
register_descendant(Activity, IntelligenceFlag, "activity")
register_descendant(AnalysisRun, Theme, "run")
register_descendant(AnalysisRun, IntelligenceFlag, "run")
register_descendant(AnalysisRun, Priority, "theme__run")
register_descendant(Theme, Priority, "theme")

register_marked(
    MarkedKind(
        model=AnalysisRun,
        visible=lambda user: AnalysisRun.objects.visible_to(user),
        owner_id=lambda run: run.organisation_id,
        url=lambda run: reverse("insight:run_detail", args=[run.pk]),
    )
)
register_marked(
    MarkedKind(
        model=Theme,
        visible=lambda user: Theme.objects.visible_to(user).select_related("run"),
        owner_id=lambda theme: theme.run.organisation_id,
        url=lambda theme: reverse("insight:run_detail", args=[theme.run_id]),
    )
)
register_marked(
    MarkedKind(
        model=Priority,
        visible=lambda user: Priority.private_objects.visible_to(user),
        owner_id=lambda priority: priority.organisation_id,
        url=lambda priority: reverse("insight:priority_list"),
    )
)
register_marked(
    MarkedKind(
        model=IntelligenceFlag,
        visible=lambda user: IntelligenceFlag.objects.visible_to(user),
        owner_id=lambda flag: flag.organisation_id,
        url=lambda flag: reverse("insight:flag_list"),
        roles=("intelligence_officer",),
    )
)
