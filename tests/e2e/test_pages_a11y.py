"""Axe on the pages not visited by the flow tests: the nota form, the profile, a motie."""

import pytest

from workflow.demo import load_demo_notas

from .conftest import check_a11y, login_as

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_forms_and_profile_read_well(page, live_server, seed_organisation):
    load_demo_notas()
    login_as(page, live_server, "opsteller")
    page.get_by_role("link", name="Nieuwe nota").click()
    check_a11y(page, "nota-nieuw-opsteller")
    page.get_by_role("link", name="Profiel").click()
    check_a11y(page, "profiel-opsteller")
    login_as(page, live_server, "parlementair")
    page.get_by_role("link", name="Moties", exact=True).click()
    page.get_by_role("row").filter(has_text="Mohandis").get_by_role("link").first.click()
    check_a11y(page, "motie-parlementair")
