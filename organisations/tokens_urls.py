"""Your API tokens (staff pages), mounted under /staff/."""

from django.urls import path

from . import tokens_views as views

app_name = "tokens"
urlpatterns = [
    path("tokens/", views.token_list, name="list"),
    path("tokens/new/", views.token_create, name="create"),
    path("tokens/<int:pk>/rotate/", views.token_rotate, name="rotate"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="revoke"),
]
