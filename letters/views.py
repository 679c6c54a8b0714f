"""The nota and its parafenblad as PDF, for whoever may read the nota."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from workflow import selectors

from .models import Nota
from .rendering import render_nota_pdf, render_parafenblad_pdf


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
