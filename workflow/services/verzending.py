"""Signing, sending, publishing and withdrawing a Kamerbrief, and what sending settles: the nota
afgehandeld, toezeggingen and moties discharged.
"""

from collections.abc import Sequence
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from letters.models import (
    Afstemmingsverzoek,
    Kamerbrief,
    Nota,
    Ondertekenaar,
)
from workflow.commitments import discharge_by_letter
from workflow.handelen import (
    Actie,
    Acting,
    ActionNotAllowed,
    as_office_of,
    record_event,
    require_remark,
    today,
)
from workflow.kamerstuk import (
    OngeldigeKamerId,
    OngeldigeKamerstukReferentie,
    parse_kamerstuk,
    parse_tk_id,
)
from workflow.models import (
    Bewindspersoon,
    Medewerker,
    Rol,
)
from workflow.services.kamerbrief import (
    KB,
    _as_letter_writer,
    _as_office_for,
    _new_version,
    _refusal,
    _require_letter_status,
    current_pakket,
    lock_kamerbrief,
    missing_for_signing,
)
from workflow.services.nota import nota_afhandelen
from workflow.signals import kamerbrief_verzonden


@transaction.atomic
def kamerbrief_ondertekenen(
    *, kamerbrief: Kamerbrief, by: Medewerker, now: datetime | None = None
) -> Kamerbrief:
    """Ondertekenen, by the sender's office: only when every akkoord holds on these versions."""
    now = now or timezone.now()
    kamerbrief = lock_kamerbrief(kamerbrief)
    acting = _as_office_for(kamerbrief.afzender, by, now, _("sign this letter"))
    missing = missing_for_signing(kamerbrief)
    if missing:
        raise ActionNotAllowed(_("The letter cannot be signed yet: ") + " ".join(missing))
    _require_letter_status(kamerbrief, KB.GEREED_VOOR_ONDERTEKENING)
    kamerbrief.ondertekenen()
    kamerbrief.save(update_fields=["status"])
    record_event(
        actie="ondertekend", nota=kamerbrief.nota, kamerbrief=kamerbrief, acting=acting, now=now,
        van=KB.GEREED_VOOR_ONDERTEKENING, naar=kamerbrief.status,
        versie=current_pakket(kamerbrief).describe(),
    )  # fmt: skip
    return kamerbrief


@transaction.atomic
def kamerbrief_verzenden(
    *, kamerbrief: Kamerbrief, by: Medewerker, now: datetime | None = None
) -> Kamerbrief:
    """Verzenden: dates the letter, freezes its signatories, completes the nota and afdoet
    the commitments it discharges."""

    now = now or timezone.now()
    kamerbrief = lock_kamerbrief(kamerbrief)
    acting = _as_office_for(kamerbrief.afzender, by, now, _("send this letter"))
    _require_letter_status(kamerbrief, KB.ONDERTEKEND)
    datum = today(now)
    kamerbrief.verzenden()
    kamerbrief.datum = datum
    kamerbrief.save(update_fields=["status", "datum"])
    _freeze_signatories(kamerbrief, datum)
    record_event(
        actie="verzonden", nota=kamerbrief.nota, kamerbrief=kamerbrief, acting=acting, now=now,
        van=KB.ONDERTEKEND, naar=kamerbrief.status, versie=current_pakket(kamerbrief).describe(),
    )  # fmt: skip
    if kamerbrief.nota is not None and kamerbrief.nota.status == Nota.Status.AKKOORD:
        nota_afhandelen(
            nota=kamerbrief.nota, by=None, now=now,
            remark=_("Letter %(kenmerk)s sent.") % {"kenmerk": kamerbrief.kenmerk},
        )  # fmt: skip
    elif kamerbrief.nota is not None and kamerbrief.nota.status == Nota.Status.AFGEHANDELD:
        # Completed before its letter went out: the archive dates the dossier by the letter.
        Nota.objects.filter(pk=kamerbrief.nota_id).update(afgerond_op=datum)
    discharge_by_letter(kamerbrief=kamerbrief, acting=acting, now=now)
    # The apps that take part (a programme's voortgangsrapportage attached to this letter is
    # reported with it) do so in this transaction.
    kamerbrief_verzonden.send(sender=Kamerbrief, kamerbrief=kamerbrief, acting=acting, now=now)
    return kamerbrief


