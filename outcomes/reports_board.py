"""The board view: the key numbers and charts of the year so far for authority members and
partnership boards — activities by purpose, people reached against target, representation gaps,
themes, actions by RAG, feedback published, evaluation and National Standards scores, report
cards — each linking to the page behind it when the reader may open that page.

The figures are the annual report's (reports_annual.py) for the year up to today, under the same
publication rules, since what a board sees is often tabled in public; the links follow the
reader's own permissions."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext

from core.permissions import require
from organisations.models import Partnership, User
from places.models import Area

from .reports_annual import annual_data
from .reports_doc import Block, bars
from .reports_scope import year_period

THEMES_SHOWN = 5


@dataclass(frozen=True)
class Tile:
    key: str
    title: str
    number: str
    words: str
    link: str = ""
    link_text: str = ""
    chart: Block | None = None
    items: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Board:
    year: int
    area: Area | None
    as_at: date
    tiles: list[Tile]
    cards: list[dict[str, Any]]
    data: dict[str, Any]

    def as_json(self) -> dict[str, Any]:
        """The board's numbers for the API: the figures, and where each tile leads."""
        return {
            "year": self.year,
            "area": self.area.code if self.area else None,
            "as_at": self.as_at.isoformat(),
            "suppressed_below": self.data.get("suppressed_below"),
            "tiles": [
                {
                    "key": t.key,
                    "title": t.title,
                    "number": t.number,
                    "words": t.words,
                    "link": t.link,
                    "items": t.items,
                }
                for t in self.tiles
            ],
            "figures": {k: v for k, v in self.data.items() if k not in ("you_said_we_did", "period")},
        }


def _url(
    user: User, perm: str, name: str, *, obj: Any = None, query: dict[str, str] | None = None, **kwargs: Any
) -> str:
    """The page behind a tile, if the reader may open it (else "")."""
    if not user.has_perm(perm, obj):
        return ""
    try:
        url = reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return ""
    return url + (f"?{urlencode(query)}" if query else "")


def _series(rows: list[list[Any]]) -> tuple[list[str], list[list[float | None]]]:
    return [r[0] for r in rows], [[float(r[1]) for r in rows]]


def _tiles(user: User, data: dict[str, Any], area: Area | None) -> list[Tile]:
    period = data["period"]
    where = {"area": area.code} if area else {}
    reach_query = {**where, "since": period["start"], "until": period["last"]} if area else {}
    activities, people = data["activities"], data["people"]
    evaluation, loop = data["evaluation"], data["loop"]
    gaps = data["reach"]["under"]
    themes = data["themes"][:THEMES_SHOWN]
    scored = [r for r in data["standards"]["rows"] if r["average"] is not None]
    return [
        Tile(
            "activities",
            gettext("Activities in %(year)s") % {"year": data["year"]},
            f"{activities['total']:,}",
            gettext("engagement activities held, by purpose"),
            _url(user, "engagement.view_activity", "engagement:activity_list"),
            gettext("See the activities"),
            bars(gettext("Activities by purpose"), *_series(activities["by_purpose"])),
        ),
        Tile(
            "people",
            gettext("People reached"),
            f"{people['reached']:,}",
            gettext("%(target_met)s of %(with_target)s evaluated activities with a target met it")
            % {"target_met": evaluation["target_met"], "with_target": evaluation["with_target"]},
            _url(user, "outcomes.view_evaluation_overview", "evaluation:overview"),
            gettext("See the evaluations"),
        ),
        Tile(
            "gaps",
            gettext("Representation gaps"),
            f"{len(gaps):,}",
            gettext("groups under-represented against the Census"),
            _url(user, "reach.view_reach", "reach:reach", query=reach_query),
            gettext("See who took part"),
            items=gaps,
        ),
        Tile(
            "themes",
            gettext("Main themes"),
            f"{len(data['themes']):,}",
            gettext("themes of what people wrote"),
            _url(user, "outcomes.view_loop", "outcomes:finding_list"),
            gettext("See the findings"),
            items=[f"{t['label']} ({t['answers']:,} answers)" for t in themes],
        ),
        Tile(
            "actions",
            gettext("Actions"),
            f"{loop['actions']:,}",
            gettext("actions from this year's decisions, by RAG status"),
            _url(user, "outcomes.view_loop", "outcomes:action_list"),
            gettext("See the actions"),
            bars(gettext("Actions by RAG status"), *_series(loop["actions_by_rag"])),
        ),
        Tile(
            "feedback",
            gettext("Feedback published"),
            f"{data['you_said_we_did']['published']:,}",
            gettext("“You said, we did” statements published"),
            _url(user, "outcomes.view_loop", "outcomes:feedback_list"),
            gettext("See the feedback"),
        ),
        Tile(
            "evaluation",
            gettext("Evaluations"),
            f"{evaluation['complete']:,}",
            gettext("activities evaluated against their aims"),
            _url(user, "outcomes.view_evaluation_overview", "evaluation:overview"),
            gettext("See the evaluations"),
            bars(gettext("Aims"), *_series(evaluation["aims"])),
        ),
        Tile(
            "standards",
            gettext("National Standards"),
            f"{data['standards']['assessments']:,}",
            gettext("activities scored against the National Standards, average score out of 4"),
            _url(user, "outcomes.view_evaluation_overview", "evaluation:overview"),
            gettext("See the standards"),
            bars(
                gettext("Average score"),
                [r["standard"] for r in scored],
                [[float(r["average"]) for r in scored]],
            )
            if scored
            else None,
        ),
    ]


def _cards(user: User, data: dict[str, Any]) -> list[dict[str, Any]]:
    cards = []
    for card in data["report_cards"]:
        partnership = Partnership.objects.filter(pk=card["partnership_id"]).first()
        link = _url(
            user,
            "outcomes.view_report_card",
            "measures:report_card",
            obj=partnership,
            pk=card["partnership_id"],
        )
        measures = [
            {
                "name": m["name"],
                "latest": f"{m['values'][-1]['text']} ({m['values'][-1]['label']})"
                if m["values"]
                else gettext("No figures yet"),
                "against_target": m["against_target"],
            }
            for m in card["measures"]
        ]
        cards.append({"partnership": card["partnership"], "link": link, "measures": measures})
    return cards


def board(
    *, user: User, year: int | None = None, area: Area | None = None, today: date | None = None
) -> Board:
    """The board of `year` (this year unless given) in `area`, as the reader may see it."""
    require(user, "outcomes.view_board")
    today = today or timezone.localdate()
    period = year_period(year=year or today.year, area=area, today=today)
    data = annual_data(user=user, period=period, feedback_items=False)
    data["period"]["last"] = period.last.isoformat()
    return Board(
        year=period.start.year,
        area=area,
        as_at=period.as_at,
        tiles=_tiles(user, data, area),
        cards=_cards(user, data),
        data=data,
    )
