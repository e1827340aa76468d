"""What the pages and the API show of reference-data imports, through one door: only to the
people who may manage reference data (places/rules.py), and with imports whose worker died
marked failed first, so that nobody watches a dead import."""

from typing import Any

from django.core.exceptions import PermissionDenied

from core.shortcuts import get_visible_or_404

from .import_running import reference_imports_fail_stale
from .models import ReferenceImport

RECENT = 50


def _require(user: Any) -> None:
    if not user.has_perm("places.import_reference_data"):
        raise PermissionDenied


def reference_imports_list(*, user: Any, limit: int = RECENT) -> list[ReferenceImport]:
    """The latest imports, newest first (PermissionDenied for anyone else)."""
    _require(user)
    reference_imports_fail_stale()
    return list(ReferenceImport.objects.visible_to(user).select_related("requested_by")[:limit])


def reference_import_get(*, user: Any, pk: Any) -> ReferenceImport:
    """One import (PermissionDenied for anyone else; 404 when there is no such import)."""
    _require(user)
    reference_imports_fail_stale()
    return get_visible_or_404(ReferenceImport.objects.select_related("requested_by"), user, pk)
