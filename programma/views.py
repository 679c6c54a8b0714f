"""The programme's pages: thin — parse, call one selector or service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from programma.docx import build_voortgangsrapportage_docx
from programma.forms import (
    BeoordelingForm,
    BijdrageForm,
    BijdragenVragenForm,
    MaatregelenImportForm,
)
from programma.models import (
    Maatregel,
    MaatregelStatus,
    Programma,
    Rapportageronde,
    Voortgangsbijdrage,
)
from programma.rendering import render_voortgangsrapportage_pdf

from . import selectors, services, spreadsheet


def _or_404(read, pk):
    try:
        return read(pk)
    except (Programma.DoesNotExist, Rapportageronde.DoesNotExist, Voortgangsbijdrage.DoesNotExist):
        raise Http404 from None


@login_required
def programma_list(request):
    return render(
        request, "programma/programma_list.html", {"programmas": selectors.programma_list()}
    )


@login_required
def programma_detail(request, pk: int):
    programma = _or_404(selectors.programma_for_page, pk)
    return _render_programma(request, programma, MaatregelenImportForm())


def _render_programma(request, programma, form, fouten=()):
    today = timezone.localdate()
    return render(
        request,
        "programma/programma_detail.html",
        {
            "programma": programma,
            "rondes": selectors.rondes_with_counts(programma.pk, today),
            "statussen": MaatregelStatus.choices,
            "today": today,
            "mag_importeren": services.is_coordinator(request.user, programma, today) is not None,
            "form": form,
            "fouten": [("id_bestand", fout) for fout in fouten]
            + [("id_bestand", e) for e in form.errors.get("bestand", [])],
        },
    )


@login_required
def maatregelen_xlsx(request, pk: int):
    programma = _or_404(lambda pk: Programma.objects.get(pk=pk), pk)
    response = HttpResponse(
        spreadsheet.maatregelen_xlsx(programma),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="maatregelen-{programma.pk}.xlsx"'
    return response


@login_required
@require_POST
def maatregelen_import(request, pk: int):
    programma = _or_404(selectors.programma_for_page, pk)
    if services.is_coordinator(request.user, programma, timezone.localdate()) is None:
        messages.error(request, services.not_coordinator())
        return redirect("programma_detail", pk=pk)
    form = MaatregelenImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_programma(request, programma, form)
    try:
        result = services.maatregelen_import(
            programma=programma, by=request.user, inhoud=form.cleaned_data["bestand"].read()
        )
    except services.ImportRefused as exc:
        return _render_programma(request, programma, form, [exc.message, *exc.fouten])
    except services.ActionNotAllowed as exc:
        messages.error(request, exc.message)
        return redirect("programma_detail", pk=pk)
    messages.success(
        request,
        _("Imported: %(gewijzigd)s measure(s) changed, %(ongewijzigd)s unchanged.")
        % {"gewijzigd": result.gewijzigd, "ongewijzigd": result.ongewijzigd},
    )
    return redirect("programma_detail", pk=pk)


@login_required
def ronde_detail(request, pk: int):
    ronde = _or_404(selectors.ronde_for_page, pk)
    return _render_ronde(request, ronde, BijdragenVragenForm())


def _render_ronde(request, ronde, vragen):
    today = timezone.localdate()
    bijdragen = list(selectors.bijdragen_of(ronde))
    for b in bijdragen:
        b.te_laat = selectors.is_late(b, today)
    mag_vragen = (
        ronde.gerapporteerd_in_id is None
        and services.is_coordinator(request.user, ronde.programma, today) is not None
    )
    return render(
        request,
        "programma/ronde_detail.html",
        {
            "ronde": ronde,
            "bijdragen": bijdragen,
            "te_laat": sum(b.te_laat for b in bijdragen),
            "brieven": selectors.open_letters_of(ronde.programma_id)[:20],
            "geleverd": sum(not b.bij_contact for b in bijdragen),
            "mag_vragen": mag_vragen,
            "vragen": vragen,
            "fouten": [(f"id_{veld}", e) for veld, errors in vragen.errors.items() for e in errors],
        },
    )


@login_required
@require_POST
def ronde_vragen(request, pk: int):
    ronde = _or_404(selectors.ronde_for_page, pk)
    if services.is_coordinator(request.user, ronde.programma, timezone.localdate()) is None:
        messages.error(
            request, _("Only the coordinator of the programme may ask for contributions.")
        )
        return redirect("ronde_detail", pk=pk)
    form = BijdragenVragenForm(request.POST)
    if form.is_valid():
        nummers = form.cleaned_data["nummers"]
        maatregelen = list(
            Maatregel.objects.filter(
                actielijn__programma_id=ronde.programma_id, nummer__in=nummers
            ).select_related("actielijn")
        )
        onbekend = sorted(set(nummers) - {m.nummer for m in maatregelen})
        if onbekend:
            form.add_error(
                "nummers",
                _("This programme has no measure %(nummers)s.")
                % {"nummers": ", ".join(map(str, onbekend))},
            )
    if not form.is_valid():
        return _render_ronde(request, ronde, form)
    try:
        bijdragen = services.bijdragen_vragen(
            ronde=ronde, maatregelen=maatregelen, by=request.user,
            werkdagen=form.cleaned_data["werkdagen"],
        )  # fmt: skip
    except services.ActionNotAllowed as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Asked: measure %(nummers)s, deadline %(deadline)s.")
            % {
                "nummers": ", ".join(str(b.maatregel.nummer) for b in bijdragen),
                "deadline": date_format(bijdragen[0].deadline, "j F Y"),
            },
        )
    return redirect("ronde_detail", pk=pk)


@login_required
def ronde_pdf(request, pk: int):
    ronde = _or_404(selectors.ronde_for_page, pk)
    response = HttpResponse(render_voortgangsrapportage_pdf(ronde), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="voortgangsrapportage-{ronde.jaar}.pdf"'
    return response


@login_required
def ronde_docx(request, pk: int):
    from django.http import HttpResponse

    ronde = _or_404(selectors.ronde_for_page, pk)
    response = HttpResponse(
        build_voortgangsrapportage_docx(ronde),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="voortgangsrapportage-{ronde.jaar}.docx"'
    )
    return response


@login_required
@require_POST
def ronde_attach(request, pk: int):
    ronde = _or_404(selectors.ronde_for_page, pk)
    brief = selectors.open_letters_of(ronde.programma_id).filter(
        pk=request.POST.get("kamerbrief") if str(request.POST.get("kamerbrief", "")).isdigit()
        else None
    ).first()  # fmt: skip
    if brief is None:
        messages.error(request, _("Choose the letter that reports on the programme."))
        return redirect("ronde_detail", pk=pk)
    try:
        bijlage = services.ronde_attach_report(ronde=ronde, kamerbrief=brief, by=request.user)
    except services.ActionNotAllowed as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("The report is attached to letter %(kenmerk)s as bijlage %(n)s, version %(v)s.")
            % {"kenmerk": brief.kenmerk, "n": bijlage.volgnummer, "v": bijlage.versies.count()},
        )
    return redirect("ronde_detail", pk=pk)


def _may(check, bijdrage, user) -> bool:
    try:
        check(bijdrage, user, timezone.localdate())
    except services.ActionNotAllowed:
        return False
    return True


@login_required
def bijdrage_detail(request, pk: int):
    bijdrage = _or_404(selectors.bijdrage_for_page, pk)
    may_submit = _may(services.check_submit, bijdrage, request.user)
    may_review = _may(services.check_review, bijdrage, request.user)
    form = BijdrageForm(
        initial={
            "tekst": bijdrage.tekst,
            "voetnoten": bijdrage.voetnoten,
            "maatregel_status": bijdrage.maatregel_status,
        }
    )
    return _render_bijdrage(request, bijdrage, may_submit, may_review, form, BeoordelingForm())


def _render_bijdrage(request, bijdrage, may_submit, may_review, form, beoordeling, status=200):
    return render(
        request,
        "programma/bijdrage_detail.html",
        {
            "bijdrage": bijdrage,
            "may_submit": may_submit,
            "may_review": may_review,
            "form": form,
            "beoordeling": beoordeling,
            "gebeurtenissen": bijdrage.gebeurtenissen.select_related("actor", "namens"),
        },
        status=status,
    )


@login_required
@require_POST
def bijdrage_submit(request, pk: int):
    bijdrage = _or_404(selectors.bijdrage_for_page, pk)
    form = BijdrageForm(request.POST)
    if not form.is_valid():
        return _render_bijdrage(request, bijdrage, True, False, form, BeoordelingForm())
    try:
        services.bijdrage_submit(bijdrage=bijdrage, by=request.user, **form.cleaned_data)
    except services.ActionNotAllowed as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Submitted. Your contribution is now with %(coordinator)s for review.")
            % {"coordinator": bijdrage.ronde.programma.coordinator},
        )
    return redirect("bijdrage_detail", pk=pk)


@login_required
@require_POST
def bijdrage_review(request, pk: int):
    bijdrage = _or_404(selectors.bijdrage_for_page, pk)
    form = BeoordelingForm(request.POST)
    if not form.is_valid():
        return _render_bijdrage(request, bijdrage, False, True, BijdrageForm(), form)
    try:
        if form.cleaned_data["oordeel"] == BeoordelingForm.ACCEPTEREN:
            services.bijdrage_accept(bijdrage=bijdrage, by=request.user)
            message = _("Accepted. The contribution will be in the progress report.")
        else:
            services.bijdrage_send_back(
                bijdrage=bijdrage, by=request.user, opmerking=form.cleaned_data["opmerking"]
            )
            message = _("Sent back to %(contact)s with your remark.") % {
                "contact": bijdrage.maatregel.contact
            }
    except services.ActionNotAllowed as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, message)
    return redirect("bijdrage_detail", pk=pk)
