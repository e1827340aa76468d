"""An analysis whose answers include other languages: the language each response was given in
reaches the text package, which then embeds the answers with the multilingual model."""

import logging

from insight import services
from insight.models import RunState

from .conftest import add_answer

POLISH = "Samochody jeżdżą za szybko obok szkoły każdego ranka"


def _run(question, analyst, capture):
    with capture(execute=True):
        run = services.analysis_run_create(user=analyst, question=question)
    run.refresh_from_db()
    return run


def test_a_response_in_polish_is_analysed_with_the_multilingual_model(
    question, analyst, django_capture_on_commit_callbacks, caplog
):
    answer = add_answer(question, POLISH)
    answer.response.language = "pl"
    answer.response.save(update_fields=["language"])
    with caplog.at_level(logging.INFO, logger="insight.pipeline"):
        run = _run(question, analyst, django_capture_on_commit_callbacks)
    assert run.state == RunState.DONE
    assert "multilingual-e5-small-q4" in caplog.text
    assert run.coded_answers.get(answer=answer).theme is not None


def test_english_answers_keep_the_english_model(
    question, analyst, django_capture_on_commit_callbacks, caplog
):
    with caplog.at_level(logging.INFO, logger="insight.pipeline"):
        run = _run(question, analyst, django_capture_on_commit_callbacks)
    assert run.state == RunState.DONE
    assert "all-MiniLM-L6-v2-int8-fused-onnx" in caplog.text
