"""Forms for bijlagen and the letter as DOCX: they check the file, the services store it."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from letters.models import Kamerbrief
from letters.uploads import DOCX, SOORTEN, check_upload, too_large_message
from workflow.models import Bewindspersoon

ACCEPT = ",".join([*SOORTEN, *(soort.content_type for soort in SOORTEN.values())])


class UploadForm(forms.Form):
    """A file, checked by letters.uploads; `cleaned_data["bestand"]` is then an Upload.

    `te_groot` names the file fields the upload handler stopped reading (too large).
    """

    bestand = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word (DOCX), OpenDocument (ODT) or Excel (XLSX)."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def __init__(self, *args, te_groot=(), prefix=None, **kwargs):
        super().__init__(*args, prefix=prefix, **kwargs)
        self.te_groot = self.add_prefix("bestand") in set(te_groot)
        if self.te_groot:
            self.fields["bestand"].required = False

    def clean_bestand(self):
        if self.te_groot:
            raise forms.ValidationError(too_large_message(), code="te_groot")
        return check_upload(self.cleaned_data["bestand"])


class BijlageForm(UploadForm):
    titel = forms.CharField(label=_("Title"), max_length=300)

    field_order = ["titel", "bestand"]


class DocxForm(UploadForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bestand"].help_text = _("The letter as DOCX, exported here and edited.")
        self.fields["bestand"].widget.attrs["accept"] = f"{DOCX.extensie},{DOCX.content_type}"

    def clean_bestand(self):
        upload = super().clean_bestand()
        if upload.soort != DOCX:
            raise forms.ValidationError(
                _("Upload the letter as a Word document (DOCX), not as %(soort)s.")
                % {"soort": upload.soort.label},
                code="soort",
            )
        return upload


# --- the letter in the web UI: creating, writing, afstemming, publication, withdrawal ----------


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def voetnoten_of(text: str) -> list[str]:
    """Footnotes as the editor takes them: one per line, in order; empty lines are skipped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class BriefTekstForm(forms.Form):
    tekst = forms.CharField(
        label=_("Text of the letter"),
        required=False,  # the service refuses an empty text, in Dutch
        strip=False,
        help_text=_(
            "Blank line between paragraphs; “# ” for a heading, “## ” for a subheading; lines "
            "starting with “- ” or “1. ” for lists; [1] where footnote 1 is called."
        ),
        widget=forms.Textarea(attrs={"rows": 18, "class": "brief-editor__tekst"}),
    )
    voetnoten = forms.CharField(
        label=_("Footnotes (one per line)"),
        required=False,
        help_text=_("The first line is footnote [1], the second [2], and so on."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def voetnoten_list(self) -> list[str]:
        return voetnoten_of(self.cleaned_data["voetnoten"])


class KamerbriefNieuwForm(BriefTekstForm):
    geadresseerde = forms.ChoiceField(
        label=_("Addressed to"),
        widget=forms.RadioSelect,
        initial="tk",
    )
    betreft = forms.CharField(label=_("Subject (betreft)"), max_length=300, required=False)
    afzender = forms.ModelChoiceField(
        label=_("Sent by"), queryset=None, empty_label=None, widget=forms.RadioSelect
    )
    vorm = forms.ChoiceField(label=_("Signing"), widget=forms.RadioSelect, initial="mede_namens")
    medeondertekenaars = forms.ModelMultipleChoiceField(
        label=_("Co-signing members of government"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each of their offices is asked for akkoord when the afstemming starts."),
    )
    uw_brief_kenmerk = forms.CharField(
        label=_("Your letter: reference (optional)"), max_length=100, required=False
    )
    uw_brief_datum = forms.DateField(
        label=_("Your letter: date (optional)"), required=False, widget=_DateInput()
    )
    koppelingen = forms.MultipleChoiceField(
        label=_("Commitments and motions this letter handles"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Linked on the nota; untick one the letter does not handle."),
    )

    field_order = [
        "geadresseerde", "betreft", "afzender", "vorm", "medeondertekenaars",
        "uw_brief_kenmerk", "uw_brief_datum", "koppelingen", "tekst", "voetnoten",
    ]  # fmt: skip

    def __init__(self, *args, nota, koppelingen=(), **kwargs):

        super().__init__(*args, **kwargs)
        posts = Bewindspersoon.objects.select_related("ministerie").order_by(
            "ministerie__afkorting", "afkorting"
        )
        self.fields["geadresseerde"].choices = Kamerbrief.Geadresseerde.choices
        self.fields["vorm"].choices = Kamerbrief.Vorm.choices
        # The sender is the nota's addressee, or one of its cc's.
        self.fields["afzender"].queryset = posts.filter(
            pk__in=[nota.aan_id, *(b.pk for b in nota.cc.all())]
        )
        self.fields["afzender"].initial = nota.aan_id
        self.fields["medeondertekenaars"].queryset = posts
        self.fields["betreft"].initial = nota.onderwerp
        self.fields["koppelingen"].choices = [
            (str(k.pk), f"{k.item} — {k.get_wijze_display()}") for k in koppelingen
        ]
        self.fields["koppelingen"].initial = [str(k.pk) for k in koppelingen]
        if not koppelingen:
            del self.fields["koppelingen"]


class EditorForm(BriefTekstForm):
    """The editor: the text, and the version it was opened on (for the stale check)."""

    basisversie = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    opmerking = forms.CharField(
        label=_("What changed (optional, for the history)"), max_length=500, required=False
    )


class AfstemmingForm(forms.Form):
    """A deadline per co-signer's office, each proposed as `default`."""

    def __init__(self, *args, cosigners, default: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.cosigners = cosigners
        for post in cosigners:
            self.fields[f"deadline_{post.pk}"] = forms.DateField(
                label=_("Deadline for the office of the %(post)s") % {"post": post},
                initial=default,
                widget=_DateInput(),
            )

    def deadlines(self) -> dict[int, date]:
        return {post.pk: self.cleaned_data[f"deadline_{post.pk}"] for post in self.cosigners}


class PublicatieForm(forms.Form):
    kamerstuk = forms.CharField(
        label=_("Kamerstuk"),
        max_length=100,
        required=False,
        help_text=_("As the House published it, e.g. 36 200 XVI, nr. 12."),
    )
    publicatiedatum = forms.DateField(
        label=_("Publication date"), required=False, widget=_DateInput()
    )
    tk_document_id = forms.CharField(
        label=_("House document id (optional)"),
        max_length=20,
        required=False,
        help_text=_("e.g. 2023D51234"),
    )


class IntrekkenForm(forms.Form):
    reden = forms.CharField(
        label=_("Reason for withdrawing"),
        required=False,  # the service asks for it, in Dutch
        widget=forms.Textarea(attrs={"rows": 3}),
    )
