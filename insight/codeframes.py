"""Each organisation's policing codeframe: reading its newest version, changing it (every change
is a new version) and exporting any version as JSON or CSV.

Until an organisation changes it, its codeframe is the one shipped with Heard
(`heard_text/data/policing_codeframe.json`), shown as version 1; the first change stores that
version and the changed one after it."""

import json
import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext

from core.permissions import require
from governance.exports import to_csv
from governance.models import AuditAction
from governance.services import audit_record
from organisations.models import User

from . import text
from .coding_models import POLICE_UK_CATEGORIES, CodeframeVersion

MAX_KEYWORDS = 20
FIELDS = ("id", "label", "description", "examples", "keywords", "police_uk", "retired")
MAX_EXAMPLES = 30


def _clean_code(raw: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": str(raw.get("id") or ""),
        "label": str(raw.get("label") or ""),
        "description": str(raw.get("description") or ""),
        "examples": [str(e) for e in raw.get("examples") or []],
        "keywords": [str(k) for k in raw.get("keywords") or []],
        "police_uk": [str(c) for c in raw.get("police_uk") or []],
        "retired": bool(raw.get("retired")),
    }


def default_codes() -> list[dict[str, Any]]:
    return [_clean_code(theme) for theme in text.default_codeframe()["themes"]]


def codeframe_current(organisation_id: int) -> CodeframeVersion:
    """The organisation's newest version, or (unsaved) the shipped codeframe as version 1."""
    latest = CodeframeVersion.objects.filter(organisation_id=organisation_id).order_by("-number").first()
    if latest is not None:
        return latest
    return CodeframeVersion(organisation_id=organisation_id, number=1, codes=default_codes(), change="")


def codeframe_versions(organisation_id: int) -> list[CodeframeVersion]:
    versions = list(CodeframeVersion.objects.filter(organisation_id=organisation_id).order_by("-number"))
    return versions or [codeframe_current(organisation_id)]


def code_labels(organisation_id: int) -> dict[str, str]:
    """Every code's label, the retired ones too (answers coded earlier may carry them)."""
    return {code["id"]: code["label"] for code in codeframe_current(organisation_id).codes}


@dataclass(frozen=True)
class CodeInput:
    label: str
    description: str
    examples: list[str]
    police_uk: list[str]
    keywords: tuple[str, ...] = ()
    #: False: a change leaves the code's keywords as they are unless some are given (the API, where
    #: leaving them out keeps them); True: the keywords given replace them, none given clears them
    keywords_given: bool = False


def _slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")[:60] or "code"


def _check(data: CodeInput, codes: list[dict[str, Any]], own_id: str | None) -> None:
    errors: dict[str, str] = {}
    label = data.label.strip()
    if not label:
        errors["label"] = "Enter the code's name."
    elif len(label) > 100:
        errors["label"] = "The name must be 100 characters or fewer."
    elif any(c["label"].lower() == label.lower() and c["id"] != own_id for c in codes):
        errors["label"] = "Another code already has this name."
    if not data.description.strip():
        errors["description"] = "Say what the code covers: it helps code answers correctly."
    examples = [e for e in data.examples if e.strip()]
    if not examples:
        errors["examples"] = "Give at least one example answer, one a line."
    elif len(examples) > MAX_EXAMPLES:
        errors["examples"] = f"Give at most {MAX_EXAMPLES} examples."
    keywords = [k for k in data.keywords if k.strip()]
    if len(keywords) > MAX_KEYWORDS or any(len(k.strip()) > 60 for k in keywords):
        errors["keywords"] = gettext("Give at most %(most)d words that settle it, each under 60 letters.") % {
            "most": MAX_KEYWORDS
        }
    unknown = sorted(set(data.police_uk) - set(POLICE_UK_CATEGORIES))
    if unknown:
        errors["police_uk"] = f"Not a police.uk crime category: {', '.join(unknown)}."
    if errors:
        raise ValidationError(errors)


def _save(user: User, before: CodeframeVersion, codes: list[dict[str, Any]], change: str) -> CodeframeVersion:
    organisation_id = before.organisation_id
    with transaction.atomic():
        top = CodeframeVersion.objects.select_for_update().filter(organisation_id=organisation_id)
        number = top.aggregate(n=Max("number"))["n"]
        if number is None:  # the shipped codeframe becomes version 1
            CodeframeVersion.objects.create(
                organisation_id=organisation_id,
                number=1,
                codes=before.codes,
                change="The codeframe shipped with Heard",
            )
            number = 1
        elif number != before.number:
            raise ValidationError(
                gettext("Someone else changed the codeframe meanwhile: look at it again and repeat.")
            )
        version = CodeframeVersion(
            organisation_id=organisation_id,
            number=number + 1,
            codes=codes,
            change=change[:300],
            created_by=user,
        )
        version.full_clean()
        version.save()
        audit_record(actor=user, action=AuditAction.CREATE, obj=version, changes={"change": change})
    return version


