from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "HTTP API"

    def ready(self) -> None:
        from core.extensions import MenuItem, staff_menu

        staff_menu.register("api-docs", MenuItem("API docs", "api:openapi-view"), order=900)
