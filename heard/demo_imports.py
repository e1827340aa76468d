"""The demo's response imports: paper surveys from a street surgery typed up in a spreadsheet and
imported (done: the responses are in the results), and a second file that was refused because
two of its rows have problems (the import's page lists them). Made through the same services as
the pages, run at once rather than by the worker."""

from datetime import date, timedelta

from consultations.import_jobs import response_import_start
from consultations.import_running import response_import_execute
from consultations.imports import read_table, suggest_mapping
from consultations.models import Questionnaire, QuestionnaireState
from organisations.models import User

SAFETY = "How safe do you feel walking alone in your area after dark?"
HEADER = f"Date,{SAFETY},What makes you feel unsafe?,Put these local issues in order of priority\n"
ANSWERS = [
    ("Fairly safe", "", "Speeding; Burglary; Drugs"),
    ("A bit unsafe", "Lads on bikes by the shops at night", "Anti-social behaviour; Drugs"),
    ("Very safe", "", "Speeding; Fly-tipping"),
    ("Very unsafe", "The subway under the ring road has no lights", "Drugs; Burglary; Speeding"),
    ("Fairly safe", "", "Fly-tipping; Speeding"),
    ("A bit unsafe", "Cars racing on the main road late at night", "Speeding; Anti-social behaviour"),
]


def _questionnaire(officer: User) -> Questionnaire | None:
    return (
        Questionnaire.private_objects.filter(
            activity__lead_organisation=officer.organisation,
            state=QuestionnaireState.LIVE,
            questions__text=SAFETY,
        )
        .order_by("pk")
        .first()
    )


def _import(officer: User, questionnaire: Questionnaire, name: str, text: str) -> str:
    table = read_table(text.encode(), name=name)
    questions = list(questionnaire.questions.prefetch_related("choices").order_by("position", "id"))
    job = response_import_start(
        user=officer,
        questionnaire=questionnaire,
        table=table,
        mapping=suggest_mapping(questionnaire, questions, table.headers),
        channel="paper",
    )
    return response_import_execute(import_id=job.pk).state


def demo_load_imports(*, officer: User, today: date) -> dict[str, str]:
    questionnaire = _questionnaire(officer)
    if questionnaire is None or questionnaire.response_imports.exists():
        return {}
    rows = "".join(
        f"{(today - timedelta(days=3 + n // 6)).strftime('%d/%m/%Y')},{safe},{unsafe},{rank}\n"
        for n, (safe, unsafe, rank) in enumerate(ANSWERS * 4)
    )
    bad = (
        f"{(today - timedelta(days=2)).strftime('%d/%m/%Y')},Quite safe,,Speeding\n"
        f"{(today + timedelta(days=30)).strftime('%d/%m/%Y')},Fairly safe,,Speeding; Speeding\n"
        f"{today.strftime('%d/%m/%Y')},Very safe,,Burglary\n"
    )
    return {
        "street surgery": _import(officer, questionnaire, "street-surgery-paper-surveys.csv", HEADER + rows),
        "refused": _import(officer, questionnaire, "library-drop-box.csv", HEADER + bad),
    }
