"""Zoeken: a GIN index on the Dutch full-text expression of every searched text (PostgreSQL).

The expressions are built by Django from the same field lists as the query in
workflow/zoeken.py, so PostgreSQL matches query and index (tests/workflow/test_zoeken.py checks
the plan). An expression index is current in the transaction of every change without a trigger,
and the versions of a letter, which refuse UPDATE, need no backfill. SQLite searches without.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations
from django.db.models import TextField
from django.db.models.functions import Cast

CONFIG = "dutch"

INDEXES = [
    # app, model, index name, the searched expression (keep equal to workflow/zoeken.py)
    ("letters", "Nota", "nota_zoek", lambda: SearchVector(
        "kenmerk", "onderwerp", "aanleiding", "geadviseerd_besluit", "kernpunten", "niet_openbaar",
        config=CONFIG)),
    ("letters", "Toelichtingspunt", "toelichtingspunt_zoek", lambda: SearchVector(
        "tekst", config=CONFIG)),
    ("letters", "Kamerbrief", "kamerbrief_zoek", lambda: SearchVector(
        "kenmerk", "betreft", "kamerstuk", config=CONFIG)),
    ("letters", "Kamerbriefversie", "kamerbriefversie_zoek", lambda: SearchVector(
        "tekst", Cast("voetnoten", TextField()), config=CONFIG)),
    ("workflow", "Toezegging", "toezegging_zoek", lambda: SearchVector(
        "tekst", "tk_nummer", "bron_kenmerk", "debat", "aan_persoon", "aan_fractie", "notities",
        config=CONFIG)),
    ("workflow", "Motie", "motie_zoek", lambda: SearchVector(
        "titel", "onderwerp", "kamerstuk", "dictum", "debat", "tk_zaak_nummer",
        "tk_document_nummer", config=CONFIG)),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for app, model, name, expression in INDEXES:
        schema_editor.add_index(apps.get_model(app, model), GinIndex(expression(), name=name))


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for app, model, name, expression in INDEXES:
        schema_editor.remove_index(apps.get_model(app, model), GinIndex(expression(), name=name))


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0013_history_and_versions_refuse_truncate"),
        ("letters", "0006_versions_append_only"),
    ]

    operations = [migrations.RunPython(create, drop)]
