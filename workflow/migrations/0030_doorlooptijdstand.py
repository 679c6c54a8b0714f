"""De doorlooptijdstand (workflow/models/doorlooptijden.py, workflow/doorlooptijdstand.py): the
overzicht's lead times as counts per bereik, block of end dates, kind, directie, ministry and
werkdagen, folded in from `AfgerondeStap` a batch at a time, so that a DG's year is a few hundred
counts instead of 130,000 steps counted against the calendar on every page.

What a step contributes is written here once, as SQL over a source of steps (`_bijdragen`), and
used by the fold (`doorlooptijdstand_vouwen`, which the app calls with the batch and the
calendar's numbers) and by everything that takes a counted step out again:

- a nota moving to another unit or office (before the update, with the bereiken it had);
- a counted step changed or deleted (never done by the app; the derived row may be rebuilt);
- a change to the organisation's tree or a bewindspersoon's ministry (rare, by a beheerder):
  everything is taken out (`doorlooptijdstand_legen`), in the same transaction;
- TRUNCATE of the steps empties the counts.

A step taken out has `werkdagen` NULL again: the overzicht reads it live (the tail) until the
fold counts it anew. What the counts were made with is ordered by the row lock of the one
DoorlooptijdstandKalender row: a fold holds it shared, whatever takes steps out exclusively, so
that no fold commits counts made with a tree or a nota that changed under it. The calendar is
not watched here: its fingerprint is in that row, and the overzicht and the fold compare it
with their own (a closure day, a setting or the holidays package changed).

Bereiken as in migration 0029: a unit's `workflow_onderdeelbereik`, and the ministry of the
office a nota is addressed to when it is another. Blocks: day number `eind - EPOCH` shifted
right by `niveau` (0 … NIVEAUS - 1) bits; workflow/doorlooptijdstand.py has the same numbers
(tests/workflow/test_doorlooptijdstand.py checks they agree).
"""

from django.db import migrations, models

EPOCH = "2000-01-01"
NIVEAUS = 11
SLEUTEL = "bereik, niveau, blok, soort, directie_id, ministerie_id, werkdagen"


def _bijdragen(stappen: str) -> str:
    """The counts of `stappen` (soort, nota_id, organisatieonderdeel_id, ministerie_id, eind,
    werkdagen, d), d = 1 to add or -1 to take out, per key, with every other table as it is.
    Needs the CTE `ob`, the unit's bereiken: each step finds its nota by key and its bereiken
    in that small table, whatever the planner thinks the number of steps is."""
    return f"""
        SELECT nb.bereik, k.niveau, (nb.eind - DATE '{EPOCH}') >> k.niveau AS blok, nb.soort,
               CASE WHEN o.soort = 'afdeling' THEN o.bovenliggend_id ELSE o.id END AS directie_id,
               nb.ministerie_id, nb.werkdagen, SUM(nb.d) AS aantal
          FROM (SELECT s.*, ob.bereik FROM {stappen} s
                  JOIN letters_nota n ON n.id = s.nota_id
                  JOIN ob ON ob.organisatieonderdeel_id = n.organisatieonderdeel_id
                UNION ALL
                SELECT s.*, 'min:' || bp.ministerie_id FROM {stappen} s
                  JOIN letters_nota n ON n.id = s.nota_id
                  JOIN workflow_bewindspersoon bp ON bp.id = n.aan_id
                  JOIN workflow_organisatieonderdeel ou ON ou.id = n.organisatieonderdeel_id
                 WHERE bp.ministerie_id <> ou.ministerie_id) nb
          JOIN workflow_organisatieonderdeel o ON o.id = nb.organisatieonderdeel_id
         CROSS JOIN generate_series(0, {NIVEAUS - 1}) AS k(niveau)
         GROUP BY 1, 2, 3, 4, 5, 6, 7"""


def _optellen(stappen: str, met: str = "") -> str:
    """Adds the counts of `stappen` (a table, or a CTE of `met`) to the stand, in key order
    (one lock order for every writer); counts that reach 0 are deleted."""
    return f"""
    WITH {met}
    ob AS MATERIALIZED (SELECT organisatieonderdeel_id, bereik FROM workflow_onderdeelbereik),
    bij AS (
        INSERT INTO workflow_doorlooptijdstand ({SLEUTEL}, aantal)
        SELECT * FROM ({_bijdragen(stappen)}) b WHERE aantal <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7
        ON CONFLICT ({SLEUTEL})
        DO UPDATE SET aantal = workflow_doorlooptijdstand.aantal + excluded.aantal
        RETURNING id, aantal)
    SELECT array_agg(id) FILTER (WHERE aantal = 0) INTO leeg FROM bij;
    IF leeg IS NOT NULL THEN
        DELETE FROM workflow_doorlooptijdstand WHERE id = ANY(leeg);
    END IF;"""


