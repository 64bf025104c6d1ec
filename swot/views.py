"""The list of studies and creating one; a study's details page and moving it to the bin."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from swot.access import get_study, require_edit
from swot.changes import move_studies_to_bin
from swot.details import save_study_details
from swot.forms import DETAIL_FIELDS, StudyDetailsForm, StudyForm, details_stamp
from swot.models import Study


def slug_taken_meanwhile(form: StudyForm) -> None:
    """Another study took the slug between the form's check and the save (two saves at the
    same moment): the unique index refused it; the form says so instead of a 500."""
    form.add_error(
        "slug",
        _("Another study took the slug “%(slug)s” at the same moment: choose another.")
        % {"slug": form.cleaned_data.get("slug", "")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def study_list(request: HttpRequest) -> HttpResponse:
    form = StudyForm()
    if request.method == "POST":
        require_edit(request)
        form = StudyForm(request.POST)
        if form.is_valid():
            try:
                with transaction.atomic():
                    study = form.save()
            except IntegrityError:
                slug_taken_meanwhile(form)
            else:
                if request.htmx:
                    response = HttpResponse(status=204)
                    response["HX-Redirect"] = study.get_absolute_url()
                    return response
                return redirect(study)
    studies = Study.objects.live().annotate(
        factor_count=Count("factors", distinct=True),
        strategy_count=Count("strategies", distinct=True),
    )
    template = "swot/study_list.html#study-form" if request.htmx else "swot/study_list.html"
    return render(request, template, {"studies": studies, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def study_details(request: HttpRequest, slug: str) -> HttpResponse:
    """An analyst edits the study's details; the page also offers to duplicate the study and
    to move it to the bin. A council member is refused (403), reading it included."""
    study = get_study(request, slug, write=True)
    form, theirs, status = StudyDetailsForm(instance=study), [], 200
    if request.method == "POST":
        form = StudyDetailsForm(request.POST, instance=study)
        if form.is_valid():
            try:
                now = save_study_details(form)
            except IntegrityError:
                slug_taken_meanwhile(form)
            else:
                if now is None:
                    messages.success(request, _("The study's details were saved."))
                    return redirect("study-details", form.instance.slug)
                theirs = changed_details(form, now)
                form, status = conflict_form(form, now), 409
        # The page's heading shows the study as stored, not as the form left the instance.
        study = Study.objects.get(pk=study.pk)
    context = {"study": study, "form": form, "theirs": theirs}
    return render(request, "swot/study_details.html", context, status=status)


def conflict_form(form: StudyDetailsForm, theirs: Study) -> StudyDetailsForm:
    """The analyst's typing again, now based on the details as they are: saving it replaces
    theirs."""
    data = form.data.copy()
    data["stamp"] = details_stamp(theirs)
    return StudyDetailsForm(data, instance=theirs)


def changed_details(form: StudyDetailsForm, theirs: Study) -> list[tuple[str, str]]:
    """(label, their value) of each detail that someone else saved and this form has
    otherwise: what the analyst is shown before saving again."""
    shown = {"language": theirs.get_language_display(), "year": theirs.year or "—"}
    return [
        (form.fields[name].label, shown.get(name, getattr(theirs, name)))
        for name in DETAIL_FIELDS
        if getattr(theirs, name) != getattr(form.instance, name)
    ]


@login_required
@require_http_methods(["GET", "POST"])
def study_delete(request: HttpRequest, slug: str) -> HttpResponse:
    """GET: what deleting does, and a button to confirm. POST: the study moves to the bin
    (swot.changes): gone from every page for everyone, until an admin brings it back."""
    study = get_study(request, slug, write=True)
    if request.method == "POST":
        move_studies_to_bin([study.pk])
        messages.success(
            request,
            _(
                "The study “%(title)s” was moved to the bin. An administrator can bring it "
                "back, with its History."
            )
            % {"title": study.title},
        )
        return redirect("study-list")
    return render(request, "swot/study_delete.html", {"study": study})
