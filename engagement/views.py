from django.http import HttpRequest, HttpResponse


def activity_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")
