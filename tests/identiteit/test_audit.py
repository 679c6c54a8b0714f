"""The audit log: logins, failed logins, logouts and access changes are recorded, append-only,
and a beheerder filters and exports them (issue 23 item 4)."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.test import Client
from django.utils import timezone

from demo.notas import DEMO_PASSWORD
from identiteit.models import AuditRegel
from identiteit.services import audit_record
from workflow.models import HistoryIsAppendOnly, Medewerker, Ministerie, Organisatieonderdeel, Rol

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"


def _login(client: Client, username: str, password: str = DEMO_PASSWORD):
    return client.post(
        "/inloggen/",
        {"username": username, "password": password},
        HTTP_USER_AGENT=FIREFOX,
        REMOTE_ADDR="192.0.2.7",
    )


def test_a_login_a_failed_login_and_a_logout_are_recorded(people):
    client = Client()
    assert _login(client, "opsteller", "verkeerd").status_code == 200
    assert _login(client, "opsteller").status_code == 302
    client.post("/uitloggen/")
    rows = list(AuditRegel.objects.filter(gebruikersnaam="opsteller").order_by("tijdstip", "pk"))
    assert [r.soort for r in rows] == ["aanmelden_mislukt", "aangemeld", "afgemeld"]
    assert all(r.medewerker == people["opsteller"] for r in rows)
    assert rows[0].ip_adres == "192.0.2.7"
    assert "Firefox" in rows[1].browser


def test_a_failed_login_with_an_unknown_name_is_recorded_as_typed(db):
    _login(Client(), "niemand-hier", "x")
    row = AuditRegel.objects.get()
    assert (row.soort, row.gebruikersnaam, row.medewerker) == (
        "aanmelden_mislukt",
        "niemand-hier",
        None,
    )


def test_an_entry_cannot_be_changed_or_deleted_through_the_model(people):
    row = audit_record(soort=AuditRegel.Soort.AANGEMELD, medewerker=people["opsteller"])
    row.omschrijving = "herschreven"
    with pytest.raises(HistoryIsAppendOnly):
        row.save()
    with pytest.raises(HistoryIsAppendOnly):
        row.delete()
    with pytest.raises(HistoryIsAppendOnly):
        AuditRegel.objects.filter(pk=row.pk).update(omschrijving="herschreven")
    with pytest.raises(HistoryIsAppendOnly):
        AuditRegel.objects.filter(pk=row.pk).delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditRegel(pk=row.pk, soort="afgemeld").save()
    row.refresh_from_db()
    assert (row.soort, row.omschrijving) == ("aangemeld", "")


@pytest.mark.postgres
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE identiteit_auditregel SET omschrijving = 'herschreven' WHERE id = %s",
        "DELETE FROM identiteit_auditregel WHERE id = %s",
    ],
)
def test_the_database_refuses_to_rewrite_the_audit_log(people, sql):
    row = audit_record(soort=AuditRegel.Soort.AANGEMELD, medewerker=people["opsteller"])
    with (
        pytest.raises(DatabaseError, match="auditlog is onveranderlijk"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [row.pk])
    assert AuditRegel.objects.filter(pk=row.pk, omschrijving="").exists()


@pytest.mark.postgres
def test_the_database_refuses_to_truncate_the_audit_log(people):
    row = audit_record(soort=AuditRegel.Soort.AANGEMELD, medewerker=people["opsteller"])
    with (
        pytest.raises(DatabaseError, match="TRUNCATE op identiteit_auditregel"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("SET LOCAL parafeer.truncate_history = 'off'")
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # else: "pending trigger events"
        cursor.execute("TRUNCATE identiteit_auditregel")
    assert AuditRegel.objects.filter(pk=row.pk).exists()


def _change_form(user: Medewerker, **changes) -> dict:
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "functie": user.functie,
        "organisatieonderdeel": user.organisatieonderdeel_id or "",
        "bureau_van": user.bureau_van_id or "",
        "ministerie": user.ministerie_id or "",
        "groups": [g.pk for g in user.groups.all()],
        "date_joined_0": timezone.localtime(user.date_joined).strftime("%Y-%m-%d"),
        "date_joined_1": timezone.localtime(user.date_joined).strftime("%H:%M:%S"),
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_a_role_change_through_the_admin_is_recorded_with_who_made_it(people, client):
    beheerder, opsteller = people["beheerder"], people["opsteller"]
    groep = Group.objects.get_or_create(name=Rol.PARLEMENTAIRE_COORDINATIE.value)[0]
    client.force_login(beheerder)
    response = client.post(
        f"/beheer/workflow/medewerker/{opsteller.pk}/change/",
        _change_form(opsteller, groups=[groep.pk], is_staff="on"),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    row = AuditRegel.objects.get(soort=AuditRegel.Soort.ROL_GEWIJZIGD)
    assert (row.medewerker, row.door) == (opsteller, beheerder)
    assert "parlementaire_coordinatie" in row.omschrijving
    assert "→" in row.omschrijving
    # Saving again without a change of access writes nothing.
    opsteller.refresh_from_db()
    client.post(
        f"/beheer/workflow/medewerker/{opsteller.pk}/change/",
        _change_form(opsteller, groups=[groep.pk], is_staff="on", functie="Senior"),
    )
    assert AuditRegel.objects.filter(soort=AuditRegel.Soort.ROL_GEWIJZIGD).count() == 1


def test_only_a_beheerder_reads_the_audit_log(people, client):
    client.force_login(people["opsteller"])
    assert client.get("/auditlog/").status_code == 403
    assert client.get("/auditlog/export.csv").status_code == 403
    client.force_login(people["beheerder"])
    assert client.get("/auditlog/").status_code == 200


def test_the_audit_log_filters_by_who_what_and_period(people, client):
    now = timezone.now()
    audit_record(soort="aangemeld", medewerker=people["opsteller"], now=now - timedelta(days=10))
    audit_record(soort="aangemeld", medewerker=people["directeur"], now=now)
    audit_record(soort="aanmelden_mislukt", medewerker=people["directeur"], now=now)
    client.force_login(people["beheerder"])
    gisteren = (timezone.localdate() - timedelta(days=1)).isoformat()

    def shown(**params):
        page = client.get("/auditlog/", params).context["pagina"]
        return sorted((r.gebruikersnaam, r.soort) for r in page.object_list)

    assert shown(wie="directeur", soort="aanmelden_mislukt") == [("directeur", "aanmelden_mislukt")]
    assert ("opsteller", "aangemeld") not in shown(van=gisteren)
    assert shown(wie="opsteller", tot=gisteren) == [("opsteller", "aangemeld")]
    response = client.get("/auditlog/", {"van": "2024-02-01", "tot": "2024-01-01"})
    assert "De laatste dag ligt vóór de eerste" in response.content.decode()
    assert not response.context["pagina"].object_list


def test_the_audit_log_pages_in_bounded_queries(people, client, django_assert_max_num_queries):
    client.force_login(people["beheerder"])
    for n in range(120):
        audit_record(soort="aanmelden_mislukt", gebruikersnaam=f"poging{n}")
    with django_assert_max_num_queries(8):
        response = client.get("/auditlog/")
    assert response.status_code == 200
    assert len(response.context["pagina"].object_list) == 50
    assert "Pagina 1 van 3" in response.content.decode()


def test_the_export_is_formula_safe_and_filtered(people, client):
    audit_record(soort="aanmelden_mislukt", gebruikersnaam='=HYPERLINK("http://x")')
    audit_record(soort="aangemeld", medewerker=people["opsteller"])
    client.force_login(people["beheerder"])
    response = client.get("/auditlog/export.csv", {"soort": "aanmelden_mislukt"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Tijdstip", "Gebeurtenis", "Gebruikersnaam"]
    assert [r[2] for r in rows[1:]] == ['\'=HYPERLINK("http://x")']


def test_a_beheerder_reads_no_logins_of_another_ministry(people, client):
    ezk = Ministerie.objects.create(naam="Ministerie van EZK", afkorting="EZK")
    afdeling = Organisatieonderdeel.objects.create(
        ministerie=ezk, soort="afdeling", naam="Energie", code="EN"
    )
    buur = Medewerker.objects.create_user(
        username="ezk-opsteller", password="x", organisatieonderdeel=afdeling
    )
    audit_record(soort="aangemeld", medewerker=buur)
    audit_record(soort="aangemeld", medewerker=people["opsteller"])
    client.force_login(people["beheerder"])
    names = {r.gebruikersnaam for r in client.get("/auditlog/").context["pagina"].object_list}
    assert "opsteller" in names
    assert "ezk-opsteller" not in names


def _ezk_person(username: str = "ezk-opsteller") -> Medewerker:
    ezk = Ministerie.objects.get_or_create(naam="Ministerie van EZK", afkorting="EZK")[0]
    afdeling = Organisatieonderdeel.objects.get_or_create(
        ministerie=ezk, soort="afdeling", naam="Energie", code="EN"
    )[0]
    return Medewerker.objects.create_user(
        username=username, password="x", organisatieonderdeel=afdeling
    )


def test_the_admins_audit_log_shows_a_beheerder_only_their_own_ministry(people, client):
    audit_record(soort="aangemeld", medewerker=_ezk_person())
    audit_record(soort="aangemeld", medewerker=people["opsteller"])
    # A beheerder given the right to read the audit log in the admin.
    from django.contrib.auth.models import Permission

    people["beheerder"].user_permissions.add(Permission.objects.get(codename="view_auditregel"))
    client.force_login(people["beheerder"])
    response = client.get("/beheer/identiteit/auditregel/")
    assert response.status_code == 200
    names = {r.gebruikersnaam for r in response.context["cl"].result_list}
    assert "opsteller" in names
    assert "ezk-opsteller" not in names
    other = AuditRegel.objects.get(gebruikersnaam="ezk-opsteller")
    assert client.get(f"/beheer/identiteit/auditregel/{other.pk}/change/").status_code == 302


@pytest.mark.parametrize("query", ["tot=9999-12-31", "van=0001-01-01", "van=1999-12-31"])
def test_a_period_far_off_is_refused_in_dutch(people, client, query):
    client.force_login(people["beheerder"])
    response = client.get(f"/auditlog/?{query}")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kies een dag tussen 1 januari 2000 en" in page
    assert client.get(f"/auditlog/export.csv?{query}").status_code in (200, 302)
