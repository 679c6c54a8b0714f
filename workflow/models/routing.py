"""The parafenroute: templates per organisatieonderdeel, a nota's planned route, and its steps."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from letters.models import Nota


class RouteSjabloon(models.Model):
    """A route template of an organisatieonderdeel, from which a new nota's route is planned."""

    organisatieonderdeel = models.ForeignKey(
        "workflow.Organisatieonderdeel",
        verbose_name=_("organisational unit"),
        on_delete=models.PROTECT,
        related_name="routesjablonen",
    )
    naam = models.CharField(_("name"), max_length=200)
    opnieuw_paraferen = models.BooleanField(
        _("initial again after sending back"),
        default=True,
        help_text=_(
            "When a nota is sent back and submitted again, must the steps that already "
            "initialled it do so again?"
        ),
    )
    actief = models.BooleanField(_("active"), default=True)
    soorten = models.JSONField(
        _("kinds of nota"),
        default=list,
        blank=True,
        help_text=_("The kinds of nota (Nota.Soort values) it applies to; empty: every kind."),
    )

    class Meta:
        verbose_name = _("route template")
        verbose_name_plural = _("route templates")
        ordering = ["organisatieonderdeel", "naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisatieonderdeel", "naam"], name="routesjabloon_naam_uniek"
            ),
        ]

    def __str__(self):
        return self.naam

    def applies_to(self, soort: str) -> bool:
        return not self.soorten or soort in self.soorten

    def soorten_labels(self) -> list[str]:

        return [str(Nota.Soort(s).label) for s in self.soorten if s in Nota.Soort.values]


class RouteSjabloonRegel(models.Model):
    """One parafeerder of a template step: a named person, or a position such as the directeur.

    Rules with the same `volgorde` form one step whose parafeerders initial in parallel.
    """

    class Functie(models.TextChoices):
        AFDELINGSHOOFD = "afdeling", _("head of the drafter's department")
        DIRECTEUR = "directie", _("director of the drafter's directorate")
        DG = "dg", _("director-general of the drafter's DG")

    sjabloon = models.ForeignKey(RouteSjabloon, on_delete=models.PROTECT, related_name="regels")
    volgorde = models.PositiveSmallIntegerField(_("order"))
    medewerker = models.ForeignKey(
        "workflow.Medewerker",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    functie = models.CharField(_("position"), max_length=10, choices=Functie.choices, blank=True)
    omschrijving = models.CharField(_("description"), max_length=200, blank=True)
    vervangen_op = models.DateTimeField(
        _("replaced at"),
        null=True,
        blank=True,
        help_text=_("Set when the beheerder changed the template; the old rules stay readable."),
    )

    class Meta:
        verbose_name = _("route template rule")
        verbose_name_plural = _("route template rules")
        ordering = ["sjabloon", "volgorde", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(medewerker__isnull=False) & Q(functie=""))
                | (Q(medewerker__isnull=True) & ~Q(functie="")),
                name="sjabloonregel_persoon_of_functie",
            ),
        ]

    def __str__(self):
        who = self.medewerker or self.get_functie_display()
        return f"{self.volgorde}. {who}"


