"""Questionnaires and responses in governance's protective-marking rules (governance/marking.py):
raising an activity's or a questionnaire's marking raises what comes from it, and the shared
"raise the marking" page reaches them through consultations' own reading door."""

from django.urls import reverse

from engagement.models import Activity
from governance.marking import MarkedKind, register_descendant, register_marked

from .models import Questionnaire, Response

register_descendant(Activity, Questionnaire, "activity")
register_descendant(Activity, Response, "questionnaire__activity")
register_descendant(Questionnaire, Response, "questionnaire")

register_marked(
    MarkedKind(
        model=Questionnaire,
        visible=lambda user: Questionnaire.private_objects.visible_to(user).select_related("activity"),
        owner_id=lambda q: q.activity.lead_organisation_id,
        url=lambda q: reverse("consultations:questionnaire_detail", args=[q.pk]),
    )
)
register_marked(
    MarkedKind(
        model=Response,
        visible=lambda user: Response.objects.visible_to(user).select_related("questionnaire__activity"),
        owner_id=lambda r: r.questionnaire.activity.lead_organisation_id,
        url=lambda r: reverse("consultations:response_detail", args=[r.pk]),
    )
)