def code_add(*, user: User, data: CodeInput) -> CodeframeVersion:
    """Add a code to the user's organisation's codeframe: a new version."""
    require(user, "insight.change_codeframe")
    current = codeframe_current(user.organisation_id or 0)
    _check(data, current.codes, None)
    ids = {c["id"] for c in current.codes}
    code_id, n = _slug(data.label), 2
    while code_id in ids:
        code_id, n = f"{_slug(data.label)[:55]}_{n}", n + 1
    code = _clean_code(
        {
            "id": code_id,
            "label": data.label.strip(),
            "description": data.description.strip(),
            "examples": [e.strip() for e in data.examples if e.strip()],
            "keywords": [k.strip().lower() for k in data.keywords if k.strip()],
            "police_uk": sorted(set(data.police_uk)),
        }
    )
    return _save(user, current, [*current.codes, code], f"Added “{code['label']}”")


def _find(current: CodeframeVersion, code_id: str) -> dict[str, Any]:
    for code in current.codes:
        if code["id"] == code_id:
            return code
    raise ValidationError({"code": gettext("No such code in your organisation's codeframe.")})


def code_change(*, user: User, code_id: str, data: CodeInput) -> CodeframeVersion:
    """Change a code's name, description, examples or police.uk categories: a new version. Its
    id stays, so answers coded with it keep it."""
    require(user, "insight.change_codeframe")
    current = codeframe_current(user.organisation_id or 0)
    old = _find(current, code_id)
    _check(data, current.codes, code_id)
    new = old | {
        "label": data.label.strip(),
        "description": data.description.strip(),
        "examples": [e.strip() for e in data.examples if e.strip()],
        "police_uk": sorted(set(data.police_uk)),
    }
    if data.keywords or data.keywords_given:
        new["keywords"] = [k.strip().lower() for k in data.keywords if k.strip()]
    if new == old:
        return current
    codes = [new if c["id"] == code_id else c for c in current.codes]
    return _save(user, current, codes, f"Changed “{new['label']}”")


def code_retire(*, user: User, code_id: str, retired: bool = True) -> CodeframeVersion:
    """Stop (or start again) giving a code to answers. Answers coded with it keep it, so that
    past figures stay as they were."""
    require(user, "insight.change_codeframe")
    current = codeframe_current(user.organisation_id or 0)
    old = _find(current, code_id)
    if bool(old.get("retired")) == retired:
        return current
    if retired and len(current.active_codes) <= 1:
        raise ValidationError({"code": gettext("A codeframe needs at least one code in use.")})
    codes = [c | {"retired": retired} if c["id"] == code_id else c for c in current.codes]
    word = "Retired" if retired else "Brought back"
    return _save(user, current, codes, f"{word} “{old['label']}”")


def codeframe_json(version: CodeframeVersion) -> str:
    """The version in the format `heard-text assign --codeframe` reads."""
    data = {
        "name": "Policing codeframe",
        "version": str(version.number),
        "language": "en-GB",
        "themes": [_clean_code(code) for code in version.codes],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def codeframe_csv(version: CodeframeVersion) -> bytes:
    """One row per code; lists are joined with " | " (cells made safe for spreadsheets)."""
    headers = ["id", "label", "description", "examples", "keywords", "police_uk", "retired", "version"]
    rows = []
    for code in version.codes:
        c = _clean_code(code)
        rows.append(
            [
                c["id"],
                c["label"],
                c["description"],
                " | ".join(c["examples"]),
                " | ".join(c["keywords"]),
                " | ".join(c["police_uk"]),
                "yes" if c["retired"] else "no",
                version.number,
            ]
        )
    return to_csv(headers, rows)


def police_uk_map(version: CodeframeVersion) -> list[tuple[str, str, list[str]]]:
    """Each police.uk crime category, its name and the labels of the codes in use mapped onto it."""
    return [
        (slug, name, [c["label"] for c in version.active_codes if slug in c.get("police_uk", [])])
        for slug, name in POLICE_UK_CATEGORIES.items()
    ]
