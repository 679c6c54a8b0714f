"""The harness itself: check_a11y must fail on what axe calls serious or critical."""

import pytest

from .conftest import check_a11y


def test_check_a11y_reports_serious_and_critical_violations(page):
    page.set_content(
        '<html lang="nl"><head><title>Zelftest</title></head><body><main>'
        '<h1>Zelftest</h1><input type="text" name="zonder-label">'
        '<p style="color: #c8c8c8">Te licht</p></main></body></html>'
    )
    with pytest.raises(AssertionError) as failure:
        check_a11y(page, "zelftest")
    report = str(failure.value)
    assert "- label (critical)" in report
    assert "- color-contrast (serious)" in report
