"""Linking toezeggingen and moties to a nota (and so to its letter), and the nota's section g
(Toezeggingen) written from those links.
"""

from datetime import date, datetime

from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from letters.models import Nota, Toelichtingspunt
from workflow.commitments.basis import check_link_commitments, lock_motie, lock_toezegging
from workflow.handelen import ActionNotAllowed, record_event
from workflow.models import (
    Koppeling,
    Medewerker,
    Motie,
    Toezegging,
)
from workflow.services.basis import lock_nota

# --- linking items to a nota and its letter --------------------------------------------------


@transaction.atomic
def nota_link_commitment(
    *,
    nota: Nota,
    by: Medewerker,
    wijze: str,
    toezegging: Toezegging | None = None,
    motie: Motie | None = None,
    toelichting: str = "",
    now: datetime | None = None,
) -> Koppeling:
    """Links a toezegging or motie to the nota (and so to its letter), or changes how."""
    now = now or timezone.now()
    if (toezegging is None) == (motie is None):
        raise TypeError("link either a toezegging or a motie")
    nota = lock_nota(nota)
    acting = check_link_commitments(nota, by, now)
    if wijze not in Koppeling.Wijze.values:
        raise ActionNotAllowed(_("Choose whether the letter discharges it or only reports on it."))
    if toezegging is not None:
        item = lock_toezegging(toezegging)
        existing = nota.koppelingen.filter(toezegging=item, ontkoppeld_op__isnull=True).first()
    else:
        item = lock_motie(motie)
        existing = nota.koppelingen.filter(motie=item, ontkoppeld_op__isnull=True).first()
        if wijze == Koppeling.Wijze.DEELS_AFDOEN:
            raise ActionNotAllowed(
                _("A motion is discharged or reported on; it cannot be discharged in part.")
            )
    if not item.is_open:
        raise ActionNotAllowed(
            _("%(item)s is %(status)s: there is nothing left for this letter to handle.")
            % {"item": item, "status": item.get_status_display()}
        )
    toelichting = (toelichting or "").strip()
    if existing is not None:
        if (existing.wijze, existing.toelichting) == (wijze, toelichting):
            return existing
        existing.wijze, existing.toelichting = wijze, toelichting
        existing.save(update_fields=["wijze", "toelichting"])
        koppeling, actie = existing, "koppeling_gewijzigd"
    else:
        koppeling = Koppeling.objects.create(
            nota=nota, toezegging=item if toezegging else None, motie=item if motie else None,
            wijze=wijze,
            toelichting=toelichting, gekoppeld_door=by, gekoppeld_op=now,
        )  # fmt: skip
        actie = "koppeling_toegevoegd"
    record_event(
        actie=actie, nota=nota, toezegging=koppeling.toezegging, motie=koppeling.motie,
        acting=acting, now=now, opmerking=f"{item}: {koppeling.get_wijze_display()}",
    )  # fmt: skip
    write_section_g(nota)
    return koppeling


@transaction.atomic
def nota_unlink_commitment(
    *, koppeling: Koppeling, by: Medewerker, now: datetime | None = None
) -> Koppeling:
    """The letter no longer handles the item; the link stays readable, marked unlinked."""
    now = now or timezone.now()
    nota = lock_nota(koppeling.nota)
    acting = check_link_commitments(nota, by, now)
    koppeling = Koppeling.objects.select_for_update().get(pk=koppeling.pk)
    if koppeling.ontkoppeld_op is not None:
        return koppeling
    koppeling.ontkoppeld_op = now
    koppeling.save(update_fields=["ontkoppeld_op"])
    record_event(
        actie="koppeling_verwijderd", nota=nota, toezegging=koppeling.toezegging,
        motie=koppeling.motie, acting=acting, now=now, opmerking=str(koppeling.item),
    )  # fmt: skip
    write_section_g(nota)
    return koppeling


