"""The nota, its parafenblad and the Kamerbrief as PDF and DOCX, and the bijlagen with their
versions, for whoever may read them; uploading for whoever may edit them."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from letters.docx import build_kamerbrief_docx
from letters.models import (
    Bijlageversie,
    Kamerbrief,
    Kamerbriefbijlage,
    Kamerbriefversie,
    Nota,
    NotaBijlage,
    NotaBijlageversie,
)
from letters.rendering import render_kamerbrief_pdf, render_nota_pdf, render_parafenblad_pdf
from letters.selectors import bijlagen_with_versions
from letters.uploads import DOCX
from workflow import selectors, woo
from workflow.forms.kamerbrief import BijlageForm, DocxForm, UploadForm
from workflow.handelen import ActionNotAllowed
from workflow.services import woo_export
from workflow.services.basis import may_edit_nota
from workflow.services.bijlagen import (
    kamerbrief_bijlage_add,
    kamerbrief_bijlage_replace,
    kamerbrief_bijlage_withdraw,
    nota_bijlage_add,
    nota_bijlage_replace,
    nota_bijlage_withdraw,
)
from workflow.services.kamerbrief import kamerbrief_import_docx, may_edit_kamerbrief


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
    pdf = render_nota_pdf(nota, toon_niet_openbaar=selectors.leest_niet_openbaar(request.user))
    return _pdf_response(pdf, f"{nota.kenmerk}.pdf")


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
    if nummer is not None and not (nummer.isascii() and nummer.isdigit()):
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
        inhoud = woo_export.nota_woo_export(nota=nota, by=request.user)
    except ActionNotAllowed as refusal:
        messages.error(request, refusal.message)
        return redirect("nota_detail", pk=nota.pk)
    return HttpResponse(
        inhoud,
        content_type="application/zip",
        headers={"Content-Disposition": content_disposition_header(True, woo.zip_name(nota))},
    )


# --- bijlagen: the list with versions, uploading, replacing, withdrawing, downloading -------------


@dataclass(frozen=True)
class Eigenaar:
    """What the bijlagen belong to (a nota or a letter): the same pages and forms serve both."""

    soort: str  # "nota" or "brief"
    item: Nota | Kamerbrief
    kop: str
    detail_url: str

    @classmethod
    def of_nota(cls, nota: Nota) -> "Eigenaar":
        return cls(
            "nota",
            nota,
            _("Attachments of nota %(kenmerk)s") % {"kenmerk": nota.kenmerk},
            reverse("nota_detail", args=[nota.pk]),
        )

    @classmethod
    def of_brief(cls, brief: Kamerbrief) -> "Eigenaar":
        return cls(
            "brief",
            brief,
            _("Attachments of letter %(kenmerk)s") % {"kenmerk": brief.kenmerk},
            reverse("kamerbrief_detail", args=[brief.pk]),
        )

    @property
    def pk(self) -> int:
        return self.item.pk

    @property
    def _urls(self) -> str:
        return "nota" if self.soort == "nota" else "kamerbrief"

    # The names of the urls for the template's {% url %}.
    @property
    def lijst_url(self) -> str:
        return f"{self._urls}_bijlagen"

    @property
    def vervangen_url(self) -> str:
        return f"{self._urls}_bijlage_vervangen"

    @property
    def intrekken_url(self) -> str:
        return f"{self._urls}_bijlage_intrekken"

    @property
    def download_url(self) -> str:
        return f"{self._urls}_bijlage_download"


def _nota_eigenaar(request, pk: int) -> Eigenaar:
    try:
        nota = selectors.notas_visible_to(request.user).select_related("opsteller").get(pk=pk)
    except Nota.DoesNotExist:
        raise Http404(_("No nota found with this number, or you may not see it.")) from None
    return Eigenaar.of_nota(nota)


def _brief_eigenaar(request, pk: int) -> Eigenaar:
    try:
        brief = (
            selectors.kamerbrieven_visible_to(request.user)
            .select_related("nota__opsteller")
            .get(pk=pk)
        )
    except Kamerbrief.DoesNotExist:
        raise Http404(_("No letter found with this number, or you may not see it.")) from None
    return Eigenaar.of_brief(brief)


def _may_edit(eigenaar: Eigenaar, user) -> bool:
    if eigenaar.soort == "nota":
        return may_edit_nota(eigenaar.item, user)
    return may_edit_kamerbrief(eigenaar.item, user)


def _te_groot(request) -> set[str]:
    return getattr(request, "te_grote_bestanden", set())


@dataclass(frozen=True)
class Rij:
    bijlage: NotaBijlage | Kamerbriefbijlage
    form: UploadForm | None  # a new version; None when it cannot get one


def bijlagen_context(eigenaar: Eigenaar, bijlagen, kan_wijzigen: bool, **extra) -> dict:
    """What workflow/kamerbrief/_bijlagen.html needs; the detail pages include it with theirs.

    `vervangen` holds a replace form with its errors, by bijlage id, to show again.
    """
    vervangen = extra.pop("vervangen", {})
    form = extra.pop("form", None)
    rijen = [
        Rij(
            bijlage,
            vervangen.get(bijlage.pk) or UploadForm(prefix=f"vervang-{bijlage.pk}")
            if kan_wijzigen and bijlage.ingetrokken_op is None
            else None,
        )
        for bijlage in bijlagen
    ]
    return {
        "eigenaar": eigenaar,
        "rijen": rijen,
        "form": form or (BijlageForm() if kan_wijzigen else None),
        **extra,
    }


def _bijlagen_response(request, eigenaar: Eigenaar, **extra):
    context = bijlagen_context(
        eigenaar, bijlagen_with_versions(eigenaar.item), _may_edit(eigenaar, request.user), **extra
    )
    if request.headers.get("HX-Request"):
        return render(request, "workflow/kamerbrief/_bijlagen.html", context)
    return render(request, "workflow/kamerbrief/bijlagen.html", context)


def _done(request, eigenaar: Eigenaar, melding: str):
    """After a change: htmx gets the list in place with the message; without JavaScript, the
    detail page with the message on top (post/redirect/get)."""
    if request.headers.get("HX-Request"):
        return _bijlagen_response(request, eigenaar, melding=melding)
    messages.success(request, melding)
    return redirect(eigenaar.detail_url + "#bijlagen")


def _add(request, eigenaar: Eigenaar):
    form = None
    if request.method == "POST":
        form = BijlageForm(request.POST, request.FILES, te_groot=_te_groot(request))
        if form.is_valid():
            upload = form.cleaned_data["bestand"]
            kwargs = {
                "by": request.user,
                "titel": form.cleaned_data["titel"],
                "inhoud": upload.inhoud,
                "bestandsnaam": upload.bestandsnaam,
            }
            try:
                if eigenaar.soort == "nota":
                    bijlage = nota_bijlage_add(nota=eigenaar.item, **kwargs)
                else:
                    bijlage = kamerbrief_bijlage_add(kamerbrief=eigenaar.item, **kwargs)
            except ActionNotAllowed as refusal:
                form.add_error(None, refusal.message)
            else:
                return _done(
                    request,
                    eigenaar,
                    _("Added: %(bijlage)s (%(naam)s).")
                    % {"bijlage": bijlage, "naam": upload.bestandsnaam},
                )
    return _bijlagen_response(request, eigenaar, form=form)


def _replace(request, eigenaar: Eigenaar, bijlage_pk: int):
    model = NotaBijlage if eigenaar.soort == "nota" else Kamerbriefbijlage
    owner_field = "nota" if eigenaar.soort == "nota" else "kamerbrief"
    bijlage = model.objects.filter(pk=bijlage_pk, **{owner_field: eigenaar.item}).first()
    if bijlage is None:
        raise Http404(_("This attachment does not exist."))
    form = UploadForm(
        request.POST, request.FILES, prefix=f"vervang-{bijlage.pk}", te_groot=_te_groot(request)
    )
    if form.is_valid():
        upload = form.cleaned_data["bestand"]
        kwargs = {
            "bijlage": bijlage,
            "by": request.user,
            "inhoud": upload.inhoud,
            "bestandsnaam": upload.bestandsnaam,
        }
        try:
            if eigenaar.soort == "nota":
                versie = nota_bijlage_replace(**kwargs)
            else:
                versie = kamerbrief_bijlage_replace(**kwargs)
        except ActionNotAllowed as refusal:
            # Above the list, not on the form: the form is gone when the bijlage was withdrawn
            # or the item may no longer be changed meanwhile (another tab, another person).
            return _bijlagen_response(request, eigenaar, fout=refusal.message)
        else:
            if versie is None:
                melding = _("%(bijlage)s: this file is the same as the latest version.") % {
                    "bijlage": bijlage
                }
            else:
                melding = _("%(bijlage)s: version %(nummer)s added.") % {
                    "bijlage": bijlage,
                    "nummer": versie.nummer,
                }
            return _done(request, eigenaar, melding)
    return _bijlagen_response(request, eigenaar, vervangen={bijlage.pk: form})


def _withdraw(request, eigenaar: Eigenaar, bijlage_pk: int):
    model = NotaBijlage if eigenaar.soort == "nota" else Kamerbriefbijlage
    owner_field = "nota" if eigenaar.soort == "nota" else "kamerbrief"
    bijlage = model.objects.filter(pk=bijlage_pk, **{owner_field: eigenaar.item}).first()
    if bijlage is None:
        raise Http404(_("This attachment does not exist."))
    try:
        if eigenaar.soort == "nota":
            nota_bijlage_withdraw(bijlage=bijlage, by=request.user)
        else:
            kamerbrief_bijlage_withdraw(bijlage=bijlage, by=request.user)
    except ActionNotAllowed as refusal:
        if request.headers.get("HX-Request"):
            return _bijlagen_response(request, eigenaar, fout=refusal.message)
        messages.error(request, refusal.message)
        return redirect(eigenaar.detail_url + "#bijlagen")
    return _done(
        request,
        eigenaar,
        _("Withdrawn: %(bijlage)s. Its versions stay readable.") % {"bijlage": bijlage},
    )


def _download(eigenaar: Eigenaar, bijlage_pk: int, nummer: int):
    """A version's file, as an attachment: never shown inline, never sniffed as something else."""
    if eigenaar.soort == "nota":
        versies = NotaBijlageversie.objects.filter(bijlage__nota=eigenaar.item)
    else:
        versies = Bijlageversie.objects.filter(bijlage__kamerbrief=eigenaar.item)
    versie = versies.filter(bijlage_id=bijlage_pk, nummer=nummer).first()
    if versie is None:
        raise Http404(_("This attachment has no such version."))
    try:
        bestand = versie.bestand.open("rb")
    except FileNotFoundError:
        raise Http404(_("The file of this version cannot be found.")) from None
    response = FileResponse(
        bestand,
        as_attachment=True,
        filename=versie.bestandsnaam,
        content_type=versie.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "POST"])
