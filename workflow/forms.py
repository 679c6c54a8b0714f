"""Forms for writing a nota: its fields, the toelichting checklist, bijlagen and route."""

from django import forms
from django.utils.translation import gettext_lazy as _

from letters.models import Nota, Toelichtingspunt

from .models import Bewindspersoon, Medewerker


class NotaForm(forms.ModelForm):
    bijlagen = forms.CharField(
        label=_("Attachments (one title per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

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
            self.fields["bijlagen"].initial = "\n".join(
                b.titel
                for b in self.instance.bijlagen.filter(ingetrokken_op__isnull=True).order_by(
                    "volgnummer"
                )
            )

    def bijlage_titels(self) -> list[str]:
        return [t.strip() for t in self.cleaned_data["bijlagen"].splitlines() if t.strip()]


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


class RouteForm(forms.Form):
    """The parafenroute as up to eight rows: a step number and a parafeerder. Rows with the
    same step number initial in parallel; empty rows are ignored."""

    ROWS = 8

    def __init__(self, *args, route=(), opsteller=None, **kwargs):
        super().__init__(*args, **kwargs)
        people = Medewerker.objects.filter(is_active=True, organisatieonderdeel__isnull=False)
        if opsteller is not None:
            people = people.exclude(pk=opsteller.pk)
        people = people.order_by("last_name", "first_name")
        route = list(route)
        for i in range(self.ROWS):
            stap = route[i] if i < len(route) else None
            self.fields[f"volgorde_{i}"] = forms.IntegerField(
                label=_("Step"), required=False, min_value=1, max_value=20,
                initial=stap.volgorde if stap else None,
            )  # fmt: skip
            self.fields[f"parafeerder_{i}"] = forms.ModelChoiceField(
                label=_("Initialler"), required=False, queryset=people,
                initial=stap.parafeerder_id if stap else None,
            )  # fmt: skip
            self.fields[f"omschrijving_{i}"] = forms.CharField(
                label=_("Description"), required=False, max_length=200,
                initial=stap.omschrijving if stap else "",
            )  # fmt: skip

    def rows(self):
        for i in range(self.ROWS):
            yield i + 1, self[f"volgorde_{i}"], self[f"parafeerder_{i}"], self[f"omschrijving_{i}"]

    def clean(self):
        data = super().clean()
        for i in range(self.ROWS):
            if data.get(f"parafeerder_{i}") and not data.get(f"volgorde_{i}"):
                self.add_error(f"volgorde_{i}", _("Give the step number of this parafeerder."))
        return data

    def stappen(self):
        return [
            (
                self.cleaned_data[f"volgorde_{i}"],
                self.cleaned_data[f"parafeerder_{i}"],
                self.cleaned_data[f"omschrijving_{i}"].strip(),
            )
            for i in range(self.ROWS)
            if self.cleaned_data.get(f"parafeerder_{i}")
        ]
