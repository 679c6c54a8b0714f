"""bench/run's floor view exists only under config.settings.bench, never elsewhere."""

import pytest
from django.urls import NoReverseMatch, reverse


def test_the_floor_is_not_routed_outside_the_bench_settings():
    with pytest.raises(NoReverseMatch):
        reverse("bench_floor")


def test_the_floor_is_not_served_outside_the_bench_settings(client):
    assert client.get("/bench/floor/").status_code == 404