class RouteStap(models.Model):
    """A step of a nota's planned parafenroute; the opsteller adjusts these while it is a concept.

    Steps with the same `volgorde` initial in parallel (meeparafen).
    """

    nota = models.ForeignKey("letters.Nota", on_delete=models.PROTECT, related_name="route")
    volgorde = models.PositiveSmallIntegerField(_("order"))
    parafeerder = models.ForeignKey(
        "workflow.Medewerker",
        verbose_name=_("initialler"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    omschrijving = models.CharField(_("description"), max_length=200, blank=True)
    vervangen_op = models.DateTimeField(
        _("replaced at"),
        null=True,
        blank=True,
        help_text=_("Set when the opsteller changed the route; the old plan stays readable."),
    )

    class Meta:
        verbose_name = _("route step")
        verbose_name_plural = _("route steps")
        ordering = ["nota", "volgorde", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["nota", "volgorde", "parafeerder"],
                condition=Q(vervangen_op__isnull=True),
                name="routestap_uniek",
            ),
        ]

    def __str__(self):
        return f"{self.volgorde}. {self.parafeerder}"


class Parafeerstap(FSMModelMixin, models.Model):
    """One parafeerder's turn in one round of a nota's route.

    A round starts each time the nota is submitted; its steps are copied from the planned route.
    """

    class Status(models.TextChoices):
        WACHTEND = "wachtend", _("waiting")
        AAN_DE_BEURT = "aan_de_beurt", _("their turn")
        GEPARAFEERD = "geparafeerd", _("initialled")
        TERUGGESTUURD = "teruggestuurd", _("sent back")
        OVERGESLAGEN = "overgeslagen", _("skipped")
        # Our addition to DOMAIN.md: the round ended (sent back elsewhere, or withdrawn) before
        # this step acted, so it will never act.
        VERVALLEN = "vervallen", _("lapsed")

    nota = models.ForeignKey(
        "letters.Nota", on_delete=models.PROTECT, related_name="parafeerstappen"
    )
    ronde = models.PositiveIntegerField(_("round"))
    volgorde = models.PositiveSmallIntegerField(_("order"))
    parafeerder = models.ForeignKey(
        "workflow.Medewerker",
        verbose_name=_("initialler"),
        on_delete=models.PROTECT,
        related_name="parafeerstappen",
        # Served by the (parafeerder, status) index: with a second index on parafeerder alone,
        # PostgreSQL took that one for "my open steps" and read 25,000 rows to keep 500 (bench).
        db_index=False,
    )
    omschrijving = models.CharField(_("description"), max_length=200, blank=True)
    status = FSMField(
        _("status"), max_length=20, choices=Status.choices, default=Status.WACHTEND, protected=True
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    aan_de_beurt_sinds = models.DateTimeField(_("their turn since"), null=True, blank=True)
    afgehandeld_op = models.DateTimeField(_("handled at"), null=True, blank=True)
    afgehandeld_door = models.ForeignKey(
        "workflow.Medewerker",
        verbose_name=_("handled by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    opmerking = models.TextField(_("remark"), blank=True)

    class Meta:
        verbose_name = _("initialling step")
        verbose_name_plural = _("initialling steps")
        ordering = ["nota", "ronde", "volgorde", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["nota", "ronde", "volgorde", "parafeerder"], name="parafeerstap_uniek"
            ),
        ]
        indexes = [
            models.Index(fields=["parafeerder", "status"]),
            # The reminder scan: open steps by deadline; the overzicht's most overdue steps in
            # (deadline, nota) order, read in index order instead of sorting a day's thousands.
            models.Index(
                fields=["deadline", "nota"],
                condition=Q(status="aan_de_beurt"),
                name="parafeerstap_open_deadline",
            ),
            # Who may read a nota (selectors.notas_visible_to): the notas on one person's route,
            # read from the index alone (tens of thousands of steps for a busy parafeerder).
            models.Index(fields=["parafeerder", "nota"], name="parafeerstap_parafeerder_nota"),
            models.Index(fields=["afgehandeld_door", "nota"], name="parafeerstap_afgehandeld_nota"),
        ]

    def __str__(self):
        return f"{self.nota.kenmerk} ronde {self.ronde}, stap {self.volgorde}: {self.parafeerder}"

    @transition(field=status, source=Status.WACHTEND, target=Status.AAN_DE_BEURT)
    def aan_de_beurt(self):
        pass

    @transition(field=status, source=Status.AAN_DE_BEURT, target=Status.GEPARAFEERD)
    def paraferen(self):
        pass

    @transition(field=status, source=Status.AAN_DE_BEURT, target=Status.TERUGGESTUURD)
    def terugsturen(self):
        pass

    @transition(
        field=status, source=[Status.WACHTEND, Status.AAN_DE_BEURT], target=Status.OVERGESLAGEN
    )
    def overslaan(self):
        pass

    @transition(
        field=status, source=[Status.WACHTEND, Status.AAN_DE_BEURT], target=Status.VERVALLEN
    )
    def vervallen(self):
        pass
