"""The system checks Django runs on every migrate are quiet on both databases: a newcomer's
first `manage.py migrate` on SQLite shows no warning (three INCLUDE indexes are PostgreSQL's)."""

import pytest
from django.core import checks


@pytest.mark.django_db
def test_no_system_check_warns_on_this_database():
    found = checks.run_checks(databases=["default"], include_deployment_checks=False)
    assert [
        f"{m.id}: {m.msg}" for m in found if m.level >= checks.WARNING and not m.is_silenced()
    ] == []
