"""The History page reads in the study's language: here the small study is English, and the
analyst and reader read the menus in English too (tests that need Persian menus log in anew)."""

import pytest

from swot.models import Study
from tests.helpers import small_matrix_study


@pytest.fixture
def study(db):
    return small_matrix_study(Study.Language.ENGLISH)


@pytest.fixture
def analyst(analyst):
    analyst.cookies["django_language"] = "en"
    return analyst


@pytest.fixture
def reader(reader):
    reader.cookies["django_language"] = "en"
    return reader