# Taken out before the update: the nota's bereiken are still those its steps were counted under.
VERPLAATST = """(SELECT soort, nota_id, organisatieonderdeel_id, ministerie_id, eind,
                        werkdagen, -1 AS d
                   FROM workflow_afgerondestap
                  WHERE nota_id = OLD.id AND werkdagen IS NOT NULL)"""
WEG = """(SELECT OLD.soort, OLD.nota_id, OLD.organisatieonderdeel_id, OLD.ministerie_id,
                 OLD.eind, OLD.werkdagen, -1 AS d)"""
# The batch, counted with the calendar's numbers and marked counted in one UPDATE.
BATCH = """batch AS (
        UPDATE workflow_afgerondestap f
           SET werkdagen = nrs[f.eind - eerste + 1] - nrs[f."begin" - eerste + 1]
         WHERE f.id = ANY(ids) AND f.werkdagen IS NULL
        RETURNING f.soort, f.nota_id, f.organisatieonderdeel_id, f.ministerie_id, f.eind,
                  f.werkdagen, 1 AS d),"""

PG_CREATE = f"""
CREATE UNIQUE INDEX workflow_doorlooptijdstand_sleutel ON workflow_doorlooptijdstand ({SLEUTEL})
    NULLS NOT DISTINCT;

CREATE FUNCTION doorlooptijdstand_vergrendelen(exclusief boolean) RETURNS void AS $$
BEGIN
    INSERT INTO workflow_doorlooptijdstandkalender (id, kalender) VALUES (1, '')
    ON CONFLICT (id) DO NOTHING;
    IF exclusief THEN
        PERFORM 1 FROM workflow_doorlooptijdstandkalender WHERE id = 1 FOR UPDATE;
    ELSE
        PERFORM 1 FROM workflow_doorlooptijdstandkalender WHERE id = 1 FOR SHARE;
    END IF;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION doorlooptijdstand_legen() RETURNS void AS $$
BEGIN
    PERFORM doorlooptijdstand_vergrendelen(true);
    DELETE FROM workflow_doorlooptijdstand;
    UPDATE workflow_afgerondestap SET werkdagen = NULL WHERE werkdagen IS NOT NULL;
END;
$$ LANGUAGE plpgsql;

-- Counts the steps `ids` not counted yet (locked by the caller, who holds the shared lock) with
-- the calendar's numbers `nrs` from `eerste` on (nrs[i]: the werkdagen in [eerste, eerste+i-1]).
CREATE FUNCTION doorlooptijdstand_vouwen(ids bigint[], eerste date, nrs int[]) RETURNS void
AS $$
DECLARE
    leeg bigint[];
BEGIN
    {_optellen("batch", BATCH)}
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION doorlooptijdstand_nota_verplaatst() RETURNS trigger AS $$
DECLARE
    leeg bigint[];
BEGIN
    PERFORM doorlooptijdstand_vergrendelen(true);
    {_optellen(VERPLAATST)}
    UPDATE workflow_afgerondestap SET werkdagen = NULL
     WHERE nota_id = OLD.id AND werkdagen IS NOT NULL;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION doorlooptijdstand_stap_weg() RETURNS trigger AS $$
DECLARE
    leeg bigint[];
BEGIN
    PERFORM doorlooptijdstand_vergrendelen(true);
    {_optellen(WEG)}
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    NEW.werkdagen := NULL;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION doorlooptijdstand_opnieuw() RETURNS trigger AS $$
BEGIN
    PERFORM doorlooptijdstand_legen();
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION doorlooptijdstand_stappen_geleegd() RETURNS trigger AS $$
BEGIN
    DELETE FROM workflow_doorlooptijdstand;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER doorlooptijdstand_verplaatst BEFORE UPDATE OF organisatieonderdeel_id, aan_id
    ON letters_nota FOR EACH ROW
    WHEN (OLD.organisatieonderdeel_id IS DISTINCT FROM NEW.organisatieonderdeel_id
          OR OLD.aan_id IS DISTINCT FROM NEW.aan_id)
    EXECUTE FUNCTION doorlooptijdstand_nota_verplaatst();
CREATE TRIGGER doorlooptijdstand_gewijzigd BEFORE UPDATE ON workflow_afgerondestap FOR EACH ROW
    WHEN (OLD.werkdagen IS NOT NULL
          AND (OLD.soort, OLD.nota_id, OLD.organisatieonderdeel_id, OLD.ministerie_id,
               OLD."begin", OLD.eind)
              IS DISTINCT FROM (NEW.soort, NEW.nota_id, NEW.organisatieonderdeel_id,
                                NEW.ministerie_id, NEW."begin", NEW.eind))
    EXECUTE FUNCTION doorlooptijdstand_stap_weg();
CREATE TRIGGER doorlooptijdstand_verwijderd BEFORE DELETE ON workflow_afgerondestap FOR EACH ROW
    WHEN (OLD.werkdagen IS NOT NULL) EXECUTE FUNCTION doorlooptijdstand_stap_weg();
CREATE TRIGGER doorlooptijdstand_geleegd AFTER TRUNCATE ON workflow_afgerondestap
    FOR EACH STATEMENT EXECUTE FUNCTION doorlooptijdstand_stappen_geleegd();
CREATE TRIGGER doorlooptijdstand_boom AFTER UPDATE ON workflow_organisatieonderdeel FOR EACH ROW
    WHEN (OLD.bovenliggend_id IS DISTINCT FROM NEW.bovenliggend_id
          OR OLD.ministerie_id IS DISTINCT FROM NEW.ministerie_id
          OR OLD.soort IS DISTINCT FROM NEW.soort)
    EXECUTE FUNCTION doorlooptijdstand_opnieuw();
CREATE TRIGGER doorlooptijdstand_bureau AFTER UPDATE ON workflow_bewindspersoon FOR EACH ROW
    WHEN (OLD.ministerie_id IS DISTINCT FROM NEW.ministerie_id)
    EXECUTE FUNCTION doorlooptijdstand_opnieuw();
"""

