"""Staff pages for questionnaires, offline capture and results, mounted under /staff/."""

from django.urls import path, re_path

from . import views

app_name = "consultations"
urlpatterns = [
    # Questionnaires of an activity, and building one
    path("activities/<int:activity_pk>/questionnaires/", views.questionnaire_list, name="questionnaire_list"),
    path(
        "activities/<int:activity_pk>/questionnaires/new/",
        views.questionnaire_create,
        name="questionnaire_create",
    ),
    path("questionnaires/<int:pk>/", views.questionnaire_detail, name="questionnaire_detail"),
    path("questionnaires/<int:pk>/edit/", views.questionnaire_edit, name="questionnaire_edit"),
    path("questionnaires/<int:pk>/preview/", views.questionnaire_preview, name="questionnaire_preview"),
    path("questionnaires/<int:pk>/publish/", views.questionnaire_publish, name="questionnaire_publish"),
    path(
        "questionnaires/<int:pk>/new-version/",
        views.questionnaire_new_version,
        name="questionnaire_new_version",
    ),
    path("questionnaires/<int:pk>/questions/new/", views.question_add, name="question_add"),
    path(
        "questionnaires/<int:pk>/translator-files/",
        views.questionnaire_translator_files,
        name="questionnaire_translator_files",
    ),
    path(
        "questionnaires/<int:pk>/translator-files/download/",
        views.questionnaire_translator_file,
        name="questionnaire_translator_file",
    ),
    path(
        "questionnaires/<int:pk>/translations/",
        views.questionnaire_translations,
        name="questionnaire_translations",
    ),
    path(
        "questionnaires/<int:pk>/translations/<str:language>/",
        views.questionnaire_translate,
        name="questionnaire_translate",
    ),
    path("questions/<int:pk>/edit/", views.question_edit, name="question_edit"),
    path("questions/<int:pk>/move/", views.question_move, name="question_move"),
    path("questions/<int:pk>/delete/", views.question_delete, name="question_delete"),
    # Offline capture
    path("questionnaires/<int:pk>/responses/new/", views.response_enter, name="response_enter"),
    path("questionnaires/<int:pk>/import/", views.import_upload, name="import_upload"),
    path("questionnaires/<int:pk>/import/columns/", views.import_map, name="import_map"),
    path("questionnaires/<int:pk>/imports/<int:import_pk>/", views.import_status, name="import_status"),
    path("activities/<int:activity_pk>/attendance/", views.attendance_list, name="attendance_list"),
    path("activities/<int:activity_pk>/attendance/new/", views.attendance_create, name="attendance_create"),
    path("attendance/<int:pk>/edit/", views.attendance_edit, name="attendance_edit"),
    path("attendance/<int:pk>/delete/", views.attendance_delete, name="attendance_delete"),
    path(
        "activities/<int:activity_pk>/equality-forms/new/",
        views.equality_form_enter,
        name="equality_form_enter",
    ),
    # Results
    path("questionnaires/<int:pk>/results/", views.results, name="results"),
    path("questionnaires/<int:pk>/results/answers/", views.text_answers, name="text_answers"),
    path("responses/<int:pk>/", views.response_detail, name="response_detail"),
    re_path(
        r"^questionnaires/(?P<pk>[0-9]+)/results/(?P<part>summary|responses)\.(?P<file_format>csv|xlsx)$",
        views.results_export,
        name="results_export",
    ),
]
