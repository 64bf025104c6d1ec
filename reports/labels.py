"""What a report prints that does not come from the database: its headings and page furniture.

The texts are the project's translations (context "report" in `locale/*/LC_MESSAGES/django.po`),
so `report_labels()` answers in the active language: `build_report` calls it inside
`planning.language.in_study_language(study.language)`, the way the History page prints in a
study's language whatever the menus around it are in.
"""

from __future__ import annotations

from django.utils.translation import pgettext


def report_labels() -> dict[str, str]:
    """The report's labels in the active language, by the names the templates use."""
    return {
        "report": pgettext("report", "Strategies and action programs"),
        "city": pgettext("report", "City"),
        "subject": pgettext("report", "Subject"),
        "year": pgettext("report", "Year"),
        "source": pgettext("report", "Source"),
        "generated": pgettext("report", "Generated"),
        "document_number": pgettext("report", "Document No."),
        "logo": pgettext("report", "Logo"),
        "contents": pgettext("report", "Contents"),
        "page": pgettext("report", "Page"),
        # Translators: "Page 3 of 9" in the page footer.
        "of": pgettext("report", "of"),
        "table": pgettext("report", "Table"),
        # Translators: between a table's number and its title: "Table 3. Strategies …".
        "table_sep": pgettext("report", ". "),
        "table1": pgettext("report", "Capacities and potentials (strengths and opportunities)"),
        "table2": pgettext("report", "Challenges and problems (weaknesses and threats)"),
        "table3": pgettext("report", "Strategies and their action programs"),
        "combined": pgettext("report", "Full report"),
        "matrix": pgettext("report", "TOWS matrix"),
        # Translators: the last line of a list too long for the one-page TOWS matrix.
        "matrix_more": pgettext("report", "… and %(count)s more"),
        "number": pgettext("report", "No."),
        "S": pgettext("report", "Strengths (S)"),
        "W": pgettext("report", "Weaknesses (W)"),
        "O": pgettext("report", "Opportunities (O)"),
        "T": pgettext("report", "Threats (T)"),
        "quadrant": pgettext("report", "Group"),
        "strategy": pgettext("report", "Strategy"),
        "actions": pgettext("report", "Action program"),
        # Translators: heads the rows that continue a strategy's program on the next page.
        "continued": pgettext("report", "%(code)s, continued"),
        "SO": pgettext("report", "SO strategies"),
        "WO": pgettext("report", "WO strategies"),
        "ST": pgettext("report", "ST strategies"),
        "WT": pgettext("report", "WT strategies"),
        "SO_hint": pgettext("report", "strength–opportunity"),
        "WO_hint": pgettext("report", "weakness–opportunity"),
        "ST_hint": pgettext("report", "strength–threat"),
        "WT_hint": pgettext("report", "weakness–threat"),
        "note": pgettext("report", "Note"),
        "shared_footnote": pgettext(
            "report",
            "Some actions serve several strategies and are therefore repeated under each of them.",
        ),
        "no_factors": pgettext("report", "None recorded."),
        "no_strategies": pgettext("report", "No strategies recorded."),
        "no_actions": pgettext("report", "No actions recorded."),
        "download": pgettext("report", "Download PDF"),
        "download_combined": pgettext("report", "Download the full report (PDF)"),
        "back": pgettext("report", "Back to the study"),
        "preview": pgettext("report", "Print preview"),
        # The part "Evaluation": David's tools (reports/_evaluation.html).
        "evaluation": pgettext("report", "Evaluation"),
        "no_evaluation": pgettext("report", "No evaluation recorded."),
        "ife": pgettext("report", "Internal factor evaluation (IFE) matrix"),
        "efe": pgettext("report", "External factor evaluation (EFE) matrix"),
        "code": pgettext("report", "Code"),
        "factor": pgettext("report", "Factor"),
        "weight": pgettext("report", "Weight"),
        "rating": pgettext("report", "Rating"),
        "weighted_score": pgettext("report", "Weighted score"),
        "total": pgettext("report", "Total"),
        "weight_sum": pgettext("report", "Sum of weights"),
        # Translators: after a sum of weights that is not 1.00: "off by +0.001".
        "off_by": pgettext("report", "off by %(off)s"),
        "provisional_matrix": pgettext(
            "report",
            "Provisional: the weights do not sum to 1.00 or a factor is not weighted and rated.",
        ),
        "flagged": pgettext(
            "report", "* A strength rated 1–2 or a weakness rated 3–4: check the rating."
        ),
        "position": pgettext("report", "Strategic position"),
        "ie_matrix": pgettext("report", "Internal-external (IE) matrix"),
        "space": pgettext("report", "Strategic position and action evaluation (SPACE) matrix"),
        "dimension": pgettext("report", "Dimension"),
        "variables": pgettext("report", "Variables"),
        # Translators: between the items of a list in a sentence: "Brand (−4), Hotels (−5)".
        "list_sep": pgettext("report", ", "),
        "mean": pgettext("report", "Mean"),
        # Translators: the SPACE table's last rows; x = CP + IP, y = FP + SP.
        "space_scale": pgettext("report", "Scale ±%(scale)s"),
        "dim_FP": pgettext("report", "Financial position (FP)"),
        "dim_IP": pgettext("report", "Industry position (IP)"),
        "dim_SP": pgettext("report", "Stability position (SP)"),
        "dim_CP": pgettext("report", "Competitive position (CP)"),
        "qspm": pgettext("report", "Quantitative strategic planning matrix (QSPM)"),
        "rank": pgettext("report", "Rank"),
        "attractiveness": pgettext("report", "Total attractiveness score"),
        "qspm_incomplete": pgettext(
            "report", "Provisional: a scored factor has no weight (its row is left out)."
        ),
    }
