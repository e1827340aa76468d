"""Reading ONS "tidy long" Census 2021 CSVs into monitoring-form categories.

Pure Python, no Django: the same code serves the importer, the tests and anyone scripting an
import. A tidy-long table has one row per area and category with the columns `area_code,
area_name, geography, period, indicator, measure, unit, value`, plus one category column
named after the table (`ethnic_group`, `religion`, `age`, ...) and sometimes `sex`. Some
tables (population by sex, 5-year age bands) have no category column and carry the
category in `indicator`.

Nothing is decided from a file's name: the category column is the one non-standard column,
the dimension comes from the category values, the level of each area from its `geography`
(or, when that column is missing, its ONS code), and a `sex` column is reduced to the
"All persons" rows.

Ages are binned into the bands the monitoring form asks for, whatever the source
granularity. A source band that straddles a target boundary (5-year "Aged 15 to 19 years"
against 0-15 / 16-24) is spread evenly over its single years; the fractional shares of all
an area's rows are added up exactly and rounded with the largest-remainder method, so each
area's band counts add up to exactly the sum of its source rows.

The package, re-exported here (`from places.census import read_census`):

- `categories`: the dimensions and categories, and what each published category counts towards
- `ages`: target age bands and spreading published age groups over them
- `geography`: area levels from a `geography` value or an ONS code
- `csvfile`: DataFileError and read_csv, shared with the lookup and postcode importers
- `reader`: read_census, which puts them together for one file
"""

from .ages import (
    DEFAULT_AGE_BANDS,
    AgeBand,
    age_shares,
    apportion,
    parse_age_band,
    parse_age_bands,
    parse_source_age,
)
from .categories import (
    AGE,
    ASIAN,
    BLACK,
    CATEGORIES,
    CATEGORY_ORDER,
    DISABILITIES,
    DISABILITY,
    ETHNIC_GROUPS,
    ETHNICITY,
    ETHNICITY_BROAD,
    ETHNICITY_DETAIL,
    ETHNICITY_DETAILED,
    GENDER_IDENTITIES,
    GENDER_IDENTITY,
    KNOWN_TABLES,
    MIXED,
    OTHER_ETHNIC,
    RELIGION,
    RELIGIONS,
    SEX,
    SEXES,
    SEXUAL_ORIENTATION,
    SEXUAL_ORIENTATIONS,
    WHITE,
    Mapping,
    is_total,
    label_key,
)
from .csvfile import DataFileError, read_csv
from .geography import (
    CODE_PREFIXES,
    COUNTRY,
    DISTRICT,
    FORCE,
    GEOGRAPHIES,
    LSOA,
    MSOA,
    NEIGHBOURHOOD,
    REGION,
    level_for_code,
    level_for_geography,
)
from .reader import (
    REQUIRED_COLUMNS,
    STANDARD_COLUMNS,
    CensusRow,
    CensusTable,
    census_rows,
    parse_count,
    read_census,
)

__all__ = [
    "AGE",
    "ASIAN",
    "BLACK",
    "CATEGORIES",
    "CATEGORY_ORDER",
    "CODE_PREFIXES",
    "COUNTRY",
    "DEFAULT_AGE_BANDS",
    "DISABILITIES",
    "DISABILITY",
    "DISTRICT",
    "ETHNICITY",
    "ETHNICITY_BROAD",
    "ETHNICITY_DETAIL",
    "ETHNICITY_DETAILED",
    "ETHNIC_GROUPS",
    "FORCE",
    "GENDER_IDENTITIES",
    "GENDER_IDENTITY",
    "GEOGRAPHIES",
    "KNOWN_TABLES",
    "LSOA",
    "MIXED",
    "MSOA",
    "NEIGHBOURHOOD",
    "OTHER_ETHNIC",
    "REGION",
    "RELIGION",
    "RELIGIONS",
    "REQUIRED_COLUMNS",
    "SEX",
    "SEXES",
    "SEXUAL_ORIENTATION",
    "SEXUAL_ORIENTATIONS",
    "STANDARD_COLUMNS",
    "WHITE",
    "AgeBand",
    "CensusRow",
    "CensusTable",
    "DataFileError",
    "Mapping",
    "age_shares",
    "apportion",
    "census_rows",
    "is_total",
    "label_key",
    "level_for_code",
    "level_for_geography",
    "parse_age_band",
    "parse_age_bands",
    "parse_count",
    "parse_source_age",
    "read_census",
    "read_csv",
]