@never_cache
@login_required
def nota_bijlagen(request, pk: int):
    """The nota's bijlagen with every version; POST adds one."""
    return _add(request, _nota_eigenaar(request, pk))


@require_POST
@never_cache
@login_required
def nota_bijlage_vervangen(request, pk: int, bijlage: int):
    return _replace(request, _nota_eigenaar(request, pk), bijlage)


@require_POST
@never_cache
@login_required
def nota_bijlage_intrekken(request, pk: int, bijlage: int):
    return _withdraw(request, _nota_eigenaar(request, pk), bijlage)


@require_GET
@never_cache
@login_required
def nota_bijlage_download(request, pk: int, bijlage: int, nummer: int):
    return _download(_nota_eigenaar(request, pk), bijlage, nummer)


@require_http_methods(["GET", "POST"])
@never_cache
@login_required
def kamerbrief_bijlagen(request, pk: int):
    """The letter's bijlagen with every version; POST adds one."""
    return _add(request, _brief_eigenaar(request, pk))


@require_POST
@never_cache
@login_required
def kamerbrief_bijlage_vervangen(request, pk: int, bijlage: int):
    return _replace(request, _brief_eigenaar(request, pk), bijlage)


@require_POST
@never_cache
@login_required
def kamerbrief_bijlage_intrekken(request, pk: int, bijlage: int):
    return _withdraw(request, _brief_eigenaar(request, pk), bijlage)


