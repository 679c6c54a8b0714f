from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import outbox, tasks
from .models import (
    Ambtsperiode,
    Bewindspersoon,
    Herinnering,
    Herinneringsbeleid,
    Medewerker,
    Melding,
    Ministerie,
    Organisatieonderdeel,
    Reces,
    Sluitingsdag,
    Termijnnorm,
    TkSynchronisatie,
    Vervanging,
)
from .models.organisation import EIGEN_MINISTERIE

admin.site.site_header = _("Parafeer administration")
admin.site.site_title = _("Parafeer administration")


@admin.register(Ministerie)
class MinisterieAdmin(admin.ModelAdmin):
    list_display = ["afkorting", "naam"]
    search_fields = ["afkorting", "naam"]


class EigenMinisterieKeuze:
    """In the employee form's search for a unit or an office, a beheerder finds those of their
    own ministry only (the form refuses any other: `MedewerkerAdmin.formfield_for_foreignkey`)."""

    def get_search_results(self, request, queryset, search_term):
        queryset, duplicates = super().get_search_results(  # type: ignore[misc]
            request, queryset, search_term
        )
        if request.GET.get("model_name") == "medewerker" and not request.user.is_superuser:
            queryset = queryset.filter(ministerie_id=request.user.eigen_ministerie_id)
        return queryset, duplicates


@admin.register(Organisatieonderdeel)
class OrganisatieonderdeelAdmin(EigenMinisterieKeuze, admin.ModelAdmin):
    list_display = ["code", "naam", "soort", "ministerie", "bovenliggend", "manager"]
    list_filter = ["ministerie", "soort"]
    list_select_related = ["ministerie", "bovenliggend__ministerie", "manager"]
    search_fields = ["code", "naam"]
    autocomplete_fields = ["bovenliggend", "manager"]


class AmbtsperiodeInline(admin.TabularInline):
    model = Ambtsperiode
    extra = 0


@admin.register(Bewindspersoon)
class BewindspersoonAdmin(EigenMinisterieKeuze, admin.ModelAdmin):
    list_display = ["afkorting", "titel", "ministerie"]
    list_filter = ["ministerie"]
    list_select_related = ["ministerie"]
    search_fields = ["afkorting", "titel"]
    inlines = [AmbtsperiodeInline]


@admin.register(Medewerker)
class MedewerkerAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "functie", "organisatieonderdeel"]
    list_select_related = ["organisatieonderdeel__ministerie", "bureau_van"]
    list_filter = ["organisatieonderdeel", "bureau_van", "groups"]
    autocomplete_fields = ["organisatieonderdeel", "bureau_van"]
    fieldsets = [
        *UserAdmin.fieldsets,
        (
            _("Place in the organisation"),
            {"fields": ["functie", "organisatieonderdeel", "bureau_van"]},
        ),
    ]

    # A beheerder keeps the people of their own ministry; only a superuser all of them, and only
    # a superuser makes a superuser or grants single permissions (a beheerder gives roles by
    # group). People not yet placed in any ministry (just added) are visible to every beheerder.
    def get_queryset(self, request):
        people = super().get_queryset(request)
        if request.user.is_superuser:
            return people
        return people.alias(eigen_ministerie=EIGEN_MINISTERIE).filter(
            Q(eigen_ministerie=request.user.eigen_ministerie_id) | Q(eigen_ministerie__isnull=True)
        )

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["is_superuser", "user_permissions"]
        return fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not request.user.is_superuser and db_field.name in (
            "organisatieonderdeel",
            "bureau_van",
        ):
            model = db_field.related_model
            kwargs["queryset"] = model._default_manager.filter(
                ministerie_id=request.user.eigen_ministerie_id
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Vervanging)
class VervangingAdmin(admin.ModelAdmin):
    list_display = ["medewerker", "vervanger", "van", "tot", "reden"]
    list_select_related = ["medewerker", "vervanger"]
    autocomplete_fields = ["medewerker", "vervanger"]
    date_hierarchy = "van"


@admin.register(Sluitingsdag)
class SluitingsdagAdmin(admin.ModelAdmin):
    list_display = ["datum", "omschrijving"]
    date_hierarchy = "datum"


@admin.register(Reces)
class RecesAdmin(admin.ModelAdmin):
    list_display = ["naam", "van", "tot"]


@admin.register(Termijnnorm)
class TermijnnormAdmin(admin.ModelAdmin):
    list_display = ["soort", "werkdagen"]


