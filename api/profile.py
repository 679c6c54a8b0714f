"""The profile page's section on personal API tokens: made, listed, revoked by their owner."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workflow.handelen import ActionNotAllowed

from . import services

SESSION_KEY = "api_nieuwe_sleutel"


def tokens_context(request) -> dict:
    """What the profile page's token section shows; a new token's secret only this once."""
    return {
        "api_sleutels": request.user.api_sleutels.all()[:20],
        "api_nieuwe_sleutel": request.session.pop(SESSION_KEY, None),
        "api_nu": timezone.now(),
        "api_max_dagen": services.MAX_DAGEN,
    }


@login_required
@require_POST
def tokens(request):
    try:
        if request.POST.get("actie") == "intrekken":
            gekozen = request.POST.get("sleutel", "")
            if not gekozen.isascii() or not gekozen.isdigit() or len(gekozen) > 12:
                raise ActionNotAllowed(_("This token does not exist or is not yours."))
            token = services.api_token_revoke(by=request.user, pk=int(gekozen))
            messages.success(
                request,
                _("Token “%(naam)s” is revoked: it no longer works.") % {"naam": token.naam},
            )
        else:
            dagen = request.POST.get("dagen", "")
            if not dagen.isascii() or not dagen.isdigit() or len(dagen) > 4:
                raise ActionNotAllowed(
                    _("A token is valid for 1 to %(max)s days.") % {"max": services.MAX_DAGEN}
                )
            token, sleutel = services.api_token_create(
                by=request.user, naam=request.POST.get("naam", ""), dagen=int(dagen)
            )
            request.session[SESSION_KEY] = sleutel
            messages.success(
                request,
                _("Token “%(naam)s” is made. Copy it now: it is shown only this once.")
                % {"naam": token.naam},
            )
    except ActionNotAllowed as refusal:
        messages.error(request, refusal.message)
    return redirect("/profiel/#api-kop")
