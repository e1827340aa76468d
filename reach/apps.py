from django.apps import AppConfig


class ReachConfig(AppConfig):
    """Who we heard and who we missed: participants against the population, weighted results,
    coverage, community contacts, coordination between partners and the partnership audit."""

    name = "reach"
    verbose_name = "Reach and coordination"
    # What the public pages show: saving one of these makes cached public pages stale
    # (core/page_cache.py).
    public_page_models: tuple[str, ...] = ()

    def ready(self) -> None:
        from core.apps_hooks import load_hooks

        load_hooks(self.name)
