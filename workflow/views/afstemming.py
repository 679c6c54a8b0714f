"""The opsteller's panel on a letter's page for managing its afstemming: per office who answered
what on which version, an office's "niet akkoord" with the ways on, "Nu herinneren", and adding
or dropping a co-signer before signing. Thin views over workflow/services/afstemming.py."""

from dataclasses import dataclass, field
from datetime import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from letters.models import Afstemmingsverzoek, Kamerbrief
from workflow.handelen import ActionNotAllowed, today
from workflow.models import Bewindspersoon, Gebeurtenis
from workflow.selectors import kamerbrieven_visible_to
from workflow.services.afstemming import (
    afstemming_remind,
    kamerbrief_add_cosigner,
    kamerbrief_drop_cosigner,
    may_manage_afstemming,
)
from workflow.services.kamerbrief import current_pakket

VZ = Afstemmingsverzoek.Status


class CosignerAddForm(forms.Form):
    bewindspersoon = forms.ModelChoiceField(
        label=gettext_lazy("Member of government"),
        queryset=Bewindspersoon.objects.none(),
        empty_label="—",
    )
    reden = forms.CharField(
        label=gettext_lazy("Reason (required)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )
    deadline = forms.DateField(
        label=gettext_lazy("Deadline for their akkoord (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("Empty: the norm, counted back from the nota's deadline."),
    )

    def __init__(self, *args, kamerbrief: Kamerbrief, **kwargs):
        super().__init__(*args, **kwargs)
        # The cabinet's posts (a few dozen), less the sender and who already co-signs.
        taken = {kamerbrief.afzender_id, *(b.pk for b in kamerbrief.medeondertekenaars.all())}
        self.fields["bewindspersoon"].queryset = (
            Bewindspersoon.objects.exclude(pk__in=taken)
            .select_related("ministerie")
            .order_by("ministerie__afkorting", "afkorting")
        )


@dataclass
class Kantoor:
    """One co-signer's office as the opsteller sees it."""

    bewindspersoon: Bewindspersoon
    verzoek: Afstemmingsverzoek | None
    op_huidige_versie: bool = False
    antwoord: Gebeurtenis | None = None  # who answered, on whose behalf
    herinnerd: Gebeurtenis | None = None  # the last "Nu herinneren"
    eerder: list = field(default_factory=list)  # earlier requests, lapsed or withdrawn

    @property
    def kan_herinneren(self) -> bool:
        return self.verzoek is not None and self.verzoek.status == VZ.AANGEVRAAGD


def afstemming_beheer(kamerbrief: Kamerbrief, user, now: datetime | None = None) -> dict | None:
    """What the panel shows, for who may manage the afstemming (else None). Everything comes
    from what the letter's page prefetched, plus the choices of the add form."""
    now = now or timezone.now()
    if not may_manage_afstemming(kamerbrief, user, now):
        return None
    verzoeken = list(kamerbrief.afstemmingsverzoeken.all())
    events = [g for g in kamerbrief.gebeurtenissen.all() if g.afstemmingsverzoek_id]
    digest = current_pakket(kamerbrief).digest
    kantoren = []
    for bewindspersoon in sorted(kamerbrief.medeondertekenaars.all(), key=lambda b: b.afkorting):
        own = [v for v in verzoeken if v.bewindspersoon_id == bewindspersoon.pk]
        current = next((v for v in own if v.status in Afstemmingsverzoek.GELDIG), None)
        kantoor = Kantoor(bewindspersoon, current, eerder=[v for v in own if v is not current])
        if current is not None:
            kantoor.op_huidige_versie = current.pakket == digest
            for g in events:
                if g.afstemmingsverzoek_id != current.pk:
                    continue
                if g.actie == "afstemming_herinnerd":
                    kantoor.herinnerd = g
                elif g.actie in ("afstemming_akkoord", "afstemming_akkoord_met_opmerkingen",
                                 "afstemming_niet_akkoord"):  # fmt: skip
                    kantoor.antwoord = g
        kantoren.append(kantoor)
    return {
        "kantoren": kantoren,
        "niet_akkoord": [k for k in kantoren if k.verzoek and k.verzoek.status == VZ.NIET_AKKOORD],
        "loopt": kamerbrief.status != Kamerbrief.Status.CONCEPT,
        "vandaag": today(now),
        "toevoegen": CosignerAddForm(kamerbrief=kamerbrief, prefix="mo"),
    }


def _letter_or_404(request, pk: int) -> Kamerbrief:
    kamerbrief = kamerbrieven_visible_to(request.user).filter(pk=pk).first()
    if kamerbrief is None:
        raise Http404(_("No letter found with this number, or you may not see it."))
    return kamerbrief


def _back(kamerbrief: Kamerbrief):
    return redirect(reverse("kamerbrief_detail", args=[kamerbrief.pk]) + "#afstemming-beheer")


@login_required
@require_POST
def cosigner_add(request, pk: int):
    kamerbrief = _letter_or_404(request, pk)
    form = CosignerAddForm(request.POST, kamerbrief=kamerbrief, prefix="mo")
    if not form.is_valid():
        for name, errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
        return _back(kamerbrief)
    try:
        kamerbrief_add_cosigner(
            kamerbrief=kamerbrief, by=request.user,
            bewindspersoon=form.cleaned_data["bewindspersoon"],
            remark=form.cleaned_data["reden"], deadline=form.cleaned_data["deadline"],
        )  # fmt: skip
    except ActionNotAllowed as refusal:
        messages.error(request, refusal.message)
    else:
        bewindspersoon = form.cleaned_data["bewindspersoon"]
        kamerbrief.refresh_from_db()
        if kamerbrief.status == Kamerbrief.Status.CONCEPT:
            text = _("The %(b)s is added as co-signer; their office is asked at the afstemming.")
        else:
            text = _("The %(b)s is added as co-signer; their office is asked for akkoord now.")
        messages.success(request, text % {"b": bewindspersoon})
    return _back(kamerbrief)


@login_required
@require_POST
def cosigner_drop(request, pk: int, bewindspersoon: int):
    kamerbrief = _letter_or_404(request, pk)
    post = Bewindspersoon.objects.filter(pk=bewindspersoon).first()
    if post is None:
        raise Http404(_("No member of government with this number."))
    try:
        kamerbrief_drop_cosigner(
            kamerbrief=kamerbrief, by=request.user, bewindspersoon=post,
            remark=request.POST.get("reden", ""),
        )  # fmt: skip
    except ActionNotAllowed as refusal:
        messages.error(request, refusal.message)
    else:
        kamerbrief.refresh_from_db()
        messages.success(
            request,
            _("The %(b)s is no longer a co-signer; their request is withdrawn. Letter: %(s)s.")
            % {"b": post, "s": kamerbrief.get_status_display()},
        )
    return _back(kamerbrief)


@login_required
@require_POST
def office_remind(request, pk: int, verzoek: int):
    kamerbrief = _letter_or_404(request, pk)
    request_ = Afstemmingsverzoek.objects.filter(pk=verzoek, kamerbrief=kamerbrief).first()
    if request_ is None:
        raise Http404(_("This letter has no such request."))
    try:
        herinnerd = afstemming_remind(verzoek=request_, by=request.user)
    except ActionNotAllowed as refusal:
        messages.error(request, refusal.message)
    else:
        b = herinnerd.verzoek.bewindspersoon
        if herinnerd.aantal:
            messages.success(
                request,
                _("The office of the %(b)s is reminded by email now.") % {"b": b},
            )
        else:
            messages.info(
                request,
                _("The office of the %(b)s was already reminded today: no second email.")
                % {"b": b},
            )
    return _back(kamerbrief)
