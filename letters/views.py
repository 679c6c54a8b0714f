"""The nota, its parafenblad and the Kamerbrief as PDF, for whoever may read them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from workflow import selectors
from workflow.services import ActionNotAllowed

from . import services, woo
from .models import Kamerbrief, Kamerbriefversie, Nota
from .rendering import render_kamerbrief_pdf, render_nota_pdf, render_parafenblad_pdf


def _nota_or_404(request, pk: int) -> Nota:
    try:
        return selectors.nota_for_detail(request.user, pk)
    except Nota.DoesNotExist:
        raise Http404(_("No nota found with this number, or you may not see it.")) from None


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    return HttpResponse(
        pdf,
        content_type="application/pdf",
        headers={"Content-Disposition": content_disposition_header(False, filename)},
    )


# never_cache: a nota is not public, so no cache along the way may keep a copy.
@require_GET
@never_cache
@login_required
def nota_pdf(request, pk: int):
    nota = _nota_or_404(request, pk)
    return _pdf_response(render_nota_pdf(nota), f"{nota.kenmerk}.pdf")


@require_GET
@never_cache
@login_required
def nota_parafenblad_pdf(request, pk: int):
    nota = _nota_or_404(request, pk)
    return _pdf_response(render_parafenblad_pdf(nota), f"{nota.kenmerk}-parafenblad.pdf")


@require_GET
@never_cache
@login_required
def kamerbrief_pdf(request, pk: int):
    """The letter as PDF; `?versie=N` for an earlier version (always marked CONCEPT)."""
    try:
        kamerbrief = selectors.kamerbrief_for_detail(request.user, pk)
    except Kamerbrief.DoesNotExist:
        raise Http404(_("No letter found with this number, or you may not see it.")) from None
    nummer = request.GET.get("versie")
    if nummer is not None and not nummer.isdigit():
        raise Http404(_("The letter has no such version."))
    try:
        pdf = render_kamerbrief_pdf(kamerbrief, int(nummer) if nummer else None)
    except Kamerbriefversie.DoesNotExist:
        raise Http404(_("The letter has no such version.")) from None
    suffix = f"-versie-{nummer}" if nummer else ""
    return _pdf_response(pdf, f"{kamerbrief.kenmerk}{suffix}.pdf")


# POST: the export is recorded in the nota's history, so it is an action, with its CSRF token.
@require_POST
@never_cache
@login_required
def nota_woo_export(request, pk: int):
    nota = _nota_or_404(request, pk)
    try:
        inhoud = services.nota_woo_export(nota=nota, by=request.user)
    except ActionNotAllowed as refusal:
        messages.error(request, refusal.message)
        return redirect("nota_detail", pk=nota.pk)
    return HttpResponse(
        inhoud,
        content_type="application/zip",
        headers={"Content-Disposition": content_disposition_header(True, woo.zip_name(nota))},
    )
