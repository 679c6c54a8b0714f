"""The Kamerbrief's life in the web UI: create it from its nota, write it (editor with live
preview, autosaved draft, versions and their differences), start the afstemming with a deadline
per office, confirm signing and sending, register the publication, withdraw it.

Every page reads the letter as the letter page does (whoever may read the letter, else a 404);
whoever may read it but not do this now is sent back to the letter with the reason in Dutch.
Every write goes through one service of workflow/services.
"""

from datetime import date
from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from letters.models import Afstemmingsverzoek, Kamerbrief, Kamerbriefconcept, Nota, Ondertekenaar
from letters.selectors import version_diff, verzoek_changes
from workflow import selectors
from workflow.commitments import active_links
from workflow.deadlines import default_afstemming_deadline
from workflow.forms.kamerbrief import (
    AfstemmingForm,
    DocxForm,
    EditorForm,
    IntrekkenForm,
    KamerbriefNieuwForm,
    PublicatieForm,
    voetnoten_of,
)
from workflow.handelen import ActionNotAllowed
from workflow.models import Ambtsperiode
from workflow.services import afstemming as afstemming_services
from workflow.services import verzending as verzending_services
from workflow.services.afstemming import (
    ANTWOORDEN,
    afstemming_beantwoorden,
    afstemming_start_refusal,
    open_request_for,
)
from workflow.services.kamerbrief import (
    VZ,
    BriefGewijzigd,
    current_bijlagen_of,
    current_version,
    edit_refusal,
    kamerbrief_create,
    kamerbrief_create_refusal,
    kamerbrief_draft_save,
    kamerbrief_edit,
    may_edit_kamerbrief,
    missing_for_signing,
)
from workflow.services.verzending import (
    ONDERTEKENEN,
    VERZENDEN,
    kamerbrief_ondertekenen,
    kamerbrief_publiceren,
    kamerbrief_verzenden,
    letter_actions,
    publish_refusal,
    signatory_posts,
    withdraw_refusal,
)
from workflow.views.afstemming import afstemming_beheer
from workflow.views.bestanden import Eigenaar, bijlagen_context


def _brief_or_404(request, pk: int) -> Kamerbrief:
    letters = Kamerbrief.objects.select_related(
        "nota__opsteller", "nota__aan", "nota__organisatieonderdeel", "afzender__ministerie"
    )
    try:
        return selectors.kamerbrieven_visible_to(request.user, letters).get(pk=pk)
    except Kamerbrief.DoesNotExist:
        raise Http404(_("No letter found with this number, or you may not see it.")) from None


def _back_to_letter(request, brief: Kamerbrief, reason: str):
    messages.error(request, reason)
    return redirect("kamerbrief_detail", pk=brief.pk)


# --- creating the letter from its nota ----------------------------------------------------------


@require_http_methods(["GET", "POST"])
@never_cache
@login_required
def kamerbrief_nieuw(request, pk: int):
    """ "Kamerbrief opstellen" on a concept nota: the letter's header, co-signers, the links it
    handles and its first text; then the editor."""

    try:
        nota = (
            selectors.notas_visible_to(request.user)
            .select_related("aan", "opsteller", "dossier", "organisatieonderdeel")
            .get(pk=pk)
        )
    except Nota.DoesNotExist:
        raise Http404(_("No nota found with this number, or you may not see it.")) from None
    reason = kamerbrief_create_refusal(nota, request.user)
    if reason:
        messages.error(request, reason)
        return redirect("nota_detail", pk=nota.pk)
    koppelingen = list(active_links(nota))
    form = KamerbriefNieuwForm(request.POST or None, nota=nota, koppelingen=koppelingen)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            brief = kamerbrief_create(
                nota=nota, by=request.user, betreft=data["betreft"], tekst=data["tekst"],
                voetnoten=form.voetnoten_list(),
                medeondertekenaars=list(data["medeondertekenaars"]),
                vorm=data["vorm"], geadresseerde=data["geadresseerde"], afzender=data["afzender"],
                uw_brief_kenmerk=data["uw_brief_kenmerk"], uw_brief_datum=data["uw_brief_datum"],
                koppelingen_behouden=(
                    [int(k) for k in data["koppelingen"]] if "koppelingen" in form.fields else None
                ),
            )  # fmt: skip
        except ActionNotAllowed as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request,
                _("Letter %(kenmerk)s is created as a draft (version 1). Write it further here.")
                % {"kenmerk": brief.kenmerk},
            )
            return redirect("kamerbrief_schrijven", pk=brief.pk)
    return render(
        request, "workflow/kamerbrief/kamerbrief_nieuw.html", {"nota": nota, "form": form}
    )


