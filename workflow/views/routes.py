"""The beheerder's pages for route templates: list, create, edit, deactivate and activate.

Thin views over workflow.route_templates; others get a 403 that says why.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workflow import route_templates as routes
from workflow.bladeren import bladzijde
from workflow.forms.nota import DirectieZoekForm, ReasonForm
from workflow.forms.route import RouteSjabloonForm
from workflow.handelen import ActionNotAllowed
from workflow.models import Gebeurtenis, RouteSjabloon

# At most this many directies are offered for a search (the rest: search more precisely).
DIRECTIES_GETOOND = 20


def _beheerders_only(view):
    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not routes.may_manage_route_templates(request.user):
            raise PermissionDenied(_("Only a beheerder keeps the route templates."))
        return view(request, *args, **kwargs)

    return login_required(guarded)


def _sjabloon_or_404(pk: int) -> RouteSjabloon:
    sjabloon = (
        RouteSjabloon.objects.select_related("organisatieonderdeel__ministerie")
        .filter(pk=pk)
        .first()
    )
    if sjabloon is None:
        raise Http404(_("No route template with this number."))
    return sjabloon


@_beheerders_only
def routesjabloon_list(request):
    q = (request.GET.get("q") or "").strip()[:200]
    pagina = bladzijde(
        routes.route_templates_list(q=q), request.GET.get("pagina"), routes.PER_PAGINA
    )
    return render(
        request,
        "workflow/routes/list.html",
        {"pagina": pagina, "q": q, "zoek": DirectieZoekForm(initial={"q": q})},
    )


def _directie_search(request):
    """Step one of a new template: find the directorate, by code or name."""
    form = DirectieZoekForm(request.GET or None)
    gevonden, meer = [], False
    if form.is_valid() and form.cleaned_data["q"].strip():
        q = form.cleaned_data["q"].strip()
        found = list(
            routes.directies().filter(Q(code__iexact=q) | Q(naam__icontains=q))[
                : DIRECTIES_GETOOND + 1
            ]
        )
        gevonden, meer = found[:DIRECTIES_GETOOND], len(found) > DIRECTIES_GETOOND
    return render(
        request,
        "workflow/routes/kies_directie.html",
        {"form": form, "gevonden": gevonden, "meer": meer, "gezocht": form.is_bound},
    )


@_beheerders_only
def routesjabloon_create(request):
    onderdeel_id = request.POST.get("onderdeel") or request.GET.get("onderdeel")
    if not onderdeel_id:
        return _directie_search(request)
    onderdeel = (
        routes.directies().filter(pk=onderdeel_id).first() if onderdeel_id.isdigit() else None
    )
    if onderdeel is None:
        raise Http404(_("No directorate with this number."))
    form = RouteSjabloonForm(request.POST or None)
    # A button of the route editor shows the changed steps; only "Opslaan" saves.
    if request.method == "POST" and not form.bewerkt and form.is_valid():
        try:
            sjabloon = routes.routesjabloon_create(
                by=request.user, organisatieonderdeel=onderdeel, naam=form.cleaned_data["naam"],
                regels=form.as_regels(), soorten=form.cleaned_data["soorten"],
                opnieuw_paraferen=form.cleaned_data["opnieuw_paraferen"],
            )  # fmt: skip
        except ActionNotAllowed as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request,
                _("Route template “%(naam)s” is saved. New notas of %(onderdeel)s get it.")
                % {"naam": sjabloon.naam, "onderdeel": onderdeel.naam},
            )
            return redirect("routesjabloon_list")
    return render(
        request,
        "workflow/routes/form.html",
        {"form": form, "onderdeel": onderdeel, "sjabloon": None},
    )


@_beheerders_only
def routesjabloon_edit(request, pk: int):
    sjabloon = _sjabloon_or_404(pk)
    regels = list(routes.current_rules(sjabloon).select_related("medewerker"))
    initial = {
        "naam": sjabloon.naam,
        "soorten": sjabloon.soorten,
        "opnieuw_paraferen": sjabloon.opnieuw_paraferen,
    }
    form = RouteSjabloonForm(request.POST or None, initial=initial, regels=regels)
    # A button of the route editor shows the changed steps; only "Opslaan" saves.
    if request.method == "POST" and not form.bewerkt and form.is_valid():
        try:
            routes.routesjabloon_update(
                sjabloon=sjabloon, by=request.user, naam=form.cleaned_data["naam"],
                regels=form.as_regels(), soorten=form.cleaned_data["soorten"],
                opnieuw_paraferen=form.cleaned_data["opnieuw_paraferen"],
            )  # fmt: skip
        except ActionNotAllowed as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request,
                _("Route template “%(naam)s” is saved. Notas already created keep their route.")
                % {"naam": form.cleaned_data["naam"]},
            )
            return redirect("routesjabloon_edit", pk=sjabloon.pk)
    gebeurtenissen = Gebeurtenis.objects.filter(routesjabloon=sjabloon).select_related(
        "actor", "namens", "namens_bewindspersoon"
    )
    return render(
        request,
        "workflow/routes/form.html",
        {
            "form": form,
            "onderdeel": sjabloon.organisatieonderdeel,
            "sjabloon": sjabloon,
            "reden_form": ReasonForm(),
            "gebeurtenissen": gebeurtenissen.order_by("tijdstip", "pk")[:100],
        },
    )


@require_POST
@_beheerders_only
def routesjabloon_deactivate(request, pk: int):
    sjabloon = _sjabloon_or_404(pk)
    try:
        routes.routesjabloon_deactivate(
            sjabloon=sjabloon, by=request.user, remark=request.POST.get("reden", "")
        )
    except ActionNotAllowed as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            _("Route template “%(naam)s” is deactivated: new notas no longer get it.")
            % {"naam": sjabloon.naam},
        )
    return redirect("routesjabloon_edit", pk=sjabloon.pk)


@require_POST
@_beheerders_only
def routesjabloon_activate(request, pk: int):
    sjabloon = _sjabloon_or_404(pk)
    try:
        routes.routesjabloon_activate(sjabloon=sjabloon, by=request.user)
    except ActionNotAllowed as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            _("Route template “%(naam)s” is active again.") % {"naam": sjabloon.naam},
        )
    return redirect("routesjabloon_edit", pk=sjabloon.pk)
