"""Shared bits of the import commands."""

from collections.abc import Callable

from django.core.management.base import BaseCommand, CommandError, CommandParser

from places.importers import ImportFailed, ImportSummary


def add_progress_argument(parser: CommandParser) -> None:
    parser.add_argument("--no-progress", action="store_true", help="Do not show a progress bar.")


def run_import(command: BaseCommand, run: Callable[[], ImportSummary]) -> ImportSummary:
    """Run an import and print its summary; a bad file becomes a CommandError (a message,
    not a traceback), and nothing has been written."""
    try:
        summary = run()
    except ImportFailed as exc:
        raise CommandError(f"{exc}\nNothing was imported.") from None
    command.stdout.write(command.style.SUCCESS(str(summary)))
    return summary
