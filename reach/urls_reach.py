"""Staff pages of reach (reach), mounted under /staff/."""

from django.urls import URLPattern, path, re_path

from . import views_reach as views

app_name = "reach"
urlpatterns: list[URLPattern] = [
    path("reach/", views.reach, name="reach"),
    re_path(r"^reach/export\.(?P<file_format>csv|xlsx)$", views.reach_export, name="reach_export"),
    path("reach/activities/<int:pk>/", views.activity_reach, name="activity_reach"),
    path("reach/questionnaires/<int:pk>/weighted/", views.weighted_results, name="weighted_results"),
    path("reach/map/", views.reach_map, name="map"),
    path("reach/unheard/", views.unheard, name="unheard"),
    path("reach/participants/", views.participants, name="participants"),
    path("reach/targets/", views.target_list, name="target_list"),
    path("reach/targets/new/", views.target_import, name="target_import"),
    path("reach/targets/<int:pk>/", views.target_detail, name="target_detail"),
    path("reach/targets/<int:pk>/delete/", views.target_delete, name="target_delete"),
]
