from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from letters.models import Nota
from letters.models import Nota as NotaModel
from letters.selectors import afstemming_per_cosigner
from workflow import selectors, woo
from workflow.bladeren import Datums
from workflow.deadlines import letter_of, planning_warnings
from workflow.forms.nota import NotaForm, ToelichtingForm
from workflow.forms.route import RouteForm
from workflow.handelen import ActionNotAllowed, StateConflict
from workflow.models import Besluit, Parafeerstap, RouteStap
from workflow.services import volgen
from workflow.services.basis import as_nota_bewerker, may_edit_nota
from workflow.services.kamerbrief import kamerbrief_create_refusal
from workflow.services.nota import (
    AANHOUDEN,
    AFHANDELEN,
    AKKOORD,
    AKKOORD_MET_WIJZIGINGEN,
    BESLUIT_ACTIES,
    HERVATTEN,
    HERZIEN,
    INDIENEN,
    INTREKKEN,
    KENNISNEMEN,
    NIET_AKKOORD,
    PARAFEREN,
    TERUGSTUREN,
    WIJZIGINGEN_VERWERKT,
    available_actions,
    check_intrekken,
    current_route,
    nota_afhandelen,
    nota_besluit_vastleggen,
    nota_geopend,
    nota_hervatten,
    nota_herzien,
    nota_indienen,
    nota_intrekken,
    nota_kennisnemen,
    nota_paraferen,
    nota_terugsturen,
    nota_wijzigingen_verwerken,
)
from workflow.services.opstellen import BijlagenGewijzigd, nota_create, nota_update
from workflow.services.route import nota_route_set
from workflow.views.register import nota_links_context


def _nota_or_404(request, pk: int, *, load=selectors.nota_for_detail) -> Nota:
    try:
        return load(request.user, pk)
    except Nota.DoesNotExist:
        raise Http404(_("No nota found with this number, or you may not see it.")) from None


@dataclass(frozen=True)
class Keuze:
    """One decision as one form: its choices as radios, one remark whose requirement follows
    the chosen radio, one button (GOV.UK's "one question, one form")."""

    code: str
    legend: str
    button: str
    choices: tuple
    persoonlijk: bool = False


KEUZES = (
    Keuze(
        "paraaf",
        gettext_lazy("What do you do with this nota?"),
        gettext_lazy("Record"),
        (PARAFEREN, TERUGSTUREN),
    ),
    Keuze(
        "besluit",
        gettext_lazy("The decision of the member of government"),
        gettext_lazy("Record decision"),
        tuple(BESLUIT_ACTIES.values()),
        persoonlijk=True,
    ),
)

# What happened, said first in the message after an action; who is next follows.
GEDAAN = {
    INDIENEN.code: gettext_lazy("Submitted."),
    PARAFEREN.code: gettext_lazy("Initialled."),
    TERUGSTUREN.code: gettext_lazy("Sent back."),
    AKKOORD.code: gettext_lazy("Decision recorded: approved."),
    AKKOORD_MET_WIJZIGINGEN.code: gettext_lazy("Decision recorded: approved with changes."),
    NIET_AKKOORD.code: gettext_lazy("Decision recorded: not approved."),
    AANHOUDEN.code: gettext_lazy("Decision recorded: on hold."),
    WIJZIGINGEN_VERWERKT.code: gettext_lazy("Changes processed."),
    HERVATTEN.code: gettext_lazy("Put up for decision again."),
    HERZIEN.code: gettext_lazy("Back to draft."),
    KENNISNEMEN.code: gettext_lazy("Notice recorded."),
    AFHANDELEN.code: gettext_lazy("Completed."),
    INTREKKEN.code: gettext_lazy("Withdrawn."),
}


def action_panel(acties: list) -> dict:
    """The actions the user may take, as the page offers them: each decision as one form,
    the other actions as one button each, and withdrawing behind a confirmation."""
    codes = {a.code for a in acties}
    keuzes = [(k, [a for a in k.choices if a.code in codes]) for k in KEUZES]
    keuzes = [
        {
            "keuze": k,
            "choices": choices,
            "verplicht_bij": [a.label for a in choices if a.remark_required],
        }
        for k, choices in keuzes
        if choices
    ]
    grouped = {a.code for k in keuzes for a in k["choices"]} | {INTREKKEN.code}
    return {
        "keuzes": keuzes,
        "acties": [a for a in acties if a.code not in grouped],
        "kan_intrekken": INTREKKEN.code in codes,
        "heeft_acties": bool(acties),
    }


@dataclass(frozen=True)
class StapRegel:
    """One line of the parafenroute as the page shows it, worked out once in Python: a route
    of a dozen steps per round paid a dozen |date, get_status_display and {% translate %} each
    in the template engine (issue 19)."""

    status: str
    volgorde: int
    omschrijving: str
    parafeerder: str
    door: str  # who handled it in the parafeerder's place, or ""
    status_label: str
    deadline: str
    wanneer: str
    opmerking: str