PG_DROP = """
DROP TRIGGER IF EXISTS doorlooptijdstand_verplaatst ON letters_nota;
DROP TRIGGER IF EXISTS doorlooptijdstand_gewijzigd ON workflow_afgerondestap;
DROP TRIGGER IF EXISTS doorlooptijdstand_verwijderd ON workflow_afgerondestap;
DROP TRIGGER IF EXISTS doorlooptijdstand_geleegd ON workflow_afgerondestap;
DROP TRIGGER IF EXISTS doorlooptijdstand_boom ON workflow_organisatieonderdeel;
DROP TRIGGER IF EXISTS doorlooptijdstand_bureau ON workflow_bewindspersoon;
DROP FUNCTION IF EXISTS doorlooptijdstand_stappen_geleegd();
DROP FUNCTION IF EXISTS doorlooptijdstand_opnieuw();
DROP FUNCTION IF EXISTS doorlooptijdstand_stap_weg();
DROP FUNCTION IF EXISTS doorlooptijdstand_nota_verplaatst();
DROP FUNCTION IF EXISTS doorlooptijdstand_vouwen(bigint[], date, int[]);
DROP FUNCTION IF EXISTS doorlooptijdstand_legen();
DROP FUNCTION IF EXISTS doorlooptijdstand_vergrendelen(boolean);
DROP INDEX IF EXISTS workflow_doorlooptijdstand_sleutel;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_DROP)



class Migration(migrations.Migration):

    dependencies = [
        ('letters', '0011_nota_bij_bureau_index'),
        ('workflow', '0029_werkstand'),
    ]

    operations = [
        migrations.CreateModel(
            name='Doorlooptijdstand',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('bereik', models.CharField(max_length=20, verbose_name='scope')),
                ('niveau', models.SmallIntegerField(verbose_name='level')),
                ('blok', models.IntegerField(verbose_name='block')),
                ('soort', models.CharField(choices=[('paraaf', 'initialling step'), ('besluit', 'decision'), ('afstemming', 'agreement of a co-signer')], max_length=10, verbose_name='kind')),
                ('directie_id', models.BigIntegerField(null=True, verbose_name='directie')),
                ('ministerie_id', models.BigIntegerField(null=True, verbose_name='ministry')),
                ('werkdagen', models.IntegerField(verbose_name='werkdagen')),
                ('aantal', models.BigIntegerField(verbose_name='count')),
            ],
            options={
                'verbose_name': 'lead time count',
                'verbose_name_plural': 'lead time counts',
            },
        ),
        migrations.CreateModel(
            name='DoorlooptijdstandKalender',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kalender', models.CharField(max_length=64, verbose_name='calendar')),
            ],
            options={
                'verbose_name': 'calendar of the lead time counts',
                'verbose_name_plural': 'calendar of the lead time counts',
            },
        ),
        migrations.AddField(
            model_name='afgerondestap',
            name='werkdagen',
            field=models.IntegerField(blank=True, null=True, verbose_name='werkdagen counted'),
        ),
        migrations.AddIndex(
            model_name='afgerondestap',
            index=models.Index(condition=models.Q(('werkdagen', None)), fields=['eind'], name='afgeronde_stap_ongevouwen'),
        ),
        migrations.AddIndex(
            model_name='afgerondestap',
            index=models.Index(fields=['nota'], name='afgeronde_stap_nota'),
        ),
        migrations.RunPython(create, drop),
    ]
