"""Forms: writing a nota (fields, the toelichting checklist, bijlagen, route) and the register
pages. Every field is labelled; the services give the refusals."""

from dataclasses import dataclass

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from letters.models import Nota, Toelichtingspunt
from workflow.models import (
    Bewindspersoon,
    Koppeling,
    Medewerker,
    Ministerie,
    Motie,
    RouteSjabloonRegel,
    Toezegging,
)
from workflow.register import RegisterFilter, open_link_item
from workflow.route_templates import Regel
from workflow.selectors import colleague_choices, parafeerbevoegd, person_with_function


class NotaForm(forms.ModelForm):
    bijlagen = forms.CharField(
        label=_("Attachments (one title per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    # The titles as the form showed them, so that saving can tell whether they changed meanwhile.
    bijlagen_gelezen = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Nota
        fields = [
            "soort",
            "aan",
            "cc",
            "deadline",
            "deadline_omschrijving",
            "onderwerp",
            "aanleiding",
            "geadviseerd_besluit",
            "kernpunten",
            "niet_openbaar",
        ]
        widgets = {
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "cc": forms.SelectMultiple(attrs={"size": 6}),
            "aanleiding": forms.Textarea(attrs={"rows": 6}),
            "geadviseerd_besluit": forms.Textarea(attrs={"rows": 4}),
            "kernpunten": forms.Textarea(attrs={"rows": 6}),
            "niet_openbaar": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, locked_fields=(), **kwargs):
        super().__init__(*args, **kwargs)
        posts = Bewindspersoon.objects.select_related("ministerie").order_by("afkorting")
        self.fields["aan"].queryset = posts
        self.fields["cc"].queryset = posts
        for name in locked_fields:
            self.fields[name].disabled = True
        if self.instance.pk:
            titels = "\n".join(
                b.titel
                for b in self.instance.bijlagen.filter(ingetrokken_op__isnull=True).order_by(
                    "volgnummer"
                )
            )
            self.fields["bijlagen"].initial = titels
            self.fields["bijlagen_gelezen"].initial = titels

    def bijlage_titels(self) -> list[str]:
        return [t.strip() for t in self.cleaned_data["bijlagen"].splitlines() if t.strip()]

    def gelezen_titels(self) -> list[str] | None:
        """The titles the form showed; None for a form without them (a new nota)."""
        if not self.instance.pk or "bijlagen_gelezen" not in self.data:
            return None
        return [t for t in self.cleaned_data["bijlagen_gelezen"].splitlines() if t.strip()]

    def show_bijlagen(self, titels: list[str]) -> None:
        """Shows the bijlagen as they are now, in the list and as read, with the reason."""
        self.data = self.data.copy()
        self.data["bijlagen"] = self.data["bijlagen_gelezen"] = "\n".join(titels)


class ToelichtingForm(forms.Form):
    """The checklist a–h: a text for each item, or "Niet van toepassing"."""

    def __init__(self, *args, punten=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = {p.punt: p for p in (punten or [])}
        for punt, label in Toelichtingspunt.Punt.choices:
            existing = current.get(punt)
            self.fields[f"{punt}_tekst"] = forms.CharField(
                label=f"{punt}. {label}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=existing.tekst if existing else "",
            )
            self.fields[f"{punt}_nvt"] = forms.BooleanField(
                label=_("Not applicable"),
                required=False,
                initial=existing.niet_van_toepassing if existing else False,
            )

    def rows(self):
        for punt, _label in Toelichtingspunt.Punt.choices:
            yield self[f"{punt}_tekst"], self[f"{punt}_nvt"]

    def as_dict(self) -> dict[str, tuple[str, bool]]:
        return {
            punt: (self.cleaned_data[f"{punt}_tekst"].strip(), self.cleaned_data[f"{punt}_nvt"])
            for punt in Toelichtingspunt.Punt.values
        }


@dataclass
class RouteRegel:
    """One step of the route as the editor shows it."""

    index: int
    persoon: Medewerker
    omschrijving: str
    samen: bool  # initials at the same time as the step above (meeparafen)
    volgorde: int = 0


class RouteForm(forms.Form):
    """The parafenroute as a list of steps, edited by buttons that each submit the form (it
    works without JavaScript): move a step up or down, remove it, search a parafeerder (at most
    20 suggestions, only who may initial: selectors.parafeerbevoegd) and add them. No typed step
    numbers: a step "at the same time as the one above" is a meeparaaf. `bewerkt` says that a
    button of the editor was pressed: the page shows the changed route, nothing is saved yet."""

    MAX_STAPPEN = 20

    def __init__(self, data=None, *, route=(), opsteller=None, **kwargs):
        # Without the editor's fields (an older form, a client that does not send the route)
        # the route stays as it is.
        super().__init__(data if data is not None and "route-aantal" in data else None, **kwargs)
        self.opsteller = opsteller
        self.actie = self.data.get("route_actie", "") if self.is_bound else ""
        self.bewerkt = bool(self.actie)
        self.zoek = " ".join(self.data.get("route_zoek", "").split())[:200] if self.is_bound else ""
        if self.is_bound:
            rows = self._posted_rows()
        else:
            rows, vorige = [], None
            for stap in route:
                rows.append((stap.parafeerder_id, stap.omschrijving, stap.volgorde == vorige))
                vorige = stap.volgorde
        rows = self._apply(rows)
        people = {
            m.pk: m
            for m in Medewerker.objects.filter(pk__in=[r[0] for r in rows]).select_related(
                "organisatieonderdeel"
            )
        }
        self.regels = [
            RouteRegel(i, people[pk], omschrijving, samen and i > 0)
            for i, (pk, omschrijving, samen) in enumerate(r for r in rows if r[0] in people)
        ]
        volgorde = 0
        for regel in self.regels:
            volgorde += 0 if regel.samen else 1
            regel.volgorde = volgorde
        self.keuzes: list = []
        self.meer = False
        if self.zoek and self.actie == "zoek":
            self.keuzes, self.meer = colleague_choices(
                self.zoek, exclude=opsteller, among=parafeerbevoegd()
            )

    def _posted_rows(self) -> list[tuple[int, str, bool]]:
        rows = []
        try:
            aantal = min(int(self.data.get("route-aantal", "0")), self.MAX_STAPPEN)
        except ValueError:
            aantal = 0
        for i in range(aantal):
            pk = self.data.get(f"route-{i}-parafeerder", "")
            if pk.isascii() and pk.isdigit():
                rows.append(
                    (
                        int(pk),
                        self.data.get(f"route-{i}-omschrijving", "")[:200],
                        self.data.get(f"route-{i}-samen") == "ja",
                    )
                )
        return rows

    def _apply(self, rows: list) -> list:
        """The editor's button: op:<i>, neer:<i>, weg:<i>, voeg:<person id>."""
        soort, _sep, waarde = self.actie.partition(":")
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

    def clean(self):
        data = super().clean()
        allowed = set(
            parafeerbevoegd()
            .filter(pk__in=[r.persoon.pk for r in self.regels])
            .values_list("pk", flat=True)
        )
        for regel in self.regels:
            if regel.persoon.pk not in allowed:
                self.add_error(
                    None,
                    _("%(naam)s cannot initial: choose someone else.")
                    % {"naam": person_with_function(regel.persoon)},
                )
        return data

    def is_valid(self) -> bool:
        # Without the editor's fields (the content-only form after a besluit, an older form) the
        # route stays as it is: there is nothing to refuse, and the rest of the form is saved.
        return not self.is_bound or super().is_valid()

    def stappen(self):
        return [(r.volgorde, r.persoon, r.omschrijving.strip()) for r in self.regels]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _posts():
    return forms.ModelChoiceField(
        label=_("Member of government"),
        queryset=Bewindspersoon.objects.select_related("ministerie"),
        required=False,
    )


class RegisterFilterForm(forms.Form):
    """The filters of a register list, read from GET."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(label=_("Status"), required=False)
    bewindspersoon = _posts()
    ministerie = forms.ModelChoiceField(
        label=_("Ministry"), queryset=Ministerie.objects.all(), required=False
    )
    te_laat = forms.BooleanField(label=_("Overdue"), required=False)
    binnen = forms.IntegerField(
        label=_("Due within (working days)"), required=False, min_value=0, max_value=250
    )

    def __init__(self, *args, statuses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("all")), *statuses]

    def filters(self) -> RegisterFilter:
        if not self.is_valid():
            return RegisterFilter()
        data = self.cleaned_data
        return RegisterFilter(
            q=data["q"].strip(),
            status=data["status"],
            bewindspersoon_id=data["bewindspersoon"].pk if data["bewindspersoon"] else None,
            ministerie_id=data["ministerie"].pk if data["ministerie"] else None,
            te_laat=data["te_laat"],
            binnen_werkdagen=data["binnen"],
        )


class ToezeggingForm(forms.Form):
    tekst = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 3}))
    bewindspersoon = forms.ModelChoiceField(
        label=_("Member of government"), queryset=Bewindspersoon.objects.all()
    )
    bron = forms.ChoiceField(label=_("Made"), choices=Toezegging.Bron.choices)
    bron_kenmerk = forms.CharField(label=_("Reference of the letter"), required=False)
    debat = forms.CharField(label=_("Debate"), required=False)
    debat_datum = forms.DateField(label=_("Date of the debate"), required=False, widget=DateInput)
    activiteit_nummer = forms.CharField(label=_("House activity number"), required=False)
    aan_persoon = forms.CharField(label=_("Made to (member)"), required=False)
    aan_fractie = forms.CharField(label=_("Made to (parliamentary group)"), required=False)
    deadline = forms.DateField(label=_("Deadline"), required=False, widget=DateInput)
    deadline_omschrijving = forms.CharField(label=_("Deadline as worded"), required=False)
    soort = forms.ChoiceField(label=_("Kind"), choices=Toezegging.Soort.choices)
    herhaling = forms.ChoiceField(
        label=_("Recurrence"), choices=[("", "—"), *Toezegging.Herhaling.choices], required=False
    )
    tk_nummer = forms.CharField(label=_("House number"), required=False)
    notities = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class MotieForm(forms.Form):
    titel = forms.CharField(label=_("Title"), max_length=500)
    kamerstuk = forms.CharField(label=_("Kamerstuk"), required=False)
    tk_zaak_nummer = forms.CharField(label=_("House case number"), required=False)
    tk_document_nummer = forms.CharField(label=_("House document number"), required=False)
    indieners = forms.CharField(
        label=_("Submitters"),
        required=False,
        help_text=_("One per line: name, parliamentary group."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    mede_indieners = forms.CharField(
        label=_("Co-submitters"),
        required=False,
        help_text=_("One per line: name, parliamentary group."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    debat = forms.CharField(label=_("Debate"), required=False)
    datum = forms.DateField(label=_("Date of the debate"), required=False, widget=DateInput)
    dictum = forms.CharField(
        label=_("Dictum"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    kabinetsappreciatie = forms.ChoiceField(
        label=_("Government's opinion"),
        choices=[("", "—"), *Motie.Kabinetsappreciatie.choices],
        required=False,
    )
    bewindspersoon = _posts()
    deadline = forms.DateField(label=_("Deadline"), required=False, widget=DateInput)
    deadline_omschrijving = forms.CharField(label=_("Deadline as worded"), required=False)
    notities = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    @staticmethod
    def people(text: str) -> list[tuple[str, str]]:
        result = []
        for line in (text or "").splitlines():
            naam, _sep, fractie = line.partition(",")
            if naam.strip():
                result.append((naam.strip(), fractie.strip()))
        return result

    @staticmethod
    def as_lines(indieners) -> str:
        return "\n".join(f"{i.naam}, {i.fractie}" if i.fractie else i.naam for i in indieners)


class LetterForm(forms.Form):
    """The letter that handled an item: by kenmerk, with a date when it is not in Parafeer."""

    kenmerk = forms.CharField(label=_("Reference of the letter"), max_length=60)
    datum = forms.DateField(
        label=_("Date of the letter"),
        required=False,
        widget=DateInput,
        help_text=_("Only for a letter that is not in Parafeer."),
    )
    tekst = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReasonForm(forms.Form):
    reden = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class KoppelingForm(forms.Form):
    """Links one toezegging or motie, found by a search (never a list of the whole register):
    `item` is "t12" or "m7", checked against that one row."""

    item = forms.CharField(
        label=_("Commitment or motion"),
        error_messages={"required": _("Search for a commitment or motion and choose one.")},
    )
    wijze = forms.ChoiceField(label=_("What the letter does"), choices=Koppeling.Wijze.choices)
    toelichting = forms.CharField(
        label=_("Explanation (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_item(self):
        item = open_link_item(self.cleaned_data["item"])
        if item is None:
            raise forms.ValidationError(
                _(
                    "This commitment or motion does not exist or is no longer open: search "
                    "again and choose one."
                )
            )
        return item


class RouteSjabloonForm(forms.Form):
    """A route template: its name, the kinds of nota it is for, and up to ten rules. A rule is a
    step number with a position or a person; rules with the same number initial in parallel."""

    ROWS = 10

    naam = forms.CharField(label=_("Name"), max_length=200)
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

    def __init__(self, *args, regels=(), **kwargs):

        super().__init__(*args, **kwargs)
        regels = list(regels)
        functies = [("", "—"), *RouteSjabloonRegel.Functie.choices]
        for i in range(self.ROWS):
            regel = regels[i] if i < len(regels) else None
            self.fields[f"volgorde_{i}"] = forms.IntegerField(
                label=_("Step"), required=False, min_value=1, max_value=20,
                initial=regel.volgorde if regel else None,
            )  # fmt: skip
            self.fields[f"functie_{i}"] = forms.ChoiceField(
                label=_("Position"), required=False, choices=functies,
                initial=regel.functie if regel else "",
            )  # fmt: skip
            self.fields[f"persoon_{i}"] = forms.CharField(
                label=_("Or a person (user name or email)"), required=False, max_length=254,
                initial=regel.medewerker.username if regel and regel.medewerker else "",
            )  # fmt: skip
            self.fields[f"omschrijving_{i}"] = forms.CharField(
                label=_("Description"), required=False, max_length=200,
                initial=regel.omschrijving if regel else "",
            )  # fmt: skip

    def rows(self):
        for i in range(self.ROWS):
            yield (
                i + 1,
                self[f"volgorde_{i}"],
                self[f"functie_{i}"],
                self[f"persoon_{i}"],
                self[f"omschrijving_{i}"],
            )

    def clean(self):
        data = super().clean()
        names = {data.get(f"persoon_{i}", "").strip() for i in range(self.ROWS)} - {""}
        # One query for every person named, by user name or email.
        found = {}
        for m in Medewerker.objects.filter(
            models.Q(username__in=names) | models.Q(email__in=names)
        ):
            found[m.username] = m
            if m.email:
                found[m.email] = m
        self._regels = []
        for i in range(self.ROWS):
            volgorde, functie = data.get(f"volgorde_{i}"), data.get(f"functie_{i}", "")
            naam = data.get(f"persoon_{i}", "").strip()
            if not (functie or naam):
                if volgorde:
                    self.add_error(
                        f"functie_{i}", _("Choose a position or name a person for this step.")
                    )
                continue
            if not volgorde:
                self.add_error(f"volgorde_{i}", _("Give the step number of this parafeerder."))
                continue
            if functie and naam:
                self.add_error(f"persoon_{i}", _("Choose either a position or a person."))
                continue
            if naam and naam not in found:
                self.add_error(
                    f"persoon_{i}",
                    _("Nobody with user name or email “%(naam)s” is known.") % {"naam": naam},
                )
                continue
            persoon = found[naam] if naam else None
            self._regels.append((volgorde, functie, persoon, data.get(f"omschrijving_{i}")))
        return data

    def regels(self):

        return [Regel(v, f, m, o or "") for v, f, m, o in self._regels]


class DirectieZoekForm(forms.Form):
    q = forms.CharField(label=_("Directorate (code or name)"), required=False, max_length=200)
