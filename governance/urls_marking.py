from django.urls import path

from . import marking_views

app_name = "marking"

urlpatterns = [
    path("marking/<str:kind>/<int:pk>/raise/", marking_views.marking_raise_view, name="raise"),
]
