"""An analyst's whole-study tools that go through study files: duplicating a study, and loading
a study file into a new study (the admin's "Load a study file", without replacing)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from studyfile.admin import StudyFileForm, summary_either_way
from studyfile.duplicate import duplicate_study
from studyfile.load import load_study
from studyfile.schema import StudyFileError, parse_study_file
from swot.access import get_study, require_edit


class NewStudyFileForm(StudyFileForm):
    """The admin's form (its size check) without "Replace": from the app a file makes a new
    study only; replacing one, which deletes its items, is the admin's."""

    replace = None


@login_required
@require_POST
def study_duplicate(request: HttpRequest, slug: str) -> HttpResponse:
    """Copy the study as a new one and open the copy's details, to rename it."""
    study = get_study(request, slug, write=True)
    try:
        copy = duplicate_study(study)
    except StudyFileError as exc:  # e.g. the copy's slug taken at the same moment
        messages.error(request, _("The study could not be duplicated: %(why)s") % {"why": exc})
        return redirect("study-details", study.slug)
    messages.success(
        request,
        _(
            "This is a copy of “%(title)s”, with all its factors, strategies and actions. Give it "
            "its own title, year and slug below."
        )
        % {"title": study.title},
    )
    return redirect("study-details", copy.slug)


@login_required
@require_http_methods(["GET", "POST"])
def study_load(request: HttpRequest) -> HttpResponse:
    """Load a study file (YAML or JSON) as a new study, with the loader's checks: a bad file
    loads nothing, and the message names the record."""
    require_edit(request)
    form = NewStudyFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = load_study(parse_study_file(upload.read(), upload.name))
        except StudyFileError as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, summary_either_way(result))
            return redirect("study-details", result.study.slug)  # the page that shows it
    status = 400 if form.errors else 200
    return render(request, "studyfile/load.html", {"form": form}, status=status)
