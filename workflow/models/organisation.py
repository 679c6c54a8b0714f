"""Who works where: ministries, their organisation tree, bewindspersonen and the people."""

import uuid
from datetime import date

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class Ministerie(models.Model):
    naam = models.CharField(_("name"), max_length=200, unique=True)
    afkorting = models.CharField(_("abbreviation"), max_length=20, unique=True)
    retouradres = models.TextField(
        _("return address"),
        blank=True,
        help_text=_(
            "The postal address letters are answered to, e.g. Postbus 20350, 2500 EJ Den Haag."
        ),
    )
    bezoekadres = models.TextField(_("visiting address"), blank=True)
    website = models.CharField(
        _("website"), max_length=200, blank=True, help_text=_("e.g. www.rijksoverheid.nl")
    )

    class Meta:
        verbose_name = _("ministry")
        verbose_name_plural = _("ministries")
        ordering = ["afkorting"]

    def __str__(self):
        return self.afkorting


# DG → directie → afdeling, with a level to spare: no unit lies deeper. Visibility for managers
# joins this many levels up in one query (workflow.selectors), so the limit is checked on save.
MANAGEMENT_DEPTH = 4


class Organisatieonderdeel(models.Model):
    """A node of the DG → directie → afdeling tree; its code ends a kenmerk (`PG`)."""

    class Soort(models.TextChoices):
        DG = "dg", _("directorate-general")
        DIRECTIE = "directie", _("directorate")
        AFDELING = "afdeling", _("department")

    ministerie = models.ForeignKey(
        Ministerie, on_delete=models.PROTECT, related_name="organisatieonderdelen"
    )
    bovenliggend = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="onderdelen",
    )
    soort = models.CharField(_("kind"), max_length=10, choices=Soort.choices)
    naam = models.CharField(_("name"), max_length=200)
    code = models.CharField(_("code"), max_length=20, help_text=_("Ends every kenmerk, e.g. PG."))
    manager = models.ForeignKey(
        "workflow.Medewerker",
        verbose_name=_("manager"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("organisational unit")
        verbose_name_plural = _("organisational units")
        ordering = ["ministerie__afkorting", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["ministerie", "code"], name="organisatieonderdeel_code_uniek"
            ),
        ]

    def __str__(self):
        return f"{self.code} ({self.ministerie.afkorting})"

    def clean(self):
        ancestor = self.bovenliggend
        depth = 1
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError(
                    {"bovenliggend": _("An organisational unit cannot be its own ancestor.")}
                )
            depth += 1
            ancestor = ancestor.bovenliggend
        below = self._levels_below() if self.pk is not None else 0
        if depth + below > MANAGEMENT_DEPTH:
            raise ValidationError(
                {
                    "bovenliggend": _(
                        "The tree of units may be at most %(n)s levels deep (DG, directorate, "
                        "department and one more)."
                    )
                    % {"n": MANAGEMENT_DEPTH}
                }
            )

    def _levels_below(self) -> int:
        levels, frontier = 0, [self.pk]
        while frontier and levels <= MANAGEMENT_DEPTH:
            frontier = list(
                Organisatieonderdeel.objects.filter(bovenliggend_id__in=frontier).values_list(
                    "pk", flat=True
                )
            )
            levels += bool(frontier)
        return levels

    def ancestors(self):
        """From the parent up to the top of the tree."""
        node = self.bovenliggend
        while node is not None:
            yield node
            node = node.bovenliggend

    def directie(self) -> "Organisatieonderdeel":
        """The directie this unit belongs to: the one that sends its letters (itself if it is
        one, or if there is none above it)."""
        node = self
        while node is not None:
            if node.soort == Organisatieonderdeel.Soort.DIRECTIE:
                return node
            node = node.bovenliggend
        return self


class Bewindspersoon(models.Model):
    """A political post (“Minister voor Langdurige Zorg en Sport”), held by people in turn."""

    titel = models.CharField(_("title"), max_length=200, unique=True)
    afkorting = models.CharField(_("abbreviation"), max_length=20, unique=True)
    ministerie = models.ForeignKey(
        Ministerie, on_delete=models.PROTECT, related_name="bewindspersonen"
    )
    secretariaat = models.ForeignKey(
        "workflow.Medewerker",
        verbose_name=_("head of the secretariat"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Receives the escalations for this office's overdue work."),
    )

    class Meta:
        verbose_name = _("member of government")
        verbose_name_plural = _("members of government")
        ordering = ["ministerie__afkorting", "afkorting"]

    def __str__(self):
        return self.titel

    def holder_on(self, day: date) -> "Ambtsperiode | None":
        return self.ambtsperiodes.filter(
            Q(tot__isnull=True) | Q(tot__gte=day), van__lte=day
        ).first()


class Ambtsperiode(models.Model):
    """Who held a post from when to when; a sent letter freezes the holder of its day."""

    bewindspersoon = models.ForeignKey(
        Bewindspersoon, on_delete=models.PROTECT, related_name="ambtsperiodes"
    )
    naam = models.CharField(_("name of the office holder"), max_length=200)
    van = models.DateField(_("from"))
    tot = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("term of office")
        verbose_name_plural = _("terms of office")
        ordering = ["bewindspersoon", "-van"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tot__isnull=True) | Q(tot__gte=models.F("van")),
                name="ambtsperiode_tot_na_van",
            ),
        ]

    def __str__(self):
        return f"{self.naam}, {self.bewindspersoon.afkorting}"

    def clean(self):
        overlapping = Ambtsperiode.objects.filter(bewindspersoon_id=self.bewindspersoon_id).filter(
            Q(tot__isnull=True) | Q(tot__gte=self.van)
        )
        if self.tot is not None:
            overlapping = overlapping.filter(van__lte=self.tot)
        if overlapping.exclude(pk=self.pk).exists():
            raise ValidationError(_("This term of office overlaps another one of the same post."))


