"""Staff pages of the retention review and of subject requests, mounted under /staff/."""

from django.urls import include, path

from . import retention_views, subject_views

retention = (
    [
        path("", retention_views.retention_queue, name="queue"),
        path("decide/", retention_views.retention_decide, name="decide"),
        path("decisions/<int:pk>/retry/", retention_views.retention_retry, name="retry"),
    ],
    "retention",
)
subjects = (
    [
        path("", subject_views.request_list, name="list"),
        path("new/", subject_views.request_open, name="open"),
        path("<int:pk>/", subject_views.request_detail, name="detail"),
        path("<int:pk>/search/", subject_views.request_search, name="search"),
        path("<int:pk>/copy/", subject_views.request_copy, name="copy"),
        path("<int:pk>/erase/", subject_views.request_erase, name="erase"),
        path("<int:pk>/close/", subject_views.request_close, name="close"),
    ],
    "subjects",
)
urlpatterns = [
    path("retention/", include(retention)),
    path("subject-requests/", include(subjects)),
]
