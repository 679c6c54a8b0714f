"""The history timeline writes each event as one line: when, the sentence, how it came in."""

from datetime import UTC, datetime

from django.template.loader import render_to_string
from django.utils import translation

from workflow.models import Gebeurtenis


def _event(actie, **fields):
    return Gebeurtenis(actie=actie, tijdstip=datetime(2023, 11, 30, 9, 5, tzinfo=UTC), **fields)


def test_timeline_says_when_an_act_came_in_through_the_api_and_keeps_its_remark():
    events = [
        _event("geparafeerd", kanaal=Gebeurtenis.Kanaal.API, opmerking="Akkoord, met één punt."),
        _event("aan_de_beurt", opmerking="Dewi Bakker"),
    ]
    with translation.override("nl"):
        html = render_to_string(
            "workflow/_tijdlijn.html", {"gebeurtenissen": events, "alleen_handelingen": ""}
        )
    assert '<time datetime="2023-11-30T10:05:00+01:00">30 november 2023 10:05</time>' in html
    assert "(via de API)</span>" in html
    assert '<p class="opmerking">Akkoord, met één punt.</p>' in html
    assert html.count("<li>") == 2


def test_timeline_of_acts_only_leaves_out_whose_turn_it_became():
    events = [_event("geparafeerd"), _event("aan_de_beurt", opmerking="Dewi Bakker")]
    html = render_to_string(
        "workflow/_tijdlijn.html", {"gebeurtenissen": events, "alleen_handelingen": "1"}
    )
    assert html.count("<li>") == 1
    assert "Dewi Bakker" not in html
