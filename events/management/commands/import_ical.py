from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from events.calendar.models import EventIndexPage, EventKind
from events.imports.models import ImportSource
from events.imports.services import fetch, parsing, pulling, sync


class Command(BaseCommand):
    help = (
        "Read an iCal feed (an http(s) address or a file). With --source, apply it to that "
        "imported calendar now, as the scheduled pull would (untrusted sources' changes wait "
        "for review); without, only report what the feed holds. --create makes the imported "
        "calendar when none has that name (under the first events index, a file's calendar "
        "is never pulled on schedule)."
    )

    def add_arguments(self, parser):
        parser.add_argument("location", help="http(s) address or path of an .ics file")
        parser.add_argument("--source", help="name of the imported calendar to apply it to")
        parser.add_argument(
            "--create", action="store_true", help="make the --source calendar if it is missing"
        )
        parser.add_argument(
            "--trusted",
            action="store_true",
            help="with --create: publish its events and changes without review",
        )

    def handle(self, *args, location, source=None, create=False, trusted=False, **options):
        source_row = None
        if source:
            source_row = ImportSource.objects.filter(name=source).first()
            if source_row is None and create:
                source_row = self._create(source, location, trusted=trusted)
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

    def _create(self, name, location, *, trusted):
        index = EventIndexPage.objects.live().order_by("path").first()
        if index is None:
            raise CommandError("There is no events index to put imported events under.")
        kind, _ = EventKind.objects.get_or_create(
            slug="partner-event", defaults={"name": "Partner event"}
        )
        is_web = location.lower().startswith(("http://", "https://"))
        return ImportSource.objects.create(
            name=name,
            url=location if is_web else Path(location).resolve().as_uri(),
            parent_page=index,
            default_kind=kind,
            trusted=trusted,
            # A file cannot be pulled: only this command reads it.
            disabled_at=None if is_web else timezone.now(),
        )

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
