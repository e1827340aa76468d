"""Load the demo places: Greater Manchester Police > the 10 GM districts > Trafford's wards and
LSOAs (and MSOAs), with Census 2021 profiles, boundaries and postcodes, all from the real
ONS data in `demo_data/trafford/`. Safe to run again: every step is idempotent."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from .importers import (
    ImportSummary,
    boundaries_import,
    census_import,
    lookup_import,
    postcodes_import,
)
from .models import AreaLevel
from .services import area_get_or_create

DEMO_DATA = Path(settings.BASE_DIR) / "demo_data" / "trafford"
FORCE_CODE = "E23000005"  # ONS police force area code for Greater Manchester
FORCE_NAME = "Greater Manchester Police"


@transaction.atomic
def places_demo_load(
    *, data_dir: Path = DEMO_DATA, progress: bool = False, actor: Any = None
) -> list[ImportSummary]:
    """Import everything the demo needs, in the order the tree needs it."""
    boundaries = data_dir / "boundaries"
    summaries = [census_import(paths=[data_dir / "census2021"], progress=progress, actor=actor)]
    area_get_or_create(code=FORCE_CODE, name=FORCE_NAME, level=AreaLevel.FORCE)
    summaries.append(
        lookup_import(
            path=boundaries / "lsoa_to_ward_best-fit_lookup.csv",
            parent_code=FORCE_CODE,
            existing_only=True,
            progress=progress,
            actor=actor,
        )
    )
    for name in (
        "gm_local_authority_generalised.geojson",
        "trafford_ward_generalised.geojson",
        "trafford_msoa_generalised.geojson",
        "trafford_lsoa_generalised.geojson",
    ):
        summaries.append(boundaries_import(path=boundaries / name, progress=progress, actor=actor))
    summaries.append(
        postcodes_import(path=boundaries / "trafford_postcodes.csv", progress=progress, actor=actor)
    )
    return summaries
