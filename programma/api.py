"""Programmes in the API (/api/v1/programmas, /api/v1/rapportagerondes): read-only, what the
programme's pages show to everyone logged in.

They live here and not in `api/` because the layers keep `api` and `programma` apart; the API's
authentication, pagination, throttling and problems come from REST_FRAMEWORK's defaults, so these
views answer exactly like the rest of /api/v1. Writes stay on the pages for now.
"""

from django.db.models import Count, Prefetch, Q
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.routers import SimpleRouter

from .models import Actielijn, Maatregel, Mijlpaal, Programma, Rapportageronde, Voortgangsbijdrage

Bijdragestatus = Voortgangsbijdrage.Status


class MijlpaalSerializer(serializers.ModelSerializer):
    class Meta:
        model = Mijlpaal
        fields = ["datum", "periode", "tekst", "bereikt"]


class MaatregelSerializer(serializers.ModelSerializer):
    directie: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    contact = serializers.CharField(source="contact.__str__", read_only=True)
    mijlpalen = MijlpaalSerializer(many=True, read_only=True)

    class Meta:
        model = Maatregel
        fields = ["id", "nummer", "titel", "partners", "directie", "contact", "status", "mijlpalen"]


class ActielijnSerializer(serializers.ModelSerializer):
    maatregelen = MaatregelSerializer(many=True, read_only=True)

    class Meta:
        model = Actielijn
        fields = ["id", "nummer", "titel", "maatregelen"]


class ProgrammaSerializer(serializers.ModelSerializer):
    coordinerend_bewindspersoon: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="afkorting", read_only=True
    )
    coordinator = serializers.CharField(source="coordinator.__str__", read_only=True)

    class Meta:
        model = Programma
        fields = ["id", "naam", "omschrijving", "coordinerend_bewindspersoon", "coordinator"]


class ProgrammaDetailSerializer(ProgrammaSerializer):
    deelnemers = serializers.SerializerMethodField()
    actielijnen = ActielijnSerializer(many=True, read_only=True)
    toezeggingen: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True
    )
    moties: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True
    )
    kamerbrieven: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True
    )

    class Meta(ProgrammaSerializer.Meta):
        fields = [
            *ProgrammaSerializer.Meta.fields, "deelnemers", "actielijnen", "toezeggingen",
            "moties", "kamerbrieven",
        ]  # fmt: skip

    def get_deelnemers(self, programma: Programma) -> list[str]:
        """The bewindspersonen taking part, by abbreviation."""
        return [d.bewindspersoon.afkorting for d in programma.deelnames.all()]


class RapportagerondeSerializer(serializers.ModelSerializer):
    programma: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(
        read_only=True
    )
    gerapporteerd_in: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True
    )
    bijdragen = serializers.IntegerField(source="aantal", read_only=True)
    ingediend = serializers.IntegerField(read_only=True)
    geaccepteerd = serializers.IntegerField(read_only=True)

    class Meta:
        model = Rapportageronde
        fields = [
            "id", "programma", "titel", "jaar", "deadline", "geopend_op", "gerapporteerd_in",
            "bijdragen", "ingediend", "geaccepteerd",
        ]  # fmt: skip


class ProgrammaFilter(serializers.Serializer):
    programma = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)


@extend_schema_view(
    list=extend_schema(summary="The programmes"),
    retrieve=extend_schema(summary="A programme with its actielijnen, maatregelen, mijlpalen"),
)
class ProgrammaViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Programma.objects.none()  # for the schema
    lookup_value_regex = r"[0-9]{1,12}"

    def get_serializer_class(self):
        if self.action == "retrieve":
            return ProgrammaDetailSerializer
        return ProgrammaSerializer

    def get_queryset(self):
        programmas = Programma.objects.select_related("coordinerend_bewindspersoon", "coordinator")
        if self.action != "retrieve":
            return programmas
        maatregelen = Maatregel.objects.select_related("directie", "contact").prefetch_related(
            "mijlpalen"
        )
        return programmas.prefetch_related(
            "deelnames__bewindspersoon",
            "toezeggingen",
            "moties",
            "kamerbrieven",
            Prefetch(
                "actielijnen",
                queryset=Actielijn.objects.prefetch_related(
                    Prefetch("maatregelen", queryset=maatregelen)
                ),
            ),
        )


@extend_schema_view(
    list=extend_schema(parameters=[ProgrammaFilter], summary="Reporting rounds (rapportagerondes)"),
    retrieve=extend_schema(summary="A reporting round with how far its contributions are"),
)
class RapportagerondeViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Rapportageronde.objects.none()  # for the schema
    serializer_class = RapportagerondeSerializer
    lookup_value_regex = r"[0-9]{1,12}"

    def get_queryset(self):
        delivered = [Bijdragestatus.INGEDIEND, Bijdragestatus.GEACCEPTEERD]
        rondes = Rapportageronde.objects.annotate(
            aantal=Count("bijdragen"),
            ingediend=Count("bijdragen", filter=Q(bijdragen__status__in=delivered)),
            geaccepteerd=Count(
                "bijdragen", filter=Q(bijdragen__status=Bijdragestatus.GEACCEPTEERD)
            ),
        )
        if self.action == "list":
            filters = ProgrammaFilter(data=self.request.query_params)
            filters.is_valid(raise_exception=True)
            if "programma" in filters.validated_data:
                rondes = rondes.filter(programma_id=filters.validated_data["programma"])
        return rondes


router = SimpleRouter(trailing_slash=False)
router.register("programmas", ProgrammaViewSet, basename="programma")
router.register("rapportagerondes", RapportagerondeViewSet, basename="rapportageronde")
urlpatterns = router.urls
