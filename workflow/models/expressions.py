"""Database expressions the models need that Django does not write portably."""

from django.db import models


class TekstKetting(models.Func):
    """Text fields joined as one flat `a || b || c` chain.

    Django's `Concat` nests a pair per argument, and SQLite before 3.45 overflows its parser
    stack on the parentheses of eighteen parts (issue 14: the demo died in migration 0011 on
    Debian 12's SQLite 3.40). A flat chain parses at any length on SQLite 3.31+ and on
    PostgreSQL, where `text || text` is immutable, as a generated column requires. The parts
    must be NOT NULL: `||` with a NULL gives NULL.
    """

    arg_joiner = " || "
    template = "(%(expressions)s)"
    output_field = models.TextField()
