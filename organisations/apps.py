from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = "Organisations and users"
    # What the public pages show: saving one of these makes cached public pages stale
    # (core/page_cache.py).
    public_page_models = ("Organisation", "Partnership")

    def ready(self) -> None:
        from . import (
            agreements_hooks,  # noqa: F401  (data-sharing agreements: rules and menu)
            oidc,  # noqa: F401  (its system check)
            two_factor,  # noqa: F401  (its sign-in signal receiver)
            two_factor_hooks,  # noqa: F401  (colleagues' two-factor sign-in: rule and menu)
        )
