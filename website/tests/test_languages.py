"""The public site in every language (README "Languages"): the switcher works without
JavaScript and comes back to the same page, Accept-Language picks a language when no choice was
made, <html> carries the page's lang and dir, and the page cache keeps one copy per language."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from organisations.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME


def html_tag(response) -> str:
    return re.search(r"<html[^>]*>", response.content.decode())[0]


def test_the_switcher_names_each_language_in_its_own_language_and_links_back_here(client):
    html = client.get("/calendar/?when=past").content.decode()
    switcher = html.split('class="heard-language-select"', 1)[1].split("</nav>", 1)[0]
    for _code, name in settings.LANGUAGES:
        assert name in switcher
    assert '<span class="heard-language-select__current" aria-current="true" lang="en-gb"' in switcher
    link = re.search(r'href="([^"]*lang=cy[^"]*)"', switcher)[1].replace("&amp;", "&")
    assert link == "/language/?lang=cy&next=/calendar/%3Fwhen%3Dpast"
    assert 'hreflang="ur" lang="ur" dir="rtl">اردو</a>' in switcher
    assert "<script" not in switcher and "<form" not in switcher  # a plain link: no JavaScript, no token


@pytest.mark.parametrize("code", ["cy", "ur", "pa"])
def test_every_language_keeps_its_own_name_whatever_the_page_language(client, code):
    """An English reader on an Urdu page must still find "English"."""
    client.cookies[COOKIE] = code
    html = client.get("/").content.decode()
    switcher = html.split('class="heard-language-select"', 1)[1].split("</nav>", 1)[0]
    names = re.findall(r'lang="[^"]+" dir="(?:ltr|rtl)">([^<]+)<', switcher)
    assert names == [name for _, name in settings.LANGUAGES]


def test_choosing_a_language_sets_the_cookie_and_returns_to_the_same_page(client):
    response = client.get("/language/", {"lang": "cy", "next": "/calendar/?when=past"})
    assert response.status_code == 302
    assert response["Location"] == "/calendar/?when=past"
    cookie = response.cookies[COOKIE]
    assert cookie.value == "cy" and cookie["samesite"] == "Lax" and cookie["httponly"]
    page = client.get(response["Location"])
    assert 'lang="cy"' in html_tag(page)
    assert "Calendr" in page.content.decode() and "Neidio i’r prif gynnwys" in page.content.decode()
    # And back to English.
    client.get("/language/", {"lang": "en-gb", "next": "/"})
    assert 'lang="en-GB"' in html_tag(client.get("/"))


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", ""])
def test_the_switcher_never_leaves_the_site(client, target):
    response = client.get("/language/", {"lang": "pl", "next": target})
    assert response.status_code == 302 and response["Location"] == reverse("public:home")


def test_an_unknown_language_is_a_bad_request_that_changes_nothing(client):
    response = client.get("/language/", {"lang": "xx", "next": "/"})
    assert response.status_code == 400
    assert COOKIE not in response.cookies
    assert client.post("/language/", {"lang": "cy"}).status_code == 405


def test_accept_language_picks_welsh_when_no_language_was_chosen(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="cy-GB,cy;q=0.9,en;q=0.5")
    assert 'lang="cy" dir="ltr"' in html_tag(response)
    assert response["Content-Language"] == "cy"
    assert "Accept-Language" in response["Vary"]
    # A choice made in the switcher wins over the browser's.
    client.cookies[COOKIE] = "pl"
    assert 'lang="pl"' in html_tag(client.get("/", HTTP_ACCEPT_LANGUAGE="cy"))


def test_urdu_is_right_to_left_and_english_left_to_right(client):
    assert html_tag(client.get("/")) == '<html lang="en-GB" dir="ltr" class="govuk-template">'
    client.cookies[COOKIE] = "ur"
    response = client.get("/about/")
    assert html_tag(response) == '<html lang="ur" dir="rtl" class="govuk-template">'
    html = response.content.decode()
    assert "heard/languages.css" in html  # the right-to-left layout
    assert "Heard کے بارے میں" in html


def test_each_language_has_its_own_cached_copy_of_a_page(client):
    """The shared page cache keys pages by language too: a Welsh reader never gets the English
    copy, nor the other way round."""
    assert "Find your area" in client.get("/areas/").content.decode()
    welsh = client.get("/areas/", HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert "Dod o hyd i’ch ardal" in welsh
    assert "Find your area" in client.get("/areas/").content.decode()


def test_staff_pages_have_no_switcher(client):
    html = client.get("/accounts/login/").content.decode()
    assert "heard-language-select" in html  # sign-in is a public page
    client.force_login(UserFactory())
    staff = client.get(reverse("engagement:activity_list")).content.decode()
    assert "heard-language-select" not in staff