def signatory_posts(kamerbrief: Kamerbrief) -> list[tuple[Bewindspersoon, str]]:
    """The posts that sign the letter, in the order they are printed, each with its role."""
    rol = (
        Ondertekenaar.Rol.MEDE_NAMENS
        if kamerbrief.vorm == Kamerbrief.Vorm.MEDE_NAMENS
        else Ondertekenaar.Rol.MEDEONDERTEKENAAR
    )
    return [(kamerbrief.afzender, Ondertekenaar.Rol.AFZENDER)] + [
        (b, rol)
        for b in kamerbrief.medeondertekenaars.order_by("ministerie__afkorting", "afkorting")
    ]


def _freeze_signatories(kamerbrief: Kamerbrief, datum: date) -> None:
    posts = signatory_posts(kamerbrief)
    for volgorde, (post, post_rol) in enumerate(posts, start=1):
        holder = post.holder_on(datum)
        if holder is None:
            raise ActionNotAllowed(
                _(
                    "Nobody holds the post of %(post)s on %(datum)s: "
                    "record the term of office first."
                )
                % {"post": post, "datum": datum.strftime("%d-%m-%Y")}
            )
        Ondertekenaar.objects.create(
            kamerbrief=kamerbrief, volgorde=volgorde, bewindspersoon=post, rol=post_rol,
            naam=holder.naam, titel=post.titel,
        )  # fmt: skip


@transaction.atomic
def kamerbrief_publiceren(
    *,
    kamerbrief: Kamerbrief,
    by: Medewerker,
    kamerstuk: str,
    tk_document_id: str = "",
    publicatiedatum: date | None = None,
    now: datetime | None = None,
) -> Kamerbrief:
    """Parliamentary coordination registers the Kamerstuk the Kamer published the letter as,
    and when (not before the letter was sent, not after today)."""

    now = now or timezone.now()
    kamerbrief = lock_kamerbrief(kamerbrief)
    if not by.has_rol(Rol.PARLEMENTAIRE_COORDINATIE):
        raise ActionNotAllowed(_("Only parliamentary coordination registers the publication."))
    _require_letter_status(kamerbrief, KB.VERZONDEN)
    try:
        referentie = parse_kamerstuk(kamerstuk)
        tk_id = parse_tk_id(tk_document_id) if tk_document_id.strip() else None
    except (OngeldigeKamerstukReferentie, OngeldigeKamerId) as error:
        raise ActionNotAllowed(str(error)) from None
    if tk_id is not None and tk_id.soort != "document":
        raise ActionNotAllowed(
            _("%(id)s is not a document id of the House (like 2022D47993).") % {"id": tk_id.waarde}
        )
    if publicatiedatum is not None and publicatiedatum > today(now):
        raise ActionNotAllowed(_("The publication date lies in the future."))
    if publicatiedatum is not None and kamerbrief.datum and publicatiedatum < kamerbrief.datum:
        raise ActionNotAllowed(
            _("The publication date lies before the letter was sent (%(datum)s).")
            % {"datum": kamerbrief.datum.strftime("%d-%m-%Y")}
        )
    kamerbrief.publiceren()
    kamerbrief.kamerstuk = referentie.canonical()
    kamerbrief.tk_document_id = tk_id.waarde if tk_id else ""
    kamerbrief.publicatiedatum = publicatiedatum
    kamerbrief.save(update_fields=["status", "kamerstuk", "tk_document_id", "publicatiedatum"])
    record_event(
        actie="gepubliceerd", kamerbrief=kamerbrief, acting=Acting(by=by), now=now,
        van=KB.VERZONDEN, naar=kamerbrief.status, opmerking=kamerbrief.kamerstuk,
    )  # fmt: skip
    return kamerbrief


