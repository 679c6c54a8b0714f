from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .models import AuditRegel

# The period the audit log's filter accepts: from before Parafeer to a year ahead.
EERSTE_DAG = date(2000, 1, 1)


def _laatste_dag() -> date:
    return timezone.localdate() + timedelta(days=366)


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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("van", "tot"):
            self.fields[name].widget.attrs.update(
                min=EERSTE_DAG.isoformat(), max=_laatste_dag().isoformat()
            )

    def _binnen_bereik(self, day: date | None) -> date | None:
        # A day far off (9999-12-31) would overflow the filter's "the day after".
        if day is not None and not EERSTE_DAG <= day <= _laatste_dag():
            raise forms.ValidationError(
                _("Choose a day between %(eerste)s and %(laatste)s."),
                params={
                    "eerste": date_format(EERSTE_DAG, "j F Y"),
                    "laatste": date_format(_laatste_dag(), "j F Y"),
                },
            )
        return day

    def clean_van(self) -> date | None:
        return self._binnen_bereik(self.cleaned_data.get("van"))

    def clean_tot(self) -> date | None:
        return self._binnen_bereik(self.cleaned_data.get("tot"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        van, tot = data.get("van"), data.get("tot")
        if van and tot and tot < van:
            self.add_error("tot", _("The last day lies before the first: swap them."))
        return data
