"""`manage.py demo`: migrate, load the seed case, list the demo users and serve."""

import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from workflow.demo import DEMO_PASSWORD, DEMO_USERS, load_demo_data, load_demo_notas


class Command(BaseCommand):
    help = "Loads the demo data (idempotent) and serves Parafeer with its worker and scheduler."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-server", action="store_true", help="Only migrate and load the demo data."
        )
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, no_server=False, addrport="127.0.0.1:8000", **options):
        call_command("migrate", interactive=False, verbosity=0)
        load_demo_data()
        load_demo_notas()
        self.stdout.write(self.style.SUCCESS("Demodata geladen."))
        self.stdout.write(f"Demogebruikers (wachtwoord voor allen: {DEMO_PASSWORD}):")
        for user in DEMO_USERS:
            self.stdout.write(f"  {user.username:<16} {user.functie} ({user.rol.label})")
        if no_server:
            return

        children = self._start_background_work()
        self.stdout.write(self.style.SUCCESS(f"Parafeer draait op http://{addrport}/"))
        try:
            call_command("runserver", addrport, use_reloader=False)
        finally:
            for child in children:
                child.terminate()
            for child in children:
                child.wait(timeout=10)

    def _start_background_work(self) -> list[subprocess.Popen]:
        """A worker and beat as child processes with a broker; else beat in a thread here."""
        if settings.CELERY_BROKER_URL:
            celery = [sys.executable, "-m", "celery", "-A", "config"]
            self.stdout.write(f"Celery-worker en -beat gestart op {settings.CELERY_BROKER_URL}.")
            return [
                subprocess.Popen([*celery, "worker", "--loglevel=INFO", "--concurrency=2"]),
                subprocess.Popen([*celery, "beat", "--loglevel=INFO"]),
            ]
        # No broker: tasks run eagerly, so the scheduler thread itself does the work.
        from celery.beat import EmbeddedService

        from config.celery import app

        EmbeddedService(app, thread=True).start()
        self.stdout.write("Geen broker ingesteld: taken en planner draaien in dit proces.")
        return []
