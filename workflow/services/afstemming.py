"""The afstemming of a Kamerbrief with the offices of its co-signers: asked, answered, renewed,
reminded; co-signers added and dropped.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from letters.models import (
    Afstemmingsverzoek,
    Kamerbrief,
)
from workflow.deadlines import afstemming_deadline
from workflow.handelen import (
    Actie,
    ActionNotAllowed,
    StateConflict,
    as_office_of,
    notify,
    record_afgeronde_stap,
    record_event,
    require_remark,
    today,
)
from workflow.models import (
    AfgerondeStap,
    Bewindspersoon,
    Medewerker,
    Soort,
)
from workflow.reminders import remind_now
from workflow.services.kamerbrief import (
    KB,
    VZ,
    _as_letter_writer,
    _as_office_for,
    _check_ready,
    _office_ids_of,
    _refusal,
    _request,
    _require_letter_status,
    current_pakket,
    lock_kamerbrief,
)


@transaction.atomic
def kamerbrief_afstemming_starten(
    *,
    kamerbrief: Kamerbrief,
    by: Medewerker,
    deadline: date | None = None,
    deadlines: Mapping[int, date] | None = None,
    now: datetime | None = None,
) -> Kamerbrief:
    """Asks every co-signer's office, in parallel, for akkoord on the current versions.

    `deadlines` gives each office its own deadline (by bewindspersoon id; the form shows the
    default of default_afstemming_deadline); otherwise all share `deadline`, or the planned one.
    A deadline before today is refused.
    """
    now = now or timezone.now()
    kamerbrief = lock_kamerbrief(kamerbrief)
    acting = _as_letter_writer(kamerbrief, by, now)
    _require_letter_status(kamerbrief, KB.CONCEPT)
    cosigners = list(kamerbrief.medeondertekenaars.order_by("ministerie__afkorting", "afkorting"))
    if deadline is None and deadlines is None:
        deadline = afstemming_deadline(kamerbrief)
    per_office = {b.pk: (deadlines or {}).get(b.pk, deadline) for b in cosigners}
    for bewindspersoon in cosigners:
        gevraagd = per_office[bewindspersoon.pk]
        if deadlines is not None and gevraagd is None:
            raise ActionNotAllowed(
                _("Give the office of the %(bewindspersoon)s a deadline.")
                % {"bewindspersoon": bewindspersoon}
            )
        if deadlines is not None and gevraagd < today(now):
            raise ActionNotAllowed(
                _(
                    "The deadline for the %(bewindspersoon)s (%(datum)s) lies in the past: "
                    "give a date from today on."
                )
                % {"bewindspersoon": bewindspersoon, "datum": gevraagd.strftime("%d-%m-%Y")}
            )
    pakket = current_pakket(kamerbrief)
    van = kamerbrief.status
    kamerbrief.afstemming_starten()
    kamerbrief.save(update_fields=["status"])
    gestart = record_event(
        actie="afstemming_gestart", nota=kamerbrief.nota, kamerbrief=kamerbrief, acting=acting,
        now=now, van=van, naar=kamerbrief.status, versie=pakket.describe(),
        opmerking=", ".join(b.afkorting for b in cosigners),
    )  # fmt: skip
    for bewindspersoon in cosigners:
        verzoek = _request(kamerbrief, bewindspersoon, pakket, now, per_office[bewindspersoon.pk])
        record_event(
            actie="afstemming_aangevraagd", kamerbrief=kamerbrief, afstemmingsverzoek=verzoek,
            acting=acting, now=now, naar=verzoek.status, versie=pakket.describe(),
            opmerking=str(bewindspersoon),
        )  # fmt: skip
    # The event's remark lists the co-signers; the mail has no remark of a person to quote.
    notify(
        kamerbrief, "afstemming_aangevraagd", _office_ids_of([b.pk for b in cosigners]),
        aanleiding=gestart,
    )  # fmt: skip
    _check_ready(kamerbrief, acting, now)
    return kamerbrief


@dataclass(frozen=True)
class Antwoord(Actie):
    """One answer an office can give: the request's transition, whether a remark is required,
    and what the answer means for the letter. The one table of answers: the service checks it,
    the page's form offers it, the view reads the chosen one from it."""

    betekenis: str = ""


