"""What the API shows of each resource: the same fields the pages show, as JSON.

Related people appear by id and name; bewindspersonen by their abbreviation (`StasVWS`), as the
register's filters and the Kamer's own data know them.
"""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from letters.models import Afstemmingsverzoek, Kamerbrief, Kamerbriefversie, Nota
from workflow.models import Besluit, Gebeurtenis, Medewerker, Motie, Parafeerstap, Toezegging


class PersoonSerializer(serializers.ModelSerializer):
    naam = serializers.CharField(source="__str__", read_only=True)

    class Meta:
        model = Medewerker
        fields = ["id", "naam"]


def _post(*, allow_null: bool = False):
    return serializers.SlugRelatedField(
        slug_field="afkorting", read_only=True, allow_null=allow_null
    )


class GebeurtenisSerializer(serializers.ModelSerializer):
    # Null for what nobody did by hand (an import from the Kamer) and for acting in one's own name.
    actor = PersoonSerializer(read_only=True, allow_null=True)
    namens = PersoonSerializer(read_only=True, allow_null=True)
    namens_bewindspersoon = _post(allow_null=True)

    class Meta:
        model = Gebeurtenis
        fields = [
            "id", "tijdstip", "actie", "van_status", "naar_status", "actor", "namens",
            "namens_bewindspersoon", "opmerking", "kanaal", "versie",
        ]  # fmt: skip


class ParafeerstapSerializer(serializers.ModelSerializer):
    parafeerder = PersoonSerializer(read_only=True)
    afgehandeld_door = PersoonSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Parafeerstap
        fields = [
            "id", "ronde", "volgorde", "parafeerder", "omschrijving", "status", "deadline",
            "aan_de_beurt_sinds", "afgehandeld_op", "afgehandeld_door", "opmerking",
        ]  # fmt: skip


class BesluitSerializer(serializers.ModelSerializer):
    bewindspersoon = _post()
    vastgelegd_door = PersoonSerializer(read_only=True)

    class Meta:
        model = Besluit
        fields = [
            "id", "uitkomst", "toelichting", "bewindspersoon", "persoonlijk", "vastgelegd_door",
            "tijdstip",
        ]  # fmt: skip


class NotaSerializer(serializers.ModelSerializer):
    """A nota as a list shows it."""

    aan = _post()
    opsteller = PersoonSerializer(read_only=True)
    organisatieonderdeel = serializers.SlugRelatedField(slug_field="code", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Nota
        fields = [
            "id", "url", "kenmerk", "soort", "aan", "organisatieonderdeel", "opsteller", "datum",
            "deadline", "deadline_omschrijving", "onderwerp", "status", "ronde",
        ]  # fmt: skip

    @extend_schema_field(serializers.URLField())
    def get_url(self, nota) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("api:nota-detail", args=[nota.pk])
        )


class NotaDetailSerializer(NotaSerializer):
    """A nota with its route, besluiten and history, as its page shows them."""

    cc = serializers.SlugRelatedField(slug_field="afkorting", read_only=True, many=True)
    kamerbrief = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    route = ParafeerstapSerializer(source="parafeerstappen", many=True, read_only=True)
    besluiten = BesluitSerializer(many=True, read_only=True)
    geschiedenis = GebeurtenisSerializer(source="gebeurtenissen", many=True, read_only=True)

    class Meta(NotaSerializer.Meta):
        fields = [
            *NotaSerializer.Meta.fields, "cc", "aanleiding", "geadviseerd_besluit", "kernpunten",
            "kamerbrief", "route", "besluiten", "geschiedenis",
        ]  # fmt: skip


class KamerbriefversieSerializer(serializers.ModelSerializer):
    class Meta:
        model = Kamerbriefversie
        fields = ["nummer", "aangemaakt_op"]


class AfstemmingsverzoekSerializer(serializers.ModelSerializer):
    bewindspersoon = _post()
    briefversie = serializers.SlugRelatedField(slug_field="nummer", read_only=True)
    beantwoord_door = PersoonSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Afstemmingsverzoek
        fields = [
            "id", "bewindspersoon", "status", "briefversie", "deadline", "aangevraagd_op",
            "beantwoord_op", "beantwoord_door", "opmerking",
        ]  # fmt: skip


class KamerbriefSerializer(serializers.ModelSerializer):
    afzender = _post()
    medeondertekenaars = serializers.SlugRelatedField(
        slug_field="afkorting", read_only=True, many=True
    )
    nota = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Kamerbrief
        fields = [
            "id", "url", "kenmerk", "nota", "afzender", "geadresseerde", "vorm",
            "medeondertekenaars", "betreft", "status", "geplande_verzenddatum", "datum",
            "kamerstuk", "tk_document_id", "publicatiedatum",
        ]  # fmt: skip

    @extend_schema_field(serializers.URLField())
    def get_url(self, brief) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("api:kamerbrief-detail", args=[brief.pk])
        )


