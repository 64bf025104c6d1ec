"""The PDFs of a study's report, one per study, part and revision, typeset by a task worker.

A revision is the digest of what WeasyPrint would be given: the report's HTML (the study's
texts, numbering and the report's date) and the report stylesheet. Building the HTML takes
milliseconds; typesetting it takes seconds, so a request builds the HTML, and either finds the
PDF of that digest here or queues one (reports/files.py, reports/tasks.py).

The PDF's bytes are kept in the database, not under MEDIA_ROOT: the web servers and the workers
share the database (PostgreSQL) and need no shared disk, a study's files go with it when it is
deleted, and a report is a few hundred kilobytes, of which a handful per study and part are kept
(KEEP_FILES).
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from planning.limits import LOGO_MAX_BYTES, ORGANISATION_MAX
from planning.text import NormalizesText
from swot.models import Study

# How many finished files (ready or failed) of one study and part are kept; older ones go.
KEEP_FILES = 3
# A render still "running" after this long died with its worker: it may be tried again.
RENDER_TIMEOUT = dt.timedelta(minutes=15)
ERROR_MAX_CHARS = 500


class ReportFile(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("being typeset")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="report_files")
    part = models.CharField(max_length=16)  # reports.render.PARTS
    digest = models.CharField(max_length=64, help_text="SHA-256 of the HTML and stylesheet")
    day = models.DateField(help_text="the report's date, in its file name")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    # What WeasyPrint is given: kept until the PDF is made, so the PDF is of this revision
    # even when the study changes while it waits in the queue.
    html = models.TextField(blank=True)
    pdf = models.BinaryField(blank=True, default=b"")
    size = models.PositiveIntegerField(default=0)
    pages = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=ERROR_MAX_CHARS, blank=True)
    created = models.DateTimeField(default=timezone.now)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["study", "part", "digest"], name="reports_file_one_per_revision"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.study.slug} {self.part} {self.digest[:12]} ({self.status})"

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY

    @property
    def is_stalled(self) -> bool:
        """Running for longer than any render takes: its worker died (or was stopped)."""
        return (
            self.status == self.Status.RUNNING
            and self.started is not None
            and timezone.now() - self.started > RENDER_TIMEOUT
        )

    @property
    def has_failed(self) -> bool:
        return self.status == self.Status.FAILED or self.is_stalled

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING) and not self.is_stalled


class Letterhead(NormalizesText, models.Model):
    """The organisation's name and logo, printed at the top of every report's title page.

    One row for the whole installation (its pk is 1), set by an admin; without it a title page
    has no letterhead. The logo's bytes are kept in the database, as the PDFs are (see above).
    """

    class LogoType(models.TextChoices):
        PNG = "image/png", "PNG"
        JPEG = "image/jpeg", "JPEG"

    organisation = models.CharField(_("organisation"), max_length=ORGANISATION_MAX)
    logo = models.BinaryField(_("logo"), blank=True, default=b"", max_length=LOGO_MAX_BYTES)
    logo_type = models.CharField(
        _("logo type"), max_length=16, choices=LogoType.choices, blank=True
    )
    normalized_fields = ("organisation",)  # planning/text.py

    class Meta:
        verbose_name = _("letterhead")
        verbose_name_plural = _("letterhead")
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="reports_letterhead_only_one"),
            models.CheckConstraint(
                condition=models.Q(logo_type__in=["", "image/png", "image/jpeg"]),
                name="reports_letterhead_logo_type_known",
            ),
        ]

    def __str__(self) -> str:
        return self.organisation

    def save(self, *args, **kwargs) -> None:
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def current(cls) -> Letterhead | None:
        return cls.objects.filter(pk=1).first()
