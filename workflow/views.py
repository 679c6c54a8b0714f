import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from letters.models import Kamerbrief, Nota
from letters.services import (
    ANTWOORD_ACTIES,
    BijlagenGewijzigd,
    afstemming_answer,
    kamerbrief_create_refusal,
    kamerbrief_send,
    kamerbrief_sign,
    letter_actions,
    may_edit_kamerbrief,
    missing_for_signing,
    nota_create,
    nota_update,
    open_request_for,
)

from . import health, selectors, services
from . import profile as profile_services
from .deadlines import letter_of, planning_warnings
from .models import Besluit, Medewerker, RouteStap

# A manager with hundreds of open steps sees the most urgent first; the rest is one click away.
TOON_PER_GROEP = 50


@require_GET
@never_cache
def healthz(request):
    checks = {"database": health.check_database(), "broker": health.check_broker()}
    failing = {part: reason for part, reason in checks.items() if reason}
    body = {
        "status": "ok" if not failing else "fout",
        "database": "ok" if not checks["database"] else "fout",
        "broker": (
            ("ok" if not checks["broker"] else "fout")
            if settings.CELERY_BROKER_URL
            else "niet ingesteld (taken draaien in het proces)"
        ),
    }
    if failing:
        body["fouten"] = failing
    return JsonResponse(body, status=503 if failing else 200)


@login_required
def home(request):
    """The werkvoorraad: per group the most urgent lines first, at most TOON_PER_GROEP of them
    unless `?alle=<group>` asks for the whole group; the counts always tell the whole."""
    werkvoorraad = selectors.werkvoorraad_for(request.user)
    alle = request.GET.get("alle", "")
    mogelijk = _groups_for(request.user)
    # Sorting within one group: the lines are loaded already, so it costs no query.
    sorteer_groep, _sep, sorteer = request.GET.get("sorteer", "").partition(":")
    groepen = []
    for code, regels in werkvoorraad.groepen:
        if not regels:
            continue
        sortering = sorteer if code == sorteer_groep and sorteer in SORTERINGEN else "deadline"
        if sortering != "deadline":
            regels = sorted(regels, key=SORTERINGEN[sortering])
        getoond = regels if code == alle else regels[:TOON_PER_GROEP]
        groepen.append((code, regels, getoond, sortering))
    leeg = [code for code, regels in werkvoorraad.groepen if not regels and code in mogelijk]
    return render(
        request,
        "workflow/home.html",
        {"groepen": groepen, "leeg": leeg},
    )


# The groups come sorted on deadline; these are the other orders a line can be put in.
SORTERINGEN = {
    "deadline": None,
    "onderwerp": lambda r: r.onderwerp.casefold(),
    "kenmerk": lambda r: r.kenmerk,
}


def _groups_for(user) -> set[str]:
    """The groups this person's place can fill: an office's groups are noise to a drafter, and
    a drafter's to an office. A group someone fills as a substitute shows because it is full."""
    groepen = {"gevolgd"}
    if user.organisatieonderdeel_id:
        groepen |= {"te_paraferen", "terug_bij_mij", "concepten", "lopend"}
    if user.bureau_van_id:
        groepen |= {"ter_beslissing", "om_akkoord", "te_ondertekenen"}
    return groepen


@login_required
@require_GET
def agenda(request):
    """My deadlines in a month: `?maand=2023-12`, this month by default."""
    from datetime import date

    from .agenda import month_of

    today = timezone.localdate()
    eerste = today.replace(day=1)
    asked = request.GET.get("maand", "")
    if asked:
        try:
            year, month = (int(part) for part in asked.split("-"))
            if not 1990 <= year <= 2200:
                raise ValueError(asked)
            eerste = date(year, month, 1)
        except ValueError:
            messages.error(
                request,
                _("“%(maand)s” is not a month; give it as year-month, such as 2023-12.")
                % {"maand": asked[:20]},
            )
    maand = month_of(request.user, eerste, today)
    return render(request, "workflow/agenda.html", {"maand": maand, "today": today})


def _nota_or_404(request, pk: int, *, load=selectors.nota_for_detail) -> Nota:
    try:
        return load(request.user, pk)
    except Nota.DoesNotExist:
        raise Http404(_("No nota found with this number, or you may not see it.")) from None


