"""Choosing records by id in a form: a value that cannot be an id is a form error."""

import pytest

from core.forms import RecordChoiceField, RecordMultipleChoiceField
from places.models import Area
from places.tests.factories import AreaFactory


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["abc", "-1", "99999999999999999999999", "1.5"])
def test_odd_ids_are_invalid_choices(value):
    area = AreaFactory()
    one = RecordChoiceField(queryset=Area.objects.all())
    many = RecordMultipleChoiceField(queryset=Area.objects.all())
    assert one.clean(str(area.pk)) == area
    assert list(many.clean([str(area.pk)])) == [area]
    for field, given in ((one, value), (many, [str(area.pk), value])):
        with pytest.raises(Exception) as error:
            field.clean(given)
        assert error.type.__name__ == "ValidationError"
