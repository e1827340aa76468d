"""Staff pages for analyses and intelligence triage, mounted under /staff/."""

from django.urls import path

from . import code_views, priority_translation_views, views

app_name = "insight"
urlpatterns = [
    path("questionnaires/<int:pk>/analysis/", views.run_list, name="run_list"),
    path("questionnaires/<int:pk>/priorities/", views.ranking_priorities, name="ranking_priorities"),
    path("analysis/<int:pk>/", views.run_detail, name="run_detail"),
    path("analysis/<int:pk>/themes/", views.theme_change, name="theme_change"),
    path("analysis/<int:pk>/priority/", views.theme_priority, name="theme_priority"),
    path("analysis/<int:pk>/move/", views.answer_move, name="answer_move"),
    path("analysis/<int:pk>/level/", views.run_level, name="run_level"),
    path("analysis/<int:pk>/export/<str:part>.<str:file_format>", views.run_export, name="run_export"),
    path("analysis/", views.analysis_across, name="analysis_across"),
    path("intelligence/", views.flag_list, name="flag_list"),
    path("intelligence/<int:pk>/", views.flag_decide, name="flag_decide"),
    path("priorities/", views.priority_list, name="priority_list"),
    path("priorities/new/", views.priority_create_view, name="priority_create"),
    path(
        "priorities/<str:code>/translations/",
        priority_translation_views.priorities_translations,
        name="priorities_translations",
    ),
    path(
        "priorities/<str:code>/translations/<str:language>/",
        priority_translation_views.priorities_translate,
        name="priorities_translate",
    ),
    path(
        "priorities/<str:code>/translator-files/",
        priority_translation_views.priorities_translator_files,
        name="priorities_translator_files",
    ),
    path(
        "priorities/<str:code>/translator-files/download/",
        priority_translation_views.priorities_translator_file,
        name="priorities_translator_file",
    ),
    path("codes/", code_views.code_list, name="code_list"),
    path("codes/again/", code_views.code_recode, name="code_recode"),
    path("codes/answers/<int:pk>/", code_views.answer_codes, name="answer_codes"),
    path("codes/notes/", code_views.note_code_list, name="note_code_list"),
    path("codes/notes/<int:pk>/", code_views.note_codes, name="note_codes"),
    path("codes/areas/", code_views.area_codes, name="area_codes_choose"),
    path("codes/areas/<str:code>/", code_views.area_codes, name="area_codes"),
    path("codeframe/", code_views.codeframe, name="codeframe"),
    path("codeframe/add/", code_views.code_add_view, name="code_add"),
    path("codeframe/codes/<str:code_id>/", code_views.code_edit_view, name="code_edit"),
    path("codeframe/codes/<str:code_id>/retire/", code_views.code_retire_view, name="code_retire"),
    path(
        "codeframe/versions/<int:number>.<str:file_format>",
        code_views.codeframe_export,
        name="codeframe_export",
    ),
]