@login_required
def profile(request):
    """The person's absences, the daily digest, the calendar link and the API tokens."""
    from datetime import date

    from api.profile import tokens_context as api_tokens_context

    user = request.user
    if request.method == "POST":
        action = request.POST.get("actie")
        try:
            if action == "dagoverzicht":
                profile_services.profile_update(
                    by=user, dagoverzicht=request.POST.get("dagoverzicht") == "ja"
                )
                messages.success(request, _("Your settings are saved."))
            elif action == "agendalink":
                profile_services.ical_token_renew(by=user)
                messages.success(
                    request, _("You have a new calendar link; the old one stopped working.")
                )
            elif action == "afwezigheid":
                try:
                    van = date.fromisoformat(request.POST.get("van", ""))
                    tot = date.fromisoformat(request.POST.get("tot", ""))
                except ValueError:
                    raise services.ActionNotAllowed(
                        _("Fill in the first and last day of your absence and choose a substitute.")
                    ) from None
                gekozen = request.POST.get("vervanger", "")
                vervanger = (
                    Medewerker.objects.filter(pk=int(gekozen), is_active=True).first()
                    if re.fullmatch(r"[0-9]{1,12}", gekozen)
                    else None
                )
                if vervanger is None:
                    raise services.ActionNotAllowed(
                        _(
                            "Choose a substitute from the search results: search for a "
                            "colleague who has access to Parafeer."
                        )
                    )
                profile_services.vervanging_register(
                    by=user,
                    vervanger=vervanger,
                    van=van,
                    tot=tot,
                    reden=request.POST.get("reden", ""),
                )
                messages.success(request, _("Your absence is registered."))
        except services.ActionNotAllowed as refusal:
            messages.error(request, refusal.message)
        return redirect("profile")
    return render(
        request,
        "workflow/profile.html",
        {
            "afwezigheden": user.afwezigheden.select_related("vervanger").order_by("-van")[:20],
            "vervangingen": user.vervangingen.select_related("medewerker").order_by("-van")[:20],
            **_colleague_search(request),
            "agendalink": settings.SITE_URL + reverse("ical_feed", args=[user.ical_token]),
            **api_tokens_context(request),
        },
    )


def _colleague_search(request) -> dict:
    zoek = " ".join(request.GET.get("vervanger_zoek", "").split())[:200]
    keuzes, meer = selectors.colleague_choices(zoek, exclude=request.user)
    return {"vervanger_zoek": zoek, "vervanger_keuzes": keuzes, "vervanger_meer": meer}


@login_required
@require_GET
def colleague_search(request):
    """The suggestions for the profile's substitute, as the htmx search fetches them (capped)."""
    return render(request, "workflow/_vervanger_keuzes.html", _colleague_search(request))


@never_cache
def ical_feed(request, token):
    """The person's deadlines for Outlook and the like; the secret token is the login."""
    user = Medewerker.objects.filter(ical_token=token, is_active=True).first()
    if user is None:
        raise Http404(_("This calendar link is not (or no longer) valid."))
    body = profile_services.ical_feed(user, site_url=settings.SITE_URL)
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


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
        (services.PARAFEREN, services.TERUGSTUREN),
    ),
    Keuze(
        "besluit",
        gettext_lazy("The decision of the member of government"),
        gettext_lazy("Record decision"),
        tuple(services.BESLUIT_ACTIES.values()),
        persoonlijk=True,
    ),
)

