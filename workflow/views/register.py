"""Pages of the register of toezeggingen and moties, and the links on a nota's page.

Thin: they read the filters and forms, call one selector or service, and render. Everybody
logged in reads the register; the services decide who may change it.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from letters.models import Kamerbrief, Nota
from workflow import commitments, register, selectors, spreadsheets
from workflow.bladeren import bladzijde
from workflow.forms.nota import (
    KoppelingForm,
    LetterForm,
    MotieForm,
    ReasonForm,
    RegisterFilterForm,
    ToezeggingForm,
)
from workflow.handelen import ActionNotAllowed
from workflow.models import Koppeling, Motie, Toezegging

PER_PAGE = 50

KINDS = {
    "toezeggingen": {
        "model": Toezegging,
        "lines": register.toezegging_lines,
        "rows": register.toezegging_rows,
        "select": register.toezeggingen_register,
        "list": register.toezeggingen_list,
        "title": "Toezeggingen",
    },
    "moties": {
        "model": Motie,
        "lines": register.motie_lines,
        "rows": register.motie_rows,
        "select": register.moties_register,
        "list": register.moties_list,
        "title": "Moties",
    },
}


def _filtered(request, kind: str, select: str = "select"):
    spec = KINDS[kind]
    form = RegisterFilterForm(request.GET or None, statuses=spec["model"].Status.choices)
    today = timezone.localdate()
    return form, spec[select](form.filters(), today), today


def _list(request, kind: str, template: str):
    form, items, today = _filtered(request, kind, "list")
    page = bladzijde(items, request.GET.get("pagina"), PER_PAGE)
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "lines": KINDS[kind]["lines"](page.object_list, today),
            "query": query.urlencode(),
            "may_keep": commitments.may_keep_register(request.user),
        },
    )


def _export(request, kind: str, fmt: str):
    _form, items, _today = _filtered(request, kind)
    headers, rows = register.dutch(KINDS[kind]["rows"], items)
    stamp = timezone.localdate().isoformat()
    if fmt == "csv":
        response = HttpResponse(spreadsheets.as_csv(headers, rows), content_type="text/csv")
    else:
        response = HttpResponse(
            spreadsheets.as_xlsx(headers, rows, KINDS[kind]["title"]),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{kind}-{stamp}.{fmt}"'
    return response


@login_required
def toezegging_list(request):
    return _list(request, "toezeggingen", "workflow/register/toezegging_list.html")


@login_required
def motie_list(request):
    return _list(request, "moties", "workflow/register/motie_list.html")


@login_required
def register_export(request, kind: str, fmt: str):
    if kind not in KINDS or fmt not in ("csv", "xlsx"):
        raise Http404(_("Unknown export."))
    return _export(request, kind, fmt)


def _or_404(load, pk):
    try:
        return load(pk)
    except (Toezegging.DoesNotExist, Motie.DoesNotExist):
        raise Http404(_("Not in the register.")) from None


@login_required
def toezegging_detail(request, pk: int):
    toezegging = _or_404(register.toezegging_for_detail, pk)
    return render(
        request,
        "workflow/register/toezegging_detail.html",
        {
            "item": toezegging,
            "today": timezone.localdate(),
            "may_keep": commitments.may_keep_register(request.user),
            "letter_form": LetterForm(prefix="brief"),
            "reason_form": ReasonForm(prefix="reden"),
        },
    )


@login_required
def motie_detail(request, pk: int):
    motie = _or_404(register.motie_for_detail, pk)
    return render(
        request,
        "workflow/register/motie_detail.html",
        {
            "item": motie,
            "today": timezone.localdate(),
            "may_keep": commitments.may_keep_register(request.user),
            "letter_form": LetterForm(prefix="brief"),
            "reason_form": ReasonForm(prefix="reden"),
        },
    )


# --- registering and editing -----------------------------------------------------------------


def _toezegging_fields(data: dict) -> dict:
    return {name: data[name] for name in commitments.TOEZEGGING_FIELDS if name in data}


def _motie_fields(data: dict) -> dict:
    return {
        name: data[name]
        for name in commitments.MOTIE_FIELDS
        if name in data and name != "vergaderjaar"
    }


def _keepers_only(view):
    """Registering and editing are for parlementaire coördinatie (and beheerders): others get
    403 before seeing a form they could not send."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not commitments.may_keep_register(request.user):
            raise PermissionDenied(
                _("Only parliamentary coordination keeps the register of commitments and motions.")
            )
        return view(request, *args, **kwargs)

    return guarded


def _form_page(request, form, title, cancel_url):
    return render(
        request,
        "workflow/register/form.html",
        {"form": form, "title": title, "cancel_url": cancel_url},
    )


