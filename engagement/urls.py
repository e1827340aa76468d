from django.urls import path, re_path

from . import views, views_translations

app_name = "engagement"
urlpatterns = [
    path("activities/", views.activity_list, name="activity_list"),
    path("activities/new/", views.activity_create, name="activity_create"),
    re_path(r"^activities/export\.(?P<file_format>csv|xlsx)$", views.activity_export, name="activity_export"),
    path("activities/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/delete/", views.activity_delete, name="activity_delete"),
    path("activities/<int:pk>/status/", views.activity_transition, name="activity_transition"),
    path("activities/<int:pk>/checklist/", views.activity_checklist, name="activity_checklist"),
    path("activities/<int:pk>/checklist/<int:point>/", views.checklist_answer, name="checklist_answer"),
    path("activities/<int:pk>/plan/", views.activity_plan, name="activity_plan"),
    path(
        "activities/<int:pk>/translations/",
        views_translations.activity_translations,
        name="activity_translations",
    ),
    path(
        "activities/<int:pk>/translations/<str:language>/",
        views_translations.activity_translate,
        name="activity_translate",
    ),
    path(
        "activities/<int:pk>/translator-files/",
        views_translations.activity_translator_files,
        name="activity_translator_files",
    ),
    path(
        "activities/<int:pk>/translator-files/download/",
        views_translations.activity_translator_file,
        name="activity_translator_file",
    ),
]
