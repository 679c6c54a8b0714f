from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MaatregelStatus


class BijdrageForm(forms.Form):
    tekst = forms.CharField(
        label=_("Explanation of the (interim) results"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("A blank line between paragraphs; [1] where footnote 1 is called."),
    )
    voetnoten = forms.CharField(
        label=_("Footnotes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One source a line, starting with its number: [1] …"),
    )
    maatregel_status = forms.ChoiceField(
        label=_("Status of the measure"), choices=MaatregelStatus.choices, widget=forms.RadioSelect
    )


class BeoordelingForm(forms.Form):
    ACCEPTEREN = "accepteren"
    TERUGSTUREN = "terugsturen"
    oordeel = forms.ChoiceField(
        label=_("Your review"),
        choices=[(ACCEPTEREN, _("Accept")), (TERUGSTUREN, _("Send back to the contact"))],
        widget=forms.RadioSelect,
    )
    opmerking = forms.CharField(
        label=_("Remark"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when you send it back: say what must change."),
    )

    def clean(self):
        data = super().clean()
        if data.get("oordeel") == self.TERUGSTUREN and not data.get("opmerking", "").strip():
            self.add_error(
                "opmerking", _("Say what must change: a remark is required to send back.")
            )
        return data


class MaatregelenImportForm(forms.Form):
    # A maatregelen list is a few dozen rows: a few tens of kilobytes.
    MAX_BYTES = 2 * 1024 * 1024

    bestand = forms.FileField(
        label=_("Measures list (.xlsx)"),
        help_text=_(
            "The export above, changed: each row updates the measure with its number. Only the "
            "columns Title, Partners and Status are read. With any error nothing is changed."
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        if bestand.size > self.MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 2 MB; upload the measures list.")
            )
        if not bestand.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Upload an Excel file (.xlsx), such as the export."))
        return bestand


class BijdragenVragenForm(forms.Form):
    nummers = forms.CharField(
        label=_("Measure numbers"),
        max_length=200,
        help_text=_("The measures whose contact you ask now, separated by commas: 4, 19."),
    )
    werkdagen = forms.IntegerField(
        label=_("Working days to deliver"), min_value=1, max_value=60, initial=10
    )

    def clean_nummers(self) -> list[int]:
        delen = [d.strip() for d in self.cleaned_data["nummers"].split(",") if d.strip()]
        if not delen or not all(d.isdigit() for d in delen):
            raise forms.ValidationError(
                _("Give the measure numbers as digits, separated by commas: 4, 19.")
            )
        return sorted({int(d) for d in delen})
