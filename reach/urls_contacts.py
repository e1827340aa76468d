"""Staff pages of reach (contacts and coverage), mounted under /staff/."""

from django.urls import path, re_path

from . import contacts_views as views

app_name = "contacts"
urlpatterns = [
    path("contacts/", views.contact_list, name="contact_list"),
    path("contacts/new/", views.contact_create, name="contact_create"),
    path("contacts/review/", views.contact_review, name="contact_review"),
    re_path(r"^contacts/export\.(?P<file_format>csv|xlsx)$", views.contact_export, name="contact_export"),
    path("contacts/<int:pk>/", views.contact_detail, name="contact_detail"),
    path("contacts/<int:pk>/edit/", views.contact_edit, name="contact_edit"),
    path("contacts/<int:pk>/renew/", views.contact_renew, name="contact_renew"),
    path("contacts/<int:pk>/remove/", views.contact_remove, name="contact_remove"),
    path("coverage/", views.coverage, name="coverage"),
    re_path(r"^coverage/export\.(?P<file_format>csv|xlsx)$", views.coverage_download, name="coverage_export"),
]
