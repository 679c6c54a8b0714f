"""The werkvoorraad's group of contributions to write or review, as an inclusion tag so that
the home page needs one line and no change to its view."""

from django import template
from django.utils import timezone

from programma.selectors import PAGINA, bijdragen_waiting_for, is_late

register = template.Library()


@register.inclusion_tag("programma/_werkvoorraad.html")
def bijdragen_voor(user):
    today = timezone.localdate()
    bijdragen = list(bijdragen_waiting_for(user, today)[: PAGINA + 1])
    for b in bijdragen:
        b.te_laat = is_late(b, today)
    return {"bijdragen": bijdragen[:PAGINA], "meer": len(bijdragen) > PAGINA}
