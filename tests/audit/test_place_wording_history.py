"""A place's own wording or footnote (ActionLink.wording) changed is listed as what it is, with
its before → after, not as a move."""

import pytest

from actions.models import ActionLink
from tests.audit.reading import history

pytestmark = pytest.mark.django_db


def test_a_places_new_wording_is_listed_as_reworded_with_before_and_after(analyst, study):
    office = ActionLink.objects.get(action__text="Open an office")
    office.wording = "Open a liaison office"
    office.save()

    [latest] = history(analyst, study)[:1]

    assert latest["what"] == "Action “Open an office” reworded in SO1"
    assert "Open a liaison office" in latest["changes"]
    assert "Position" not in latest["changes"]


def test_a_places_move_is_still_listed_as_a_move(analyst, study):
    office = ActionLink.objects.get(action__text="Open an office")
    office.position = 99
    office.save()

    [latest] = history(analyst, study)[:1]

    assert latest["what"] == "Action “Open an office” moved in SO1"
    assert latest["changes"].endswith("→ 99")
