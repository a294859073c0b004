from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from events import demo as events_demo
from home import demo  # the demo spans both apps: it is loaded from here, above them


class Command(BaseCommand):
    help = "Load (or refresh) the demo campaign content. Running it again changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("--admin-user", help="Also create this superuser (development only).")
        parser.add_argument("--admin-password", help="Password for --admin-user.")

    def handle(self, *args, admin_user=None, admin_password=None, **options):
        def log(message):
            self.stdout.write(f"  {message}")

        demo.load_site(log)
        demo.load_stories(log)
        demo.load_trust_pages(log)
        demo.load_spanish_pages(log)
        events_demo.load(log)
        if admin_user:
            if not settings.DEBUG:
                raise CommandError("A demo admin user is only created with DEBUG on.")
            if not admin_password:
                raise CommandError("--admin-user needs --admin-password.")
            demo.ensure_admin(admin_user, admin_password, log)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
