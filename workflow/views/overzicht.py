"""Het overzicht (`/overzicht/`): open notas, lead times and what is late, for managers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import cast

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as gettext
from django.utils.translation import gettext_lazy as _

from workflow import overzicht
from workflow.models import Medewerker

VOORINSTELLINGEN = {"4w": 28, "kwartaal": 91, "jaar": 365}
EERSTE_DAG = date(2000, 1, 1)
LANGSTE_PERIODE = 3 * 366  # days

# The charts' geometry, in the SVG's own units; the SVG scales to the width it gets.
BREEDTE, STAAF_MAX, REGEL, STAAF = 320, 250, 17, 12


@dataclass
class Staaf:
    y: int
    breedte: float
    tekst: str
    klasse: str = ""

    @property
    def tekst_x(self) -> float:
        return self.breedte + 4

    @property
    def tekst_y(self) -> int:
        return self.y + 10


@dataclass
class Rij:
    """One row of a chart: its label and one or two bars (median and p90), and its table cells."""

    label: str
    y: int
    staven: list[Staaf]
    cellen: list[tuple[str, str]]  # (column, value)


@dataclass
class Grafiek:
    id: str
    titel: str
    beschrijving: str
    kolommen: list[str]
    rijen: list[Rij] = field(default_factory=list)
    hoogte: int = 0
    legenda: list[tuple[str, str]] = field(default_factory=list)

    def html(self) -> SafeString:
        """The chart as a figure: the SVG (titled and described for screen readers), its
        legend, and the table of its numbers. Written here rather than in a template: five
        charts of nested loops were a third of the page's time in the template engine."""
        e, i = conditional_escape, self.id
        parts = [
            f'<figure class="grafiek" aria-labelledby="grafiek-{i}-kop">\n'
            f'  <h3 id="grafiek-{i}-kop">{e(self.titel)}</h3>\n'
        ]
        if not self.rijen:
            leeg = e(gettext("Nothing to show for this period."))
            parts.append(f'  <p class="empty">{leeg}</p>\n</figure>')
            return mark_safe("".join(parts))  # every value escaped
        parts.append(
            f'  <svg class="grafiek__svg" role="img" aria-labelledby="grafiek-{i}-titel '
            f'grafiek-{i}-desc" viewBox="0 0 {BREEDTE} {self.hoogte:d}" '
            'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">\n'
            f'    <title id="grafiek-{i}-titel">{e(self.titel)}</title>\n'
            f'    <desc id="grafiek-{i}-desc">{e(self.beschrijving)}</desc>\n'
        )
        for rij in self.rijen:
            label = e(Truncator(rij.label).chars(50))
            parts.append(f'    <text x="0" y="{rij.y:d}" class="grafiek__label">{label}</text>\n')
            for staaf in rij.staven:
                parts.append(
                    f'    <rect x="0" y="{staaf.y:d}" width="{staaf.breedte:.1f}" '
                    f'height="{STAAF}" class="staaf {e(staaf.klasse)}"></rect>\n'
                    f'    <text x="{staaf.tekst_x:.1f}" y="{staaf.tekst_y:d}" '
                    f'class="grafiek__waarde">{e(staaf.tekst)}</text>\n'
                )
        parts.append("  </svg>\n")
        if self.legenda:
            sleutels = "".join(
                f'<span><span class="grafiek__sleutel {e(klasse)}" aria-hidden="true"></span> '
                f"{e(naam)}</span>"
                for klasse, naam in self.legenda
            )
            parts.append(f'  <p class="grafiek__legenda">{sleutels}</p>\n')
        koppen = "".join(f'<th scope="col">{e(k)}</th>' for k in self.kolommen)
        als_tabel = e(gettext("The numbers as a table"))
        parts.append(
            '  <details class="grafiek__tabel">\n'
            f"    <summary>{als_tabel}</summary>\n"
            '    <table class="utrecht-table utrecht-table--html-table table stapel">\n'
            f'      <caption class="visually-hidden">{e(self.titel)}</caption>\n'
            f"      <thead><tr>{koppen}</tr></thead>\n      <tbody>\n"
        )
        for rij in self.rijen:
            cellen = "".join(
                f'<th scope="row">{e(cel)}</th>'
                if n == 0
                else f'<td data-label="{e(kolom)}">{e(cel)}</td>'
                for n, (kolom, cel) in enumerate(rij.cellen)
            )
            parts.append(f"        <tr>{cellen}</tr>\n")
        parts.append("      </tbody>\n    </table>\n  </details>\n</figure>")
        return mark_safe("".join(parts))  # every value escaped


def _getal(value: float) -> str:
    return number_format(round(value, 1), decimal_pos=1 if value % 1 else 0)


def _grafiek(id, titel, beschrijving, kolommen, regels, legenda=()) -> Grafiek:
    """`regels`: (label, [(value, text, class) per bar], table cells)."""
    hoogste = max((v for _l, staven, _c in regels for v, _t, _k in staven), default=0) or 1
    grafiek = Grafiek(id, titel, beschrijving, kolommen, legenda=list(legenda))
    y = 0
    for label, staven, cellen in regels:
        rij = Rij(label, y + REGEL - 3, [], list(zip(kolommen, cellen, strict=True)))
        y += REGEL
        for value, tekst, klasse in staven:
            rij.staven.append(Staaf(y, max(STAAF_MAX * value / hoogste, 1), tekst, klasse))
            y += STAAF + 2
        grafiek.rijen.append(rij)
        y += 6
    grafiek.hoogte = max(y, 1)
    return grafiek


