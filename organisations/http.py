"""Request types for views behind login, so that type checking knows what middleware adds."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from organisations.models import User


class StaffRequest(HttpRequest):
    user: User
    htmx: HtmxDetails
