"""A save that changes nothing writes no history row: an analyst saving a factor, strategy or
action form as it was, an admin saving a factor unchanged, a script saving a row as read. A save
that changes something writes one, as before (planning.history.PlanningHistory)."""

import pytest
from django.test import Client
from django.urls import reverse

from actions.models import Action
from planning.history import REPLACED
from swot.models import Factor
from tests.audit.reading import history
from tests.factories import UserFactory
from tests.helpers import factor, strategy

pytestmark = pytest.mark.django_db


def factor_s4(study):
    return factor(study, "S4"), "factor-edit"


def strategy_so1(study):
    return strategy(study, "SO1"), "strategy-edit"


def summit(study):
    return Action.objects.get(study=study, text="Hold a summit"), "action-edit"


@pytest.fixture(params=[factor_s4, strategy_so1, summit], ids=["factor", "strategy", "action"])
def item(request, study):
    """A factor, strategy or action of the small study, and the name of its edit view."""
    return request.param(study)


def form_as_shown(item) -> dict:
    """What the edit form posts when saved as it was opened."""
    data = {"text": item.text, "version": item.version}
    if hasattr(item, "note"):
        data["note"] = item.note
    return data


def test_saving_an_edit_form_unchanged_writes_no_row(analyst, study, item):
    item, view = item
    rows = item.history.count()
    listed = len(history(analyst, study))

    saved = analyst.post(reverse(view, args=[item.pk]), form_as_shown(item))

    assert saved.status_code == 302
    assert item.history.count() == rows
    assert len(history(analyst, study)) == listed


def test_saving_an_edit_form_with_a_changed_text_writes_one_row(analyst, study, item):
    item, view = item
    rows = item.history.count()

    saved = analyst.post(reverse(view, args=[item.pk]), form_as_shown(item) | {"text": "New"})

    assert saved.status_code == 302
    assert item.history.count() == rows + 1
    assert item.history.latest("history_id").text == "New"
    # Then saved again as it now is: nothing more.
    item.refresh_from_db()
    assert analyst.post(reverse(view, args=[item.pk]), form_as_shown(item)).status_code == 302
    assert item.history.count() == rows + 1


def test_a_text_that_normalises_to_the_same_text_is_no_change(analyst, study):
    s4 = factor(study, "S4")
    rows = s4.history.count()
    padded = form_as_shown(s4) | {"text": f"  {s4.text.replace(' ', '   ')}\n"}  # spaces

    assert analyst.post(reverse("factor-edit", args=[s4.pk]), padded).status_code == 302

    assert s4.history.count() == rows


def test_saving_a_factor_unchanged_in_the_admin_writes_no_row(study):
    admin = Client()
    user = UserFactory(is_staff=True)
    user.groups.add(user.groups.model.objects.get(name="admin"))
    admin.force_login(user)
    s4 = factor(study, "S4")
    rows = s4.history.count()
    url = reverse("admin:swot_factor_change", args=[s4.pk])
    fields = {"study": study.pk, "kind": s4.kind, "number": s4.number, "text": s4.text, "note": ""}

    assert admin.post(url, fields).status_code == 302
    assert s4.history.count() == rows
    assert admin.post(url, fields | {"note": "From the admin"}).status_code == 302
    assert s4.history.count() == rows + 1
    assert s4.history.latest("history_id").note == "From the admin"


def test_a_row_saved_as_read_writes_no_row_but_one_built_over_it_or_given_a_reason_does(study):
    s4 = factor(study, "S4")
    rows = s4.history.count()

    Factor.objects.get(pk=s4.pk).save()  # e.g. the shell
    assert s4.history.count() == rows

    # Built with its pk rather than read: nothing to compare with, so recorded.
    Factor(pk=s4.pk, study=study, kind="S", number=4, text=s4.text, version=s4.version).save()
    assert s4.history.count() == rows + 1

    # A save with a reason is an event of its own (e.g. a study replaced by the same file).
    again = Factor.objects.get(pk=s4.pk)
    again._change_reason = REPLACED
    again.save()
    assert s4.history.count() == rows + 2
