"""The words of the "Broader or finer themes" control of the analysis page (its view is
`insight.views.run_level`)."""

from django.utils.translation import gettext, gettext_lazy, ngettext

from .granularity import LevelChange
from .models import AnalysisRun

# The names of heard_text.granularity.LEVEL_NAMES, as the page shows them.
LEVEL_LABELS = (
    gettext_lazy("Much broader"),
    gettext_lazy("Broader"),
    gettext_lazy("As found"),
    gettext_lazy("Finer"),
    gettext_lazy("Much finer"),
)


def level_choices(run: AnalysisRun) -> list[tuple[int, str, bool]]:
    """(level, name, chosen) for the control; none for a run without stored levels."""
    if run.level is None:
        return []
    return [(level, str(label), level == run.level) for level, label in enumerate(LEVEL_LABELS)]


def level_message(change: LevelChange) -> str:
    """What the page says once the level has changed."""
    run = change.run
    count = run.themes.count()
    out = ngettext(
        "Themes are now “%(level)s”: %(count)s theme.", "Themes are now “%(level)s”: %(count)s themes.", count
    ) % {"level": LEVEL_LABELS[run.level or 0], "count": count}
    if change.set_aside:
        out += " " + gettext(
            "Names you gave that fit no theme here come back when you return: %(names)s."
        ) % {"names": ", ".join(f"“{n}”" for n in change.set_aside)}
    if change.lost:
        out += " " + gettext("These names you gave fit no group of answers and were not kept: %(names)s.") % {
            "names": ", ".join(f"“{n}”" for n in change.lost)
        }
    return out
