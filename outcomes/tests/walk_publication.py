"""The publication scheme's part of the URL walks (heard/tests/walks.py).

For the scoping walk, each of the walk's activities gets a ready bundle of the police whose
manifest and zip name the activity, so that a page or an answer that leaked another
organisation's bundle would show the activity's title.

For the redaction matrix, the matrix's activity is marked for the publication scheme and the
police analyst's bundle is made at once over the matrix's records. A bundle is published on the
force's website: none of its pages or API answers carries the planted values, for anyone (the
zip itself is compressed, so test_publication_bundle opens its files and checks them)."""

from collections.abc import Callable
from typing import Any

from django.utils import timezone

from outcomes.models import BundleState, PublicationBundle

Record = dict[str, Any]
Scene = dict[str, Any]


def _bundle(key: str, arg: str = "pk") -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda r: {arg: r[key].pk}


OBJECT_URLS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "publication:bundle_detail": _bundle("publication_bundle"),
    "publication:bundle_file": _bundle("publication_bundle"),
    "api:get_publication_bundle": _bundle("publication_bundle", "bundle_id"),
    "api:get_publication_bundle_zip": _bundle("publication_bundle", "bundle_id"),
}

COLLECTION_URLS: dict[str, dict[str, Any]] = {
    "publication:bundle_list": {},
    "api:list_publication_bundles": {},
    "api:create_publication_bundle": {},
}


def add_records(record: Record, *, police: Any, outsider: Any) -> None:
    """A ready bundle of the police whose manifest and zip name the walk's activity."""
    title = record["activity"].title
    today = timezone.localdate()
    record["publication_bundle"] = PublicationBundle.objects.create(
        start=today,
        end=today,
        organisation=police,
        state=BundleState.DONE,
        progress=100,
        filename=f"{title}.zip",
        manifest={"name": title, "files": [{"name": f"{title}.csv", "sha256": "0" * 64, "size": 1}]},
        content=title.encode(),
    )


# The redaction matrix

OTHER_GETS: dict[str, Callable[[Scene], dict[str, Any]]] = {
    "publication:bundle_list": lambda s: {},
    "publication:bundle_detail": _bundle("matrix_bundle"),
    "publication:bundle_file": _bundle("matrix_bundle"),
    "api:list_publication_bundles": lambda s: {},
    "api:get_publication_bundle": _bundle("matrix_bundle", "bundle_id"),
    "api:get_publication_bundle_zip": _bundle("matrix_bundle", "bundle_id"),
}

NO_TEXT: dict[str, str] = {
    "api:create_publication_bundle": "returns the bundle's id, state and progress",
}


def add_matrix_records(scene: Scene) -> None:
    """The police analyst's bundle of the last twelve months, made at once."""
    from engagement.models import Activity
    from outcomes.publication_making import publication_bundle_execute
    from outcomes.publication_services import publication_bundle_request

    Activity.private_objects.filter(pk=scene["activity"].pk).update(publication_scheme=True)
    today = timezone.localdate()
    bundle = publication_bundle_request(
        user=scene["analyst"], start=today.replace(year=today.year - 1), end=today
    )
    scene["matrix_bundle"] = publication_bundle_execute(bundle_id=bundle.pk, heartbeat=False)
    assert scene["matrix_bundle"].state == BundleState.DONE, scene["matrix_bundle"].error