ANTWOORDEN: dict[str, Antwoord] = {
    a.code: a
    for a in (
        Antwoord(
            VZ.AKKOORD,
            gettext_lazy("Agree"),
            betekenis=gettext_lazy("The letter may be signed on your behalf as it is."),
        ),
        Antwoord(
            VZ.AKKOORD_MET_OPMERKINGEN,
            gettext_lazy("Agree with remarks"),
            remark_required=True,
            betekenis=gettext_lazy(
                "The letter may be signed; the drafter reads your remarks and may still adjust it."
            ),
        ),
        Antwoord(
            VZ.NIET_AKKOORD,
            gettext_lazy("Do not agree"),
            remark_required=True,
            betekenis=gettext_lazy(
                "The letter cannot be signed until it is changed and you are asked again."
            ),
        ),
    )
}


@transaction.atomic
def afstemming_beantwoorden(
    *,
    verzoek: Afstemmingsverzoek,
    by: Medewerker,
    antwoord: str,
    remark: str = "",
    now: datetime | None = None,
) -> Afstemmingsverzoek:
    """The co-signer's office answers: akkoord, akkoord met opmerkingen or niet akkoord."""
    now = now or timezone.now()
    kamerbrief = lock_kamerbrief(verzoek.kamerbrief)
    verzoek = (
        Afstemmingsverzoek.objects.select_for_update()
        .select_related("bewindspersoon")
        .get(pk=verzoek.pk)
    )
    acting = _as_office_for(verzoek.bewindspersoon, by, now, _("answer this request"))
    if verzoek.status != VZ.AANGEVRAAGD:
        raise StateConflict(
            _("This request has already been dealt with: it is %(status)s.")
            % {"status": verzoek.get_status_display()}
        )
    gekozen = ANTWOORDEN.get(antwoord)
    if gekozen is None:
        raise ActionNotAllowed(_("Unknown answer: choose one of the options."))
    remark = (remark or "").strip()
    if gekozen.remark_required:
        require_remark(remark, _("Give your remarks with this answer."))
    # The transition methods carry the status's name (akkoord, niet_akkoord, ...).
    getattr(verzoek, gekozen.code)()
    verzoek.beantwoord_op = now
    verzoek.beantwoord_door = by
    verzoek.opmerking = remark
    verzoek.save(update_fields=["status", "beantwoord_op", "beantwoord_door", "opmerking"])
    beantwoord = record_event(
        actie=f"afstemming_{antwoord}", kamerbrief=kamerbrief, afstemmingsverzoek=verzoek,
        acting=acting, now=now, van=VZ.AANGEVRAAGD, naar=verzoek.status, opmerking=remark,
        versie=f"brief v{verzoek.briefversie.nummer}",
    )  # fmt: skip
    if kamerbrief.nota_id:
        record_afgeronde_stap(
            soort=AfgerondeStap.Soort.AFSTEMMING, nota=kamerbrief.nota,
            begin=verzoek.aangevraagd_op, eind=now, afstemmingsverzoek=verzoek,
            ministerie_id=verzoek.bewindspersoon.ministerie_id,
        )  # fmt: skip
        notify(
            kamerbrief, f"afstemming_{antwoord}", [kamerbrief.nota.opsteller_id],
            aanleiding=beantwoord, opmerking=remark,
        )  # fmt: skip
    _check_ready(kamerbrief, acting, now)
    return verzoek


ANTWOORD_ACTIES = list(ANTWOORDEN.values())


def open_request_for(
    kamerbrief: Kamerbrief, user: Medewerker, now: datetime | None = None
) -> Afstemmingsverzoek | None:
    """The request this user's office (or the office they stand in for) may answer now."""
    now = now or timezone.now()
    for verzoek in kamerbrief.afstemmingsverzoeken.all():
        if verzoek.status == VZ.AANGEVRAAGD and as_office_of(verzoek.bewindspersoon_id, user, now):
            return verzoek
    return None


