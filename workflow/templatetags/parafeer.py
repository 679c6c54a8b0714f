"""Template filters that turn the history's codes into words."""

from dataclasses import dataclass

from django import template
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from letters.models import Afstemmingsverzoek, Kamerbrief, Nota
from workflow.bladeren import Datums
from workflow.models import Gebeurtenis, Parafeerstap, Rol

register = template.Library()

ACTIES = {
    "aangemaakt": _("created"),
    "gewijzigd": _("edited"),
    "route_gewijzigd": _("route changed"),
    "ingediend": _("submitted"),
    "aan_de_beurt": _("turn to initial"),
    "geparafeerd": _("initialled"),
    "teruggestuurd": _("sent back"),
    "stap_vervallen": _("step lapsed"),
    "overgeslagen": _("step skipped"),
    "ter_beslissing_voorgelegd": _("put up for decision"),
    "ter_kennisname_voorgelegd": _("put up for acknowledgement"),
    "besluit_akkoord": _("decision: approved"),
    "besluit_akkoord_met_wijzigingen": _("decision: approved with changes"),
    "besluit_niet_akkoord": _("decision: not approved"),
    "besluit_aangehouden": _("decision: on hold"),
    "wijzigingen_verwerkt": _("changes processed"),
    "hervat": _("back for decision"),
    "terug_naar_concept": _("back to draft"),
    "kennisgenomen": _("noted"),
    "afgehandeld": _("completed"),
    "ingetrokken": _("withdrawn"),
    "planning_waarschuwing": _("planning warning"),
    "kamerbrief_aangemaakt": _("letter created"),
    "kamerbrief_gewijzigd": _("letter edited"),
    "bijlage_toegevoegd": _("attachment added"),
    "bijlage_gewijzigd": _("attachment changed"),
    "bijlage_ingetrokken": _("attachment withdrawn"),
    "afstemming_gestart": _("agreement requested"),
    "afstemming_aangevraagd": _("request for agreement sent"),
    "afstemming_vervallen": _("request for agreement lapsed"),
    "afstemming_akkoord": _("agreed"),
    "afstemming_akkoord_met_opmerkingen": _("agreed with remarks"),
    "afstemming_niet_akkoord": _("not agreed"),
    "gereed_voor_ondertekening": _("ready for signature"),
    "terug_in_afstemming": _("back to agreement"),
    "ondertekend": _("signed"),
    "verzonden": _("sent"),
    "gepubliceerd": _("published"),
    "kamerbrief_ingetrokken": _("letter withdrawn"),
    "geregistreerd": _("registered"),
    "woo_export": _("exported for the Woo"),
    "medeondertekenaar_toegevoegd": _("co-signer added"),
    "medeondertekenaar_verwijderd": _("co-signer dropped"),
    "afstemming_ingetrokken": _("request for agreement withdrawn"),
    "afstemming_herinnerd": _("office reminded"),
    "routesjabloon_aangemaakt": _("route template created"),
    "routesjabloon_gewijzigd": _("route template changed"),
    "routesjabloon_gedeactiveerd": _("route template deactivated"),
    "routesjabloon_geactiveerd": _("route template activated again"),
}

STATUSSEN = {}
for choices in (
    Nota.Status,
    Parafeerstap.Status,
    Kamerbrief.Status,
    Afstemmingsverzoek.Status,
):
    for value, label in choices.choices:
        STATUSSEN.setdefault(value, label)


@register.filter
def actie_label(code: str) -> str:
    """The history's action code in words; an unknown code (from a newer version) as is."""
    return ACTIES.get(code, code.replace("_", " "))


@register.filter
def status_label(code: str) -> str:
    return STATUSSEN.get(code, code.replace("_", " ")) if code else "—"


@register.filter
def is_beheerder(user) -> bool:
    """For the menu: the beheerder's pages (the pages check the role again). Only staff, who
    reach the admin, are asked for their groups: no extra query on everyone else's pages."""

    return user.is_authenticated and user.is_staff and user.has_rol(Rol.BEHEERDER)


@register.filter
def sees_overzicht(user) -> bool:
    """For the menu: managers, parlementaire coördinatie and beheerders (the page checks again)."""
    from workflow.overzicht import may_view

    return user.is_authenticated and may_view(user)


