"""The authentication backend that reads a user's roles with the user, in one query.

Every page asks `has_rol` (beheerder, parlementaire coördinatie), for those roles the
person's ministry, and for the menu whether they manage a unit (the overzicht); each would
otherwise cost a query of its own on every request.
"""

from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef

from workflow.models import Medewerker, Organisatieonderdeel, Rol
from workflow.models.organisation import EIGEN_MINISTERIE


class MedewerkerBackend(ModelBackend):
    """Username and password, as Django's ModelBackend; the session's user comes with roles."""

    def get_user(self, user_id):

        roles = (Rol.BEHEERDER, Rol.PARLEMENTAIRE_COORDINATIE)
        in_group = {
            f"in_{rol.name.lower()}": Exists(
                Medewerker.groups.through.objects.filter(
                    medewerker_id=OuterRef("pk"), group__name=rol.value
                )
            )
            for rol in roles
        }
        user = (
            Medewerker._default_manager.annotate(
                **in_group,
                eigen_ministerie_id=EIGEN_MINISTERIE,
                is_manager=Exists(Organisatieonderdeel.objects.filter(manager_id=OuterRef("pk"))),
            )
            .filter(pk=user_id)
            .first()
        )
        if user is None or not self.user_can_authenticate(user):
            return None
        # What Medewerker._group_names would read: only these groups carry a meaning.
        user.__dict__["_group_names"] = frozenset(
            rol.value for rol in roles if getattr(user, f"in_{rol.name.lower()}")
        )
        user.__dict__["manages_a_unit"] = user.is_manager
        return user
