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