# The history as sentences a person would write (issue 17): who did what, on whose behalf.
ZINNEN = {
    "aangemaakt": _("%(actor)s created the nota."),
    "gewijzigd": _("%(actor)s edited the nota: %(wat)s."),
    "route_gewijzigd": _("%(actor)s changed the parafenroute."),
    "ingediend": _("%(actor)s submitted the nota."),
    "aan_de_beurt": _("It is the turn of %(wie)s to initial."),
    "geparafeerd": _("%(actor)s initialled."),
    "teruggestuurd": _("%(actor)s sent the nota back to the drafter."),
    "stap_vervallen": _("The step of %(wie)s is no longer needed in this round."),
    "overgeslagen": _("%(actor)s skipped a step of the route."),
    "ter_beslissing_voorgelegd": _("The nota went to the office of %(aan)s for decision."),
    "ter_kennisname_voorgelegd": _("The nota went to the office of %(aan)s for notice."),
    "besluit_akkoord": _("%(actor)s recorded the decision: approved."),
    "besluit_akkoord_met_wijzigingen": _("%(actor)s recorded the decision: approved with changes."),
    "besluit_niet_akkoord": _("%(actor)s recorded the decision: not approved."),
    "besluit_aangehouden": _("%(actor)s recorded the decision: on hold."),
    "wijzigingen_verwerkt": _("%(actor)s processed the changes asked."),
    "hervat": _("%(actor)s put the nota up for decision again."),
    "terug_naar_concept": _("%(actor)s took the nota back to draft."),
    "kennisgenomen": _("%(actor)s recorded that the member of government took notice."),
    "afgehandeld": _("%(actor)s completed the nota."),
    "ingetrokken": _("%(actor)s withdrew the nota."),
    "planning_waarschuwing": _("The deadline of the route cannot be met as planned."),
}
# Events that are consequences of someone's act rather than an act: hidden in "acts only".
GEVOLGEN = {"aan_de_beurt", "stap_vervallen", "planning_waarschuwing"}
# Their remark is the person's name, which the sentence says already.
NAAM_ALS_OPMERKING = {"aan_de_beurt", "stap_vervallen"}


def _actor(g) -> str:
    from django.utils.translation import gettext

    if g.actor is None:
        return "Parafeer"
    text = str(g.actor)
    if g.namens_id:
        text += " " + gettext("on behalf of %(namens)s") % {"namens": g.namens}
    if g.namens_bewindspersoon_id:
        text += " " + gettext("(for %(b)s)") % {"b": g.namens_bewindspersoon.afkorting}
    return text


def _changed_fields(opmerking: str) -> str:
    from django.utils.text import get_text_list
    from django.utils.translation import gettext

    names = []
    for part in (p.strip() for p in opmerking.split(",")):
        if part.startswith("toelichting "):
            names.append(gettext("explanation item %(punt)s") % {"punt": part.split(" ", 1)[1]})
            continue
        try:
            names.append(str(Nota._meta.get_field(part).verbose_name))
        except Exception:  # an older or unknown name: as it was written
            names.append(part)
    return get_text_list(names, gettext("and"))


@register.simple_tag
def gebeurtenis_zin(g, nota=None) -> str:
    """One history event as a sentence; an action without a sentence of its own says its label."""
    from django.utils.translation import gettext

    zin = ZINNEN.get(g.actie)
    if zin is None:
        values = {"actor": _actor(g), "actie": actie_label(g.actie)}
        return gettext("%(actor)s: %(actie)s.") % values
    return str(zin) % {
        "actor": _actor(g),
        "wie": g.opmerking,
        "aan": getattr(nota, "aan", "") or "",
        "wat": _changed_fields(g.opmerking),
    }


@register.filter
def gebeurtenis_opmerking(g) -> str:
    """The remark worth showing under the sentence ('' when the sentence said it already)."""
    if g.actie in NAAM_ALS_OPMERKING or g.actie == "gewijzigd":
        return ""
    return g.opmerking


@register.filter
def is_handeling(g) -> bool:
    return g.actie not in GEVOLGEN


@dataclass(frozen=True)
class TijdlijnRegel:
    """One event of a history as the timeline shows it."""

    iso: str
    wanneer: str
    zin: str
    kanaal: str
    opmerking: str


@register.simple_tag
def tijdlijn_regels(gebeurtenissen, nota=None, alleen_handelingen="") -> list[TijdlijnRegel]:
    """The timeline's lines, worked out once in Python: per event two |date, the sentence, the
    channel's label and the remark were each a round through the template engine (issue 19).
    With `alleen_handelingen`, only what people did, not whose turn it became."""
    datums = Datums()
    kanalen = {value: str(label) for value, label in Gebeurtenis.Kanaal.choices}
    regels = []
    for g in gebeurtenissen:
        if alleen_handelingen and not is_handeling(g):
            continue
        moment = timezone.localtime(g.tijdstip)
        regels.append(
            TijdlijnRegel(
                iso=moment.isoformat(),
                wanneer=datums.met_tijd(moment),
                zin=gebeurtenis_zin(g, nota),
                kanaal=kanalen.get(g.kanaal, g.kanaal) if g.kanaal else "",
                opmerking=gebeurtenis_opmerking(g),
            )
        )
    return regels


@register.simple_tag
def form_errors(*forms) -> list[tuple[str, str]]:
    """Every error of the forms as (the field's id, the message), for the error summary at the
    top of a page (GOV.UK's pattern); errors of the whole form link to the form itself."""
    errors = []
    for form in forms:
        if not form or not form.is_bound:
            continue
        for name, messages in form.errors.items():
            target = (form[name].id_for_label if name != "__all__" else "") or "formulier"
            errors.extend((target, str(message)) for message in messages)
    return errors
