"""The URL converter for records' ids: `<id:pk>` matches 1 to 18 ASCII digits.

Django's `<int:pk>` takes any run of digits, and a 5,000-digit id reached the database (an
overflow there, a 500 here). Eighteen digits stay below a 64-bit key's maximum, so an id
the database cannot hold is a 404 before any query.
"""

from planning.params import MAX_DIGITS


class RecordIdConverter:
    regex = f"[0-9]{{1,{MAX_DIGITS}}}"  # what planning.params.record_id reads from a query

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)
