"""The API's views: as thin as the pages' views, through the same selectors.

What a user may read here is exactly what `notas_visible_to` and `kamerbrieven_visible_to` let
the pages show them; the register is read by everyone logged in, as on its pages.
"""

from django.db.models import Prefetch
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from letters.models import Afstemmingsverzoek, Kamerbrief, Kamerbriefversie, Nota
from workflow import register, selectors
from workflow.forms import RegisterFilterForm
from workflow.models import Besluit, Gebeurtenis, Motie, Parafeerstap, Toezegging

from . import serializers as s

WERKVOORRAAD_MAX = 100


class NotaFilter(serializers.Serializer):
    status = serializers.ChoiceField(choices=Nota.Status.choices, required=False)
    soort = serializers.ChoiceField(choices=Nota.Soort.choices, required=False)
    aan = serializers.CharField(
        required=False, max_length=20, help_text="Abbreviation of the bewindspersoon."
    )


def _valid(filter_class, request) -> dict:
    f = filter_class(data=request.query_params)
    f.is_valid(raise_exception=True)
    return f.validated_data


@extend_schema_view(
    list=extend_schema(parameters=[NotaFilter], summary="Notas the caller may read"),
    retrieve=extend_schema(summary="A nota with its route, besluiten and history"),
)
class NotaViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Nota.objects.none()  # for the schema; get_queryset decides what a caller reads
    lookup_value_regex = r"[0-9]{1,12}"

    def get_serializer_class(self):
        return s.NotaDetailSerializer if self.action == "retrieve" else s.NotaSerializer

    def get_queryset(self):
        notas = selectors.notas_visible_to(self.request.user).select_related(
            "aan", "opsteller", "organisatieonderdeel"
        )
        if self.action == "retrieve":
            return notas.select_related("kamerbrief").prefetch_related(
                "cc",
                Prefetch(
                    "parafeerstappen",
                    queryset=Parafeerstap.objects.select_related(
                        "parafeerder", "afgehandeld_door"
                    ).order_by("ronde", "volgorde", "pk"),
                ),
                Prefetch(
                    "besluiten",
                    queryset=Besluit.objects.select_related("bewindspersoon", "vastgelegd_door"),
                ),
                Prefetch(
                    "gebeurtenissen",
                    queryset=Gebeurtenis.objects.select_related(
                        "actor", "namens", "namens_bewindspersoon"
                    ).order_by("tijdstip", "pk"),
                ),
            )
        if self.action == "list":
            filters = _valid(NotaFilter, self.request)
            if "status" in filters:
                notas = notas.filter(status=filters["status"])
            if "soort" in filters:
                notas = notas.filter(soort=filters["soort"])
            if "aan" in filters:
                notas = notas.filter(aan__afkorting=filters["aan"])
        return notas


@extend_schema_view(
    list=extend_schema(summary="Kamerbrieven the caller may read"),
    retrieve=extend_schema(summary="A Kamerbrief with its versions, afstemming and history"),
)
class KamerbriefViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Kamerbrief.objects.none()  # for the schema
    lookup_value_regex = r"[0-9]{1,12}"

    def get_serializer_class(self):
        return s.KamerbriefDetailSerializer if self.action == "retrieve" else s.KamerbriefSerializer

    def get_queryset(self):
        letters = Kamerbrief.objects.select_related("afzender", "nota").prefetch_related(
            "medeondertekenaars"
        )
        if self.action == "retrieve":
            letters = letters.prefetch_related(
                Prefetch("versies", queryset=Kamerbriefversie.objects.order_by("nummer")),
                Prefetch(
                    "afstemmingsverzoeken",
                    queryset=Afstemmingsverzoek.objects.select_related(
                        "bewindspersoon", "briefversie", "beantwoord_door"
                    ).order_by("aangevraagd_op", "pk"),
                ),
                Prefetch(
                    "gebeurtenissen",
                    queryset=Gebeurtenis.objects.select_related(
                        "actor", "namens", "namens_bewindspersoon"
                    ).order_by("tijdstip", "pk"),
                ),
            )
        return selectors.kamerbrieven_visible_to(self.request.user, letters)


REGISTER_PARAMETERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="Search text."),
    OpenApiParameter("status", OpenApiTypes.STR),
    OpenApiParameter("bewindspersoon", OpenApiTypes.INT, description="Id of the bewindspersoon."),
    OpenApiParameter("ministerie", OpenApiTypes.INT, description="Id of the ministry."),
    OpenApiParameter("te_laat", OpenApiTypes.BOOL, description="Only overdue open items."),
    OpenApiParameter("binnen", OpenApiTypes.INT, description="Due within this many werkdagen."),
]


class RegisterViewSet(viewsets.ReadOnlyModelViewSet):
    """The register, filtered by the fields of its page (the same form reads them)."""

    model = None
    select = None
    lookup_value_regex = r"[0-9]{1,12}"

    def get_queryset(self):
        if self.action != "list":
            return self.select(register.RegisterFilter(), timezone.localdate())
        form = RegisterFilterForm(self.request.query_params, statuses=self.model.Status.choices)
        if not form.is_valid():
            raise ValidationError({name: list(errors) for name, errors in form.errors.items()})
        # The page sorts by deadline; the API by id, which its cursor needs.
        return self.select(form.filters(), timezone.localdate()).order_by()


@extend_schema_view(
    list=extend_schema(parameters=REGISTER_PARAMETERS, summary="The register's toezeggingen"),
)
class ToezeggingViewSet(RegisterViewSet):
    model = Toezegging
    queryset = Toezegging.objects.none()  # for the schema
    select = staticmethod(register.toezeggingen_register)
    serializer_class = s.ToezeggingSerializer


@extend_schema_view(
    list=extend_schema(parameters=REGISTER_PARAMETERS, summary="The register's moties"),
)
class MotieViewSet(RegisterViewSet):
    model = Motie
    queryset = Motie.objects.none()  # for the schema
    select = staticmethod(register.moties_register)
    serializer_class = s.MotieSerializer


class WerkvoorraadView(APIView):
    """What waits for the caller (or for whom they stand in), as their werkvoorraad page shows."""

    @extend_schema(responses=s.WerkvoorraadSerializer, summary="The caller's werkvoorraad")
    def get(self, request):
        werkvoorraad = selectors.werkvoorraad_for(request.user)
        data = {
            naam: {"aantal": len(regels), "regels": regels[:WERKVOORRAAD_MAX]}
            for naam, regels in werkvoorraad.groepen
        }
        return Response(s.WerkvoorraadSerializer(data).data)