def _stap_regels(stappen) -> dict[int, list[StapRegel]]:
    """The steps per round, as lines."""
    datums = Datums()
    labels = {value: str(label) for value, label in Parafeerstap.Status.choices}
    rondes: dict[int, list[StapRegel]] = {}
    for stap in stappen:
        door = stap.afgehandeld_door
        rondes.setdefault(stap.ronde, []).append(
            StapRegel(
                status=stap.status,
                volgorde=stap.volgorde,
                omschrijving=stap.omschrijving,
                parafeerder=str(stap.parafeerder),
                door=str(door) if door and stap.afgehandeld_door_id != stap.parafeerder_id else "",
                status_label=labels.get(stap.status, stap.status),
                deadline=datums[stap.deadline] if stap.deadline else "—",
                wanneer=datums.met_tijd(stap.afgehandeld_op) if stap.afgehandeld_op else "—",
                opmerking=stap.opmerking or "—",
            )
        )
    return rondes


def _nota_page(request, nota: Nota, **extra):

    rondes = _stap_regels(nota.parafeerstappen.all())
    route = []
    if not rondes:
        # The planned route, read once: the check for Indienen reads it through .all() too.
        prefetch_related_objects(
            [nota],
            Prefetch(
                "route",
                queryset=RouteStap.objects.select_related("parafeerder").order_by("volgorde", "pk"),
            ),
        )
        route = [stap for stap in nota.route.all() if stap.vervangen_op is None]
    kamerbrief = letter_of(nota)
    acties = available_actions(nota, request.user)
    if (
        request.method == "GET"
        and not getattr(nota, "geopend", False)
        and any(a.code == PARAFEREN.code for a in acties)
    ):
        # Read at their turn: the werkvoorraad may then initial it with others at once. Written
        # on the first visit of the round only, not a transaction on every later one.
        nota_geopend(nota=nota, by=request.user)
    return render(
        request,
        "workflow/nota_detail.html",
        {
            "nota": nota,
            "toon_niet_openbaar": selectors.leest_niet_openbaar(request.user),
            "stand": selectors.nota_stand(nota),
            **action_panel(acties),
            "rondes": sorted(rondes.items(), reverse=True),
            "route": route,
            "waarschuwingen": planning_warnings(nota),
            "kan_bewerken": may_edit_nota(nota, request.user),
            "kamerbrief": kamerbrief,
            "kan_brief_opstellen": kamerbrief is None
            and kamerbrief_create_refusal(nota, request.user, has_letter=False) is None,
            "afstemming": afstemming_per_cosigner(kamerbrief) if kamerbrief else [],
            "volgt": nota.volgt,
            "kan_woo_exporteren": woo.unfinished_reason(nota) is None
            and woo.may_export(request.user, nota, timezone.localdate()),
            "historie_alles": request.GET.get("historie") == "alles",
            **nota_links_context(nota, request.user, request.GET.get("koppeling_zoek", "")),
            **extra,
        },
    )


@login_required
def nota_detail(request, pk: int):
    return _nota_page(request, _nota_or_404(request, pk))


@login_required
@require_POST
def nota_follow(request, pk: int):
    """Volgen / niet meer volgen; with htmx only the button is swapped."""
    nota = _nota_or_404(request, pk)
    try:
        if request.POST.get("volgen") == "nee":
            volgen.nota_unfollow(nota=nota, by=request.user)
        else:
            volgen.nota_follow(nota=nota, by=request.user)
    except ActionNotAllowed as refusal:
        messages.error(request, refusal.message)
        return redirect("nota_detail", pk=nota.pk)
    volgt = volgen.is_following(nota, request.user)
    if request.headers.get("HX-Request"):
        return render(request, "workflow/_volgen.html", {"nota": nota, "volgt": volgt})
    message = _("You now follow %(kenmerk)s.") if volgt else _("You no longer follow %(kenmerk)s.")
    messages.success(request, message % {"kenmerk": nota.kenmerk})
    return redirect("nota_detail", pk=nota.pk)


