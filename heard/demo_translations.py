# ruff: noqa: RUF001 - Urdu ends a sentence with its own full stop, the Arabic one
"""The demo's translated content: the youth consultation (its questionnaire and its event page)
in Welsh and Polish in full, and the event page in Urdu and Punjabi too, with the questionnaire
only started in Urdu (its title and introduction): an Urdu reader sees the event page in Urdu
and the questionnaire in English with the "not translated yet" notice, and the Translations
page counts what is still missing. Saved through the same service as the staff pages.
Loading it again changes nothing."""

from consultations.content_translation import questionnaire_records
from consultations.models import Questionnaire
from core.content_languages import english, translatable_fields
from engagement.content_translation import activity_records
from engagement.models import Activity
from governance.content_translation import content_translate
from heard.demo_consultations import YOUTH_TITLE
from organisations.models import User

TITLE = {
    "cy": "Pobl ifanc a chraffu ar yr heddlu: dweud eich dweud",
    "pl": "Młodzi ludzie i kontrola nad policją: wypowiedz się",
    "ur": "نوجوان اور پولیس کی نگرانی: اپنی رائے دیں",
    "pa": "ਨੌਜਵਾਨ ਅਤੇ ਪੁਲਿਸ ਦੀ ਨਿਗਰਾਨੀ: ਆਪਣੀ ਰਾਇ ਦਿਓ",
}

# English as staff wrote it -> its translations.
ACTIVITY: dict[str, dict[str, str]] = {
    YOUTH_TITLE: TITLE,
    "How should young people in Trafford help hold the police to account? Tell us online, or at the youth "
    "voice sessions in schools and youth clubs.": {
        "cy": "Sut dylai pobl ifanc yn Trafford helpu i ddwyn yr heddlu i gyfrif? Dywedwch wrthym ar-lein, neu yn "
        "y sesiynau llais ieuenctid mewn ysgolion a chlybiau ieuenctid.",
        "pl": "Jak młodzi ludzie z Trafford mogą pomóc rozliczać policję? Powiedz nam online albo podczas spotkań "
        "młodzieżowych w szkołach i klubach młodzieżowych.",
        "ur": "ٹریفورڈ کے نوجوان پولیس کو جواب دہ بنانے میں کیسے مدد کر سکتے ہیں؟ ہمیں آن لائن بتائیں، یا اسکولوں اور "
        "یوتھ کلبوں میں نوجوانوں کی آواز کے سیشنز میں۔",
        "pa": "ਟ੍ਰੈਫ਼ਰਡ ਦੇ ਨੌਜਵਾਨ ਪੁਲਿਸ ਨੂੰ ਜਵਾਬਦੇਹ ਬਣਾਉਣ ਵਿੱਚ ਕਿਵੇਂ ਮਦਦ ਕਰ ਸਕਦੇ ਹਨ? ਸਾਨੂੰ ਔਨਲਾਈਨ ਦੱਸੋ, ਜਾਂ ਸਕੂਲਾਂ ਅਤੇ "
        "ਯੂਥ ਕਲੱਬਾਂ ਵਿੱਚ ਨੌਜਵਾਨਾਂ ਦੀ ਆਵਾਜ਼ ਵਾਲੇ ਸੈਸ਼ਨਾਂ ਵਿੱਚ।",
    },
    "Easy-read and large-print versions on request; youth workers can help you fill it in.": {
        "cy": "Fersiynau hawdd eu darllen a phrint bras ar gais; gall gweithwyr ieuenctid eich helpu i’w lenwi.",
        "pl": "Wersje łatwe do czytania i z dużym drukiem na życzenie; pracownicy młodzieżowi pomogą Ci wypełnić "
        "formularz.",
        "ur": "آسان زبان اور بڑے حروف والے نسخے درخواست پر دستیاب ہیں؛ یوتھ ورکرز اسے بھرنے میں آپ کی مدد کر سکتے ہیں۔",
        "pa": "ਆਸਾਨ ਪੜ੍ਹਨ ਵਾਲੇ ਅਤੇ ਵੱਡੇ ਅੱਖਰਾਂ ਵਾਲੇ ਰੂਪ ਬੇਨਤੀ ਕਰਨ ’ਤੇ ਮਿਲਦੇ ਹਨ; ਯੂਥ ਵਰਕਰ ਇਸਨੂੰ ਭਰਨ ਵਿੱਚ ਤੁਹਾਡੀ ਮਦਦ ਕਰ ਸਕਦੇ ਹਨ।",
    },
    "Find the best ways to involve young people in local scrutiny of policing": {
        "cy": "Canfod y ffyrdd gorau o gynnwys pobl ifanc mewn craffu lleol ar blismona",
        "pl": "Znaleźć najlepsze sposoby włączenia młodych ludzi w lokalną kontrolę nad pracą policji",
        "ur": "پولیس کے کام کی مقامی نگرانی میں نوجوانوں کو شامل کرنے کے بہترین طریقے تلاش کرنا",
        "pa": "ਪੁਲਿਸ ਦੇ ਕੰਮ ਦੀ ਸਥਾਨਕ ਨਿਗਰਾਨੀ ਵਿੱਚ ਨੌਜਵਾਨਾਂ ਨੂੰ ਸ਼ਾਮਲ ਕਰਨ ਦੇ ਸਭ ਤੋਂ ਵਧੀਆ ਤਰੀਕੇ ਲੱਭਣਾ",
    },
}

