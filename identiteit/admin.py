"""The admin's employee page, recording every change of someone's access in the audit log;
and the audit log, to read (its rows are never changed)."""

from typing import Any

from django.contrib import admin, messages
from django.db.models import Field, Model, QuerySet
from django.forms import Form
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workflow.admin import MedewerkerAdmin
from workflow.handelen import ActionNotAllowed
from workflow.models import Medewerker

from . import selectors, services, tweefactor
from .models import AuditRegel

# The fields that decide what someone may do or read (workflow.models.Medewerker.has_rol).
ROL_VELDEN = [
    "is_active",
    "is_staff",
    "is_superuser",
    "organisatieonderdeel",
    "bureau_van",
    "ministerie",
]


def access_of(user: Medewerker) -> dict[str, str]:
    """Someone's access as words, field by field: what the audit log compares."""
    fresh = Medewerker.objects.select_related(
        *[f for f in ROL_VELDEN if Medewerker._meta.get_field(f).is_relation]
    ).get(pk=user.pk)
    access = {}
    for name in ROL_VELDEN:
        field = Medewerker._meta.get_field(name)
        assert isinstance(field, Field)
        value = getattr(fresh, name)
        access[str(field.verbose_name)] = (
            (_("yes") if value else _("no")) if isinstance(value, bool) else str(value or "—")
        )
    groups = ", ".join(sorted(fresh.groups.values_list("name", flat=True))) or "—"
    access[_("groups")] = groups
    return access


class AuditedMedewerkerAdmin(MedewerkerAdmin):
    actions = ["tweefactor_herstellen"]

    @admin.action(description=gettext_lazy("Reset two-factor login (lost phone)"))
    def tweefactor_herstellen(self, request: HttpRequest, queryset: Any) -> None:
        done = []
        for medewerker in queryset:
            try:
                tweefactor.tweefactor_herstellen(
                    by=request.user,  # type: ignore[arg-type]
                    medewerker=medewerker,
                    request=request,
                )
            except ActionNotAllowed as refusal:
                self.message_user(request, refusal.message, messages.ERROR)
            else:
                done.append(str(medewerker))
        if done:
            self.message_user(
                request,
                _("Two-factor login reset for %(namen)s: they set it up again at their next login.")
                % {"namen": ", ".join(done)},
                messages.SUCCESS,
            )

    def save_model(self, request: HttpRequest, obj: Any, form: Form, change: bool) -> None:
        # Read before the save: the form has already put the new values on `obj`.
        request._identiteit_voor = access_of(obj) if change else {}  # type: ignore[attr-defined]
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        before: dict[str, str] = getattr(request, "_identiteit_voor", {})
        after = access_of(form.instance)
        changes = [
            f"{name}: {before.get(name, '—')} → {value}"
            for name, value in after.items()
            if before.get(name, "—") != value
        ]
        if changes:
            # The admin's save is one transaction: the change and its audit row go together.
            services.audit_record(
                soort=AuditRegel.Soort.ROL_GEWIJZIGD,
                medewerker=form.instance,
                door=request.user,  # type: ignore[arg-type]
                request=request,
                omschrijving="\n".join(changes),
            )


admin.site.unregister(Medewerker)
admin.site.register(Medewerker, AuditedMedewerkerAdmin)


@admin.register(AuditRegel)
class AuditRegelAdmin(admin.ModelAdmin):
    list_display = ["tijdstip", "soort", "gebruikersnaam", "door", "ip_adres"]
    list_filter = ["soort"]
    list_select_related = ["door"]
    search_fields = ["gebruikersnaam"]
    date_hierarchy = "tijdstip"

    def get_queryset(self, request: HttpRequest) -> QuerySet[AuditRegel]:
        # As /auditlog/: a beheerder reads their own ministry's people only.
        return selectors.audit_visible_to(request.user)  # type: ignore[arg-type]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
