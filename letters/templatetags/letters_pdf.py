"""Redaction filters of the PDF templates: `{{ person|persoon:lakken }}`, `{{ text|lak:lakken }}`.

`lakken` is None for a document as it is, or the redaction of a Woo export (workflow.woo.Lakken).
"""

from django import template

register = template.Library()


@register.filter
def persoon(value, lakken) -> str:
    """A civil servant by name, or the Woo marker in their place."""
    if value is None or value == "":
        return ""
    return lakken.persoon(value) if lakken else str(value)


@register.filter
def lak(text, lakken) -> str:
    """Free text (a remark, a section of the nota) with civil servants' names made unreadable."""
    if not text or not lakken:
        return text
    return lakken.tekst(str(text))
