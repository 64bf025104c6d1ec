"""The list of studies, and creating one."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from swot.access import require_edit
from swot.forms import StudyForm
from swot.models import Study


@login_required
@require_http_methods(["GET", "POST"])
def study_list(request: HttpRequest) -> HttpResponse:
    form = StudyForm()
    if request.method == "POST":
        require_edit(request)
        form = StudyForm(request.POST)
        if form.is_valid():
            study = form.save()
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
