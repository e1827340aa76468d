"""Staff pages of reach (coordination), mounted under /staff/."""

from django.urls import URLPattern, path, re_path

from . import views_coordination as views

app_name = "coordination"
urlpatterns: list[URLPattern] = [
    path("coordination/", views.report, name="report"),
    re_path(r"^coordination/export\.(?P<file_format>csv|xlsx)$", views.report_export, name="report_export"),
    path("coordination/proposals/", views.proposal_list, name="proposal_list"),
    path("coordination/proposals/<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path("coordination/proposals/<int:pk>/answer/", views.proposal_answer, name="proposal_answer"),
    path("activities/<int:pk>/coordination/", views.activity, name="activity"),
    path("activities/<int:pk>/coordination/<int:other_pk>/propose/", views.propose, name="propose"),
]
