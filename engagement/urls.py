from django.urls import path

from . import views

app_name = "engagement"
urlpatterns = [
    path("activities/", views.activity_list, name="activity_list"),
]
