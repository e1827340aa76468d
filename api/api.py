"""The Heard HTTP API. Schema at /api/openapi.json, interactive docs at /api/docs."""

import copy
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import get_language
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.openapi.schema import OpenAPISchema

from core.lifecycle import TransitionConflict

from .auth import AUTH
from .parser import PARSE_PROBLEM, HeardParser


class HeardAPI(NinjaAPI):
    """Ninja's API with its OpenAPI schema built once per process, path prefix and language: the
    routes never change while Heard runs, and building the schema of some 300 operations took
    about a second on every request for /api/openapi.json."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._schemas: dict[tuple[str, str | None], OpenAPISchema] = {}

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        key = (path_prefix, get_language())
        if key not in self._schemas:
            self._schemas[key] = super().get_openapi_schema(path_prefix=path_prefix)
        return copy.deepcopy(self._schemas[key])  # a caller may change its copy


api = HeardAPI(
    title="Heard API",
    version="1",
    description="Community engagement register. Authenticate with a session or `Authorization: Bearer <token>`.",
    auth=AUTH,
    urls_namespace="api",
    parser=HeardParser(),
)


def _messages(exc: ValidationError) -> dict[str, list[str]] | list[str]:
    if hasattr(exc, "error_dict"):
        return {field: [str(m) for e in errs for m in e.messages] for field, errs in exc.error_dict.items()}
    return list(exc.messages)


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": "Invalid input.", "errors": _messages(exc)}, status=422)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "Not allowed."}, status=403)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": "Sign in or send a bearer token."}, status=401)


@api.exception_handler(TransitionConflict)
def on_conflict(request: HttpRequest, exc: TransitionConflict) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message, "state": exc.current}, status=409)


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """Ninja's own refusals; a body the parser could not read says why."""
    detail = getattr(request, PARSE_PROBLEM, "") or str(exc)
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


@api.exception_handler(MultiPartParserError)
def on_bad_upload(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
    """An upload Django refuses to read (such as a file name of thousands of characters)."""
    return api.create_response(
        request,
        {"detail": "The upload could not be read: rename the file with a shorter name and send it again."},
        status=400,
    )


@api.exception_handler(NinjaValidationError)
def on_schema_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": "Invalid input.", "errors": exc.errors}, status=422)


api.add_router("/", "api.activities.router")
api.add_router("/", "api.organisations.router")
api.add_router("/", "api.places.router")
api.add_router("/", "api.reference_imports.router")
api.add_router("/", "api.consultations.router")
api.add_router("/", "api.capture.router")
api.add_router("/", "api.response_imports.router")
api.add_router("/", "api.translator_files.router")
api.add_router("/", "api.content_translations.router")
api.add_router("/", "api.insight.router")
api.add_router("/", "api.priorities.router")
api.add_router("/", "api.codes.router")
api.add_router("/", "api.reach.router")
api.add_router("/", "api.contacts.router")
api.add_router("/", "api.agreements.router")
api.add_router("/", "api.coordination.router")
api.add_router("/", "api.audit.router")
api.add_router("/", "api.audit_log.router")
api.add_router("/", "api.exports.router")
api.add_router("/", "api.outcomes.router")
api.add_router("/", "api.evaluation.router")
api.add_router("/", "api.measures.router")
api.add_router("/", "api.reports.router")
api.add_router("/", "api.publication.router")
api.add_router("/", "api.tokens.router")
api.add_router("/", "api.two_factor.router")
api.add_router("/", "api.retention.router")
api.add_router("/", "api.subject_requests.router")
