from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from planning.constraints import length_at_most
from planning.history import PlanningHistory
from planning.limits import (
    CAPTION_MAX,
    DOCUMENT_NUMBER_MAX,
    HEADING_MAX,
    ITEM_TEXT_MAX,
    NOTE_MAX,
    STUDY_SLUG_MAX,
    STUDY_SOURCE_MAX,
)
from planning.rules import check_kind_change
from planning.text import NormalizesText
from planning.vocabulary import DISPLAY_ORDER, INTERNAL_KINDS, Kind


class StudyQuerySet(models.QuerySet):
    def live(self) -> "StudyQuerySet":
        """The studies not in the bin: the only ones the app's pages, reports and History show."""
        return self.filter(deleted_at__isnull=True)

    def in_bin(self) -> "StudyQuerySet":
        return self.filter(deleted_at__isnull=False)


class Study(NormalizesText, models.Model):
    """One strategic-planning study: a city's SWOT factors, TOWS strategies and action programs.

    Deleting a study in the admin moves it to the bin (`deleted_at`): it is gone from every page
    (a 404) but kept whole, History included, until an admin brings it back or deletes it for
    good. `loaded_at` is when a study file was last loaded into it (studyfile/load.py): a change
    recorded after it is an analyst's edit, which `load_study --replace` will not drop silently.
    """

    class Language(models.TextChoices):
        PERSIAN = "fa", "فارسی"
        ENGLISH = "en", "English"

    # Letters of any script: a Persian title makes a Persian slug (swot/forms.py).
    slug = models.SlugField(_("slug"), max_length=STUDY_SLUG_MAX, unique=True, allow_unicode=True)
    title = models.CharField(_("title"), max_length=300)
    city = models.CharField(_("city"), max_length=120)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    source = models.TextField(_("source citation"), max_length=STUDY_SOURCE_MAX, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=Language.choices, default=Language.PERSIAN
    )
    deleted_at = models.DateTimeField(_("moved to the bin"), null=True, blank=True, editable=False)
    loaded_at = models.DateTimeField(
        _("loaded from a study file"), null=True, blank=True, editable=False
    )
    history = PlanningHistory()  # every save and delete, who and when: planning/history.py
    normalized_fields = ("title", "city", "subject", "source")  # planning/text.py

    objects = StudyQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("study")
        verbose_name_plural = _("studies")
        constraints = [
            length_at_most(
                "source", _("The source citation"), STUDY_SOURCE_MAX, "study_source_length"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("study", args=[self.slug])

    @property
    def is_rtl(self) -> bool:
        return self.language == self.Language.PERSIAN

    @property
    def in_bin(self) -> bool:
        return self.deleted_at is not None


class Factor(NormalizesText, models.Model):
    """A SWOT factor. Its code (S3, O10) is its kind and its number within that kind."""

    Kind = Kind  # the vocabulary's, planning/vocabulary.py
    INTERNAL_KINDS = INTERNAL_KINDS
    DISPLAY_ORDER = DISPLAY_ORDER

    study = models.ForeignKey(
        Study, on_delete=models.CASCADE, related_name="factors", verbose_name=_("study")
    )
    kind = models.CharField(_("kind"), max_length=1, choices=Kind.choices)
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"), max_length=ITEM_TEXT_MAX)
    note = models.TextField(_("note"), max_length=NOTE_MAX, blank=True)
    # Bumped on every save of the text: a save from a form opened on an older version is
    # stale (someone else saved in between) and is refused instead of overwriting.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = PlanningHistory()  # every save and delete, who and when: planning/history.py
    normalized_fields = ("text", "note")  # planning/text.py

    class Meta:
        ordering = ["study", "kind", "number"]
        verbose_name = _("factor")
        verbose_name_plural = _("factors")
        constraints = [
            models.UniqueConstraint(
                fields=["study", "kind", "number"], name="factor_code_unique_in_study"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=["S", "W", "O", "T"]), name="factor_kind_is_swot"
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="factor_number_positive"
            ),
            length_at_most("text", _("A factor's text"), ITEM_TEXT_MAX, "factor_text_length"),
            length_at_most("note", _("A factor's note"), NOTE_MAX, "factor_note_length"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.text}"

    @property
    def code(self) -> str:
        return f"{self.kind}{self.number}"

    @property
    def is_internal(self) -> bool:
        return self.kind in self.INTERNAL_KINDS

    def clean(self) -> None:
        super().clean()
        if self.pk is None:
            return
        # The strategies citing it, through the reverse relation (strategies sits above swot).
        citing = self.citations.order_by("strategy__quadrant", "strategy__number").values_list(
            "strategy__quadrant", "strategy__number"
        )
        check_kind_change(self.kind, [(q, f"{q}{n}") for q, n in citing])


class ReportStyle(NormalizesText, models.Model):
    """How a study's report is printed: its captions, headings and footnote in the source's own
    words, the order its citations list the kinds in, its typeface and its document number.

    A blank text means the report's default wording (reports/labels.py) in the study's
    language; a study without a ReportStyle row is printed with every default.
    """

    class Typeface(models.TextChoices):
        MODERN = "vazirmatn", _("Vazirmatn (modern sans-serif)")
        NASKH = "naskh", _("Amiri (classic naskh)")

    class CitationOrder(models.TextChoices):
        INTERNAL_FIRST = "internal", _("Internal factors first: (S1,2 O3)")
        EXTERNAL_FIRST = "external", _("External factors first: (O3 S1,2)")

    study = models.OneToOneField(
        Study, on_delete=models.CASCADE, related_name="report_style", verbose_name=_("study")
    )
    typeface = models.CharField(
        _("typeface"), max_length=16, choices=Typeface.choices, default=Typeface.MODERN
    )
    citation_order = models.CharField(
        _("citation order"),
        max_length=8,
        choices=CitationOrder.choices,
        default=CitationOrder.INTERNAL_FIRST,
    )
    document_number = models.CharField(
        _("document number"), max_length=DOCUMENT_NUMBER_MAX, blank=True
    )
    table1_caption = models.CharField(_("Table 1 caption"), max_length=CAPTION_MAX, blank=True)
    table2_caption = models.CharField(_("Table 2 caption"), max_length=CAPTION_MAX, blank=True)
    table3_caption = models.CharField(_("Table 3 caption"), max_length=CAPTION_MAX, blank=True)
    strengths_heading = models.CharField(_("strengths heading"), max_length=HEADING_MAX, blank=True)
    opportunities_heading = models.CharField(
        _("opportunities heading"), max_length=HEADING_MAX, blank=True
    )
    weaknesses_heading = models.CharField(
        _("weaknesses heading"), max_length=HEADING_MAX, blank=True
    )
    threats_heading = models.CharField(_("threats heading"), max_length=HEADING_MAX, blank=True)
    group_heading = models.CharField(
        _("Table 3 group column heading"), max_length=HEADING_MAX, blank=True
    )
    strategy_heading = models.CharField(
        _("Table 3 strategy column heading"), max_length=HEADING_MAX, blank=True
    )
    program_heading = models.CharField(
        _("Table 3 program column heading"), max_length=HEADING_MAX, blank=True
    )
    table3_footnote = models.TextField(_("Table 3 footnote"), max_length=NOTE_MAX, blank=True)
    history = PlanningHistory()  # every save and delete, who and when: planning/history.py
    normalized_fields = (
        "document_number",
        "table1_caption",
        "table2_caption",
        "table3_caption",
        "strengths_heading",
        "opportunities_heading",
        "weaknesses_heading",
        "threats_heading",
        "group_heading",
        "strategy_heading",
        "program_heading",
        "table3_footnote",
    )  # planning/text.py
    # The texts a study file's `report:` mapping may set, by their keys there.
    WORDING_FIELDS = normalized_fields[1:]

    class Meta:
        ordering = ["study"]
        verbose_name = _("report style")
        verbose_name_plural = _("report styles")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(typeface__in=["vazirmatn", "naskh"]),
                name="report_style_typeface_known",
            ),
            models.CheckConstraint(
                condition=models.Q(citation_order__in=["internal", "external"]),
                name="report_style_citation_order_known",
            ),
            length_at_most(
                "table3_footnote",
                _("The Table 3 footnote"),
                NOTE_MAX,
                "report_style_footnote_length",
            ),
        ]

    def __str__(self) -> str:
        return str(self.study)
