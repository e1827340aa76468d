"""Imports of ONS data into the area tree: Census tables, lookups, boundaries, postcodes.

Every import runs in one transaction (a bad row anywhere leaves the database as it was),
is idempotent (a re-run reports nothing created or updated), is recorded in the audit log
as the system or the given actor, and reports failures as ImportFailed with a message that
names the file, the line and the problem. The management commands are thin wrappers, so the
demo loader and the tests call these functions directly.

One module per import, all re-exported here (`from places.importers import census_import`):

- `population`: census_import, Census 2021 tables into population counts
- `lookups`: lookup_import, ONS lookups into the area tree (parents and MSOAs)
- `boundaries`: boundaries_import, GeoJSON boundaries
- `postcodes`: postcodes_import and normalise_postcode
- `_common`: what they share (ImportSummary, ImportFailed, LEVEL_RANK, chunking, progress
  bars, area creation, the audit record)
"""

from ._common import CHUNK, LEVEL_RANK, ImportFailed, ImportSummary, OnProgress
from .boundaries import boundaries_import
from .lookups import lookup_import
from .population import census_import
from .postcodes import POSTCODE_RE, normalise_postcode, postcodes_import

__all__ = [
    "CHUNK",
    "LEVEL_RANK",
    "POSTCODE_RE",
    "ImportFailed",
    "ImportSummary",
    "OnProgress",
    "boundaries_import",
    "census_import",
    "lookup_import",
    "normalise_postcode",
    "postcodes_import",
]
