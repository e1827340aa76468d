"""The demo's responses in community languages: paper forms from the community safety drop-in
at the mosque in Old Trafford and from a Polish community group, answered in Urdu, Punjabi and
Polish, typed up with a Language column and imported. The results page can then be filtered by
the language each response was written in. Loading it again adds nothing."""

from datetime import date, timedelta

from organisations.models import User

from .import_jobs import response_import_start
from .import_running import response_import_execute
from .imports import read_table, suggest_mapping
from .models import Questionnaire, QuestionnaireState

SAFETY = "How safe do you feel walking alone in your area after dark?"
HEADER = f"Date,{SAFETY},What makes you feel unsafe?,Put these local issues in order of priority,Language\n"
ROWS = [
    ("A bit unsafe", "رات کو پارک کے راستے پر روشنی نہیں ہوتی", "Anti-social behaviour; Drugs", "Urdu"),
    ("Fairly safe", "", "Speeding; Burglary", "Urdu"),
    (
        "Very unsafe",
        "Wieczorem przy przystanku stoją grupy pijanych mężczyzn",
        "Anti-social behaviour; Speeding",
        "Polish",
    ),
    ("A bit unsafe", "Na ulicy nie ma latarni, a samochody jeżdżą za szybko", "Speeding; Drugs", "Polish"),
    ("A bit unsafe", "ਰਾਤ ਨੂੰ ਦੁਕਾਨਾਂ ਦੇ ਬਾਹਰ ਮੁੰਡੇ ਇਕੱਠੇ ਹੁੰਦੇ ਹਨ", "Anti-social behaviour; Burglary", "Punjabi"),
    ("Fairly safe", "", "Fly-tipping; Speeding", "Punjabi"),
]
FILE_NAME = "community-languages-paper-forms.csv"


def demo_load_languages(*, officer: User, today: date) -> str:
    """Import the forms into the officer's first live safety survey; returns the import's state
    ("" when there is no such survey or the forms are already in)."""
    questionnaire = (
        Questionnaire.private_objects.filter(
            activity__lead_organisation=officer.organisation,
            state=QuestionnaireState.LIVE,
            questions__text=SAFETY,
        )
        .order_by("pk")
        .first()
    )
    if questionnaire is None or questionnaire.response_imports.filter(file_name=FILE_NAME).exists():
        return ""
    day = (today - timedelta(days=2)).strftime("%d/%m/%Y")
    text = HEADER + "".join(
        f'{day},{safe},"{unsafe}",{rank},{language}\n' for safe, unsafe, rank, language in ROWS
    )
    table = read_table(text.encode(), name=FILE_NAME)
    questions = list(questionnaire.questions.prefetch_related("choices").order_by("position", "id"))
    job = response_import_start(
        user=officer,
        questionnaire=questionnaire,
        table=table,
        mapping=suggest_mapping(questionnaire, questions, table.headers),
        channel="paper",
    )
    return response_import_execute(import_id=job.pk).state