@login_required
@_keepers_only
def toezegging_create(request):
    if request.method == "POST":
        form = ToezeggingForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                toezegging = commitments.toezegging_register(
                    by=request.user, tekst=data.pop("tekst"),
                    bewindspersoon=data.pop("bewindspersoon"), **_toezegging_fields(data),
                )  # fmt: skip
            except ActionNotAllowed as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, _("The commitment is in the register."))
                return redirect("toezegging_detail", pk=toezegging.pk)
    else:
        form = ToezeggingForm(initial=_initial_from_letter(request.GET.get("kenmerk", "")))
    return _form_page(request, form, _("Register a commitment"), "toezegging_list")


def _initial_from_letter(kenmerk: str) -> dict:
    """A toezegging made in a sent letter: the letter's sender and kenmerk filled in."""
    brief = Kamerbrief.objects.filter(kenmerk=kenmerk.strip()).first() if kenmerk else None
    if brief is None:
        return {"bron": Toezegging.Bron.DEBAT}
    return {
        "bron": Toezegging.Bron.BRIEF,
        "bron_kenmerk": brief.kenmerk,
        "bewindspersoon": brief.afzender,
    }


@login_required
@_keepers_only
def toezegging_edit(request, pk: int):
    toezegging = _or_404(register.toezegging_for_detail, pk)
    if request.method == "POST":
        form = ToezeggingForm(request.POST)
        if form.is_valid():
            try:
                commitments.toezegging_update(
                    toezegging=toezegging, by=request.user, **_toezegging_fields(form.cleaned_data)
                )
            except ActionNotAllowed as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, _("Saved."))
                return redirect("toezegging_detail", pk=pk)
    else:
        form = ToezeggingForm(
            initial={name: getattr(toezegging, name) for name in commitments.TOEZEGGING_FIELDS}
        )
    return _form_page(request, form, str(toezegging), "toezegging_list")


@login_required
@_keepers_only
def motie_create(request):
    if request.method == "POST":
        form = MotieForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                motie = commitments.motie_register(
                    by=request.user, titel=data["titel"],
                    indieners=MotieForm.people(data["indieners"]),
                    mede_indieners=MotieForm.people(data["mede_indieners"]),
                    **{k: v for k, v in _motie_fields(data).items() if k != "titel"},
                )  # fmt: skip
            except ActionNotAllowed as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, _("The motion is in the register."))
                return redirect("motie_detail", pk=motie.pk)
    else:
        form = MotieForm()
    return _form_page(request, form, _("Register a motion"), "motie_list")


@login_required
@_keepers_only
def motie_edit(request, pk: int):
    motie = _or_404(register.motie_for_detail, pk)
    if request.method == "POST":
        form = MotieForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                commitments.motie_update(
                    motie=motie, by=request.user, indieners=MotieForm.people(data["indieners"]),
                    mede_indieners=MotieForm.people(data["mede_indieners"]), **_motie_fields(data),
                )  # fmt: skip
            except ActionNotAllowed as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, _("Saved."))
                return redirect("motie_detail", pk=pk)
    else:
        current = [i for i in motie.indieners.all() if i.vervangen_op is None]
        initial = {name: getattr(motie, name) for name in commitments.MOTIE_FIELDS}
        initial["indieners"] = MotieForm.as_lines(i for i in current if i.rol == "indiener")
        initial["mede_indieners"] = MotieForm.as_lines(
            i for i in current if i.rol == "medeindiener"
        )
        form = MotieForm(initial=initial)
    return _form_page(request, form, str(motie), "motie_list")


# --- the register keeper's actions -----------------------------------------------------------


def _letter_args(request) -> dict:
    form = LetterForm(request.POST, prefix="brief")
    if not form.is_valid():
        raise ActionNotAllowed(_("Give the reference (kenmerk) of the letter, and a valid date."))
    data = form.cleaned_data
    return {"kenmerk": data["kenmerk"], "datum": data["datum"], "tekst": data["tekst"]}


def _reason(request) -> str:
    return request.POST.get("reden-reden", "")


