from django.core.management.base import BaseCommand

from events.calendar.services import feed_fragments, occurrences


class Command(BaseCommand):
    help = (
        "Rebuild the occurrence table and the calendar feed fragments now (the daily beat "
        "job does the same). Safe to run at any time; unchanged rows are left alone."
    )

    def handle(self, *args, **options):
        created, updated, deleted = occurrences.refresh_all()
        changed = feed_fragments.store_all()
        self.stdout.write(
            f"Occurrences: {created} created, {updated} updated, {deleted} deleted. "
            f"Feed entries re-rendered: {changed}."
        )
