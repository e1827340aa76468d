"""Staff pages of the publication scheme, mounted under /staff/: the bundles, asking for one, its
progress and its zip."""

from django.urls import path

from . import publication_views as views

app_name = "publication"
urlpatterns = [
    path("publication-scheme/", views.bundle_list, name="bundle_list"),
    path("publication-scheme/<int:pk>/", views.bundle_detail, name="bundle_detail"),
    path("publication-scheme/<int:pk>/bundle.zip", views.bundle_file, name="bundle_file"),
]
