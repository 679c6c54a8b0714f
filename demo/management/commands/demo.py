"""`manage.py demo`: migrate, load the seed case, list the demo users and serve."""

import os
import subprocess
import sys

from celery import current_app as app
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection

from demo.notas import DEMO_PASSWORD, DEMO_USERS, load_demo_data, load_demo_notas
from workflow.models import Medewerker


class Command(BaseCommand):
    help = (
        "Loads the demo data (idempotent; the notas in flight dated from today) and serves "
        "Parafeer with its worker and scheduler."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-server", action="store_true", help="Only migrate and load the demo data."
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Empty the database first, so the seed case starts again (never in production).",
        )
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, no_server=False, reset=False, addrport="127.0.0.1:8000", **options):
        # The demo's users share a published password: never add them to, or empty, a database
        # that holds real people.
        echte = _real_people()
        if echte:
            raise CommandError(
                f"Deze database bevat echte gebruikers (bijvoorbeeld {echte[0]!r}): de demo laadt "
                "hier geen demogebruikers met een bekend wachtwoord en leegt haar niet."
            )
        if reset:
            if not settings.PARAFEER_DEMO_RESET:
                raise CommandError(
                    "demo --reset leegt de hele database en is daarom uitgeschakeld in "
                    "productie (PARAFEER_DEMO_RESET)."
                )
            _empty_database()
            ContentType.objects.clear_cache()
            self.stdout.write("Database geleegd.")
        call_command("migrate", interactive=False, verbosity=0)
        load_demo_data()
        load_demo_notas()
        self.stdout.write(self.style.SUCCESS("Demodata geladen."))
        self.stdout.write(f"Demogebruikers (wachtwoord voor allen: {DEMO_PASSWORD}):")
        for user in DEMO_USERS:
            self.stdout.write(f"  {user.username:<16} {user.functie} ({user.rol.label})")
        if no_server:
            return

        # Links in emails and the calendar link point at this server, unless SITE_URL says where.
        if "SITE_URL" not in os.environ:
            host = addrport if ":" in addrport else f"127.0.0.1:{addrport}"
            settings.SITE_URL = os.environ["SITE_URL"] = f"http://{host}"
        children = self._start_background_work()
        self.stdout.write(self.style.SUCCESS(f"Parafeer draait op {settings.SITE_URL}/"))
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

        EmbeddedService(app, thread=True).start()
        self.stdout.write("Geen broker ingesteld: taken en planner draaien in dit proces.")
        return []


def _real_people() -> list[str]:
    """Usernames in this database that are not the demo's (none when it has no tables yet)."""

    if Medewerker._meta.db_table not in connection.introspection.table_names():
        return []
    demo = [user.username for user in DEMO_USERS]
    return list(
        Medewerker.objects.exclude(username__in=demo).values_list("username", flat=True)[:1]
    )


def _empty_database() -> None:
    """Every table, function and extension gone, so that `migrate` builds the database anew.

    Not a flush: the migrations also seed reference data (norms, reminder policies, the Kamer's
    recesses), and history and versions refuse to be emptied row by row.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The schema the tables are in (public, unless search_path says otherwise).
            cursor.execute("SELECT current_schema()")
            schema = connection.ops.quote_name(cursor.fetchone()[0])
            try:
                cursor.execute(f"DROP SCHEMA {schema} CASCADE")
                cursor.execute(f"CREATE SCHEMA {schema}")
            except DatabaseError as error:
                raise CommandError(
                    f"demo --reset kan schema {schema} niet legen (is deze gebruiker eigenaar?): "
                    f"{error}"
                ) from error
            return
        if connection.vendor != "sqlite":
            raise CommandError(f"demo --reset kent database {connection.vendor} niet.")
        cursor.execute("PRAGMA foreign_keys = OFF")
        # The views first (the werkstand's, migration workflow/0029): a view left over from a
        # dropped table makes SQLite refuse every later ALTER TABLE … RENAME of the migrations.
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'view'")
        for (view,) in cursor.fetchall():
            cursor.execute(f"DROP VIEW {connection.ops.quote_name(view)}")
        for table in connection.introspection.table_names(cursor, include_views=False):
            cursor.execute(f"DROP TABLE {connection.ops.quote_name(table)}")
        cursor.execute("PRAGMA foreign_keys = ON")
