"""For running the URL walks with --nomigrations, when the reference rows the data migrations
seed (methods, audiences, the National Standards) are not there:

    .venv/bin/pytest heard/tests/test_url_scoping.py heard/tests/test_redaction_matrix.py \
        --nomigrations -p outcomes.tests.evaluation_plugin
"""

import pytest


@pytest.fixture(autouse=True)
def _evaluation_reference_rows(request):
    if "db" in request.fixturenames or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("db")
        from .evaluation_fixtures import load_reference_rows

        load_reference_rows()