SERVICES = {
    INDIENEN.code: lambda nota, by, remark, post: nota_indienen(nota=nota, by=by),
    PARAFEREN.code: lambda nota, by, remark, post: nota_paraferen(nota=nota, by=by, remark=remark),
    TERUGSTUREN.code: lambda nota, by, remark, post: nota_terugsturen(
        nota=nota, by=by, remark=remark
    ),
    WIJZIGINGEN_VERWERKT.code: lambda nota, by, remark, post: nota_wijzigingen_verwerken(
        nota=nota, by=by, remark=remark
    ),
    HERVATTEN.code: lambda nota, by, remark, post: nota_hervatten(nota=nota, by=by, remark=remark),
    HERZIEN.code: lambda nota, by, remark, post: nota_herzien(nota=nota, by=by, remark=remark),
    KENNISNEMEN.code: lambda nota, by, remark, post: nota_kennisnemen(
        nota=nota, by=by, remark=remark
    ),
    AFHANDELEN.code: lambda nota, by, remark, post: nota_afhandelen(
        nota=nota, by=by, remark=remark
    ),
    INTREKKEN.code: lambda nota, by, remark, post: nota_intrekken(nota=nota, by=by, remark=remark),
}
for _uitkomst in Besluit.Uitkomst.values:
    SERVICES[BESLUIT_ACTIES[_uitkomst].code] = lambda nota, by, remark, post, uitkomst=_uitkomst: (
        nota_besluit_vastleggen(
            nota=nota,
            by=by,
            uitkomst=uitkomst,
            toelichting=remark,
            persoonlijk=post.get("persoonlijk") == "ja",
        )
    )


def _done_message(nota: Nota, actie: str, user) -> str:
    """What happened and who is next, read back as the page will show it."""
    try:
        nota = selectors.nota_for_message(user, nota.pk)
    except Nota.DoesNotExist:  # acting, they may have handed on what they could see
        nota.refresh_from_db()
    return selectors.nota_next_message(nota, str(GEDAAN[actie]))


@login_required
@require_POST
def nota_action(request, pk: int, actie: str):
    nota = _nota_or_404(request, pk, load=selectors.nota_for_action)
    keuze = next((k for k in KEUZES if k.code == actie), None)
    if keuze is not None:
        return _nota_decision(request, nota, keuze)
    service = SERVICES.get(actie)
    if service is None:
        raise Http404(_("Unknown action."))
    try:
        service(nota, request.user, request.POST.get("opmerking", ""), request.POST)
    except ActionNotAllowed as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _done_message(nota, actie, request.user))
    return redirect("nota_detail", pk=nota.pk)


def _nota_decision(request, nota: Nota, keuze: Keuze):
    """One decision form: the chosen radio names the action. A refusal shows the page again
    with an error summary and what was filled in, so a long remark is not lost."""
    gekozen = request.POST.get("keuze", "")
    opmerking = request.POST.get("opmerking", "")
    actie = next((a for a in keuze.choices if a.code == gekozen), None)
    try:
        if actie is None:
            raise ActionNotAllowed(_("Choose what you do with the nota."))
        SERVICES[actie.code](nota, request.user, opmerking, request.POST)
    except ActionNotAllowed as refusal:
        if actie is None:
            veld = f"keuze-{keuze.code}-{keuze.choices[0].code}"
        elif actie.remark_required and not opmerking.strip():
            veld = f"opmerking-{keuze.code}"
        else:
            veld = f"keuze-{keuze.code}-{actie.code}"
        return _nota_page(
            request,
            _nota_or_404(request, nota.pk),
            fout={"keuze": keuze.code, "tekst": refusal.message, "veld": veld},
            gekozen=gekozen,
            opmerking=opmerking,
            persoonlijk=request.POST.get("persoonlijk") == "ja",
        )
    messages.success(request, _done_message(nota, actie.code, request.user))
    return redirect("nota_detail", pk=nota.pk)


# Bulk paraferen handles at most this many at once: a page shows fifty per group.
BULK_MAX = 100


@login_required
@require_POST
def notas_paraferen(request):
    """Bulk paraferen from the werkvoorraad: every ticked nota is its own call of nota_paraferen
    (its own permission check, lock and history event), only for notas the user opened in this
    round; one refused does not stop the others, and the message says which and why."""
    ids = []
    for value in request.POST.getlist("nota")[:BULK_MAX]:
        if value.isascii() and value.isdigit() and int(value) not in ids:
            ids.append(int(value))
    if not ids:
        messages.error(request, _("Tick the notas you want to initial."))
        return redirect(reverse("home") + "#groep-te_paraferen")
    gedaan, geweigerd = [], []
    for pk in ids:
        try:
            nota = selectors.nota_for_action(request.user, pk)
        except Nota.DoesNotExist:
            geweigerd.append((str(pk), _("No nota found with this number, or you may not see it.")))
            continue
        try:
            nota_paraferen(nota=nota, by=request.user, alleen_geopend=True)
        except ActionNotAllowed as refusal:
            geweigerd.append((nota.kenmerk, refusal.message))
        else:
            gedaan.append(nota.kenmerk)
    if gedaan:
        messages.success(
            request,
            ngettext(
                "Initialled: %(n)s nota (%(kenmerken)s).",
                "Initialled: %(n)s notas (%(kenmerken)s).",
                len(gedaan),
            )
            % {"n": len(gedaan), "kenmerken": ", ".join(gedaan)},
        )
    for kenmerk, reden in geweigerd:
        messages.error(
            request,
            _("Not initialled: %(kenmerk)s. %(reden)s") % {"kenmerk": kenmerk, "reden": reden},
        )
    return redirect(reverse("home") + "#groep-te_paraferen")


