"""Finding things again: the search page (`/zoeken/?q=…`) and the archive of finished dossiers."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from letters.models import Kamerbrief, Nota
from workflow import archief, spreadsheets, zoeken
from workflow.bladeren import bladzijde_op_sleutels
from workflow.forms.choices import ShortModelChoiceField
from workflow.models import Bewindspersoon, Organisatieonderdeel

# An export holds at most this many dossiers (a year of a large ministry).
EXPORT_MAX = 20_000

SOORTEN = [
    ("", _("Everything")),
    (zoeken.Soort.NOTA, _("Notas")),
    (zoeken.Soort.KAMERBRIEF, _("Letters to parliament")),
    (zoeken.Soort.TOEZEGGING, _("Commitments")),
    (zoeken.Soort.MOTIE, _("Motions")),
]


def _statussen():
    """Per kind its statuses, as "soort:status" (a status filter names its kind too)."""
    from workflow.models import Motie, Toezegging

    return [
        ("", _("Any")),
        *(
            (naam, [(f"{soort}:{value}", label) for value, label in model.Status.choices])
            for soort, naam, model in (
                (zoeken.Soort.NOTA, _("Notas"), Nota),
                (zoeken.Soort.KAMERBRIEF, _("Letters to parliament"), Kamerbrief),
                (zoeken.Soort.TOEZEGGING, _("Commitments"), Toezegging),
                (zoeken.Soort.MOTIE, _("Motions"), Motie),
            )
        ),
    ]


class ZoekForm(forms.Form):
    q = forms.CharField(label=_("Search for"), max_length=200, required=False)
    soort = forms.ChoiceField(label=_("Kind"), choices=SOORTEN, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=_statussen, required=False)
    directie = ShortModelChoiceField(
        label=_("Directorate"),
        # Each option names its ministry: read with the directies, not one query per option.
        queryset=Organisatieonderdeel.objects.filter(soort=Organisatieonderdeel.Soort.DIRECTIE)
        .select_related("ministerie")
        .order_by("naam"),
        required=False,
        empty_label=_("Any"),
    )
    bewindspersoon = ShortModelChoiceField(
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
        filtered = any(
            data[f] for f in ("soort", "bewindspersoon", "van", "tot", "status", "directie")
        )
        if not filtered and (link := zoeken.direct_naar(data["q"], request.user)):
            return redirect(link)
        vraag = zoeken.Zoekvraag(
            q=data["q"],
            soort=data["soort"],
            van=data["van"],
            tot=data["tot"],
            bewindspersoon_id=data["bewindspersoon"].pk if data["bewindspersoon"] else None,
            status=data["status"],
            directie_id=data["directie"].pk if data["directie"] else None,
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
            "totaal": sum(t.geteld for t in treffers),
            "meer_dan": any(t.meer_dan for t in treffers),
            "per_soort": zoeken.PER_SOORT,
            "rangschikken": zoeken.RANGSCHIKKEN,
        },
    )


class ArchiefForm(forms.Form):
    jaar = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    directie = ShortModelChoiceField(
        label=_("Directorate"),
        # Each choice is labelled with its ministry: read with it, not one query per directie.
        queryset=Organisatieonderdeel.objects.filter(soort=Organisatieonderdeel.Soort.DIRECTIE)
        .select_related("ministerie")
        .order_by("naam"),
        required=False,
        empty_label=_("Any"),
    )
    bewindspersoon = ShortModelChoiceField(
        label=_("Member of government"),
        queryset=Bewindspersoon.objects.order_by("titel"),
        required=False,
        empty_label=_("Any"),
    )
    soort = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Any")), *Nota.Soort.choices], required=False
    )

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jaar"].choices = [("", _("Any"))] + [(j, j) for j in archief.jaren(today)]

    def filter(self) -> archief.ArchiefFilter:
        """The valid filters; an invalid one is shown with its message and filters nothing,
        the others still do."""
        if not self.is_bound:
            return archief.ArchiefFilter()
        self.is_valid()
        data = self.cleaned_data
        directie, bewindspersoon = data.get("directie"), data.get("bewindspersoon")
        return archief.ArchiefFilter(
            jaar=data.get("jaar"),
            directie_id=directie.pk if directie else None,
            bewindspersoon_id=bewindspersoon.pk if bewindspersoon else None,
            soort=data.get("soort", ""),
        )


@login_required
def archief_page(request, fmt: str = ""):
    form = ArchiefForm(request.GET or None, today=timezone.localdate())
    dossiers = archief.dossiers(request.user, form.filter())
    filters = request.GET.copy()
    filters.pop("pagina", None)
    query = filters.urlencode()
    if fmt not in ("", "csv", "xlsx"):
        raise Http404
    if fmt and form.is_bound and not form.is_valid():
        # An export holds exactly the list asked for, or nothing: never more than asked.
        fouten = "; ".join(f"{form.fields[n].label}: {' '.join(e)}" for n, e in form.errors.items())
        return HttpResponse(fouten, status=400, content_type="text/plain; charset=utf-8")
    if fmt:
        headers, rows = archief.rows(dossiers[:EXPORT_MAX])
        if fmt == "csv":
            body, content_type = spreadsheets.as_csv(headers, rows), "text/csv; charset=utf-8"
        else:
            body = spreadsheets.as_xlsx(headers, rows, "Archief")
            content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="archief.{fmt}"'
        return response
    page = bladzijde_op_sleutels(
        dossiers, request.GET.get("pagina"), 50, rijen=archief.dossiers_by_pk
    )
    return render(
        request,
        "workflow/archief.html",
        {
            "form": form,
            "page": page,
            "lines": archief.lines(page.object_list),
            "query": query,
            "export_max": EXPORT_MAX,
        },
    )