@admin.register(Herinneringsbeleid)
class HerinneringsbeleidAdmin(admin.ModelAdmin):
    list_display = ["soort", "werkdagen_vooraf", "op_de_dag", "escalatie", "wekelijks_overzicht"]


@admin.register(Herinnering)
class HerinneringAdmin(admin.ModelAdmin):
    """The outbox, for the beheerder: what was sent, what is waiting, what failed and why."""

    list_display = [
        "aangemaakt_op", "soort", "kenmerk", "datum", "ontvanger", "status", "pogingen",
        "laatste_fout",
    ]  # fmt: skip
    list_filter = ["status", "soort", "item_type"]
    list_select_related = ["ontvanger"]
    search_fields = ["kenmerk", "ontvanger__username", "ontvanger__last_name"]
    date_hierarchy = "aangemaakt_op"
    readonly_fields = [f.name for f in Herinnering._meta.fields]
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Try sending the selected failed reminders again"))
    def send_again(self, request, queryset):
        # The relay sends them within PARAFEER_OUTBOX_INTERVAL seconds; nothing waits on the
        # broker here.
        count = queryset.filter(status=Herinnering.Status.MISLUKT).update(
            status=Herinnering.Status.TE_VERZENDEN,
            pogingen=0,
            in_wachtrij_op=None,
            volgende_poging_op=None,
        )
        self.message_user(request, _("%(n)s reminder(s) queued again.") % {"n": count})


@admin.register(Melding)
class MeldingAdmin(admin.ModelAdmin):
    """The outbox of state-change messages: what was sent, what waits, what failed and why."""

    list_display = [
        "aangemaakt_op", "soort", "kenmerk", "ontvanger", "status", "pogingen", "laatste_fout",
    ]  # fmt: skip
    list_filter = ["status", "soort"]
    list_select_related = ["ontvanger"]
    search_fields = ["kenmerk", "ontvanger__username", "ontvanger__last_name"]
    date_hierarchy = "aangemaakt_op"
    readonly_fields = [f.name for f in Melding._meta.fields]
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Try sending the selected failed notifications again"))
    def send_again(self, request, queryset):
        # The relay sends them within PARAFEER_OUTBOX_INTERVAL seconds; nothing waits on the
        # broker here.
        count = queryset.filter(status=Melding.Status.MISLUKT).update(
            status=Melding.Status.TE_VERZENDEN,
            pogingen=0,
            in_wachtrij_op=None,
            volgende_poging_op=None,
        )
        self.message_user(request, _("%(n)s notification(s) queued again.") % {"n": count})


@admin.register(TkSynchronisatie)
class TkSynchronisatieAdmin(admin.ModelAdmin):
    """Where the sync with the Kamer stands; written by the sync only, read here."""

    list_display = [
        "stroom", "gewijzigd_tot", "laatste_succes", "in_storing", "laatste_fout_op",
        "laatste_fout", "mislukte_pogingen", "volgende_poging",
    ]  # fmt: skip
    readonly_fields = [f.name for f in TkSynchronisatie._meta.fields]
    actions = ["nu_synchroniseren"]

    @admin.display(boolean=True, description=_("failing"))
    def in_storing(self, obj: TkSynchronisatie) -> bool:
        return obj.in_storing

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Sync now (clears the wait after a failure)"))
    def nu_synchroniseren(self, request, queryset) -> None:
        """Clears the backoff and asks a worker to sync the streams now: the request never waits
        on the Kamer's server (a stream of many pages takes minutes) nor on a broker that is
        down — then the run every 15 minutes takes them, without the wait."""
        queryset.update(volgende_poging=None)
        stromen = sorted(queryset.values_list("stroom", flat=True))
        gevraagd = [s for s in stromen if outbox.publish(tasks.sync_tweede_kamer_stroom, s)]
        if gevraagd:
            self.message_user(
                request,
                _("%(stromen)s: a worker syncs now; reload this list in a minute for the result.")
                % {"stromen": ", ".join(gevraagd)},
            )
        if len(gevraagd) < len(stromen):
            self.message_user(
                request,
                _(
                    "%(stromen)s: the task queue cannot be reached; the scheduled sync (every "
                    "15 minutes) takes them, without waiting out the backoff."
                )
                % {"stromen": ", ".join(s for s in stromen if s not in gevraagd)},
                level=messages.WARNING,
            )