def _doorlooptijden(id, titel, beschrijving, eerste_kolom, rijen) -> Grafiek:
    mediaan, p90 = gettext("median"), gettext("90th percentile")
    regels = [
        (
            label,
            [(d.mediaan, _getal(d.mediaan), ""), (d.p90, _getal(d.p90), "staaf--p90")],
            [label, str(d.aantal), _getal(d.mediaan), _getal(d.p90)],
        )
        for label, d in rijen
    ]
    kolommen = [eerste_kolom, gettext("Count"), gettext("Median"), gettext("90th percentile")]
    legenda = [("", mediaan), ("staaf--p90", p90)]
    return _grafiek(id, titel, beschrijving, kolommen, regels, legenda)


def _tellingen(id, titel, beschrijving, kolom, plekken: list[overzicht.Plek]) -> Grafiek:
    regels = [(p.naam, [(p.aantal, str(p.aantal), "")], [p.naam, str(p.aantal)]) for p in plekken]
    return _grafiek(id, titel, beschrijving, [kolom, gettext("Count")], regels)


def grafieken(o: overzicht.Overzicht) -> dict[str, Grafiek]:
    """The page's charts, each with the table of its numbers."""
    soorten = {
        overzicht.PARAAF: gettext("Initialling step"),
        overzicht.BESLUIT: gettext("Decision"),
        overzicht.AFSTEMMING: gettext("Agreement of a co-signer"),
    }

    def directie(d: overzicht.Doorlooptijd) -> str:
        unit, soort = d.sleutel
        return f"{unit.code if unit else '—'} · {soorten[soort]}"

    return {
        "status": _tellingen(
            "status",
            gettext("Open notas by status"),
            gettext("Bar chart: the number of open notas in each status."),
            gettext("Status"),
            o.per_status,
        ),
        "plekken": _tellingen(
            "plekken",
            gettext("Where open notas wait"),
            gettext("Bar chart: the places where the most open notas wait, and how many."),
            gettext("Waiting with"),
            o.plekken,
        ),
        "soort": _doorlooptijden(
            "soort",
            gettext("Lead time per kind of step, in working days"),
            gettext(
                "Bar chart: for each kind of step the median and the 90th percentile "
                "of its lead time in working days."
            ),
            gettext("Kind of step"),
            [(soorten[d.sleutel], d) for d in o.per_soort],
        ),
        "directie": _doorlooptijden(
            "directie",
            gettext("Lead time per directorate, in working days"),
            gettext(
                "Bar chart: for each directorate and kind of step the median and the 90th "
                "percentile of the lead time in working days."
            ),
            gettext("Directorate and kind of step"),
            [(directie(d), d) for d in o.per_directie],
        ),
        "ministerie": _doorlooptijden(
            "ministerie",
            gettext("Answer time of co-signers per ministry, in working days"),
            gettext(
                "Bar chart: for each ministry the median and the 90th percentile of the "
                "working days its offices took to answer a request for agreement."
            ),
            gettext("Ministry"),
            [(d.sleutel.afkorting if d.sleutel else "—", d) for d in o.per_ministerie],
        ),
    }


class OverzichtForm(forms.Form):
    periode = forms.ChoiceField(
        label=_("Period"),
        required=False,
        choices=[
            ("4w", _("Last 4 weeks")),
            ("kwartaal", _("Last quarter")),
            ("jaar", _("Last year")),
            ("eigen", _("Own period")),
        ],
    )
    van = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    tot = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        if data.get("periode") == "eigen":
            if not data.get("van") or not data.get("tot"):
                raise forms.ValidationError(_("Give both dates of your own period."))
            if data["van"] > data["tot"]:
                raise forms.ValidationError(_("The period ends before it begins."))
            # The lead times are counted in werkdagen over the period: a bounded span keeps the
            # calendar small, and a date outside the years Parafeer knows is no period at all.
            if data["van"] < EERSTE_DAG or data["tot"] > timezone.localdate():
                raise forms.ValidationError(_("Choose a period from 2000 until today."))
            if (data["tot"] - data["van"]).days > LANGSTE_PERIODE:
                raise forms.ValidationError(_("Choose a period of at most three years."))
        return data

    def periode_op(self, today: date) -> overzicht.Periode:
        """The chosen period; the last 4 weeks when nothing (valid) was chosen."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        keuze = data.get("periode") or "4w"
        if keuze == "eigen":
            return overzicht.Periode(data["van"], data["tot"])
        return overzicht.Periode(today - timedelta(days=VOORINSTELLINGEN[keuze] - 1), today)


@login_required
def overzicht_page(request: HttpRequest) -> HttpResponse:
    user = cast(Medewerker, request.user)  # login_required
    if not overzicht.may_view(user):
        raise PermissionDenied(
            _(
                "The overview is for managers, parliamentary coordination and administrators. "
                "Your work is in your work queue."
            )
        )
    today = timezone.localdate()
    form = OverzichtForm(request.GET or None)
    cijfers = overzicht.overzicht(user, form.periode_op(today), today)
    return render(
        request,
        "workflow/overzicht.html",
        {
            "form": form,
            "o": cijfers,
            "grafieken": grafieken(cijfers),
            "today": today,
            "inleiding": inleiding(cijfers.bereik),
        },
    )


def inleiding(bereik: overzicht.Bereik | None) -> str:
    """Whose work the page counts: the units the manager leads, or the ministry."""
    namen = ", ".join(bereik.namen) if bereik else ""
    if bereik and bereik.ministerie:
        return gettext(
            "%(ministry)s: where open notas wait, how long the steps take in working days, "
            "and what is late now."
        ) % {"ministry": namen}
    return gettext(
        "%(units)s and the units below: where open notas wait, how long the steps take in "
        "working days, and what is late now."
    ) % {"units": namen}
