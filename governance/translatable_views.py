"""The four staff pages of any translatable item, made once: "Translations" (how far each
language has got), one language's form with the English beside each box, "Send for translation"
(download a file for a translator, upload it back) and its download.

An app gives `item_pages` how to find its item for the signed-in user, with the permission
checked (a `TranslatableItem`), and routes the four views it returns. The page work is
governance/content_translation_views.py's and core/translation_views.py's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from core import translation_views
from core.content_languages import LANGUAGE_NAMES

from . import content_translation_views as pages
from .translatable import TranslatableItem, translation_file_export, translation_file_import
from .translatable_words import kind_sentences

# (user, the URL's key) -> the item, or Http404 / PermissionDenied
ItemGetter = Callable[[Any, Any], TranslatableItem]
View = Callable[..., HttpResponse]


def item_urls(item: TranslatableItem) -> dict[str, Any]:
    """The item's URLs and what the pages' templates say of it."""

    def url(suffix: str) -> str:
        return reverse(f"{item.url_name}_{suffix}", args=[item.url_key])

    return {
        **item.context,
        "breadcrumbs": item.breadcrumbs,
        "caption": item.caption,
        "kind": item.kind,
        "kind_sentences": kind_sentences(item.kind),
        "pk": item.url_key,
        "note": item.note,
        "back_url": item.back_url,
        "summary_url": url("translations"),
        "language_url_name": f"{item.url_name}_translate",
        "files_url": url("translator_files"),
        "download_url": url("translator_file"),
        "upload_url": url("translator_files"),
    }


def _label(item: TranslatableItem) -> pages.Labeller:
    labels = {(type(t.obj), t.obj.pk, t.field): t.label for t in item.all_texts()}
    return lambda record, field: labels.get((type(record), record.pk, field), field)


def _files_page(
    request: HttpRequest, item: TranslatableItem, *, status: int = 200, **extra: Any
) -> HttpResponse:
    context = {**item_urls(item), "progress": translation_views.progress(item.all_texts()), **extra}
    return translation_views.page(request, context, status=status)


@dataclass(frozen=True)
class ItemPages:
    translations: View
    translate: View
    translator_files: View
    translator_file: View


def item_pages(get: ItemGetter) -> ItemPages:
    """The four views of the items `get` finds; each URL names the item by one keyword
    argument (`pk`, or `code` for an area), the language page adds `language`."""

    def _item(request: HttpRequest, kwargs: dict[str, Any]) -> TranslatableItem:
        kwargs.pop("language", None)
        (key,) = kwargs.values()
        return get(request.user, key)

    @login_required
    @require_GET
    def translations(request: HttpRequest, **kwargs: Any) -> HttpResponse:
        item = _item(request, kwargs)
        available = [LANGUAGE_NAMES[code] for code in item.languages()]
        return pages.summary_page(
            request, records=item.records(), context={**item_urls(item), "available": available}
        )

    @login_required
    @require_http_methods(["GET", "POST"])
    def translate(request: HttpRequest, **kwargs: Any) -> HttpResponse:
        language = kwargs["language"]
        item = _item(request, kwargs)
        context = item_urls(item)
        return pages.language_page(
            request,
            language=language,
            records=item.records(),
            owner=item.obj,
            label=_label(item),
            done_url=context["summary_url"],
            context=context,
        )

    @csrf_exempt  # only so that the size limit is in place before the body is read: upload() checks CSRF
    @login_required
    @require_http_methods(["GET", "POST"])
    def translator_files(request: HttpRequest, **kwargs: Any) -> HttpResponse:
        item = _item(request, kwargs)
        if request.method != "POST":
            return _files_page(request, item)
        result = translation_views.upload(
            request,
            lambda language, data, name, allow_missing: translation_file_import(
                user=request.user,
                item=item,
                language=language,
                data=data,
                file_name=name,
                allow_missing=allow_missing,
            ),
            done=item_urls(item)["files_url"],
        )
        if isinstance(result, HttpResponse):
            return result
        form, problems = result
        return _files_page(request, item, form=form, problems=problems, status=400)

    @login_required
    @require_GET
    def translator_file(request: HttpRequest, **kwargs: Any) -> HttpResponse:
        item = _item(request, kwargs)
        made = translation_views.download(
            request,
            lambda language, file_format: translation_file_export(
                user=request.user, item=item, language=language, file_format=file_format
            ),
        )
        if made is not None:
            return made
        return _files_page(
            request, item, download_form=translation_views.DownloadForm(request.GET), status=400
        )

    return ItemPages(translations, translate, translator_files, translator_file)