# --- writing: the editor, autosave, versions and their differences ------------------------------


def _preview(tekst: str, voetnoten: list[str]):
    """An unsaved text in the shape `{% brieftekst %}` reads a version in."""
    return SimpleNamespace(tekst=tekst, voetnoten=voetnoten)


def _editor_context(brief, huidige, form, **extra):
    data = form.data if form.is_bound else None
    if data is not None:
        tekst, voetnoten = data.get("tekst", ""), voetnoten_of(data.get("voetnoten", ""))
    else:
        tekst, voetnoten = form.initial["tekst"], voetnoten_of(form.initial["voetnoten"])
    return {
        "brief": brief,
        "huidige": huidige,
        "form": form,
        "voorbeeld": _preview(tekst, voetnoten),
        "versies": list(brief.versies.order_by("nummer")),
        **extra,
    }


@require_http_methods(["GET", "POST"])
@never_cache
@login_required
def kamerbrief_schrijven(request, pk: int):
    """The editor: opens on the current version (or the autosaved draft based on it), saves a
    new version only on "Opslaan als nieuwe versie", and refuses when a newer version was
    saved meanwhile, showing what changed."""
    brief = _brief_or_404(request, pk)
    reason = edit_refusal(brief, request.user)
    if reason:
        return _back_to_letter(request, brief, reason)
    huidige = current_version(brief)
    concept = Kamerbriefconcept.objects.filter(kamerbrief=brief).first()
    hersteld = None
    if request.method == "POST":
        form = EditorForm(request.POST)
        if form.is_valid():
            basis = form.cleaned_data["basisversie"]
            if request.POST.get("actie") == "concept":
                # Without JavaScript: save the draft and show the preview.
                kamerbrief_draft_save(
                    kamerbrief=brief, by=request.user, tekst=form.cleaned_data["tekst"],
                    voetnoten=form.voetnoten_list(), basisversie=basis,
                )  # fmt: skip
                messages.info(request, _("Draft saved; the preview shows it as printed."))
                return render(
                    request, "workflow/kamerbrief/kamerbrief_schrijven.html",
                    _editor_context(brief, huidige, form),
                )  # fmt: skip
            try:
                kamerbrief_edit(
                    kamerbrief=brief, by=request.user, tekst=form.cleaned_data["tekst"],
                    voetnoten=form.voetnoten_list(), remark=form.cleaned_data["opmerking"],
                    basisversie=basis,
                )  # fmt: skip
            except BriefGewijzigd as refusal:
                form.add_error(None, refusal.message)
                # The editor now stands on the newer version: saving again is a choice made
                # after seeing what changed.
                form.data = form.data.copy()
                form.data["basisversie"] = str(refusal.huidige.nummer)
                return render(
                    request,
                    "workflow/kamerbrief/kamerbrief_schrijven.html",
                    _editor_context(
                        brief, huidige, form,
                        intussen=version_diff(refusal.basis, refusal.huidige),
                        intussen_van=refusal.basis, intussen_naar=refusal.huidige,
                    ),
                )  # fmt: skip
            except ActionNotAllowed as refusal:
                form.add_error(None, refusal.message)
            else:
                nieuw = current_version(brief)
                if nieuw.nummer == huidige.nummer:
                    messages.info(
                        request,
                        _("The text is the same as version %(n)s: nothing changed.")
                        % {"n": nieuw.nummer},
                    )
                else:
                    messages.success(
                        request,
                        _("Saved as version %(n)s of the letter.") % {"n": nieuw.nummer}
                        + (
                            " " + _("The co-signers are asked again, with what changed.")
                            if brief.status != Kamerbrief.Status.CONCEPT
                            else ""
                        ),
                    )
                return redirect("kamerbrief_detail", pk=brief.pk)
    else:
        bron = huidige
        if (
            concept is not None
            and concept.basisversie == huidige.nummer
            and (concept.tekst, list(concept.voetnoten)) != (huidige.tekst, list(huidige.voetnoten))
        ):
            bron, hersteld = concept, concept
        form = EditorForm(
            initial={
                "tekst": bron.tekst,
                "voetnoten": "\n".join(bron.voetnoten),
                "basisversie": huidige.nummer,
            }
        )
    return render(
        request,
        "workflow/kamerbrief/kamerbrief_schrijven.html",
        _editor_context(brief, huidige, form, hersteld=hersteld),
    )