def active_links(nota: Nota):
    return (
        nota.koppelingen.filter(ontkoppeld_op__isnull=True)
        .select_related("toezegging__bron_kamerbrief", "motie")
        .order_by("gekoppeld_op", "pk")
    )


# --- section g of the nota, written from the links -------------------------------------------


def _long_date(day: date) -> str:
    return formats.date_format(day, "j F Y")


def _sentence(text: str) -> str:
    text = " ".join((text or "").split())
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."


def _toezegging_paragraph(koppeling: Koppeling) -> str:
    toezegging = koppeling.toezegging
    tekst = f"“{_sentence(toezegging.tekst)}”"
    brief = toezegging.bron_kamerbrief
    if toezegging.bron == Toezegging.Bron.BRIEF and brief is not None and brief.datum:
        made = _("In the letter on “%(betreft)s” (%(kenmerk)s, %(datum)s) it was promised: ") % {
            "betreft": brief.betreft,
            "kenmerk": brief.kenmerk,
            "datum": _long_date(brief.datum),
        }
    elif toezegging.bron == Toezegging.Bron.BRIEF:
        made = _("In the letter %(kenmerk)s it was promised: ") % {
            "kenmerk": toezegging.bron_kenmerk
        }
    elif toezegging.bron == Toezegging.Bron.DEBAT and toezegging.debat_datum:
        made = _("In the debate “%(debat)s” of %(datum)s it was promised: ") % {
            "debat": toezegging.debat or toezegging.activiteit_nummer,
            "datum": _long_date(toezegging.debat_datum),
        }
    elif toezegging.bron == Toezegging.Bron.DEBAT:
        made = _("In the debate “%(debat)s” it was promised: ") % {
            "debat": toezegging.debat or toezegging.activiteit_nummer
        }
    else:
        made = _("It was promised: ")
    if koppeling.wijze == Koppeling.Wijze.AFDOEN and toezegging.is_periodiek:
        outcome = _(
            "This commitment is recurring (%(herhaling)s): this letter meets it for now, and it "
            "stays open."
        ) % {"herhaling": toezegging.get_herhaling_display()}
    elif koppeling.wijze == Koppeling.Wijze.AFDOEN:
        outcome = _("This letter discharges this commitment.")
    elif koppeling.wijze == Koppeling.Wijze.DEELS_AFDOEN:
        outcome = _("This letter partly discharges this commitment.")
    else:
        outcome = _("This letter reports on its progress; the commitment stays open.")
    parts = [made + tekst, outcome]
    if koppeling.toelichting:
        parts.append(_sentence(koppeling.toelichting))
    return " ".join(parts)


def _motie_paragraph(koppeling: Koppeling) -> str:
    motie = koppeling.motie
    naam = motie.titel
    if naam.lower().startswith("motie "):
        # Section g is always Dutch: “Motie van het lid …” reads “de motie van het lid …”.
        naam = f"de m{naam[1:]}"
    else:
        naam = _("the motion “%(titel)s”") % {"titel": naam}
    if motie.kamerstuk:
        naam = f"{naam} ({motie.kamerstuk})"
    if koppeling.wijze == Koppeling.Wijze.AFDOEN:
        text = _("This letter discharges %(motie)s.") % {"motie": naam}
    else:
        text = _("This letter reports on the progress of %(motie)s.") % {"motie": naam}
    if koppeling.toelichting:
        text = f"{text} {_sentence(koppeling.toelichting)}"
    return text


def section_g_text(nota: Nota) -> str:
    """Section g (Toezeggingen) of the nota, in Dutch, from its links: '' when there are none."""
    with translation.override("nl"):
        paragraphs = [
            _toezegging_paragraph(k) if k.toezegging_id else _motie_paragraph(k)
            for k in active_links(nota)
        ]
    return "\n\n".join(paragraphs)


def write_section_g(nota: Nota) -> None:
    tekst = section_g_text(nota)
    Toelichtingspunt.objects.filter(nota=nota, punt=Toelichtingspunt.Punt.G).update(
        tekst=tekst, niet_van_toepassing=not tekst
    )
