"""The names of the reference data Heard seeds, in the visitor's language.

Engagement methods (engagement/migrations/0003_methods.py) and audiences
(places/migrations/0002_audiences.py) are Heard's own words, named on public pages: the calendar's
"Type of event" and "Who it is for" filters, the event page and the event lists. They are marked
here for translation, so they sit in the engagement catalogues with the rest of the interface and
`make i18n-check` holds them to the same rules; a resident reading the calendar in Welsh sees
"Cyfarfod PACT", not "PACT meeting". A method or audience a force adds itself has no translation
and is shown as written, marked as English on a page that is not.
"""

from django.utils.translation import get_language, pgettext, pgettext_lazy

from core.content_languages import ENGLISH, ContentText

CONTEXT = "name of an engagement method or an audience"
# Lazy only so that `makemessages` finds each name with its context (written out: it reads only
# literal strings); read them with reference_name.

METHOD_NAMES = (
    pgettext_lazy("name of an engagement method or an audience", "Exhibition"),
    pgettext_lazy("name of an engagement method or an audience", "Leaflets and publications"),
    pgettext_lazy("name of an engagement method or an audience", "Media"),
    pgettext_lazy("name of an engagement method or an audience", "Web-based information"),
    pgettext_lazy("name of an engagement method or an audience", "SMS text"),
    pgettext_lazy("name of an engagement method or an audience", "Annual report"),
    pgettext_lazy("name of an engagement method or an audience", "Street briefing"),
    pgettext_lazy("name of an engagement method or an audience", "Citizens' panel"),
    pgettext_lazy("name of an engagement method or an audience", "Open surgery"),
    pgettext_lazy("name of an engagement method or an audience", "Radio or live phone-in"),
    pgettext_lazy("name of an engagement method or an audience", "Questionnaire"),
    pgettext_lazy("name of an engagement method or an audience", "One-to-one interviews"),
    pgettext_lazy("name of an engagement method or an audience", "Survey"),
    pgettext_lazy("name of an engagement method or an audience", "Online survey"),
    pgettext_lazy("name of an engagement method or an audience", "Market research"),
    pgettext_lazy("name of an engagement method or an audience", "Audit"),
    pgettext_lazy("name of an engagement method or an audience", "Complaints and compliments"),
    pgettext_lazy("name of an engagement method or an audience", "Door-knocking"),
    pgettext_lazy("name of an engagement method or an audience", "Beat surgery"),
    pgettext_lazy("name of an engagement method or an audience", "Focus group"),
    pgettext_lazy("name of an engagement method or an audience", "Meeting with client groups"),
    pgettext_lazy("name of an engagement method or an audience", "Public meeting"),
    pgettext_lazy("name of an engagement method or an audience", "Seminar"),
    pgettext_lazy("name of an engagement method or an audience", "Stakeholder event"),
    pgettext_lazy("name of an engagement method or an audience", "Blog"),
    pgettext_lazy("name of an engagement method or an audience", "PACT meeting"),
    pgettext_lazy("name of an engagement method or an audience", "Face the Public"),
    pgettext_lazy("name of an engagement method or an audience", "Roadshow"),
    pgettext_lazy("name of an engagement method or an audience", "Ward panel"),
    pgettext_lazy("name of an engagement method or an audience", "Citizens' jury"),
    pgettext_lazy("name of an engagement method or an audience", "Expert panel"),
    pgettext_lazy("name of an engagement method or an audience", "Client shadowing"),
    pgettext_lazy("name of an engagement method or an audience", "Mystery shopping"),
    pgettext_lazy("name of an engagement method or an audience", "Story telling"),
    pgettext_lazy("name of an engagement method or an audience", "E-panel"),
    pgettext_lazy("name of an engagement method or an audience", "Co-design / co-production"),
    pgettext_lazy("name of an engagement method or an audience", "Independent Advisory Group (IAG) meeting"),
    pgettext_lazy("name of an engagement method or an audience", "Strategic partnership group"),
    pgettext_lazy("name of an engagement method or an audience", "Large group process"),
    pgettext_lazy("name of an engagement method or an audience", "Local involvement network"),
    pgettext_lazy("name of an engagement method or an audience", "Overview and scrutiny committee"),
    pgettext_lazy("name of an engagement method or an audience", "Community development"),
    pgettext_lazy("name of an engagement method or an audience", "Participatory research"),
    pgettext_lazy("name of an engagement method or an audience", "Planning for Real"),
    pgettext_lazy("name of an engagement method or an audience", "Community champions"),
    pgettext_lazy("name of an engagement method or an audience", "Participatory budgeting"),
)

