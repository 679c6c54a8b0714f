from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from letters.models import Nota

from . import health, selectors, services
from .models import Besluit


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
    werkvoorraad = selectors.werkvoorraad_for(request.user)
    return render(request, "workflow/home.html", {"werkvoorraad": werkvoorraad})


def _nota_or_404(request, pk: int) -> Nota:
    try:
        return selectors.nota_for_detail(request.user, pk)
    except Nota.DoesNotExist:
        raise Http404(_("No nota found with this number, or you may not see it.")) from None


@login_required
def nota_detail(request, pk: int):
    nota = _nota_or_404(request, pk)
    acties = services.available_actions(nota, request.user)
    rondes = {}
    for stap in nota.parafeerstappen.all():
        rondes.setdefault(stap.ronde, []).append(stap)
    from .register_views import nota_links_context

    return render(
        request,
        "workflow/nota_detail.html",
        {
            "nota": nota,
            "acties": acties,
            "rondes": sorted(rondes.items(), reverse=True),
            "route": [s for s in nota.route.all() if s.vervangen_op is None],
            **nota_links_context(nota, request.user),
        },
    )


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


@login_required
@require_POST
def nota_action(request, pk: int, actie: str):
    nota = _nota_or_404(request, pk)
    service = SERVICES.get(actie)
    if service is None:
        raise Http404(_("Unknown action."))
    try:
        service(nota, request.user, request.POST.get("opmerking", ""), request.POST)
    except services.ActionNotAllowed as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            _("Done: %(kenmerk)s is now %(status)s.")
            % {
                "kenmerk": nota.kenmerk,
                "status": Nota.objects.get(pk=nota.pk).get_status_display(),
            },
        )
    return redirect("nota_detail", pk=nota.pk)
