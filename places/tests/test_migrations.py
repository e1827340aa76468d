"""The move of boundaries into their own table (places 0003–0005) keeps every boundary, both ways."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("places", "0002_audiences")]
AFTER = [("places", "0005_remove_area_old_boundary")]
SQUARE = {"type": "Polygon", "coordinates": [[[-2.3, 53.4], [-2.2, 53.4], [-2.2, 53.5], [-2.3, 53.4]]]}


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_boundaries_move_to_their_own_table_and_back():
    try:
        old = migrate(BEFORE)
        Area = old.get_model("places", "Area")
        Area.objects.create(
            code="E05000819", name="Altrincham", level="neighbourhood", path="E05000819/", boundary=SQUARE
        )
        Area.objects.create(code="E05000820", name="Ashton", level="neighbourhood", path="E05000820/")

        new = migrate(AFTER)
        boundaries = new.get_model("places", "AreaBoundary").objects.all()
        assert [(b.area.code, b.geometry) for b in boundaries] == [("E05000819", SQUARE)]

        old = migrate(BEFORE)
        moved_back = dict(old.get_model("places", "Area").objects.values_list("code", "boundary"))
        assert moved_back == {"E05000819": SQUARE, "E05000820": None}
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
