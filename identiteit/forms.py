from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AuditRegel


class AuditFilterForm(forms.Form):
    wie = forms.CharField(
        label=_("Who"),
        required=False,
        max_length=150,
        help_text=_("A username, or part of a name."),
    )
    soort = forms.ChoiceField(
        label=_("What"),
        required=False,
        choices=[("", _("Every event")), *AuditRegel.Soort.choices],
    )
    van = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    tot = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        van, tot = data.get("van"), data.get("tot")
        if van and tot and tot < van:
            self.add_error("tot", _("The last day lies before the first: swap them."))
        return data
