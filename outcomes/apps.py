from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    """What was decided and done about what people said, telling them ("You said, we did"),
    evaluation, measures, the strategy action plan and the reports."""

    name = "outcomes"
    verbose_name = "Outcomes"
    # What the public pages show: saving one of these makes cached public pages stale
    # (core/page_cache.py).
    public_page_models: tuple[str, ...] = ("Finding", "Decision", "DecisionFactor", "Action", "Feedback")

    def ready(self) -> None:
        from core.apps_hooks import load_hooks

        load_hooks(self.name)
