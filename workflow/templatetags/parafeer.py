"""Template filters that turn the history's codes into words."""

from django import template
from django.utils.translation import gettext_lazy as _

from letters.models import Afstemmingsverzoek, Kamerbrief, Nota
from workflow.models import Parafeerstap

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
    from workflow.models import Rol

    return user.is_authenticated and user.is_staff and user.has_rol(Rol.BEHEERDER)
