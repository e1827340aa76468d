from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = "Organisations and users"
    # What the public pages show: saving one of these makes cached public pages stale
    # (core/page_cache.py).
    public_page_models = ("Organisation", "Partnership")
