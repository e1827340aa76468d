"""Answering consultations online, and withdrawing a response: no login. Mounted at
/consultations/ under the namespace "consult"."""

from django.urls import path

from . import public_views as views

app_name = "consult"
urlpatterns = [
    path("withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/", views.start, name="start"),
    path("<int:pk>/questions/<int:number>/", views.question, name="question"),
    path("<int:pk>/check-your-answers/", views.check, name="check"),
    path("<int:pk>/about-you/", views.equality_page, name="equality"),
    path("<int:pk>/send/", views.send, name="send"),
]