# What happened, said first in the message after an action; who is next follows.
GEDAAN = {
    services.INDIENEN.code: gettext_lazy("Submitted."),
    services.PARAFEREN.code: gettext_lazy("Initialled."),
    services.TERUGSTUREN.code: gettext_lazy("Sent back."),
    services.AKKOORD.code: gettext_lazy("Decision recorded: approved."),
    services.AKKOORD_MET_WIJZIGINGEN.code: gettext_lazy(
        "Decision recorded: approved with changes."
    ),
    services.NIET_AKKOORD.code: gettext_lazy("Decision recorded: not approved."),
    services.AANHOUDEN.code: gettext_lazy("Decision recorded: on hold."),
    services.WIJZIGINGEN_VERWERKT.code: gettext_lazy("Changes processed."),
    services.HERVATTEN.code: gettext_lazy("Put up for decision again."),
    services.HERZIEN.code: gettext_lazy("Back to draft."),
    services.KENNISNEMEN.code: gettext_lazy("Notice recorded."),
    services.AFHANDELEN.code: gettext_lazy("Completed."),
    services.INTREKKEN.code: gettext_lazy("Withdrawn."),
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
    grouped = {a.code for k in keuzes for a in k["choices"]} | {services.INTREKKEN.code}
    return {
        "keuzes": keuzes,
        "acties": [a for a in acties if a.code not in grouped],
        "kan_intrekken": services.INTREKKEN.code in codes,
        "heeft_acties": bool(acties),
    }


def _nota_page(request, nota: Nota, **extra):
    from letters import woo
    from letters.selectors import afstemming_per_cosigner

    from .register_views import nota_links_context

    rondes = {}
    for stap in nota.parafeerstappen.all():
        rondes.setdefault(stap.ronde, []).append(stap)
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
    return render(
        request,
        "workflow/nota_detail.html",
        {
            "nota": nota,
            "stand": selectors.nota_stand(nota),
            **action_panel(services.available_actions(nota, request.user)),
            "rondes": sorted(rondes.items(), reverse=True),
            "route": route,
            "waarschuwingen": planning_warnings(nota),
            "kan_bewerken": nota.status
            in (Nota.Status.CONCEPT, Nota.Status.AKKOORD_MET_WIJZIGINGEN)
            and services.acting_as_one_of(request.user, [nota.opsteller_id], timezone.localdate())
            is not None,
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
            services.nota_unfollow(nota=nota, by=request.user)
        else:
            services.nota_follow(nota=nota, by=request.user)
    except services.ActionNotAllowed as refusal:
        messages.error(request, refusal.message)
        return redirect("nota_detail", pk=nota.pk)
    volgt = services.is_following(nota, request.user)
    if request.headers.get("HX-Request"):
        return render(request, "workflow/_volgen.html", {"nota": nota, "volgt": volgt})
    message = _("You now follow %(kenmerk)s.") if volgt else _("You no longer follow %(kenmerk)s.")
    messages.success(request, message % {"kenmerk": nota.kenmerk})
    return redirect("nota_detail", pk=nota.pk)


SERVICES = {
    services.INDIENEN.code: lambda nota, by, remark, post: services.nota_submit(nota=nota, by=by),
    services.PARAFEREN.code: lambda nota, by, remark, post: services.nota_paraferen(
        nota=nota, by=by, remark=remark
    ),
    services.TERUGSTUREN.code: lambda nota, by, remark, post: services.nota_terugsturen(
        nota=nota, by=by, remark=remark
    ),
    services.WIJZIGINGEN_VERWERKT.code: lambda nota, by, remark, post: (
        services.nota_process_changes(nota=nota, by=by, remark=remark)
    ),
    services.HERVATTEN.code: lambda nota, by, remark, post: services.nota_resume(
        nota=nota, by=by, remark=remark
    ),
    services.HERZIEN.code: lambda nota, by, remark, post: services.nota_revise(
        nota=nota, by=by, remark=remark
    ),
    services.KENNISNEMEN.code: lambda nota, by, remark, post: services.nota_acknowledge(
        nota=nota, by=by, remark=remark
    ),
    services.AFHANDELEN.code: lambda nota, by, remark, post: services.nota_complete(
        nota=nota, by=by, remark=remark
    ),
    services.INTREKKEN.code: lambda nota, by, remark, post: services.nota_withdraw(
        nota=nota, by=by, remark=remark
    ),
}
for _uitkomst in Besluit.Uitkomst.values:
    SERVICES[services.BESLUIT_ACTIES[_uitkomst].code] = (
        lambda nota, by, remark, post, uitkomst=_uitkomst: services.nota_record_besluit(
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
        nota = selectors.nota_for_detail(user, nota.pk)
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
    except services.ActionNotAllowed as refusal:
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
            raise services.ActionNotAllowed(_("Choose what you do with the nota."))
        SERVICES[actie.code](nota, request.user, opmerking, request.POST)
    except services.ActionNotAllowed as refusal:
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


@login_required
def nota_withdraw_confirm(request, pk: int):
    """Intrekken cannot be undone: this page says what it does, and asks for the reason."""
    nota = _nota_or_404(request, pk)
    try:
        services.check_intrekken(nota, request.user, timezone.now())
    except services.ActionNotAllowed as refusal:
        messages.error(request, refusal.message)
        return redirect("nota_detail", pk=nota.pk)
    fout = None
    reden = request.POST.get("opmerking", "")
    if request.method == "POST":
        try:
            services.nota_withdraw(nota=nota, by=request.user, remark=reden)
        except services.ActionNotAllowed as refusal:
            fout = refusal.message
        else:
            messages.success(request, _done_message(nota, services.INTREKKEN.code, request.user))
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


def _kamerbrief_or_404(request, pk: int):

    try:
        return selectors.kamerbrief_for_detail(request.user, pk)
    except Kamerbrief.DoesNotExist:
        raise Http404(_("No letter found with this number, or you may not see it.")) from None


@login_required
def kamerbrief_detail(request, pk: int):
    from letters.forms import DocxForm
    from letters.selectors import verzoek_changes
    from letters.views import Eigenaar, bijlagen_context
    from letters.views_afstemming import afstemming_beheer
    from letters.views_brief import letter_page_links

    kamerbrief = _kamerbrief_or_404(request, pk)
    kan_wijzigen = may_edit_kamerbrief(kamerbrief, request.user)
    verzoek = open_request_for(kamerbrief, request.user)
    verzoeken = kamerbrief.afstemmingsverzoeken.all()
    huidig = {v.bewindspersoon_id: v for v in verzoeken if v.status in v.GELDIG}
    versies = list(kamerbrief.versies.all())
    return render(
        request,
        "workflow/kamerbrief_detail.html",
        {
            "brief": kamerbrief,
            "versie": versies[-1] if versies else None,
            "versies": versies,
            "huidige_verzoeken": [
                huidig.get(b.pk) or b for b in kamerbrief.medeondertekenaars.all()
            ],
            "verzoeken": verzoeken,
            "verzoek": verzoek,
            "wijzigingen": verzoek_changes(verzoek) if verzoek else None,
            "antwoorden": ANTWOORD_ACTIES if verzoek else [],
            "acties": letter_actions(kamerbrief, request.user),
            **bijlagen_context(
                Eigenaar.of_brief(kamerbrief), kamerbrief.bijlagen.all(), kan_wijzigen
            ),
            "kan_wijzigen": kan_wijzigen,
            "afstemming_beheer": afstemming_beheer(kamerbrief, request.user),
            **letter_page_links(kamerbrief, request.user),
            "docx_form": DocxForm(prefix="docx") if kan_wijzigen else None,
            "ontbreekt": missing_for_signing(kamerbrief)
            if kamerbrief.status
            in (kamerbrief.Status.IN_AFSTEMMING, kamerbrief.Status.GEREED_VOOR_ONDERTEKENING)
            else [],
        },
    )


@login_required
@require_POST
def kamerbrief_action(request, pk: int, actie: str):

    kamerbrief = _kamerbrief_or_404(request, pk)
    handlers = {
        "ondertekenen": kamerbrief_sign,
        "verzenden": kamerbrief_send,
    }
    try:
        if actie in handlers:
            handlers[actie](kamerbrief=kamerbrief, by=request.user)
        elif actie in {a.code for a in ANTWOORD_ACTIES}:
            verzoek = open_request_for(kamerbrief, request.user)
            if verzoek is None:
                raise services.ActionNotAllowed(_("There is no request waiting for your answer."))
            afstemming_answer(
                verzoek=verzoek,
                by=request.user,
                antwoord=actie,
                remark=request.POST.get("opmerking", ""),
            )
        else:
            raise Http404(_("Unknown action."))
    except services.ActionNotAllowed as refusal:
        messages.error(request, refusal.message)
    else:
        kamerbrief.refresh_from_db()
        messages.success(
            request,
            _("Done: %(kenmerk)s is now %(status)s.")
            % {"kenmerk": kamerbrief.kenmerk, "status": kamerbrief.get_status_display()},
        )
    return redirect("kamerbrief_detail", pk=kamerbrief.pk)


@login_required
def nota_new(request):
    """A new concept nota: the route comes from the directie's template, to adjust after."""

    from .forms import NotaForm

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
        except services.ActionNotAllowed as refusal:
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
    from letters.models import Nota as NotaModel

    from .forms import NotaForm, RouteForm, ToelichtingForm

    nota = _nota_or_404(request, pk)
    editable = nota.status in (NotaModel.Status.CONCEPT, NotaModel.Status.AKKOORD_MET_WIJZIGINGEN)
    try:
        services.as_opsteller(nota, request.user, timezone.now())
    except services.ActionNotAllowed as refusal:
        messages.error(request, refusal.message)
        return redirect("nota_detail", pk=nota.pk)
    if not editable:
        messages.error(request, _("This nota can no longer be edited."))
        return redirect("nota_detail", pk=nota.pk)
    locked = () if nota.status == NotaModel.Status.CONCEPT else ("aan", "soort", "cc")
    post = request.POST if request.method == "POST" else None
    form = NotaForm(post, instance=nota, locked_fields=locked)
    toelichting = ToelichtingForm(post, punten=nota.toelichting.all())
    route_form = RouteForm(
        post, route=services.current_route(nota).select_related("parafeerder"),
        opsteller=nota.opsteller,
    )  # fmt: skip
    if post is not None and form.is_valid() and toelichting.is_valid() and route_form.is_valid():
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
                        for s in services.current_route(nota).select_related("parafeerder")
                    ]
                    if new_route != old_route:
                        services.nota_route_set(nota=nota, by=request.user, stappen=new_route)
        except BijlagenGewijzigd as refusal:
            form.show_bijlagen(refusal.huidige)
            form.add_error("bijlagen", refusal.message)
        except services.ActionNotAllowed as refusal:
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
