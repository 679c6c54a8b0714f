"""The beheerder's audit log (filter, page, export) and the profile's sessions (end one or all
others). Thin: they parse, call identiteit.selectors or identiteit.services, and render."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workflow.bladeren import bladzijde
from workflow.handelen import ActionNotAllowed
from workflow.spreadsheets import as_csv

from . import selectors, services
from .forms import AuditFilterForm
from .models import AuditRegel
from .oidc import provider_logout_url

PER_PAGINA = 50
# The most rows one export holds (the newest); a longer period is exported in parts.
EXPORT_MAX = 10_000


def _beheerders_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not selectors.may_read_audit(request.user):  # type: ignore[arg-type]
            raise PermissionDenied(_("Only a beheerder reads the audit log."))
        return view(request, *args, **kwargs)

    return login_required(guarded)


def _filtered(request: HttpRequest) -> tuple[AuditFilterForm, Any, str]:
    form = AuditFilterForm(request.GET or None)
    rows = selectors.audit_visible_to(request.user)  # type: ignore[arg-type]
    query = ""
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        rows = selectors.audit_filter(
            rows,
            wie=data["wie"].strip(),
            soort=data["soort"],
            van=data["van"],
            tot=data["tot"],
        )
        query = urlencode({k: str(v) for k, v in request.GET.items() if k in form.fields and v})
    elif form.is_bound:
        rows = rows.none()
    else:
        rows = selectors.audit_filter(rows)
    return form, rows, query


@_beheerders_only
def audit_list(request: HttpRequest) -> HttpResponse:
    form, rows, query = _filtered(request)
    pagina = bladzijde(rows, request.GET.get("pagina"), PER_PAGINA)
    return render(
        request,
        "identiteit/audit.html",
        {"form": form, "pagina": pagina, "query": query, "export_max": EXPORT_MAX},
    )


@_beheerders_only
def audit_export(request: HttpRequest) -> HttpResponse:
    form, rows, _query = _filtered(request)
    if form.is_bound and not form.is_valid():
        messages.error(request, _("Correct the filter before exporting."))
        return redirect("auditlog")
    kinds = dict(AuditRegel.Soort.choices)
    data = [
        [
            timezone.localtime(r.tijdstip).strftime("%d-%m-%Y %H:%M:%S"),
            str(kinds.get(r.soort, r.soort)),
            r.gebruikersnaam,
            str(r.medewerker) if r.medewerker else "",
            str(r.door) if r.door else "",
            r.ip_adres or "",
            services.describe_browser(r.browser) if r.browser else "",
            r.omschrijving,
        ]
        for r in rows[:EXPORT_MAX]
    ]
    body = as_csv(
        [
            _("At"),
            _("Event"),
            _("Username"),
            _("Employee"),
            _("By"),
            _("IP address"),
            _("Browser"),
            _("Details"),
        ],
        data,
    )
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="auditlog-{stamp}.csv"'
    return response


@login_required
@require_POST
def sessies(request: HttpRequest) -> HttpResponse:
    user = request.user
    current = request.session.session_key
    try:
        if request.POST.get("actie") == "alle_andere":
            n = services.andere_sessies_beeindigen(
                by=user,  # type: ignore[arg-type]
                current_key=current,
                request=request,
            )
            messages.success(
                request,
                _("Your other sessions are ended (%(n)s): those browsers are logged out.")
                % {"n": n}
                if n
                else _("You had no other sessions."),
            )
        else:
            gekozen = request.POST.get("sessie", "")
            if not gekozen.isascii() or not gekozen.isdigit() or len(gekozen) > 12:
                raise ActionNotAllowed(_("This session does not exist or is not yours."))
            sessie = services.sessie_beeindigen(
                by=user,  # type: ignore[arg-type]
                pk=int(gekozen),
                current_key=current,
                request=request,
            )
            messages.success(
                request,
                _("The session on %(waar)s is ended: that browser is logged out.")
                % {"waar": services.describe_browser(sessie.browser)},
            )
    except ActionNotAllowed as refusal:
        messages.error(request, refusal.message)
    return redirect("/profiel/#sessies-kop")


class InlogView(auth_views.LoginView):
    """Django's login page, with the identity provider's button when it is set up, and the
    password form only while password login is on (PARAFEER_WACHTWOORD_INLOGGEN)."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "oidc_aan": settings.PARAFEER_OIDC,
            "wachtwoord_aan": settings.PARAFEER_WACHTWOORD_INLOGGEN,
        }

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.PARAFEER_WACHTWOORD_INLOGGEN:
            messages.error(request, _("Log in through your organisation's account."))
            return redirect("login")
        return super().post(request, *args, **kwargs)


class UitlogView(auth_views.LogoutView):
    """Logs out here and, after a login through the identity provider, there too."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        id_token = request.session.get("oidc_id_token")
        response = super().post(request, *args, **kwargs)
        there = provider_logout_url(request, id_token)
        return redirect(there) if there else response