@require_POST
@never_cache
@login_required
def kamerbrief_concept(request, pk: int):
    """htmx: autosaves the editor's draft and answers with the preview and when it was saved;
    warns when a newer version was saved in another tab meanwhile."""
    brief = _brief_or_404(request, pk)
    form = EditorForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "workflow/kamerbrief/_voorbeeld.html",
            {"fout": _("The draft could not be saved: reload the editor.")},
        )
    try:
        concept = kamerbrief_draft_save(
            kamerbrief=brief, by=request.user, tekst=form.cleaned_data["tekst"],
            voetnoten=form.voetnoten_list(), basisversie=form.cleaned_data["basisversie"],
        )  # fmt: skip
    except ActionNotAllowed as refusal:
        return render(request, "workflow/kamerbrief/_voorbeeld.html", {"fout": refusal.message})
    huidige = current_version(brief)
    return render(
        request,
        "workflow/kamerbrief/_voorbeeld.html",
        {
            "brief": brief,
            "voorbeeld": _preview(concept.tekst, list(concept.voetnoten)),
            "opgeslagen_op": concept.bijgewerkt_op,
            "nieuwer": huidige if huidige.nummer > concept.basisversie else None,
        },
    )


@never_cache
@login_required
def kamerbrief_verschillen(request, pk: int):
    """The differences between any two versions: `?van=1&naar=3` (the last two by default)."""
    brief = _brief_or_404(request, pk)
    versies = list(brief.versies.order_by("nummer"))
    by_nummer = {v.nummer: v for v in versies}

    def pick(name, default):
        value = request.GET.get(name, "")
        if not value:
            return default
        if not (value.isascii() and value.isdigit()) or int(value) not in by_nummer:
            raise Http404(_("The letter has no such version."))
        return by_nummer[int(value)]

    naar = pick("naar", versies[-1])
    van = pick("van", versies[-2] if len(versies) > 1 else versies[-1])
    return render(
        request,
        "workflow/kamerbrief/kamerbrief_verschillen.html",
        {
            "brief": brief,
            "versies": versies,
            "van": van,
            "naar": naar,
            "diff": version_diff(van, naar) if van.pk != naar.pk else [],
        },
    )


# --- afstemming starten: a deadline per office ---------------------------------------------------


@require_http_methods(["GET", "POST"])
@never_cache
@login_required
def kamerbrief_afstemming_starten(request, pk: int):

    brief = _brief_or_404(request, pk)
    reason = afstemming_start_refusal(brief, request.user)
    if reason:
        return _back_to_letter(request, brief, reason)
    cosigners = list(
        brief.medeondertekenaars.select_related("ministerie").order_by(
            "ministerie__afkorting", "afkorting"
        )
    )
    vandaag = timezone.localdate()
    form = AfstemmingForm(
        request.POST or None, cosigners=cosigners, default=default_afstemming_deadline(vandaag)
    )
    if request.method == "POST" and form.is_valid():
        try:
            afstemming_services.kamerbrief_afstemming_starten(
                kamerbrief=brief, by=request.user, deadlines=form.deadlines()
            )
        except ActionNotAllowed as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request,
                _("Afstemming started: %(n)s offices are asked for their akkoord.")
                % {"n": len(cosigners)}
                if cosigners
                else _("No co-signers: the letter is ready once the nota has its akkoord."),
            )
            return redirect("kamerbrief_detail", pk=brief.pk)
    return render(
        request,
        "workflow/kamerbrief/kamerbrief_afstemming_starten.html",
        {"brief": brief, "form": form, "versie": current_version(brief)},
    )


