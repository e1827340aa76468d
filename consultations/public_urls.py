"""Answering consultations online, and withdrawing a response: no login. Mounted at
/consultations/ under the namespace "consult". Each page of a questionnaire is shown in the
language it can be answered in (content_translation.py)."""

from django.urls import path

from . import public_views as views
from .content_translation import in_answering_language as answered_in

app_name = "consult"
urlpatterns = [
    path("withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/", answered_in(views.start), name="start"),
    path("<int:pk>/questions/<int:number>/", answered_in(views.question), name="question"),
    path("<int:pk>/check-your-answers/", answered_in(views.check), name="check"),
    path("<int:pk>/about-you/", answered_in(views.equality_page), name="equality"),
    path("<int:pk>/send/", answered_in(views.send), name="send"),
]
