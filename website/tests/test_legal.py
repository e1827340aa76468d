"""The statements linked from every public page's footer (website/legal.py): about Heard, the
accessibility statement, the privacy notice and the cookies page, in every language, filled
from settings."""

import re

import pytest
from django.conf import settings

from consultations import integrity

pytestmark = pytest.mark.django_db

PAGES = {
    "/about/": "About Heard",
    "/accessibility/": "Accessibility statement",
    "/privacy/": "Privacy notice",
    "/cookies/": "Cookies",
}
# Each page's heading in each language (the catalogues' translations, checked by hand once).
HEADINGS = {
    "cy": ["Ynglŷn â Heard", "Datganiad hygyrchedd", "Hysbysiad preifatrwydd", "Cwcis"],
    "pl": ["O Heard", "Deklaracja dostępności", "Informacja o prywatności", "Pliki cookie"],
    "ur": ["Heard کے بارے میں", "رسائی کا بیان", "رازداری کا نوٹس", "کوکیز"],
    "pa": ["Heard ਬਾਰੇ", "ਪਹੁੰਚਯੋਗਤਾ ਬਿਆਨ", "ਪਰਦੇਦਾਰੀ ਨੋਟਿਸ", "ਕੁਕੀਜ਼"],
}


def h1(html: str) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)[1].strip()


def footer_links(html: str) -> list[str]:
    footer = html.split('<footer class="heard-footer">', 1)[1]
    return re.findall(r'href="([^"]+)"', footer)


@pytest.mark.parametrize("code", [code for code, _ in settings.LANGUAGES])
def test_every_statement_renders_in_every_language_and_is_in_every_footer(client, code):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = code
    headings = HEADINGS.get(code, list(PAGES.values()))
    for (url, _), heading in zip(PAGES.items(), headings, strict=True):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f'lang="{"en-GB" if code == "en-gb" else code}"' in html[:400]
        assert h1(html) == heading
        assert set(PAGES) <= set(footer_links(html))
    # The footer of every other public page links to them too.
    for page in ("/", "/calendar/", reverse_withdraw()):
        assert set(PAGES) <= set(footer_links(client.get(page).content.decode())), page


def reverse_withdraw() -> str:
    from django.urls import reverse

    return reverse("consult:withdraw")


def test_the_privacy_notice_names_the_controller_and_the_retention_periods(client, settings):
    settings.HEARD_CONTROLLER_NAME = "Chief Constable of Greater Manchester Police"
    settings.HEARD_CONTROLLER_ADDRESS = "Central Park, Northampton Road, Manchester M40 5BP"
    settings.HEARD_DPO_EMAIL = "dpo@gmp.example"
    settings.HEARD_ICO_REGISTRATION = "Z4887064"
    settings.HEARD_RETENTION = {"responses": {"months": 24, "reason": "Shorter here."}, "email_updates": None}
    html = client.get("/privacy/").content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "Chief Constable of Greater Manchester Police is the data controller" in text
    assert "Central Park, Northampton Road, Manchester M40 5BP" in text
    assert "under number Z4887064" in text
    assert 'href="mailto:dpo@gmp.example"' in html
    assert "Consultation responses 24 months" in text
    assert "E-mail addresses for updates Until they are no longer needed" in text
    assert "Information passed to the police 72 months" in text
    assert 'href="/consultations/withdraw/"' in html or reverse_withdraw() in html


def test_the_privacy_notice_counts_months_in_welsh(client, settings):
    settings.HEARD_RETENTION = {"responses": {"months": 2, "reason": "Two."}}
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", client.get("/privacy/").content.decode()))
    assert "Ymatebion i ymgynghoriadau 2 fis" in text  # Welsh's dual form
    assert "18 mis" in text


def test_the_cookies_page_lists_every_cookie_heard_sets(client):
    html = client.get("/cookies/").content.decode()
    names = re.findall(r'<code dir="ltr">([^<]+)</code>', html)
    assert names == [
        settings.LANGUAGE_COOKIE_NAME,
        settings.CSRF_COOKIE_NAME,
        integrity.BROWSER_COOKIE,
        settings.SESSION_COOKIE_NAME,
        "messages",
    ]
    assert "365 days" in html


def test_the_accessibility_statement_has_the_model_statements_parts(client, settings):
    settings.HEARD_ACCESSIBILITY_PREPARED = "2026-11-30"
    settings.HEARD_CONTACT_EMAIL = "access@gmp.example"
    html = client.get("/accessibility/").content.decode()
    for part in (
        "Web Content Accessibility Guidelines version 2.2 AA standard",
        "Non-accessible content",
        "in a different format",
        'href="mailto:access@gmp.example"',
        "Equality and Human Rights Commission (EHRC)",
        "Equality Commission for Northern Ireland (ECNI)",
        "This statement was prepared on 30 Nov 2026.",
    ):
        assert part in html, part
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    assert "Paratowyd y datganiad hwn ar 30 Tachwedd 2026." in client.get("/accessibility/").content.decode()