# --- confirmations: signing and sending ----------------------------------------------------------


def _may(request, brief: Kamerbrief, actie) -> bool:
    """Whether the letter page offers this action to the user now (letter_actions)."""
    return actie.code in {a.code for a in letter_actions(brief, request.user)}


@require_http_methods(["GET"])
@never_cache
@login_required
def kamerbrief_ondertekenen_bevestigen(request, pk: int):
    brief = _brief_or_404(request, pk)
    if not _may(request, brief, ONDERTEKENEN):
        return _back_to_letter(request, brief, _("You cannot sign this letter now."))
    verzoeken = (
        brief.afstemmingsverzoeken.filter(status__in=Afstemmingsverzoek.GELDIG)
        .select_related("bewindspersoon", "briefversie", "beantwoord_door")
        .order_by("bewindspersoon__afkorting")
    )
    return render(
        request,
        "workflow/kamerbrief/kamerbrief_ondertekenen.html",
        {
            "brief": brief,
            "versie": current_version(brief),
            "bijlagen": list(current_bijlagen_of(brief)),
            "verzoeken": verzoeken,
            "koppelingen": list(active_links(brief.nota)) if brief.nota_id else [],
        },
    )


def signatories_on(brief: Kamerbrief, day: date) -> list[SimpleNamespace]:
    """Who will sign, by name and title, as sending on `day` will freeze them: two queries."""
    posts = signatory_posts(brief)
    holders = {}
    for periode in Ambtsperiode.objects.filter(
        Q(tot__isnull=True) | Q(tot__gte=day),
        bewindspersoon__in=[post for post, _rol in posts],
        van__lte=day,
    ).order_by("van"):
        holders[periode.bewindspersoon_id] = periode.naam

    return [
        SimpleNamespace(post=post, naam=holders.get(post.pk), rol=Ondertekenaar.Rol(rol).label)
        for post, rol in posts
    ]


@require_http_methods(["GET"])
@never_cache
@login_required
def kamerbrief_verzenden_bevestigen(request, pk: int):

    brief = _brief_or_404(request, pk)
    if not _may(request, brief, VERZENDEN):
        return _back_to_letter(request, brief, _("You cannot send this letter now."))
    vandaag = timezone.localdate()
    return render(
        request,
        "workflow/kamerbrief/kamerbrief_verzenden.html",
        {
            "brief": brief,
            "vandaag": vandaag,
            "versie": current_version(brief),
            "ondertekenaars": signatories_on(brief, vandaag),
            "koppelingen": list(active_links(brief.nota)) if brief.nota_id else [],
        },
    )


# --- after sending: the publication; before: withdrawal -----------------------------------------


