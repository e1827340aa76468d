from django.urls import path

from . import agreements_views as views

app_name = "agreements"

urlpatterns = [
    path("agreements/", views.agreement_list, name="list"),
    path("agreements/new/", views.agreement_create, name="create"),
    path("agreements/<int:pk>/", views.agreement_detail, name="detail"),
    path("agreements/<int:pk>/edit/", views.agreement_edit, name="edit"),
    path("agreements/<int:pk>/end/", views.agreement_end, name="end"),
    path("agreements/<int:pk>/signatories/new/", views.signatory_add, name="signatory_add"),
    path("agreements/<int:pk>/signatories/remove/", views.signatory_remove, name="signatory_remove"),
]
