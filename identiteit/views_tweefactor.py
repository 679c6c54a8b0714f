"""The two-factor pages: set up (QR code, then a code), the recovery codes shown once, and the
check after the password. Thin over identiteit.tweefactor."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from workflow.handelen import ActionNotAllowed

from . import services, tweefactor

APPARAAT_IN_SESSIE = "identiteit_nieuw_apparaat"
CODES_IN_SESSIE = "identiteit_herstelcodes"


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return "/"
    return target


@login_required
def controleren(request: HttpRequest) -> HttpResponse:
    nodig = request.session.get(tweefactor.SESSIE_NODIG)
    if nodig == tweefactor.INSTELLEN:
        return redirect("tweefactor_instellen")
    if nodig is None:
        return redirect(_next(request))
    fout = ""
    if request.method == "POST":
        code = request.POST.get("code", "")[:40]
        try:
            if tweefactor.tweefactor_controleren(
                user=request.user,  # type: ignore[arg-type]
                code=code,
                request=request,
            ):
                # A new session key now that the login is complete (as after the password).
                services.session_cycle_key(request)
                return redirect(_next(request))
            fout = _(
                "That code is not right. Type the 6 digits your app shows now, or one of your "
                "recovery codes."
            )
        except ActionNotAllowed as refusal:
            fout = refusal.message
    return render(request, "identiteit/tweefactor.html", {"fout": fout, "next": _next(request)})


@login_required
def instellen(request: HttpRequest) -> HttpResponse:
    # Whoever still owes a code may not replace the app that code comes from.
    if request.session.get(tweefactor.SESSIE_NODIG) == tweefactor.CONTROLEREN:
        return redirect("tweefactor")
    user = request.user
    device = None
    pk = request.session.get(APPARAAT_IN_SESSIE)
    if pk is not None:
        device = TOTPDevice.objects.filter(pk=pk, user=user, confirmed=False).first()
    if device is None:
        device = tweefactor.nieuw_apparaat(user=user)  # type: ignore[arg-type]
        request.session[APPARAAT_IN_SESSIE] = device.pk
    fout = ""
    if request.method == "POST":
        try:
            codes = tweefactor.tweefactor_instellen(
                user=user,  # type: ignore[arg-type]
                device_pk=device.pk,
                code=request.POST.get("code", "")[:40],
                request=request,
                huidige_code=request.POST.get("huidige_code", "")[:40],
            )
        except ActionNotAllowed as refusal:
            fout = refusal.message
        else:
            request.session.pop(APPARAAT_IN_SESSIE, None)
            request.session[CODES_IN_SESSIE] = codes
            services.session_cycle_key(request)
            return redirect(f"/tweefactor/herstelcodes/?next={_next(request)}")
    return render(
        request,
        "identiteit/tweefactor_instellen.html",
        {
            "qr": tweefactor.qr_svg(device),
            "geheim": tweefactor.geheim_leesbaar(device),
            "fout": fout,
            "next": _next(request),
            "verplicht": request.session.get(tweefactor.SESSIE_NODIG) == tweefactor.INSTELLEN,
            "vervangen": tweefactor.moet_huidige_code_geven(
                user=user,  # type: ignore[arg-type]
                request=request,
            ),
        },
    )


@login_required
def herstelcodes(request: HttpRequest) -> HttpResponse:
    codes = request.session.pop(CODES_IN_SESSIE, None)
    if not codes:
        messages.info(request, _("Recovery codes are shown only once, right after set-up."))
        return redirect("profile")
    messages.success(request, _("Two-factor login is set up."))
    return render(request, "identiteit/herstelcodes.html", {"codes": codes, "next": _next(request)})