@require_http_methods(["GET", "POST"])
@never_cache
@login_required
def kamerbrief_publicatie(request, pk: int):
    brief = _brief_or_404(request, pk)
    reason = publish_refusal(brief, request.user)
    if reason:
        return _back_to_letter(request, brief, reason)
    form = PublicatieForm(request.POST or None, initial={"publicatiedatum": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            kamerbrief_publiceren(
                kamerbrief=brief, by=request.user, kamerstuk=data["kamerstuk"],
                tk_document_id=data["tk_document_id"], publicatiedatum=data["publicatiedatum"],
            )  # fmt: skip
        except ActionNotAllowed as refusal:
            form.add_error("kamerstuk", refusal.message)
        else:
            brief.refresh_from_db(fields=["kamerstuk"])
            messages.success(
                request,
                _("Publication registered: the letter is %(kamerstuk)s.")
                % {"kamerstuk": brief.kamerstuk},
            )
            return redirect("kamerbrief_detail", pk=brief.pk)
    return render(
        request, "workflow/kamerbrief/kamerbrief_publicatie.html", {"brief": brief, "form": form}
    )


@require_http_methods(["GET", "POST"])
@never_cache
@login_required
def kamerbrief_intrekken(request, pk: int):
    brief = _brief_or_404(request, pk)
    reason = withdraw_refusal(brief, request.user)
    if reason:
        return _back_to_letter(request, brief, reason)
    form = IntrekkenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            verzending_services.kamerbrief_intrekken(
                kamerbrief=brief, by=request.user, remark=form.cleaned_data["reden"]
            )
        except ActionNotAllowed as refusal:
            form.add_error("reden", refusal.message)
        else:
            messages.success(
                request,
                _("Withdrawn: letter %(kenmerk)s is not sent and stays readable.")
                % {"kenmerk": brief.kenmerk}
                + (
                    " "
                    + _("Nota %(nota)s is not withdrawn by this.") % {"nota": brief.nota.kenmerk}
                    if brief.nota_id
                    else ""
                ),
            )
            return redirect("kamerbrief_detail", pk=brief.pk)
    open_offices = [
        str(v.bewindspersoon)
        for v in brief.afstemmingsverzoeken.filter(
            status__in=Afstemmingsverzoek.GELDIG
        ).select_related("bewindspersoon")
    ]
    return render(
        request,
        "workflow/kamerbrief/kamerbrief_intrekken.html",
        {"brief": brief, "form": form, "open_offices": open_offices},
    )


def letter_page_links(brief: Kamerbrief, user) -> dict:
    """What the letter page offers this user beyond the answers: the links to the pages here."""
    return {
        "kan_afstemming_starten": afstemming_start_refusal(brief, user) is None,
        "kan_publiceren": publish_refusal(brief, user) is None,
        "kan_intrekken": withdraw_refusal(brief, user) is None,
    }


def _kamerbrief_or_404(request, pk: int):

    try:
        return selectors.kamerbrief_for_detail(request.user, pk)
    except Kamerbrief.DoesNotExist:
        raise Http404(_("No letter found with this number, or you may not see it.")) from None


# The answer as one form: the table of answers is the service's (ANTWOORDEN).
ANTWOORD_KEUZE = "antwoord"

# What happened, said first in the message after an act; where the letter is now follows.
GEDAAN = {
    VZ.AKKOORD: gettext_lazy("Akkoord given."),
    VZ.AKKOORD_MET_OPMERKINGEN: gettext_lazy("Akkoord given, with your remarks."),
    VZ.NIET_AKKOORD: gettext_lazy("Recorded that you do not agree; the drafter is told."),
    ONDERTEKENEN.code: gettext_lazy("Signed."),
    VERZENDEN.code: gettext_lazy("Sent."),
}


def _done_message(kamerbrief: Kamerbrief, done: str, user) -> str:
    """What happened and who is next, read back as the page will show it."""
    try:
        kamerbrief = selectors.kamerbrief_for_detail(user, kamerbrief.pk)
    except Kamerbrief.DoesNotExist:  # they may have handed on what they could see
        kamerbrief.refresh_from_db()
    return selectors.kamerbrief_next_message(kamerbrief, done)


def _kamerbrief_page(request, kamerbrief: Kamerbrief, **extra):
    kan_wijzigen = may_edit_kamerbrief(kamerbrief, request.user)
    verzoek = open_request_for(kamerbrief, request.user)
    verzoeken = kamerbrief.afstemmingsverzoeken.all()
    huidig = {v.bewindspersoon_id: v for v in verzoeken if v.status in v.GELDIG}
    versies = list(kamerbrief.versies.all())
    antwoorden = list(ANTWOORDEN.values()) if verzoek else []
    return render(
        request,
        "workflow/kamerbrief_detail.html",
        {
            "brief": kamerbrief,
            "stand": selectors.kamerbrief_stand(kamerbrief),
            "historie_alles": request.GET.get("historie") == "alles",
            "versie": versies[-1] if versies else None,
            "versies": versies,
            "huidige_verzoeken": [
                huidig.get(b.pk) or b for b in kamerbrief.medeondertekenaars.all()
            ],
            "verzoeken": verzoeken,
            "verzoek": verzoek,
            "wijzigingen": verzoek_changes(verzoek) if verzoek else None,
            "antwoorden": antwoorden,
            "verplicht_bij": [a.label for a in antwoorden if a.remark_required],
            "acties": letter_actions(kamerbrief, request.user),
            **bijlagen_context(
                Eigenaar.of_brief(kamerbrief), kamerbrief.bijlagen.all(), kan_wijzigen
            ),
            "kan_wijzigen": kan_wijzigen,
            "afstemming_beheer": afstemming_beheer(kamerbrief, request.user),
            **letter_page_links(kamerbrief, request.user),
            "docx_form": DocxForm(prefix="docx") if kan_wijzigen else None,
            "ontbreekt": missing_for_signing(kamerbrief)
            if kamerbrief.status
            in (kamerbrief.Status.IN_AFSTEMMING, kamerbrief.Status.GEREED_VOOR_ONDERTEKENING)
            else [],
            **extra,
        },
    )


@login_required
def kamerbrief_detail(request, pk: int):
    return _kamerbrief_page(request, _kamerbrief_or_404(request, pk))


# The letter's own actions; the afstemming answers share the address: one form ("antwoord",
# the radio names the answer) and, for API-like clients and old links, one address per answer.
KAMERBRIEF_ACTIES = {"ondertekenen": kamerbrief_ondertekenen, "verzenden": kamerbrief_verzenden}


def _answer(request, kamerbrief: Kamerbrief, antwoord: str) -> None:
    verzoek = open_request_for(kamerbrief, request.user)
    if verzoek is None:
        raise ActionNotAllowed(_("There is no request waiting for your answer."))
    afstemming_beantwoorden(
        verzoek=verzoek, by=request.user, antwoord=antwoord,
        remark=request.POST.get("opmerking", ""),
    )  # fmt: skip


def _answer_form(request, kamerbrief: Kamerbrief):
    """The answer as one form. A refusal shows the page again with an error summary and what
    was filled in, so a long remark is not lost."""
    gekozen = request.POST.get("keuze", "")
    opmerking = request.POST.get("opmerking", "")
    antwoord = ANTWOORDEN.get(gekozen)
    try:
        if antwoord is None:
            raise ActionNotAllowed(_("Choose your answer."))
        _answer(request, kamerbrief, antwoord.code)
    except ActionNotAllowed as refusal:
        if antwoord is None:
            veld = f"keuze-{ANTWOORD_KEUZE}-{next(iter(ANTWOORDEN))}"
        elif antwoord.remark_required and not opmerking.strip():
            veld = f"opmerking-{ANTWOORD_KEUZE}"
        else:
            veld = f"keuze-{ANTWOORD_KEUZE}-{antwoord.code}"
        return _kamerbrief_page(
            request,
            _kamerbrief_or_404(request, kamerbrief.pk),
            fout={"keuze": ANTWOORD_KEUZE, "tekst": refusal.message, "veld": veld},
            gekozen=gekozen,
            opmerking=opmerking,
        )
    messages.success(request, _done_message(kamerbrief, str(GEDAAN[antwoord.code]), request.user))
    return redirect("kamerbrief_detail", pk=kamerbrief.pk)


@login_required
@require_POST
def kamerbrief_action(request, pk: int, actie: str):

    kamerbrief = _kamerbrief_or_404(request, pk)
    if actie == ANTWOORD_KEUZE:
        return _answer_form(request, kamerbrief)
    try:
        if actie in KAMERBRIEF_ACTIES:
            KAMERBRIEF_ACTIES[actie](kamerbrief=kamerbrief, by=request.user)
        elif actie in ANTWOORDEN:
            _answer(request, kamerbrief, actie)
        else:
            raise Http404(_("Unknown action."))
    except ActionNotAllowed as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _done_message(kamerbrief, str(GEDAAN[actie]), request.user))
    return redirect("kamerbrief_detail", pk=kamerbrief.pk)