@require_GET
@never_cache
@login_required
def kamerbrief_bijlage_download(request, pk: int, bijlage: int, nummer: int):
    return _download(_brief_eigenaar(request, pk), bijlage, nummer)


# --- the letter as DOCX: export, and the edited document back as a new version ----------------


@require_GET
@never_cache
@login_required
def kamerbrief_docx(request, pk: int):
    """The letter as a Word document; `?versie=N` for an earlier version."""
    brief = _brief_eigenaar(request, pk).item
    nummer = request.GET.get("versie")
    if nummer is not None and not (nummer.isascii() and nummer.isdigit()):
        raise Http404(_("The letter has no such version."))
    try:
        inhoud = build_kamerbrief_docx(brief, int(nummer) if nummer else None)
    except Kamerbriefversie.DoesNotExist:
        raise Http404(_("The letter has no such version.")) from None
    suffix = f"-versie-{nummer}" if nummer else ""
    response = HttpResponse(
        inhoud,
        content_type=DOCX.content_type,
        headers={
            "Content-Disposition": content_disposition_header(True, f"{brief.kenmerk}{suffix}.docx")
        },
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "POST"])
@never_cache
@login_required
def kamerbrief_docx_upload(request, pk: int):
    """Upload the edited DOCX: its text becomes the letter's next version (if it changed)."""
    eigenaar = _brief_eigenaar(request, pk)
    brief = eigenaar.item
    form = DocxForm(
        request.POST or None, request.FILES or None, te_groot=_te_groot(request), prefix="docx"
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["bestand"]
        try:
            versie = kamerbrief_import_docx(
                kamerbrief=brief, by=request.user, inhoud=upload.inhoud,
                bestandsnaam=upload.bestandsnaam,
            )  # fmt: skip
        except ActionNotAllowed as refusal:
            if not may_edit_kamerbrief(brief, request.user):
                # The form is not shown to who may not change the letter (any more): say why
                # on the letter's page.
                messages.error(request, refusal.message)
                return redirect("kamerbrief_detail", pk=brief.pk)
            form.add_error(None, refusal.message)
        else:
            if versie is None:
                messages.info(
                    request,
                    _("The document holds the same text as the current version: nothing changed."),
                )
            else:
                messages.success(
                    request,
                    _("The text of the document is saved as version %(nummer)s of the letter.")
                    % {"nummer": versie.nummer},
                )
            return redirect("kamerbrief_detail", pk=brief.pk)
    return render(
        request,
        "workflow/kamerbrief/docx_upload.html",
        {
            "brief": brief,
            "form": form,
            "kan_wijzigen": may_edit_kamerbrief(brief, request.user),
        },
    )
