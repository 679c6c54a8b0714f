"""The letter's text on a web page, as the PDF sets it: headings, lists and footnote calls.

`{% brieftekst versie %}` writes the body of a Kamerbriefversie with its headings one level below
the page's "De brief" heading, and each footnote call as a superscript link to the footnote list
that the template writes under it (ids `voetnoot-<n>`).
"""

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html

from letters.rendering import letter_blocks

register = template.Library()


def _call(number: int, text: str) -> str:
    return format_html(
        '<sup class="voetnootverwijzing"><a href="#voetnoot-{n}" id="verwijzing-{n}">{n}</a></sup>',
        n=number,
    )


@register.simple_tag
def brieftekst(versie) -> str:
    blokken = letter_blocks(versie.tekst, list(versie.voetnoten or []), voetnoot=_call)
    return render_to_string("letters/_brieftekst.html", {"blokken": blokken})
