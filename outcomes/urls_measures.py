"""Staff pages of outcomes (measures and plans), mounted under /staff/: Results-Based
Accountability measures and report cards, the evidence register, the strategy action plan and
the annual engagement plan."""

from django.urls import path

from . import measures_plan_views as plans
from . import measures_views as views

app_name = "measures"
urlpatterns = [
    path("measures/", views.measure_list, name="measure_list"),
    path("measures/new/", views.measure_create, name="measure_create"),
    path("measures/<int:pk>/", views.measure_detail, name="measure_detail"),
    path("measures/<int:pk>/edit/", views.measure_edit, name="measure_edit"),
    path("measures/<int:pk>/values/", views.measure_values, name="measure_values"),
    path("measures/<int:pk>/import/", views.measure_import, name="measure_import"),
    path("report-cards/<int:pk>/", views.report_card, name="report_card"),
    path("report-cards/<int:pk>/pdf/", views.report_card_pdf, name="report_card_pdf"),
    path("evidence/", views.evidence_list, name="evidence_list"),
    path("evidence/new/", views.evidence_create, name="evidence_create"),
    path("evidence/area/", views.evidence_area, name="evidence_area"),
    path("evidence/<int:pk>/", views.evidence_detail, name="evidence_detail"),
    path("evidence/<int:pk>/edit/", views.evidence_edit, name="evidence_edit"),
    path("evidence/<int:pk>/import/", views.evidence_import, name="evidence_import"),
    path("strategy/", plans.strategy_index, name="strategy_index"),
    path("strategy/<int:pk>/", plans.strategy_plan, name="strategy_plan"),
    path("strategy/<int:pk>/new/", plans.strategy_create, name="strategy_create"),
    path("strategy/<int:pk>/export.<str:file_format>", plans.strategy_export, name="strategy_export"),
    path("strategy/actions/<int:pk>/", plans.strategy_action, name="strategy_action"),
    path("strategy/actions/<int:pk>/edit/", plans.strategy_edit, name="strategy_edit"),
    path("engagement-plans/", plans.plan_list, name="plan_list"),
    path("engagement-plans/new/", plans.plan_create, name="plan_create"),
    path("engagement-plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("engagement-plans/<int:pk>/agree/", plans.plan_agree, name="plan_agree"),
    path("engagement-plans/<int:pk>/export.<str:file_format>", plans.plan_export, name="plan_export"),
]
