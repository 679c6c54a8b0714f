from rest_framework.pagination import CursorPagination


class Cursor(CursorPagination):
    """Cursor pagination (API Design Rules): a stable page however many rows are added meanwhile.

    Ordered by id, which is unique, so no row is skipped or shown twice between pages."""

    ordering = "pk"
    page_size = 50
    page_size_query_param = "pageSize"
    max_page_size = 100
