"""Places and who lives there."""

from django.db import models
from django.utils.translation import gettext_lazy


class AreaLevel(models.TextChoices):
    COUNTRY = "country", "Country"
    REGION = "region", "Region"
    FORCE = "force", "Force / pan-county"
    DISTRICT = "district", "District (local authority / CSP)"
    NEIGHBOURHOOD = "neighbourhood", "Neighbourhood (ward)"
    MSOA = "msoa", "Middle layer super output area"
    LSOA = "lsoa", "Lower layer super output area"


class AreaQuerySet(models.QuerySet["Area"]):
    def within(self, area: "Area") -> "AreaQuerySet":
        """The area and everything below it in the tree."""
        return self.filter(path__startswith=area.path)

    def neighbourhoods(self) -> "AreaQuerySet":
        return self.filter(level=AreaLevel.NEIGHBOURHOOD)

    def engagement_levels(self) -> "AreaQuerySet":
        """Areas people plan engagement for (not the statistical LSOA/MSOA units)."""
        return self.filter(level__in=[AreaLevel.FORCE, AreaLevel.DISTRICT, AreaLevel.NEIGHBOURHOOD])


class Area(models.Model):
    """A place with a real ONS code. `parent` builds the tree; `path` (codes from the root,
    each followed by '/') is kept in step by `area_set_parent` so that "this area and its
    children" is one indexed prefix query."""

    code = models.CharField(max_length=12, unique=True)
    name = models.CharField(max_length=200)
    level = models.CharField(max_length=20, choices=AreaLevel.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    msoa = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lsoas",
        help_text=gettext_lazy("For an LSOA: the MSOA it sits in (MSOAs do not nest in wards)."),
    )
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        if not self.path:
            self.path = (self.parent.path if self.parent else "") + f"{self.code}/"
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def tree_label(self) -> str:
        """The name indented by depth, for pick-lists ordered by `path`."""
        return "— " * (self.path.count("/") - 1) + self.name


class AreaBoundary(models.Model):
    """An area's boundary, in a table of its own. A district's GeoJSON runs to hundreds of
    kilobytes and only maps and the boundary import need it: kept on `Area`, every pick-list and
    every join to an area (a response's neighbourhood, a ward's district) decoded it."""

    area = models.OneToOneField(Area, primary_key=True, on_delete=models.CASCADE, related_name="boundary")
    geometry = models.JSONField(help_text=gettext_lazy("GeoJSON geometry (WGS84)."))

    class Meta:
        verbose_name_plural = "area boundaries"

    def __str__(self) -> str:
        return f"Boundary of {self.area_id}"


class Dimension(models.TextChoices):
    """Equality-monitoring dimensions a population profile can hold."""

    AGE = "age", "Age"
    SEX = "sex", "Sex"
    ETHNICITY = "ethnicity", "Ethnic group"
    ETHNICITY_DETAILED = "ethnicity_detailed", "Ethnic group (detailed)"
    RELIGION = "religion", "Religion or belief"
    DISABILITY = "disability", "Disability"
    SEXUAL_ORIENTATION = "sexual_orientation", "Sexual orientation"
    GENDER_IDENTITY = "gender_identity", "Gender identity"


class PopulationCount(models.Model):
    """Census count of people in one category of one dimension for one area."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="population_counts")
    dimension = models.CharField(max_length=30, choices=Dimension.choices)
    category = models.CharField(max_length=120)
    count = models.PositiveIntegerField()
    source = models.CharField(max_length=200, blank=True, help_text=gettext_lazy("File the count came from."))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["area", "dimension", "category"], name="population_count_unique")
        ]
        ordering = ["area", "dimension", "id"]

    def __str__(self) -> str:
        return f"{self.area.code} {self.dimension} {self.category}: {self.count}"


class Postcode(models.Model):
    """A postcode and the LSOA it lies in; the neighbourhood is the LSOA's ward."""

    postcode = models.CharField(max_length=8, unique=True, help_text=gettext_lazy("Upper case, one space."))
    lsoa = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="postcodes")
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    def __str__(self) -> str:
        return self.postcode


class AudienceKind(models.TextChoices):
    """Seed 002: communities of place, interest, identity or experience."""

    PLACE = "place", "Place"
    INTEREST = "interest", "Interest"
    IDENTITY = "identity", "Identity"
    EXPERIENCE = "experience", "Experience"


class Audience(models.Model):
    """A community engagement can aim at, linked to Census categories where one applies,
    so that reach can later be measured against the population."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=AudienceKind.choices)
    description = models.TextField(blank=True)
    dimension = models.CharField(max_length=30, choices=Dimension.choices, blank=True)
    categories = models.JSONField(
        default=list,
        blank=True,
        help_text=gettext_lazy("Census categories of `dimension` this audience covers."),
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.categories and not self.dimension:
            raise ValidationError({"dimension": "Say which dimension the categories belong to."})
        if not isinstance(self.categories, list) or not all(isinstance(c, str) for c in self.categories):
            raise ValidationError({"categories": "Give a list of category names."})


# Reference-data imports started from the web (places/import_models.py).
from .import_models import ReferenceImport as ReferenceImport  # noqa: E402
from .import_models import ReferenceImportState as ReferenceImportState  # noqa: E402
from .import_models import ReferenceKind as ReferenceKind  # noqa: E402