# Until the letter is signed its co-signers can change; the signature is given on them.
COSIGNERS_CHANGEABLE = (KB.CONCEPT, KB.IN_AFSTEMMING, KB.GEREED_VOOR_ONDERTEKENING)


def _require_cosigners_changeable(kamerbrief: Kamerbrief) -> None:
    if kamerbrief.status not in COSIGNERS_CHANGEABLE:
        raise ActionNotAllowed(
            _("The co-signers can no longer change: the letter is %(status)s.")
            % {"status": kamerbrief.get_status_display()}
        )


def may_manage_afstemming(kamerbrief: Kamerbrief, user: Medewerker, now=None) -> bool:
    """Whether the user may add or drop co-signers and remind offices (the opsteller, or their
    vervanger, until the letter is signed)."""
    if kamerbrief.status not in COSIGNERS_CHANGEABLE:
        return False
    try:
        _as_letter_writer(kamerbrief, user, now or timezone.now())
    except ActionNotAllowed:
        return False
    return True


@transaction.atomic
def kamerbrief_add_cosigner(
    *,
    kamerbrief: Kamerbrief,
    by: Medewerker,
    bewindspersoon: Bewindspersoon,
    remark: str,
    deadline: date | None = None,
    now: datetime | None = None,
) -> Kamerbrief:
    """A co-signer added before signing, with the reason; once afstemming runs, their office is
    asked at once on the current versions (and a letter that was ready is no longer)."""
    now = now or timezone.now()
    kamerbrief = lock_kamerbrief(kamerbrief)
    acting = _as_letter_writer(kamerbrief, by, now)
    _require_cosigners_changeable(kamerbrief)
    remark = require_remark(remark, _("Give the reason for adding this co-signer."))
    if bewindspersoon.pk == kamerbrief.afzender_id:
        raise ActionNotAllowed(
            _("The %(bewindspersoon)s sends the letter and cannot also be a co-signer.")
            % {"bewindspersoon": bewindspersoon}
        )
    if kamerbrief.medeondertekenaars.filter(pk=bewindspersoon.pk).exists():
        raise ActionNotAllowed(
            _("The %(bewindspersoon)s is already a co-signer of this letter.")
            % {"bewindspersoon": bewindspersoon}
        )
    if deadline is not None and deadline < today(now):
        raise ActionNotAllowed(
            _("The deadline %(datum)s has passed: choose a date from today on.")
            % {"datum": deadline.strftime("%d-%m-%Y")}
        )
    kamerbrief.medeondertekenaars.add(bewindspersoon)
    record_event(
        actie="medeondertekenaar_toegevoegd", nota=kamerbrief.nota, kamerbrief=kamerbrief,
        acting=acting, now=now, opmerking=f"{bewindspersoon}: {remark}",
    )  # fmt: skip
    if kamerbrief.status in (KB.IN_AFSTEMMING, KB.GEREED_VOOR_ONDERTEKENING):
        if deadline is None:
            deadline = afstemming_deadline(kamerbrief)
        pakket = current_pakket(kamerbrief)
        verzoek = _request(kamerbrief, bewindspersoon, pakket, now, deadline)
        gevraagd = record_event(
            actie="afstemming_aangevraagd", kamerbrief=kamerbrief, afstemmingsverzoek=verzoek,
            acting=acting, now=now, naar=verzoek.status, versie=pakket.describe(),
            opmerking=str(bewindspersoon),
        )  # fmt: skip
        if kamerbrief.status == KB.GEREED_VOOR_ONDERTEKENING:
            kamerbrief.terug_in_afstemming()
            kamerbrief.save(update_fields=["status"])
            record_event(
                actie="terug_in_afstemming", nota=kamerbrief.nota, kamerbrief=kamerbrief,
                acting=acting, now=now, van=KB.GEREED_VOOR_ONDERTEKENING, naar=kamerbrief.status,
            )  # fmt: skip
        notify(
            kamerbrief, "afstemming_aangevraagd", _office_ids_of([bewindspersoon.pk]),
            aanleiding=gevraagd,
        )  # fmt: skip
    return kamerbrief