class Rol(models.TextChoices):
    """The roles of DOMAIN.md; most follow from where a person sits, two are groups."""

    OPSTELLER = "opsteller", _("drafter")
    PARAFEERDER = "parafeerder", _("initialler")
    ONDERSTEUNING = "bewindspersoonsondersteuning", _("office of a member of government")
    PARLEMENTAIRE_COORDINATIE = "parlementaire_coordinatie", _("parliamentary coordination")
    BEHEERDER = "beheerder", _("administrator")


class Medewerker(AbstractUser):
    """A person who logs in: a civil servant in an organisatieonderdeel or in an office."""

    organisatieonderdeel = models.ForeignKey(
        Organisatieonderdeel,
        verbose_name=_("organisational unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="medewerkers",
    )
    bureau_van = models.ForeignKey(
        Bewindspersoon,
        verbose_name=_("works in the office of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ondersteuning",
    )
    ministerie = models.ForeignKey(
        Ministerie,
        verbose_name=_("ministry"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "For someone who works for a ministry outside its units and offices (a beheerder): "
            "the ministry whose notas and letters their role lets them read."
        ),
    )
    functie = models.CharField(_("position"), max_length=200, blank=True)
    dagoverzicht = models.BooleanField(
        _("daily digest"),
        default=True,
        help_text=_("A daily email listing everything that waits for you."),
    )
    ical_token = models.UUIDField(
        _("calendar token"),
        default=uuid.uuid4,
        unique=True,
        help_text=_("The secret in your calendar link; renew it to revoke the old link."),
    )

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self):
        return self.get_full_name() or self.username

    @cached_property
    def _group_names(self) -> frozenset[str]:
        return frozenset(self.groups.values_list("name", flat=True))

    @cached_property
    def eigen_ministerie_id(self) -> int | None:
        """The ministry this person works for: their unit's, their office's, or the one named.

        Ministry-wide roles (parlementaire coördinatie, beheerder) read within it. The login
        backend reads it with the user (workflow/auth.py); otherwise it costs one query."""
        return (
            Medewerker.objects.filter(pk=self.pk).values_list(EIGEN_MINISTERIE, flat=True).first()
        )

    @cached_property
    def manages_a_unit(self) -> bool:
        """Afdelingshoofd, directeur or DG: the manager of some unit. The login backend reads it
        with the user (workflow/auth.py); otherwise it costs one query."""
        return Organisatieonderdeel.objects.filter(manager_id=self.pk).exists()

    def has_rol(self, rol: "Rol") -> bool:
        """Office staff by their office; beheerder and parlementaire coördinatie by group."""
        if rol == Rol.ONDERSTEUNING:
            return self.bureau_van_id is not None
        if rol == Rol.BEHEERDER:
            return self.is_superuser or Rol.BEHEERDER.value in self._group_names
        if rol == Rol.PARLEMENTAIRE_COORDINATIE:
            return Rol.PARLEMENTAIRE_COORDINATIE.value in self._group_names
        return self.organisatieonderdeel_id is not None


class Vervanging(models.Model):
    """An absence: from `van` to `tot` (inclusive) work for `medewerker` goes to `vervanger`."""

    medewerker = models.ForeignKey(
        Medewerker,
        verbose_name=_("absent employee"),
        on_delete=models.PROTECT,
        related_name="afwezigheden",
    )
    vervanger = models.ForeignKey(
        Medewerker,
        verbose_name=_("substitute"),
        on_delete=models.PROTECT,
        related_name="vervangingen",
    )
    van = models.DateField(_("from"))
    tot = models.DateField(_("until"))
    reden = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("substitution")
        verbose_name_plural = _("substitutions")
        ordering = ["-van"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tot__gte=models.F("van")), name="vervanging_tot_na_van"
            ),
            models.CheckConstraint(
                condition=~Q(vervanger=models.F("medewerker")), name="vervanging_niet_zichzelf"
            ),
        ]

    def __str__(self):
        return f"{self.medewerker} → {self.vervanger} ({self.van:%d-%m-%Y} – {self.tot:%d-%m-%Y})"


# The ministry a person works for, as SQL (Medewerker.eigen_ministerie_id).
EIGEN_MINISTERIE = Coalesce(
    "organisatieonderdeel__ministerie_id", "bureau_van__ministerie_id", "ministerie_id"
)
