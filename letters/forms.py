"""Forms for bijlagen and the letter as DOCX: they check the file, the services store it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .uploads import DOCX, SOORTEN, check_upload, too_large_message

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