@transaction.atomic
def kamerbrief_drop_cosigner(
    *,
    kamerbrief: Kamerbrief,
    by: Medewerker,
    bewindspersoon: Bewindspersoon,
    remark: str,
    now: datetime | None = None,
) -> Kamerbrief:
    """A co-signer dropped before signing, with the reason: their open request (or answer) is
    withdrawn and stays readable; the letter may now be ready for signature."""
    now = now or timezone.now()
    kamerbrief = lock_kamerbrief(kamerbrief)
    acting = _as_letter_writer(kamerbrief, by, now)
    _require_cosigners_changeable(kamerbrief)
    remark = require_remark(remark, _("Give the reason for dropping this co-signer."))
    if not kamerbrief.medeondertekenaars.filter(pk=bewindspersoon.pk).exists():
        raise ActionNotAllowed(
            _("The %(bewindspersoon)s is not a co-signer of this letter (any more).")
            % {"bewindspersoon": bewindspersoon}
        )
    kamerbrief.medeondertekenaars.remove(bewindspersoon)
    record_event(
        actie="medeondertekenaar_verwijderd", nota=kamerbrief.nota, kamerbrief=kamerbrief,
        acting=acting, now=now, opmerking=f"{bewindspersoon}: {remark}",
    )  # fmt: skip
    for verzoek in kamerbrief.afstemmingsverzoeken.select_for_update().filter(
        bewindspersoon=bewindspersoon, status__in=Afstemmingsverzoek.GELDIG
    ):
        van = verzoek.status
        verzoek.intrekken()
        verzoek.save(update_fields=["status"])
        record_event(
            actie="afstemming_ingetrokken", kamerbrief=kamerbrief, afstemmingsverzoek=verzoek,
            acting=acting, now=now, van=van, naar=verzoek.status, opmerking=remark,
        )  # fmt: skip
    _check_ready(kamerbrief, acting, now)
    return kamerbrief


@dataclass(frozen=True)
class Herinnerd:
    """What "Nu herinneren" did: how many reminders it wrote (0: already reminded today)."""

    verzoek: Afstemmingsverzoek
    aantal: int


def afstemming_remind(
    *, verzoek: Afstemmingsverzoek, by: Medewerker, now: datetime | None = None
) -> Herinnerd:
    """ "Nu herinneren": a reminder to everyone in the office (or their vervanger) through the
    reminder outbox, once per request and day — a second click writes nothing."""

    now = now or timezone.now()
    with transaction.atomic():
        kamerbrief = lock_kamerbrief(verzoek.kamerbrief)
        acting = _as_letter_writer(kamerbrief, by, now)
        verzoek = Afstemmingsverzoek.objects.select_related("bewindspersoon").get(pk=verzoek.pk)
        if verzoek.status != VZ.AANGEVRAAGD:
            raise ActionNotAllowed(
                _("There is nothing to remind of: the request is %(status)s.")
                % {"status": verzoek.get_status_display()}
            )
        ontvangers = _office_ids_of([verzoek.bewindspersoon_id])
        if not ontvangers:
            raise ActionNotAllowed(
                _("Nobody works in the office of the %(bewindspersoon)s: ask the beheerder.")
                % {"bewindspersoon": verzoek.bewindspersoon}
            )
        aantal = remind_now(
            item_type=Soort.AFSTEMMING, item_id=verzoek.pk, kenmerk=kamerbrief.kenmerk,
            recipient_ids=ontvangers, now=now,
        )  # fmt: skip
        if aantal:
            record_event(
                actie="afstemming_herinnerd", kamerbrief=kamerbrief, afstemmingsverzoek=verzoek,
                acting=acting, now=now, opmerking=str(verzoek.bewindspersoon),
            )  # fmt: skip
    return Herinnerd(verzoek=verzoek, aantal=aantal)


def afstemming_start_refusal(kamerbrief: Kamerbrief, user: Medewerker, now=None) -> str | None:
    """Why the user may not start the letter's afstemming now, or None (the rule of
    kamerbrief_afstemming_starten)."""
    now = now or timezone.now()
    return _refusal(
        lambda: (
            _as_letter_writer(kamerbrief, user, now),
            _require_letter_status(kamerbrief, KB.CONCEPT),
        )
    )
