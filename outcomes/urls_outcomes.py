"""Staff pages of the feedback loop ("You said, we did"), mounted under /staff/."""

from django.urls import path

from . import loop_views as views
from . import loop_views_translations as translations
from . import loop_views_work as work

app_name = "outcomes"
urlpatterns = [
    path("outcomes/", views.home, name="home"),
    path("outcomes/findings/", views.finding_list, name="finding_list"),
    path("outcomes/findings/new/", views.finding_create_view, name="finding_create"),
    path(
        "activities/<int:pk>/findings/new/",
        views.finding_create_for_activity,
        name="finding_create_for_activity",
    ),
    path(
        "analysis/<int:pk>/themes/<int:theme>/finding/",
        views.finding_create_from_theme,
        name="finding_create_from_theme",
    ),
    path("outcomes/findings/<int:pk>/", views.finding_detail, name="finding_detail"),
    path("outcomes/findings/<int:pk>/edit/", views.finding_edit, name="finding_edit"),
    path(
        "outcomes/findings/<int:pk>/decide/",
        views.decision_create_from_finding,
        name="decision_create_from_finding",
    ),
    path("outcomes/decisions/", views.decision_list, name="decision_list"),
    path("outcomes/decisions/new/", views.decision_create_view, name="decision_create"),
    path("outcomes/decisions/<int:pk>/", views.decision_detail, name="decision_detail"),
    path("outcomes/decisions/<int:pk>/edit/", views.decision_edit, name="decision_edit"),
    path("outcomes/decisions/<int:pk>/actions/new/", work.action_create_view, name="action_create"),
    path("outcomes/actions/", work.action_list, name="action_list"),
    path("outcomes/actions/<int:pk>/", work.action_detail, name="action_detail"),
    path("outcomes/actions/<int:pk>/edit/", work.action_edit, name="action_edit"),
    path("outcomes/actions/<int:pk>/move/", work.action_move_view, name="action_move"),
    path("outcomes/actions/<int:pk>/progress/", work.action_progress, name="action_progress"),
    path("outcomes/actions/<int:pk>/rag/", work.action_rag, name="action_rag"),
    path("outcomes/feedback/", work.feedback_list, name="feedback_list"),
    path("activities/<int:pk>/feedback/new/", work.feedback_create_view, name="feedback_create"),
    path("outcomes/feedback/<int:pk>/", work.feedback_detail, name="feedback_detail"),
    path("outcomes/feedback/<int:pk>/edit/", work.feedback_edit, name="feedback_edit"),
    path("outcomes/feedback/<int:pk>/publish/", work.feedback_publish_view, name="feedback_publish"),
    path("outcomes/feedback/<int:pk>/send-again/", work.feedback_resend, name="feedback_resend"),
    path(
        "outcomes/feedback/<int:pk>/translations/",
        translations.feedback_translations,
        name="feedback_translations",
    ),
    path(
        "outcomes/feedback/<int:pk>/translations/<str:language>/",
        translations.feedback_translate,
        name="feedback_translate",
    ),
    path(
        "outcomes/feedback/<int:pk>/translator-files/",
        translations.feedback_translator_files,
        name="feedback_translator_files",
    ),
    path(
        "outcomes/feedback/<int:pk>/translator-files/download/",
        translations.feedback_translator_file,
        name="feedback_translator_file",
    ),
    path("outcomes/priorities-and-actions.<str:file_format>", work.police_uk, name="police_uk_export"),
]
