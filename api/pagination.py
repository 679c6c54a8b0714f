from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination


class Cursor(CursorPagination):
    """Cursor pagination (API Design Rules): a stable page however many rows are added meanwhile.

    Ordered by id, which is unique, so no row is skipped or shown twice between pages."""

    ordering = "pk"
    page_size = 50
    page_size_query_param = "pageSize"
    max_page_size = 100

    def decode_cursor(self, request):
        # DRF answers a cursor it cannot read with 404; it is bad input, not a missing list.
        try:
            return super().decode_cursor(request)
        except NotFound:
            message = _("This cursor is not valid: use the links of a previous page.")
            raise ValidationError({self.cursor_query_param: [message]}) from None
