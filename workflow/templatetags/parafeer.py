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