AUDIENCE_NAMES = (
    pgettext_lazy("name of an engagement method or an audience", "Residents"),
    pgettext_lazy("name of an engagement method or an audience", "Young people"),
    pgettext_lazy("name of an engagement method or an audience", "Children and families"),
    pgettext_lazy("name of an engagement method or an audience", "Older people"),
    pgettext_lazy("name of an engagement method or an audience", "Women and girls"),
    pgettext_lazy("name of an engagement method or an audience", "Men and boys"),
    pgettext_lazy("name of an engagement method or an audience", "Asian communities"),
    pgettext_lazy("name of an engagement method or an audience", "Black communities"),
    pgettext_lazy("name of an engagement method or an audience", "Mixed ethnicity communities"),
    pgettext_lazy("name of an engagement method or an audience", "White communities"),
    pgettext_lazy("name of an engagement method or an audience", "Other ethnic groups"),
    pgettext_lazy("name of an engagement method or an audience", "Gypsy, Roma and Traveller communities"),
    pgettext_lazy("name of an engagement method or an audience", "Christian communities"),
    pgettext_lazy("name of an engagement method or an audience", "Muslim communities"),
    pgettext_lazy("name of an engagement method or an audience", "Jewish communities"),
    pgettext_lazy("name of an engagement method or an audience", "Hindu communities"),
    pgettext_lazy("name of an engagement method or an audience", "Sikh communities"),
    pgettext_lazy("name of an engagement method or an audience", "Buddhist communities"),
    pgettext_lazy("name of an engagement method or an audience", "Faith groups"),
    pgettext_lazy("name of an engagement method or an audience", "Disabled people"),
    pgettext_lazy("name of an engagement method or an audience", "LGBT+ people"),
    pgettext_lazy("name of an engagement method or an audience", "Victims of crime"),
    pgettext_lazy("name of an engagement method or an audience", "Victims of hate crime"),
    pgettext_lazy("name of an engagement method or an audience", "Businesses"),
    pgettext_lazy("name of an engagement method or an audience", "Students"),
    pgettext_lazy("name of an engagement method or an audience", "Rough sleepers"),
    pgettext_lazy("name of an engagement method or an audience", "Refugees and asylum seekers"),
    pgettext_lazy(
        "name of an engagement method or an audience", "People whose first language is not English"
    ),
    pgettext_lazy("name of an engagement method or an audience", "Carers"),
    pgettext_lazy("name of an engagement method or an audience", "Parents and carers"),
    pgettext_lazy("name of an engagement method or an audience", "Neighbourhood Watch members"),
    pgettext_lazy("name of an engagement method or an audience", "Tenants and residents' associations"),
    pgettext_lazy("name of an engagement method or an audience", "Night-time economy"),
)


def reference_name(name: str, *, lower: bool = False) -> ContentText:
    """`name` in the active language when Heard has a translation of it, otherwise as written,
    knowing which it is (so that a page not in English marks it as English: core's staff_text)."""
    translated = pgettext("name of an engagement method or an audience", name)
    language = ENGLISH if translated == name else (get_language() or ENGLISH)
    return ContentText(translated.lower() if lower else translated, language)


def is_translated(name: str) -> bool:
    """Whether `name` reads in the active language (English pages: always)."""
    return (get_language() or "en").startswith("en") or reference_name(name).language != ENGLISH
