"""The route editors: a nota's parafenroute (RouteForm) and a beheerder's route template
(RouteSjabloonForm) are edited the same way, by one list of steps and buttons that each submit
the form, so that it works without JavaScript: move a step up or down, remove it, search a
parafeerder (at most 20 suggestions, only who may initial: selectors.parafeerbevoegd) and add
them. No typed step numbers: a step "at the same time as the one above" is a meeparaaf.

The posted fields, read by both: `route-aantal`, and for each step i `route-i-parafeerder` (a
person's id) or, in a template, `route-i-functie` (a position of the drafter's line), with
`route-i-omschrijving` and `route-i-samen`; `route_actie` names the button pressed (op:i,
neer:i, weg:i, voeg:<person id>, functie:<position>, zoek) and `route_zoek` the search. Both
pages render them with templates/workflow/_route_editor.html.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _

from letters.models import Nota
from workflow.models import Medewerker, RouteSjabloonRegel, RouteStap
from workflow.route_templates import Regel
from workflow.selectors import Keuze, colleague_choices, parafeerbevoegd, person_with_function

Functie = RouteSjabloonRegel.Functie
# Who a step names: a person's id, or (in a template) a position.
Wie = int | str
Rij = tuple[Wie, str, bool]


@dataclass
class RouteRegel:
    """One step of the route as the editor shows it."""

    index: int
    persoon: Medewerker | None
    omschrijving: str
    samen: bool  # initials at the same time as the step above (meeparafen)
    volgorde: int = 0
    functie: str = ""

    @property
    def wie(self) -> str:
        return str(self.persoon) if self.persoon else str(Functie(self.functie).label)


class RouteEditor(forms.Form):
    """The steps and the buttons; subclasses say where the steps come from and go to.
    `bewerkt` says that a button of the editor was pressed: the page shows the changed route,
    nothing is saved yet."""

    MAX_STAPPEN = 20
    # A template may name a position of the drafter's line instead of a person.
    met_functies = False

    def setup_route(self, begin: list[Rij], *, exclude: Medewerker | None = None) -> None:
        bound = self.is_bound
        self.actie = str(self.data.get("route_actie", "")) if bound else ""
        self.bewerkt = bool(self.actie)
        self.zoek = " ".join(str(self.data.get("route_zoek", "")).split())[:200] if bound else ""
        # Without the editor's fields (an older form, a client that does not send the route)
        # the route stays as it is.
        rows = self._posted_rows() if bound and "route-aantal" in self.data else begin
        rows = self._apply(rows)
        people = {
            m.pk: m
            for m in Medewerker.objects.filter(
                pk__in=[r[0] for r in rows if isinstance(r[0], int)]
            ).select_related("organisatieonderdeel")
        }
        known = [r for r in rows if (r[0] in people if isinstance(r[0], int) else True)]
        self.regels = [
            RouteRegel(
                i,
                people[wie] if isinstance(wie, int) else None,
                omschrijving,
                samen and i > 0,
                functie=wie if isinstance(wie, str) else "",
            )
            for i, (wie, omschrijving, samen) in enumerate(known)
        ]
        volgorde = 0
        for regel in self.regels:
            volgorde += 0 if regel.samen else 1
            regel.volgorde = volgorde
        self.keuzes: list[Keuze] = []
        self.meer = False
        if self.zoek and self.actie == "zoek":
            self.keuzes, self.meer = colleague_choices(
                self.zoek, exclude=exclude, among=parafeerbevoegd()
            )

    def full_clean(self) -> None:
        if self.bewerkt:
            # A button of the editor: the page shows the changed steps, nothing is checked (nor
            # saved) until Opslaan; no errors for fields not filled in yet.
            self._errors = ErrorDict()
            self.cleaned_data = {}
            return
        super().full_clean()

    def functies(self) -> list[tuple[str, str]]:
        """The positions a template step can name, to add by a button."""
        return [(v, str(label)) for v, label in Functie.choices] if self.met_functies else []

    def _posted_rows(self) -> list[Rij]:
        rows: list[Rij] = []
        try:
            aantal = min(int(self.data.get("route-aantal", "0")), self.MAX_STAPPEN)
        except ValueError:
            aantal = 0
        for i in range(aantal):
            pk = str(self.data.get(f"route-{i}-parafeerder", ""))
            functie = str(self.data.get(f"route-{i}-functie", ""))
            wie: Wie
            if pk.isascii() and pk.isdigit():
                wie = int(pk)
            elif self.met_functies and functie in Functie.values:
                wie = functie
            else:
                continue
            omschrijving = str(self.data.get(f"route-{i}-omschrijving", ""))[:200]
            rows.append((wie, omschrijving, self.data.get(f"route-{i}-samen") == "ja"))
        return rows

    def _apply(self, rows: list[Rij]) -> list[Rij]:
        """The editor's button: op:<i>, neer:<i>, weg:<i>, voeg:<person id>, functie:<code>."""
        rows = list(rows)
        soort, _sep, waarde = self.actie.partition(":")
        if soort == "functie":
            if self.met_functies and waarde in Functie.values and len(rows) < self.MAX_STAPPEN:
                rows.append((waarde, "", False))
            return rows
        if not (waarde.isascii() and waarde.isdigit()):
            return rows
        n = int(waarde)
        if soort == "op" and 0 < n < len(rows):
            rows[n - 1], rows[n] = rows[n], rows[n - 1]
        elif soort == "neer" and 0 <= n < len(rows) - 1:
            rows[n], rows[n + 1] = rows[n + 1], rows[n]
        elif soort == "weg" and 0 <= n < len(rows):
            del rows[n]
        elif soort == "voeg" and len(rows) < self.MAX_STAPPEN:
            rows.append((n, "", False))
        return rows

    def clean(self) -> dict[str, Any] | None:
        data = super().clean()
        persons = [r.persoon for r in self.regels if r.persoon is not None]
        allowed = set(
            parafeerbevoegd().filter(pk__in=[p.pk for p in persons]).values_list("pk", flat=True)
        )
        for persoon in persons:
            if persoon.pk not in allowed:
                self.add_error(
                    None,
                    _("%(naam)s cannot initial: choose someone else.")
                    % {"naam": person_with_function(persoon)},
                )
        return data