class KamerbriefDetailSerializer(KamerbriefSerializer):
    versies = KamerbriefversieSerializer(many=True, read_only=True)
    afstemming = AfstemmingsverzoekSerializer(
        source="afstemmingsverzoeken", many=True, read_only=True
    )
    geschiedenis = GebeurtenisSerializer(source="gebeurtenissen", many=True, read_only=True)

    class Meta(KamerbriefSerializer.Meta):
        fields = [*KamerbriefSerializer.Meta.fields, "versies", "afstemming", "geschiedenis"]


class ToezeggingSerializer(serializers.ModelSerializer):
    bewindspersoon = _post(allow_null=True)
    ministerie = serializers.SlugRelatedField(
        slug_field="afkorting", read_only=True, allow_null=True
    )

    class Meta:
        model = Toezegging
        fields = [
            "id", "tk_id", "tk_nummer", "tekst", "bewindspersoon", "ministerie", "bron",
            "bron_kenmerk", "debat", "debat_datum", "aan_persoon", "aan_fractie", "deadline",
            "deadline_omschrijving", "soort", "herhaling", "status", "reden_vervallen",
        ]  # fmt: skip


class IndienerSerializer(serializers.Serializer):
    rol = serializers.CharField()
    naam = serializers.CharField()
    fractie = serializers.CharField()


class MotieSerializer(serializers.ModelSerializer):
    bewindspersoon = _post(allow_null=True)
    ministerie = serializers.SlugRelatedField(
        slug_field="afkorting", read_only=True, allow_null=True
    )
    indieners = IndienerSerializer(source="huidige_indieners", many=True, read_only=True)

    class Meta:
        model = Motie
        fields = [
            "id", "tk_id", "titel", "onderwerp", "kamerstuk", "vergaderjaar", "tk_zaak_nummer",
            "tk_document_nummer", "debat", "datum", "dictum", "kabinetsappreciatie",
            "bewindspersoon", "ministerie", "indieners", "deadline", "deadline_omschrijving",
            "status", "reden_niet_uitgevoerd",
        ]  # fmt: skip


class RegelSerializer(serializers.Serializer):
    """One line of the werkvoorraad."""

    kenmerk = serializers.CharField()
    onderwerp = serializers.CharField()
    status = serializers.CharField()
    link = serializers.CharField(help_text="The item's page in Parafeer.")
    deadline = serializers.DateField(allow_null=True)
    in_woorden = serializers.CharField(help_text="The deadline in werkdagen, in words.")
    marker = serializers.ChoiceField(choices=["", "op_tijd", "bijna", "te_laat"])


class GroepSerializer(serializers.Serializer):
    aantal = serializers.IntegerField(help_text="How many lines the group holds in all.")
    regels = RegelSerializer(many=True, help_text="The first lines, at most 100.")


class WerkvoorraadSerializer(serializers.Serializer):
    te_paraferen = GroepSerializer()
    ter_beslissing = GroepSerializer()
    om_akkoord = GroepSerializer()
    te_ondertekenen = GroepSerializer()
    terug_bij_mij = GroepSerializer()
    concepten = GroepSerializer()
    lopend = GroepSerializer()
    gevolgd = GroepSerializer()


class ProblemSerializer(serializers.Serializer):
    """An error, as application/problem+json (RFC 9457)."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField(help_text="Why, in Dutch.")
    instance = serializers.CharField()


class OpmerkingInput(serializers.Serializer):
    opmerking = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class BesluitInput(serializers.Serializer):
    uitkomst = serializers.ChoiceField(choices=Besluit.Uitkomst.choices)
    toelichting = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=5000
    )
    persoonlijk = serializers.BooleanField(
        required=False, default=False, help_text="Decided by the bewindspersoon personally."
    )


class AntwoordInput(serializers.Serializer):
    antwoord = serializers.ChoiceField(
        choices=[c for c in Afstemmingsverzoek.Status.choices if c[0] in (
            "akkoord", "akkoord_met_opmerkingen", "niet_akkoord")]
    )  # fmt: skip
    opmerking = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class RedenInput(serializers.Serializer):
    reden = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class BriefInput(serializers.Serializer):
    """The letter that handled the item: a Kamerbrief in Parafeer (sent) by its kenmerk, or one
    sent outside Parafeer, by its kenmerk and the date it was sent."""

    kenmerk = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)
    datum = serializers.DateField(
        required=False, allow_null=True, default=None,
        help_text="Date the letter was sent; only for a letter that is not in Parafeer.",
    )  # fmt: skip
    tekst = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=5000,
        help_text="What the letter says about the item.",
    )  # fmt: skip


class AfdoenInput(BriefInput):
    volledig = serializers.BooleanField(
        required=False, default=True,
        help_text="False: the letter discharged the commitment only in part (deels voldaan).",
    )  # fmt: skip
