"""The bandit baseline (`make security`) is a list of reviewed findings: each says why it is
safe, and names a file that still exists (a stale entry would hide a new finding there)."""

import json
from pathlib import Path

from django.conf import settings

BASELINE = Path(settings.BASE_DIR) / "bandit-baseline.json"


def test_every_accepted_finding_says_why_and_is_still_there():
    results = json.loads(BASELINE.read_text(encoding="utf-8"))["results"]
    assert results
    for entry in results:
        assert len(entry["reason"]) > 40, entry["filename"]
        assert entry["issue_severity"] in {"MEDIUM", "HIGH"}
        assert (Path(settings.BASE_DIR) / entry["filename"]).is_file(), entry["filename"]
