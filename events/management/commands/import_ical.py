from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from events.imports.models import ImportSource
from events.imports.services import fetch, parsing, pulling, sync


class Command(BaseCommand):
    help = (
        "Read an iCal feed (an http(s) address or a file). With --source, apply it to that "
        "imported calendar now, as the scheduled pull would (untrusted sources' changes wait "
        "for review); without, only report what the feed holds."
    )

    def add_arguments(self, parser):
        parser.add_argument("location", help="http(s) address or path of an .ics file")
        parser.add_argument("--source", help="name of the imported calendar to apply it to")

    def handle(self, *args, location, source=None, **options):
        source_row = None
        if source:
            source_row = ImportSource.objects.filter(name=source).first()
            if source_row is None:
                raise CommandError(f'No imported calendar is named "{source}".')
        body = self._read(location)
        zone = source_row.default_time_zone if source_row else timezone.get_default_timezone_name()
        try:
            calendar = parsing.parse_feed(body, default_time_zone=zone)
        except parsing.FeedError as exc:
            raise CommandError(str(exc)) from exc
        if source_row is None:
            uids = len(sync.series(calendar))
            self.stdout.write(f"{len(calendar.events)} events ({uids} series) in the feed.")
            self._problems(calendar.problems)
            return
        result = pulling.pull(
            source_row,
            read_feed=sync.read_feed,
            fetcher=lambda url, **_: fetch.Fetched(False, body),
        )
        if not result.ok:
            raise CommandError(result.error)
        s = result.summary
        self.stdout.write(
            f"{s.created} new, {s.changed} changed, {s.cancelled} cancelled, "
            f"{s.withdrawn} withdrawn, {s.unchanged} unchanged."
        )
        self._problems(s.problems)

    def _read(self, location):
        if location.lower().startswith(("http://", "https://")):
            try:
                return fetch.fetch(location).body
            except fetch.FetchError as exc:
                raise CommandError(str(exc)) from exc
        path = Path(location)
        if not path.is_file():
            raise CommandError(f"No such file: {location}")
        return path.read_bytes()

    def _problems(self, problems):
        for problem in problems:
            self.stdout.write(f"  note: {problem}")
