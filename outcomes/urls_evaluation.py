"""Staff pages of outcomes (evaluation), mounted under /staff/."""

from django.urls import URLPattern, path

from . import evaluation_views as views

app_name = "evaluation"
urlpatterns: list[URLPattern] = [
    path("evaluation/", views.overview, name="overview"),
    path("activities/<int:pk>/evaluation/", views.detail, name="detail"),
    path("activities/<int:pk>/evaluation/edit/", views.edit, name="edit"),
    path("activities/<int:pk>/evaluation/status/", views.transition, name="transition"),
    path("activities/<int:pk>/evaluation/online-form/", views.link, name="link"),
    path("activities/<int:pk>/evaluation/paper-form.pdf", views.paper_pdf, name="paper_pdf"),
    path("activities/<int:pk>/evaluation/paper-forms/", views.paper_entry, name="paper_entry"),
    path("activities/<int:pk>/national-standards/", views.standards, name="standards"),
    path(
        "partnerships/<int:pk>/national-standards/<int:year>/",
        views.partnership_standards,
        name="partnership_standards",
    ),
]