class RouteForm(RouteEditor):
    """A nota's parafenroute: people only, never the opsteller."""

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        route: Iterable[RouteStap] = (),
        opsteller: Medewerker | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data if data is not None and "route-aantal" in data else None, **kwargs)
        self.opsteller = opsteller
        begin: list[Rij] = []
        vorige = None
        for stap in route:
            begin.append((stap.parafeerder_id, stap.omschrijving, stap.volgorde == vorige))
            vorige = stap.volgorde
        self.setup_route(begin, exclude=opsteller)

    def is_valid(self) -> bool:
        # Without the editor's fields (the content-only form after a besluit, an older form) the
        # route stays as it is: there is nothing to refuse, and the rest of the form is saved.
        return not self.is_bound or super().is_valid()

    def stappen(self) -> list[tuple[int, Medewerker, str]]:
        return [
            (r.volgorde, r.persoon, r.omschrijving.strip())
            for r in self.regels
            if r.persoon is not None
        ]


class RouteSjabloonForm(RouteEditor):
    """A route template: its name, the kinds of nota it is for, and its steps, each a position
    of the drafter's line (resolved for each nota) or a person who may initial."""

    met_functies = True

    naam = forms.CharField(
        label=_("Name"),
        max_length=200,
        error_messages={"required": _("Give the route template a name.")},
    )
    soorten = forms.MultipleChoiceField(
        label=_("For these kinds of nota"),
        choices=Nota.Soort.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: for every kind."),
    )
    opnieuw_paraferen = forms.BooleanField(
        label=_("After sending back, the steps already passed initial again"),
        required=False,
        initial=True,
    )

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        regels: Iterable[RouteSjabloonRegel] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(data, **kwargs)
        begin: list[Rij] = []
        vorige = None
        for regel in regels:
            wie: Wie = regel.medewerker_id if regel.medewerker_id else regel.functie
            begin.append((wie, regel.omschrijving, regel.volgorde == vorige))
            vorige = regel.volgorde
        self.setup_route(begin)

    def as_regels(self) -> list[Regel]:
        return [
            Regel(r.volgorde, r.functie, r.persoon, r.omschrijving.strip()) for r in self.regels
        ]
