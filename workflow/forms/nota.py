"""Forms: writing a nota (fields, the toelichting checklist, bijlagen, route) and the register
pages. Every field is labelled; the services give the refusals."""

from django import forms
from django.utils.translation import gettext_lazy as _

from letters.models import Nota, Toelichtingspunt
from workflow.forms.choices import ShortModelChoiceField
from workflow.models import (
    Bewindspersoon,
    Koppeling,
    Ministerie,
    Motie,
    Toezegging,
)
from workflow.register import RegisterFilter, open_link_item


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


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _posts():
    return ShortModelChoiceField(
        label=_("Member of government"),
        queryset=Bewindspersoon.objects.select_related("ministerie"),
        required=False,
    )


class RegisterFilterForm(forms.Form):
    """The filters of a register list, read from GET."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(label=_("Status"), required=False)
    bewindspersoon = _posts()
    ministerie = ShortModelChoiceField(
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


class DirectieZoekForm(forms.Form):
    q = forms.CharField(label=_("Directorate (code or name)"), required=False, max_length=200)
