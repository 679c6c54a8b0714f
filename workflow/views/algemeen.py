"""The pages around the work: the werkvoorraad (home), the agenda, the profile, the health check."""

import re
from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from workflow import health, selectors, tk_sync, werkvoorraad_cache
from workflow import profile as profile_services
from workflow.agenda import month_of
from workflow.handelen import ActionNotAllowed
from workflow.models import Medewerker

# A manager with hundreds of open steps sees the most urgent first; the rest is one click away,
# a page of ALLE_PER_PAGINA at a time (an office's group holds thousands).
TOON_PER_GROEP = 50
ALLE_PER_PAGINA = 200


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
    # The sync with the Kamer is a warning, never a failure: the app serves its users without
    # it, and a probe that took the web nodes out because the Kamer's API is down would turn
    # someone else's outage into ours.
    if settings.PARAFEER_TK_ODATA_URL and not checks["database"]:
        storingen = tk_sync.storingen()
        body["tweede_kamer"] = "waarschuwing" if storingen else "ok"
        if storingen:
            body["waarschuwingen"] = {f"tweede_kamer.{s}": r for s, r in storingen.items()}
    return JsonResponse(body, status=503 if failing else 200)


@login_required
def home(request):
    """The werkvoorraad, from the per-user cache when it is current
    (workflow/werkvoorraad_cache.py); around it what is not the werkvoorraad's data (the
    greeting, the messages, the CSRF token)."""
    werkvoorraad = werkvoorraad_cache.fragment(
        request, lambda extra: _werkvoorraad_html(request, extra)
    )
    return render(request, "workflow/home.html", {"werkvoorraad": mark_safe(werkvoorraad)})


def _werkvoorraad_html(request, extra: dict) -> str:
    """The werkvoorraad: per group how many lines it holds and the most urgent
    TOON_PER_GROEP; `?alle=<group>` pages through the whole group, ALLE_PER_PAGINA lines a page
    (`&pagina=`). Within a group: `?sorteer=<group>:<order>` and `?directie=<group>:<code>`.
    Sorting, filtering and counting are done by the database: a page reads only what it shows."""
    alle = request.GET.get("alle", "")
    sorteer_groep, _sep, sorteer = request.GET.get("sorteer", "").partition(":")
    filter_groep, _sep, directie = request.GET.get("directie", "").partition(":")
    try:
        pagina = int(request.GET.get("pagina", "1"))
    except ValueError:
        pagina = 1
    weergave = {
        code: selectors.Weergave(
            sortering=sorteer if code == sorteer_groep else "deadline",
            directie=directie if code == filter_groep else "",
            pagina=pagina if code == alle else 1,
            per_pagina=ALLE_PER_PAGINA if code == alle else None,
        )
        for code in {sorteer_groep, filter_groep, alle} & set(selectors.GROEPEN)
    }
    werkvoorraad = selectors.werkvoorraad_for(
        request.user,
        per_groep=TOON_PER_GROEP,
        weergave=weergave,
    )
    mogelijk = _groups_for(request.user)
    groepen = []
    for groep in werkvoorraad.groepen:
        if not groep.aantal:
            continue
        w = groep.weergave
        per_pagina = ALLE_PER_PAGINA if groep.code == alle else TOON_PER_GROEP
        query = {"alle": groep.code}
        if w.sortering != "deadline":
            query["sorteer"] = f"{groep.code}:{w.sortering}"
        if w.directie:
            query["directie"] = f"{groep.code}:{w.directie}"
        eerste = (w.pagina - 1) * per_pagina
        groepen.append(
            {
                "code": groep.code,
                "aantal": groep.aantal,
                "getoond": groep.regels,
                "alle": groep.code == alle,
                "van": eerste + 1,
                "tot": eerste + len(groep.regels),
                "vorige": _pagina_link(query, w.pagina - 1) if groep.code == alle else "",
                "volgende": (
                    _pagina_link(query, w.pagina + 1)
                    if groep.code == alle and eerste + len(groep.regels) < groep.aantal
                    else ""
                ),
                "alle_link": _pagina_link(query, 1),
                "sortering": w.sortering,
                "directies": groep.directies if len(groep.directies) > 1 or w.directie else [],
                "directie": w.directie,
            }
        )
    te_paraferen = next((g for g in groepen if g["code"] == "te_paraferen"), None)
    geopend = (
        selectors.opened_by(request.user, [r.item for r in te_paraferen["getoond"]])
        if te_paraferen
        else set()
    )
    leeg = [g.code for g in werkvoorraad.groepen if not g.aantal and g.code in mogelijk]
    return render_to_string(
        "workflow/_werkvoorraad.html",
        {"groepen": groepen, "leeg": leeg, "geopend": geopend, **extra},
    )


def _pagina_link(query: dict[str, str], pagina: int) -> str:
    """The address of one page of a group's whole list (none before the first)."""
    if pagina < 1:
        return ""
    return "?" + urlencode({**query, "pagina": str(pagina)} if pagina > 1 else query)


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


@login_required
def profile(request):
    """The person's absences, the daily digest and the calendar link (and the API's section,
    which the API adds to the page: api/templatetags/api_profiel.py)."""
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
                    raise ActionNotAllowed(
                        _("Fill in the first and last day of your absence and choose a substitute.")
                    ) from None
                gekozen = request.POST.get("vervanger", "")
                vervanger = (
                    Medewerker.objects.filter(pk=int(gekozen), is_active=True).first()
                    if re.fullmatch(r"[0-9]{1,12}", gekozen)
                    else None
                )
                if vervanger is None:
                    raise ActionNotAllowed(
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
        except ActionNotAllowed as refusal:
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
