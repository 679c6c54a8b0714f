"""The search page, `/zoeken/?q=…`: one form, results per kind, or straight to the one item."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from . import zoeken
from .models import Bewindspersoon

SOORTEN = [
    ("", _("Everything")),
    (zoeken.Soort.NOTA, _("Notas")),
    (zoeken.Soort.KAMERBRIEF, _("Letters to parliament")),
    (zoeken.Soort.TOEZEGGING, _("Commitments")),
    (zoeken.Soort.MOTIE, _("Motions")),
]


class ZoekForm(forms.Form):
    q = forms.CharField(label=_("Search for"), max_length=200, required=False)
    soort = forms.ChoiceField(label=_("Kind"), choices=SOORTEN, required=False)
    bewindspersoon = forms.ModelChoiceField(
        label=_("Member of government"),
        queryset=Bewindspersoon.objects.order_by("titel"),
        required=False,
        empty_label=_("Any"),
    )
    van = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    tot = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["van"] > data["tot"]:
            raise forms.ValidationError(_("The period ends before it begins."))
        return data


@login_required
def zoeken_page(request):
    form = ZoekForm(request.GET or None)
    treffers = []
    vraag = None
    if form.is_bound and form.is_valid() and form.cleaned_data["q"].strip():
        data = form.cleaned_data
        filtered = data["soort"] or data["bewindspersoon"] or data["van"] or data["tot"]
        if not filtered and (link := zoeken.direct_naar(data["q"], request.user)):
            return redirect(link)
        vraag = zoeken.Zoekvraag(
            q=data["q"],
            soort=data["soort"],
            van=data["van"],
            tot=data["tot"],
            bewindspersoon_id=data["bewindspersoon"].pk if data["bewindspersoon"] else None,
        )
        treffers = zoeken.zoek(vraag, request.user)
    namen = dict(SOORTEN)
    return render(
        request,
        "workflow/zoeken.html",
        {
            "form": form,
            "vraag": vraag,
            "groepen": [(namen[t.soort], t) for t in treffers],
            "totaal": sum(t.aantal for t in treffers),
            "per_soort": zoeken.PER_SOORT,
        },
    )
