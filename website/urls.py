from django.urls import path

from . import feedback, feeds, language, legal, views

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("areas/", views.area_list, name="area_list"),
    path("areas/<str:code>/", views.area_detail, name="area_detail"),
    path("areas/<str:code>/calendar.ics", feeds.area_feed, name="area_feed"),
    path("audiences/<slug:slug>/calendar.ics", feeds.audience_feed, name="audience_feed"),
    path("calendar/", views.calendar_list, name="calendar"),
    path("calendar/month/", views.calendar_month_redirect, name="calendar_this_month"),
    path("calendar/<int:year>/<int:month>/", views.calendar_month, name="calendar_month"),
    path("calendar.ics", feeds.calendar_feed, name="calendar_feed"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
    path("events/<int:pk>/calendar.ics", feeds.event_feed, name="event_feed"),
    path("favicon.ico", views.favicon, name="favicon"),
    # "You said, we did" (website/feedback.py)
    path("areas/<str:code>/you-said-we-did/", feedback.area_feedback, name="feedback_area"),
    path("areas/<str:code>/you-said-we-did/rss.xml", feedback.area_feedback_rss, name="feedback_area_rss"),
    path("areas/<str:code>/you-said-we-did/atom.xml", feedback.area_feedback_atom, name="feedback_area_atom"),
    path("events/<int:pk>/you-said-we-did/", feedback.activity_feedback, name="feedback_event"),
    path(
        "events/<int:pk>/you-said-we-did/rss.xml", feedback.activity_feedback_rss, name="feedback_event_rss"
    ),
    path(
        "events/<int:pk>/you-said-we-did/atom.xml",
        feedback.activity_feedback_atom,
        name="feedback_event_atom",
    ),
    path("updates/stop/<str:token>/", feedback.unsubscribe, name="updates_unsubscribe"),
    # Languages and the statements in every page's footer (website/language.py, website/legal.py)
    path("language/", language.choose_language, name="language"),
    path("about/", legal.about, name="about"),
    path("accessibility/", legal.accessibility, name="accessibility"),
    path("privacy/", legal.privacy, name="privacy"),
    path("cookies/", legal.cookies_page, name="cookies"),
]
