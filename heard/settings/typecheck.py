"""Settings for the type checker (pyproject.toml [tool.django-stubs]): the test settings with the
models read as declared. django-stubs cannot follow the managers modeltranslation swaps in when it
registers the translated fields, so the registrations are left out here, and only here."""

from .test import *  # noqa: F403

MODELTRANSLATION_ENABLE_REGISTRATIONS = False
