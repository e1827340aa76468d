from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "website"
    verbose_name = "Public website"