QUESTIONNAIRE: dict[str, dict[str, str]] = {
    YOUTH_TITLE: TITLE,
    "It takes about three minutes. Answer as much or as little as you like.": {
        "cy": "Mae’n cymryd tua thri munud. Atebwch gymaint neu gyn lleied ag y dymunwch.",
        "pl": "Zajmie to około trzech minut. Odpowiedz na tyle pytań, na ile chcesz.",
        "ur": "اس میں تقریباً تین منٹ لگتے ہیں۔ جتنا چاہیں اتنا جواب دیں۔",
    },
    "Taking part is voluntary. We use your answers to understand what matters to people in your area and to "
    "decide what to do about it. We publish only summaries and quotes with personal details removed. You can "
    "withdraw your response at any time with the receipt code we give you. Equality questions are optional; we "
    "only ever report them as totals.": {
        "cy": "Mae cymryd rhan yn wirfoddol. Rydym yn defnyddio eich atebion i ddeall beth sy’n bwysig i bobl yn "
        "eich ardal ac i benderfynu beth i’w wneud yn ei gylch. Dim ond crynodebau a dyfyniadau heb fanylion "
        "personol rydym yn eu cyhoeddi. Gallwch dynnu eich ymateb yn ôl unrhyw bryd gyda’r cod derbynneb a "
        "roddwn i chi. Mae’r cwestiynau cydraddoldeb yn ddewisol; dim ond fel cyfansymiau yr ydym yn eu hadrodd.",
        "pl": "Udział jest dobrowolny. Wykorzystujemy Twoje odpowiedzi, aby zrozumieć, co jest ważne dla "
        "mieszkańców Twojej okolicy, i zdecydować, co z tym zrobić. Publikujemy wyłącznie podsumowania i cytaty "
        "bez danych osobowych. Możesz w każdej chwili wycofać swoją odpowiedź, używając kodu potwierdzenia, który "
        "od nas otrzymasz. Pytania dotyczące równości są nieobowiązkowe; podajemy je wyłącznie w formie zbiorczej.",
    },
    "Young people in my area can influence how they are policed": {
        "cy": "Gall pobl ifanc yn fy ardal i ddylanwadu ar sut maen nhw’n cael eu plismona",
        "pl": "Młodzi ludzie w mojej okolicy mają wpływ na to, jak pracuje wobec nich policja",
    },
    "Strongly agree": {"cy": "Cytuno’n gryf", "pl": "Zdecydowanie się zgadzam"},
    "Agree": {"cy": "Cytuno", "pl": "Zgadzam się"},
    "Neither agree nor disagree": {
        "cy": "Ddim yn cytuno nac yn anghytuno",
        "pl": "Ani się zgadzam, ani nie zgadzam",
    },
    "Disagree": {"cy": "Anghytuno", "pl": "Nie zgadzam się"},
    "Strongly disagree": {"cy": "Anghytuno’n gryf", "pl": "Zdecydowanie się nie zgadzam"},
    "What is the best way to engage more young people in local scrutiny of policing?": {
        "cy": "Beth yw’r ffordd orau o gael mwy o bobl ifanc i gymryd rhan mewn craffu lleol ar blismona?",
        "pl": "Jak najlepiej zachęcić więcej młodych ludzi do udziału w lokalnej kontroli nad pracą policji?",
    },
    "Which should the police focus on first?": {
        "cy": "Ar beth ddylai’r heddlu ganolbwyntio gyntaf?",
        "pl": "Czym policja powinna zająć się w pierwszej kolejności?",
    },
    "Knife crime": {"cy": "Troseddau cyllyll", "pl": "Przestępstwa z użyciem noża"},
    "Drugs": {"cy": "Cyffuriau", "pl": "Narkotyki"},
    "Anti-social behaviour": {"cy": "Ymddygiad gwrthgymdeithasol", "pl": "Zachowania aspołeczne"},
    "Police visibility": {"cy": "Presenoldeb gweladwy’r heddlu", "pl": "Widoczność policji"},
    "Online safety": {"cy": "Diogelwch ar-lein", "pl": "Bezpieczeństwo w internecie"},
    "What is your postcode?": {"cy": "Beth yw eich cod post?", "pl": "Jaki jest Twój kod pocztowy?"},
    "We use it only to find your neighbourhood.": {
        "cy": "Dim ond i ddod o hyd i’ch cymdogaeth rydym yn ei ddefnyddio.",
        "pl": "Używamy go wyłącznie do ustalenia Twojej okolicy.",
    },
}


def _translate(officer: User, records: list, words: dict[str, dict[str, str]], owner: object) -> int:
    saved = 0
    for language in ("cy", "pl", "ur", "pa"):
        for record in records:
            values = {
                field: words[english(record, field)][language]
                for field in translatable_fields(record)
                if language in words.get(english(record, field), {})
            }
            if values:
                saved += len(
                    content_translate(
                        actor=officer, obj=record, language=language, values=values, owner=owner
                    )
                )
    return saved


def demo_load_translations(*, officer: User) -> int:
    """Translate the youth consultation; returns how many texts changed (0 the second time)."""
    activity = Activity.private_objects.filter(title=YOUTH_TITLE).first()
    questionnaire = Questionnaire.private_objects.filter(activity=activity, title=YOUTH_TITLE).first()
    if activity is None or questionnaire is None:
        return 0
    saved = _translate(officer, activity_records(activity), ACTIVITY, activity)
    return saved + _translate(officer, questionnaire_records(questionnaire), QUESTIONNAIRE, questionnaire)
