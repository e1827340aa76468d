"""Staff pages of outcomes (reports), mounted under /staff/: the board view, the statutory
evidence pack, and the annual outcome reports (and kept evidence packs) with their files."""

from django.urls import path, re_path

from . import reports_views as views

app_name = "reports"
urlpatterns = [
    path("board/", views.board_view, name="board"),
    path("reports/", views.report_list, name="report_list"),
    path("reports/evidence-pack/", views.evidence_pack, name="evidence_pack"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    re_path(
        r"^reports/(?P<pk>[0-9]+)/report\.(?P<file_format>pdf|html)$", views.report_file, name="report_file"
    ),
]