TOEZEGGING_ACTIONS = {
    "afdoen": lambda t, r: commitments.toezegging_afdoen(
        toezegging=t, by=r.user, **_letter_args(r)
    ),
    "deels-afdoen": lambda t, r: commitments.toezegging_afdoen(
        toezegging=t, by=r.user, volledig=False, **_letter_args(r)
    ),
    "rapporteren": lambda t, r: commitments.toezegging_rapporteren(
        toezegging=t, by=r.user, **_letter_args(r)
    ),
    "vervallen": lambda t, r: commitments.toezegging_laten_vervallen(
        toezegging=t, by=r.user, reden=_reason(r)
    ),
    "heropenen": lambda t, r: commitments.toezegging_heropenen(
        toezegging=t, by=r.user, reden=_reason(r)
    ),
}
MOTIE_ACTIONS = {
    "in-uitvoering": lambda m, r: commitments.motie_in_uitvoering_nemen(motie=m, by=r.user),
    "afdoen": lambda m, r: commitments.motie_afdoen(motie=m, by=r.user, **_letter_args(r)),
    "rapporteren": lambda m, r: commitments.motie_rapporteren(
        motie=m, by=r.user, **_letter_args(r)
    ),
    "niet-uitgevoerd": lambda m, r: commitments.motie_niet_uitgevoerd(
        motie=m, by=r.user, reden=_reason(r)
    ),
    "heropenen": lambda m, r: commitments.motie_heropenen(motie=m, by=r.user, reden=_reason(r)),
}


def _act(request, item, actions, actie, detail):
    service = actions.get(actie)
    if service is None:
        raise Http404(_("Unknown action."))
    try:
        service(item, request)
    except ActionNotAllowed as refusal:
        messages.error(request, refusal.message)
    else:
        item.refresh_from_db()
        messages.success(
            request, _("Done: now %(status)s.") % {"status": item.get_status_display()}
        )
    return redirect(detail, pk=item.pk)


@login_required
@require_POST
def toezegging_action(request, pk: int, actie: str):
    toezegging = _or_404(lambda pk: Toezegging.objects.get(pk=pk), pk)
    return _act(request, toezegging, TOEZEGGING_ACTIONS, actie, "toezegging_detail")


@login_required
@require_POST
def motie_action(request, pk: int, actie: str):
    motie = _or_404(lambda pk: Motie.objects.get(pk=pk), pk)
    return _act(request, motie, MOTIE_ACTIONS, actie, "motie_detail")


# --- links on the nota's page ----------------------------------------------------------------


def _visible_nota(request, pk: int) -> Nota:
    nota = selectors.notas_visible_to(request.user).filter(pk=pk).first()
    if nota is None:
        raise Http404(_("No nota found with this number, or you may not see it."))
    return nota


@login_required
@require_POST
def nota_link(request, pk: int):
    nota = _visible_nota(request, pk)
    form = KoppelingForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, errors[0])
            break
        return redirect(reverse("nota_detail", args=[pk]) + "#koppelingen-kop")
    item = form.cleaned_data["item"]
    target = {"toezegging": item} if isinstance(item, Toezegging) else {"motie": item}
    try:
        commitments.nota_link_commitment(
            nota=nota, by=request.user, wijze=form.cleaned_data["wijze"],
            toelichting=form.cleaned_data["toelichting"], **target,
        )  # fmt: skip
    except ActionNotAllowed as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Linked; section g of the nota is written anew."))
    return redirect("nota_detail", pk=pk)


@login_required
def nota_link_search(request, pk: int):
    """The suggestions for the link form, as the htmx search fetches them (capped)."""
    nota = _visible_nota(request, pk)
    context = nota_links_context(nota, request.user, request.GET.get("koppeling_zoek", ""))
    if context["koppeling_form"] is None:
        raise PermissionDenied(_("You may not link commitments or motions to this nota."))
    return render(request, "workflow/register/_koppeling_keuzes.html", context)


@login_required
@require_POST
def nota_unlink(request, pk: int, koppeling: int):
    nota = _visible_nota(request, pk)
    link = Koppeling.objects.filter(pk=koppeling, nota=nota).first()
    if link is None:
        raise Http404(_("Unknown link."))
    try:
        commitments.nota_unlink_commitment(koppeling=link, by=request.user)
    except ActionNotAllowed as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Unlinked; section g of the nota is written anew."))
    return redirect("nota_detail", pk=pk)


def nota_links_context(nota: Nota, user, zoek: str = "") -> dict:
    """What the nota page shows of its links, and the form when the user may change them, with
    the open items matching `zoek` to choose from."""
    links = [k for k in nota.koppelingen.all() if k.ontkoppeld_op is None]
    try:
        commitments.check_link_commitments(nota, user, timezone.now())
    except ActionNotAllowed:
        form, choices, more = None, [], False
    else:
        form = KoppelingForm()
        choices, more = register.link_choices(
            zoek, {k.toezegging_id for k in links}, {k.motie_id for k in links}
        )
    brief = getattr(nota, "kamerbrief", None)
    return {
        "koppelingen": links,
        "koppeling_form": form,
        "koppeling_zoek": " ".join(zoek.split()),
        "koppeling_keuzes": choices,
        "koppeling_meer": more,
        "register_from_letter": (
            brief
            if brief is not None
            and brief.status in commitments.LETTER_SENT
            and commitments.may_keep_register(user)
            else None
        ),
    }