@transaction.atomic
def kamerbrief_intrekken(
    *, kamerbrief: Kamerbrief, by: Medewerker, remark: str, now: datetime | None = None
) -> Kamerbrief:
    now = now or timezone.now()
    kamerbrief = lock_kamerbrief(kamerbrief)
    acting = _as_letter_writer(kamerbrief, by, now)
    remark = require_remark(remark, _("Give the reason for withdrawing the letter."))
    if kamerbrief.status not in (
        KB.CONCEPT,
        KB.IN_AFSTEMMING,
        KB.GEREED_VOOR_ONDERTEKENING,
        KB.ONDERTEKEND,
    ):
        raise ActionNotAllowed(
            _("This is not possible now: the letter is %(status)s.")
            % {"status": kamerbrief.get_status_display()}
        )
    van = kamerbrief.status
    kamerbrief.intrekken()
    kamerbrief.save(update_fields=["status"])
    for verzoek in kamerbrief.afstemmingsverzoeken.filter(status__in=Afstemmingsverzoek.GELDIG):
        verzoek.intrekken()
        verzoek.save(update_fields=["status"])
    record_event(
        actie="kamerbrief_ingetrokken", nota=kamerbrief.nota, kamerbrief=kamerbrief,
        acting=acting, now=now, van=van, naar=kamerbrief.status, opmerking=remark,
    )  # fmt: skip
    return kamerbrief


@transaction.atomic
def kamerbrief_register_sent(
    *,
    by: Medewerker,
    kenmerk: str,
    afzender: Bewindspersoon,
    medeondertekenaars: Sequence[Bewindspersoon],
    vorm: str,
    betreft: str,
    tekst: str,
    datum: date,
    voetnoten: Sequence[str] = (),
    now: datetime | None = None,
) -> Kamerbrief:
    """Registers a letter sent before Parafeer (e.g. the 2022 letter the seed case refers to)."""
    now = now or timezone.now()
    documentnummer = int(kenmerk.split("-")[0])
    if Kamerbrief.objects.filter(kenmerk=kenmerk).exists():
        raise ActionNotAllowed(
            _("A letter with kenmerk %(kenmerk)s already exists.") % {"kenmerk": kenmerk}
        )
    kamerbrief = Kamerbrief(
        kenmerk=kenmerk, documentnummer=documentnummer, afzender=afzender, vorm=vorm,
        betreft=betreft, datum=datum, status=KB.VERZONDEN, aangemaakt_op=now,
    )  # fmt: skip
    kamerbrief.save()
    kamerbrief.medeondertekenaars.set(medeondertekenaars)
    _new_version(kamerbrief, by, tekst, voetnoten, now)
    _freeze_signatories(kamerbrief, datum)
    record_event(
        actie="geregistreerd", kamerbrief=kamerbrief, acting=Acting(by=by), now=now,
        naar=kamerbrief.status,
        opmerking=_("Sent on %(datum)s, registered afterwards.")
        % {"datum": datum.strftime("%d-%m-%Y")},
    )  # fmt: skip
    return kamerbrief


ONDERTEKENEN = Actie("ondertekenen", gettext_lazy("Sign"))


VERZENDEN = Actie("verzenden", gettext_lazy("Send"))


def letter_actions(kamerbrief: Kamerbrief, user: Medewerker, now: datetime | None = None):
    now = now or timezone.now()
    if as_office_of(kamerbrief.afzender_id, user, now) is None:
        return []
    if kamerbrief.status == KB.GEREED_VOOR_ONDERTEKENING and not missing_for_signing(kamerbrief):
        return [ONDERTEKENEN]
    if kamerbrief.status == KB.ONDERTEKEND:
        return [VERZENDEN]
    return []


def withdraw_refusal(kamerbrief: Kamerbrief, user: Medewerker, now=None) -> str | None:
    now = now or timezone.now()
    return _refusal(
        lambda: (
            _as_letter_writer(kamerbrief, user, now),
            _require_letter_status(
                kamerbrief,
                KB.CONCEPT,
                KB.IN_AFSTEMMING,
                KB.GEREED_VOOR_ONDERTEKENING,
                KB.ONDERTEKEND,
            ),
        )
    )


def publish_refusal(kamerbrief: Kamerbrief, user: Medewerker) -> str | None:
    if not user.has_rol(Rol.PARLEMENTAIRE_COORDINATIE):
        return _("Only parliamentary coordination registers the publication.")
    return _refusal(lambda: _require_letter_status(kamerbrief, KB.VERZONDEN))
