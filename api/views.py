"""The API's views: as thin as the pages' views, through the same selectors.

What a user may read here is exactly what `notas_visible_to` and `kamerbrieven_visible_to` let
the pages show them; the register is read by everyone logged in, as on its pages.
"""

from django.db.models import Prefetch
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from letters.models import Afstemmingsverzoek, Kamerbrief, Kamerbriefversie, Nota
from workflow import commitments, register, selectors
from workflow.forms.nota import RegisterFilterForm
from workflow.handelen import via_api
from workflow.models import Besluit, Gebeurtenis, Motie, Parafeerstap, Toezegging
from workflow.services.afstemming import afstemming_beantwoorden
from workflow.services.nota import (
    nota_besluit_vastleggen,
    nota_indienen,
    nota_paraferen,
    nota_terugsturen,
)

from . import serializers as s

WERKVOORRAAD_MAX = 100


class ViaApi:
    """Whatever a call changes is recorded in the history as having come in via the API."""

    def dispatch(self, request, *args, **kwargs):
        with via_api():
            return super().dispatch(request, *args, **kwargs)


REFUSALS = {
    400: OpenApiResponse(s.ProblemSerializer, description="Something must be filled in first."),
    403: OpenApiResponse(s.ProblemSerializer, description="Not yours to do; the Dutch reason."),
    404: OpenApiResponse(s.ProblemSerializer, description="Not found, or not yours to read."),
    409: OpenApiResponse(s.ProblemSerializer, description="Not possible in the current state."),
}


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
class NotaViewSet(ViaApi, viewsets.ReadOnlyModelViewSet):
    queryset = Nota.objects.none()  # for the schema; get_queryset decides what a caller reads
    lookup_value_regex = r"[0-9]{1,12}"

    def get_serializer_class(self):
        return s.NotaDetailSerializer if self.action == "retrieve" else s.NotaSerializer

    def get_queryset(self):
        notas = selectors.notas_visible_to(self.request.user).select_related(
            "aan", "opsteller", "organisatieonderdeel"
        )
        if self.action == "retrieve":
            return _with_details(notas)
        if self.action == "list":
            filters = _valid(NotaFilter, self.request)
            if "status" in filters:
                notas = notas.filter(status=filters["status"])
            if "soort" in filters:
                notas = notas.filter(soort=filters["soort"])
            if "aan" in filters:
                notas = notas.filter(aan__afkorting=filters["aan"])
        return notas

    def _act(self, service, **kwargs):
        """Calls the page's own service; answers the nota as it stands after the act."""
        nota = self.get_object()
        service(nota=nota, by=self.request.user, **kwargs)
        nota = _with_details(self.get_queryset()).filter(pk=nota.pk).first()
        if nota is None:  # done, and no longer the caller's to read
            return Response(status=204)
        return Response(s.NotaDetailSerializer(nota, context={"request": self.request}).data)

    @extend_schema(
        request=None,
        responses={200: s.NotaDetailSerializer, **REFUSALS},
        summary="Indienen: send the nota along its parafenroute",
    )
    @action(detail=True, methods=["post"])
    def indienen(self, request, pk=None):
        return self._act(nota_indienen)

    @extend_schema(
        request=s.OpmerkingInput,
        responses={200: s.NotaDetailSerializer, **REFUSALS},
        summary="Paraferen: initial the nota (as the parafeerder or their vervanger)",
    )
    @action(detail=True, methods=["post"])
    def paraferen(self, request, pk=None):
        data = _body(s.OpmerkingInput, request)
        return self._act(nota_paraferen, remark=data["opmerking"])

    @extend_schema(
        request=s.OpmerkingInput,
        responses={200: s.NotaDetailSerializer, **REFUSALS},
        summary="Terugsturen: back to the opsteller with a remark",
    )
    @action(detail=True, methods=["post"])
    def terugsturen(self, request, pk=None):
        data = _body(s.OpmerkingInput, request)
        return self._act(nota_terugsturen, remark=data["opmerking"])

    @extend_schema(
        request=s.BesluitInput,
        responses={200: s.NotaDetailSerializer, **REFUSALS},
        summary="Record the bewindspersoon's besluit (their office)",
    )
    @action(detail=True, methods=["post"])
    def besluit(self, request, pk=None):
        data = _body(s.BesluitInput, request)
        return self._act(nota_besluit_vastleggen, **data)


def _with_details(notas):
    """A nota with what its page shows of it: route, besluiten, history."""
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


def _body(input_class, request) -> dict:
    body = input_class(data=request.data)
    body.is_valid(raise_exception=True)
    return body.validated_data


