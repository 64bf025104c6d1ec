"""The URL converters for records' ids (`<id:pk>`) and studies' slugs (`<study:slug>`).

`<id:pk>` matches 1 to 18 ASCII digits. Django's `<int:pk>` takes any run of digits, and a
5,000-digit id reached the database (an overflow there, a 500 here). Eighteen digits stay
below a 64-bit key's maximum, so an id the database cannot hold is a 404 before any query.

`<study:slug>` matches a Unicode slug (letters and digits of any script, `-`, `_`) of at most
STUDY_SLUG_MAX characters: a Persian title's slug (`تدوین-راهبردهای-تهران`), which Django's
`<slug:…>` (ASCII only) would not find. The browser sends it percent-encoded; Django decodes
the path before matching.
"""

from planning.limits import STUDY_SLUG_MAX
from planning.params import MAX_DIGITS


class RecordIdConverter:
    regex = f"[0-9]{{1,{MAX_DIGITS}}}"  # what planning.params.record_id reads from a query

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


class StudySlugConverter:
    regex = rf"[-\w]{{1,{STUDY_SLUG_MAX}}}"  # as SlugField(allow_unicode=True) validates

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
