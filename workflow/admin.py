from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from .models import (
    Ambtsperiode,
    Bewindspersoon,
    Medewerker,
    Ministerie,
    Organisatieonderdeel,
    Vervanging,
)

admin.site.site_header = _("Parafeer administration")
admin.site.site_title = _("Parafeer administration")


@admin.register(Ministerie)
class MinisterieAdmin(admin.ModelAdmin):
    list_display = ["afkorting", "naam"]
    search_fields = ["afkorting", "naam"]


@admin.register(Organisatieonderdeel)
class OrganisatieonderdeelAdmin(admin.ModelAdmin):
    list_display = ["code", "naam", "soort", "ministerie", "bovenliggend", "manager"]
    list_filter = ["ministerie", "soort"]
    list_select_related = ["ministerie", "bovenliggend__ministerie", "manager"]
    search_fields = ["code", "naam"]
    autocomplete_fields = ["bovenliggend", "manager"]


class AmbtsperiodeInline(admin.TabularInline):
    model = Ambtsperiode
    extra = 0


@admin.register(Bewindspersoon)
class BewindspersoonAdmin(admin.ModelAdmin):
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


@admin.register(Vervanging)
class VervangingAdmin(admin.ModelAdmin):
    list_display = ["medewerker", "vervanger", "van", "tot", "reden"]
    list_select_related = ["medewerker", "vervanger"]
    autocomplete_fields = ["medewerker", "vervanger"]
    date_hierarchy = "van"