@login_required
def nota_withdraw_confirm(request, pk: int):
    """Intrekken cannot be undone: this page says what it does, and asks for the reason."""
    nota = _nota_or_404(request, pk)
    try:
        check_intrekken(nota, request.user, timezone.now())
    except ActionNotAllowed as refusal:
        messages.error(request, refusal.message)
        return redirect("nota_detail", pk=nota.pk)
    fout = None
    reden = request.POST.get("opmerking", "")
    if request.method == "POST":
        try:
            nota_intrekken(nota=nota, by=request.user, remark=reden)
        except ActionNotAllowed as refusal:
            fout = refusal.message
        else:
            messages.success(request, _done_message(nota, INTREKKEN.code, request.user))
            return redirect("nota_detail", pk=nota.pk)
    open_stappen = [
        s
        for s in nota.parafeerstappen.all()
        if s.ronde == nota.ronde and s.status in ("wachtend", "aan_de_beurt")
    ]
    return render(
        request,
        "workflow/nota_intrekken.html",
        {
            "nota": nota,
            "open_stappen": [str(s.parafeerder) for s in open_stappen],
            "kamerbrief": letter_of(nota),
            "fout": fout,
            "reden": reden,
        },
    )


@login_required
def nota_new(request):
    """A new concept nota: the route comes from the directie's template, to adjust after."""

    form = NotaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {
            k: v
            for k, v in form.cleaned_data.items()
            if k not in ("bijlagen", "bijlagen_gelezen", "cc")
        }
        try:
            nota = nota_create(
                by=request.user, cc=list(form.cleaned_data["cc"]),
                bijlagen=form.bijlage_titels(), **data,
            )  # fmt: skip
        except ActionNotAllowed as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request, _("Nota %(kenmerk)s is created as a draft.") % {"kenmerk": nota.kenmerk}
            )
            # Its page, with where it stands and what to do next, not the whole form again.
            return redirect("nota_detail", pk=nota.pk)
    return render(request, "workflow/nota_form.html", {"form": form, "nieuw": True})


@login_required
def nota_edit(request, pk: int):
    """Edit a concept nota (or, after akkoord met wijzigingen, its content) and its route."""

    nota = _nota_or_404(request, pk)
    try:
        as_nota_bewerker(nota, request.user, timezone.now())
    except StateConflict:
        messages.error(request, _("This nota can no longer be edited."))
        return redirect("nota_detail", pk=nota.pk)
    except ActionNotAllowed as refusal:
        messages.error(request, refusal.message)
        return redirect("nota_detail", pk=nota.pk)
    locked = nota.vaste_velden
    post = request.POST if request.method == "POST" else None
    form = NotaForm(post, instance=nota, locked_fields=locked)
    toelichting = ToelichtingForm(post, punten=nota.toelichting.all())
    route_form = RouteForm(
        post, route=current_route(nota).select_related("parafeerder"),
        opsteller=nota.opsteller,
    )  # fmt: skip
    # A button of the route editor: show the changed route, save nothing yet.
    editing_route = route_form.bewerkt and nota.status == NotaModel.Status.CONCEPT
    if (
        post is not None
        and not editing_route
        and form.is_valid()
        and toelichting.is_valid()
        and route_form.is_valid()
    ):
        fields = {
            k: v
            for k, v in form.cleaned_data.items()
            if k not in ("bijlagen", "bijlagen_gelezen", "cc", *locked)
        }
        try:
            with transaction.atomic():
                nota_update(
                    nota=nota, by=request.user, toelichting=toelichting.as_dict(),
                    bijlagen=form.bijlage_titels(), bijlagen_gelezen=form.gelezen_titels(),
                    cc=None if "cc" in locked else list(form.cleaned_data["cc"]),
                    **fields,
                )  # fmt: skip
                if nota.status == NotaModel.Status.CONCEPT:
                    new_route = route_form.stappen()
                    old_route = [
                        (s.volgorde, s.parafeerder, s.omschrijving)
                        for s in current_route(nota).select_related("parafeerder")
                    ]
                    if new_route != old_route:
                        nota_route_set(nota=nota, by=request.user, stappen=new_route)
        except BijlagenGewijzigd as refusal:
            form.show_bijlagen(refusal.huidige)
            form.add_error("bijlagen", refusal.message)
        except ActionNotAllowed as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("nota_detail", pk=nota.pk)
    return render(
        request,
        "workflow/nota_form.html",
        {
            "form": form,
            "toelichting": toelichting,
            "route_form": route_form if nota.status == NotaModel.Status.CONCEPT else None,
            "nota": nota,
        },
    )