@extend_schema_view(retrieve=extend_schema(summary="One request for akkoord to a co-signer"))
class AfstemmingsverzoekViewSet(ViaApi, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Requests for akkoord on a Kamerbrief, readable by whoever reads the letter."""

    queryset = Afstemmingsverzoek.objects.none()  # for the schema
    serializer_class = s.AfstemmingsverzoekSerializer
    lookup_value_regex = r"[0-9]{1,12}"

    def get_queryset(self):
        return Afstemmingsverzoek.objects.filter(
            kamerbrief__in=selectors.kamerbrieven_visible_to(self.request.user)
        ).select_related("bewindspersoon", "briefversie", "beantwoord_door")

    @extend_schema(
        request=s.AntwoordInput,
        responses={200: s.AfstemmingsverzoekSerializer, **REFUSALS},
        summary="The co-signer's office answers the request",
    )
    @action(detail=True, methods=["post"])
    def antwoord(self, request, pk=None):
        data = _body(s.AntwoordInput, request)
        verzoek = afstemming_beantwoorden(
            verzoek=self.get_object(), by=request.user, antwoord=data["antwoord"],
            remark=data["opmerking"],
        )  # fmt: skip
        return Response(s.AfstemmingsverzoekSerializer(self.get_queryset().get(pk=verzoek.pk)).data)


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


class RegisterViewSet(ViaApi, viewsets.ReadOnlyModelViewSet):
    """The register, filtered by the fields of its page (the same form reads them); its
    keeper's actions call the register page's own services (workflow.commitments)."""

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

    def _act(self, service, input_class=None, **kwargs):
        """Calls the register page's service on the item; answers the item as it stands now."""
        item = self.get_object()
        if input_class is not None:
            kwargs.update(_body(input_class, self.request))
        service(**{self.model._meta.model_name: item}, by=self.request.user, **kwargs)
        item = self.get_queryset().get(pk=item.pk)
        return Response(self.get_serializer(item).data)


def _register_action(summary: str, input_class, serializer, url_path: str):
    """A POST action on one item of the register, with its schema."""
    return lambda method: extend_schema(
        request=input_class, responses={200: serializer, **REFUSALS}, summary=summary
    )(action(detail=True, methods=["post"], url_path=url_path)(method))


@extend_schema_view(
    list=extend_schema(parameters=REGISTER_PARAMETERS, summary="The register's toezeggingen"),
)
class ToezeggingViewSet(RegisterViewSet):
    model = Toezegging
    queryset = Toezegging.objects.none()  # for the schema
    select = staticmethod(register.toezeggingen_register)
    serializer_class = s.ToezeggingSerializer

    @_register_action(
        "Afdoen: record the letter that (partly) discharged the commitment",
        s.AfdoenInput, s.ToezeggingSerializer, "afdoen",
    )  # fmt: skip
    def afdoen(self, request, pk=None):
        return self._act(commitments.toezegging_afdoen, s.AfdoenInput)

    @_register_action(
        "Rapporteren: record a letter that reported on the commitment",
        s.BriefInput, s.ToezeggingSerializer, "rapporteren",
    )  # fmt: skip
    def rapporteren(self, request, pk=None):
        return self._act(commitments.toezegging_rapporteren, s.BriefInput)

    @_register_action(
        "Laten vervallen, with the reason", s.RedenInput, s.ToezeggingSerializer,
        "laten-vervallen",
    )  # fmt: skip
    def laten_vervallen(self, request, pk=None):
        return self._act(commitments.toezegging_laten_vervallen, s.RedenInput)

    @_register_action(
        "Heropenen: openstaand again, with the reason", s.RedenInput, s.ToezeggingSerializer,
        "heropenen",
    )  # fmt: skip
    def heropenen(self, request, pk=None):
        return self._act(commitments.toezegging_heropenen, s.RedenInput)


@extend_schema_view(
    list=extend_schema(parameters=REGISTER_PARAMETERS, summary="The register's moties"),
)
class MotieViewSet(RegisterViewSet):
    model = Motie
    queryset = Motie.objects.none()  # for the schema
    select = staticmethod(register.moties_register)
    serializer_class = s.MotieSerializer

    @_register_action(
        "In uitvoering nemen: the ministry is carrying the motion out",
        s.OpmerkingInput, s.MotieSerializer, "in-uitvoering-nemen",
    )  # fmt: skip
    def in_uitvoering_nemen(self, request, pk=None):
        data = _body(s.OpmerkingInput, request)
        return self._act(commitments.motie_in_uitvoering_nemen, remark=data["opmerking"])

    @_register_action(
        "Afdoen: record the letter that discharged the motion",
        s.BriefInput, s.MotieSerializer, "afdoen",
    )  # fmt: skip
    def afdoen(self, request, pk=None):
        return self._act(commitments.motie_afdoen, s.BriefInput)

    @_register_action(
        "Rapporteren: record a letter with a stand van zaken on the motion",
        s.BriefInput, s.MotieSerializer, "rapporteren",
    )  # fmt: skip
    def rapporteren(self, request, pk=None):
        return self._act(commitments.motie_rapporteren, s.BriefInput)

    @_register_action(
        "Niet uitgevoerd, with the reason", s.RedenInput, s.MotieSerializer, "niet-uitgevoerd"
    )
    def niet_uitgevoerd(self, request, pk=None):
        return self._act(commitments.motie_niet_uitgevoerd, s.RedenInput)

    @_register_action(
        "Heropenen: open again, with the reason", s.RedenInput, s.MotieSerializer, "heropenen"
    )
    def heropenen(self, request, pk=None):
        return self._act(commitments.motie_heropenen, s.RedenInput)


class WerkvoorraadView(APIView):
    """What waits for the caller (or for whom they stand in), as their werkvoorraad page shows."""

    @extend_schema(responses=s.WerkvoorraadSerializer, summary="The caller's werkvoorraad")
    def get(self, request):
        werkvoorraad = selectors.werkvoorraad_for(request.user, per_groep=WERKVOORRAAD_MAX)
        data = {
            groep.code: {"aantal": groep.aantal, "regels": groep.regels}
            for groep in werkvoorraad.groepen
        }
        return Response(s.WerkvoorraadSerializer(data).data)
