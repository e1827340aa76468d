from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "places"
    verbose_name = "Places and population"
    # What the public pages show: saving one of these makes cached public pages stale
    # (core/page_cache.py).
    public_page_models = ("Area", "AreaBoundary", "Postcode", "Audience")

    def ready(self) -> None:
        from core.extensions import MenuItem, staff_menu

        from . import hooks_recovery  # noqa: F401  (the worker's sweep, core/task_recovery.py)

        staff_menu.register(
            "reference-data",
            MenuItem(
                "Reference data",
                "reference:import_list",
                perm="places.import_reference_data",
                namespace="reference",
            ),
            order=870,
        )
