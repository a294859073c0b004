from django.core.management.base import BaseCommand

from campaign.catalogues import compile_catalogues


class Command(BaseCommand):
    help = "Compile the site's translation catalogues (.po -> .mo); no gettext tools needed."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Rewrite every .mo file.")

    def handle(self, *args, force=False, **options):
        written = compile_catalogues(force=force)
        self.stdout.write(f"Compiled {len(written)} catalogue(s).")
