"""Render time of the PDF reports, and how much of it is WeasyPrint's own.

    .venv/bin/python bench/report_bench.py [--runs 7] [--scale 20] [--keep DIR]

In a scratch SQLite database it loads the Mashhad study and generates a study `--scale`
times larger (its factors, strategies, citations, actions and links copied that many times,
numbered on). For the combined report of each it prints:

- ours: the whole path of a download, from the study to the PDF bytes (four queries, the
  templates, WeasyPrint with the stylesheet and fonts read from disk), median of `--runs`;
- WeasyPrint alone: the identical HTML, saved to disk, typeset by WeasyPrint's own API with
  the same stylesheet file (`HTML(filename=…).write_pdf(stylesheets=[CSS(filename=…)])`);
- our overhead: the ratio of the two medians (the runs alternate, so both see the same load);
- pages, seconds per page, and the peak memory of a process that renders the report once
  (its peak resident size, and how much that grew from before the render).

Nothing here is a test: timings depend on the machine. The figures go in the README.
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(database: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    import django  # noqa: PLC0415 -- after setup_django()

    django.setup()


def load_studies(scale: int) -> tuple[str, str]:
    """Load Mashhad and a copy `scale` times its size; return both slugs."""
    from django.core.management import call_command  # noqa: PLC0415 -- after setup_django()
    from django.db import transaction  # noqa: PLC0415 -- after setup_django()

    from actions.models import Action, ActionLink  # noqa: PLC0415 -- after setup_django()
    from strategies.models import Citation, Strategy  # noqa: PLC0415 -- after setup_django()
    from swot.models import Factor, Study  # noqa: PLC0415 -- after setup_django()

    call_command("migrate", verbosity=0)
    call_command(
        "load_study", str(ROOT / "fixtures/mashhad-city-diplomacy.yaml"), stdout=io.StringIO()
    )
    mashhad = Study.objects.get(slug="mashhad-city-diplomacy")

    with transaction.atomic():
        big = Study.objects.create(
            slug=f"mashhad-x{scale}",
            title=f"{mashhad.title} (×{scale})",
            city=mashhad.city,
            subject=mashhad.subject,
            source=mashhad.source,
            language=mashhad.language,
        )
        factors = list(mashhad.factors.order_by("kind", "number"))
        per_kind = {k: sum(1 for f in factors if f.kind == k) for k in "SWOT"}
        new_factors = Factor.objects.bulk_create(
            Factor(study=big, kind=f.kind, number=copy * per_kind[f.kind] + f.number, text=f.text)
            for copy in range(scale)
            for f in factors
        )
        factor_id = {(f.kind, f.number): f.pk for f in new_factors}

        strategies = list(mashhad.strategies.prefetch_related("factors", "action_links"))
        per_quadrant = {
            q: sum(1 for s in strategies if s.quadrant == q) for q in ["SO", "WO", "ST", "WT"]
        }
        actions = list(mashhad.actions.order_by("pk"))
        new_actions = Action.objects.bulk_create(
            Action(study=big, text=a.text) for _copy in range(scale) for a in actions
        )
        action_id = {
            (copy, a.pk): new_actions[copy * len(actions) + i].pk
            for copy in range(scale)
            for i, a in enumerate(actions)
        }
        new_strategies = Strategy.objects.bulk_create(
            Strategy(
                study=big,
                quadrant=s.quadrant,
                number=copy * per_quadrant[s.quadrant] + s.number,
                text=s.text,
                note=s.note,
            )
            for copy in range(scale)
            for s in strategies
        )
        citations, links = [], []
        for i, new in enumerate(new_strategies):
            copy, old = divmod(i, len(strategies))
            old = strategies[old]
            citations += [
                Citation(
                    strategy=new,
                    factor_id=factor_id[(f.kind, copy * per_kind[f.kind] + f.number)],
                )
                for f in old.factors.all()
            ]
            links += [
                ActionLink(
                    strategy=new,
                    action_id=action_id[(copy, link.action_id)],
                    position=link.position,
                )
                for link in old.action_links.all()
            ]
        Citation.objects.bulk_create(citations)
        ActionLink.objects.bulk_create(links)
    return mashhad.slug, big.slug


def ours(slug: str) -> tuple[float, float, int]:
    """A download's work: the study, the report data, the HTML, the PDF."""
    from reports.render import render_report_pdf  # noqa: PLC0415 -- after setup_django()
    from swot.models import Study  # noqa: PLC0415 -- after setup_django()

    wall, cpu = time.perf_counter(), time.process_time()
    rendered = render_report_pdf(Study.objects.get(slug=slug), "combined")
    return time.perf_counter() - wall, time.process_time() - cpu, rendered.pages


def weasyprint_alone(html_path: Path, css_path: Path) -> tuple[float, float, int]:
    """WeasyPrint's own API on the saved HTML and the same stylesheet file."""
    from weasyprint import CSS, HTML  # noqa: PLC0415 -- WeasyPrint alone, loaded when it is timed
    from weasyprint.text.fonts import FontConfiguration  # noqa: PLC0415 -- WeasyPrint alone, loaded when it is timed

    wall, cpu = time.perf_counter(), time.process_time()
    font_config = FontConfiguration()
    css = CSS(filename=str(css_path), font_config=font_config)
    document = HTML(filename=str(html_path)).render(stylesheets=[css], font_config=font_config)
    document.write_pdf()
    return time.perf_counter() - wall, time.process_time() - cpu, len(document.pages)


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_memory(slug: str, database: Path) -> tuple[float, float]:
    """Peak resident size of a fresh process (Django and WeasyPrint loaded) that renders the
    report once, and how much it grew during the render, in MB."""
    out = subprocess.run(
        [sys.executable, __file__, "--memory-of", slug, "--database", str(database)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    peak, growth = map(float, out.split())
    return peak, growth


def memory_child(slug: str, database: Path) -> None:
    setup_django(database)
    import weasyprint  # noqa: F401, PLC0415 -- loaded as in a server that has rendered before

    gc.collect()
    before = rss_mb()
    ours(slug)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(peak, peak - before)


def measure(slug: str, runs: int, keep: Path, database: Path) -> dict:
    from reports.data import build_report  # noqa: PLC0415 -- after setup_django()
    from reports.render import render_report_html, stylesheet_path  # noqa: PLC0415 -- after setup_django()
    from swot.models import Study  # noqa: PLC0415 -- after setup_django()

    html = render_report_html(build_report(Study.objects.get(slug=slug)), "combined")
    html_path = keep / f"{slug}-combined.html"
    html_path.write_text(html, encoding="utf-8")
    css_path = stylesheet_path()

    ours(slug)  # warm up both (imports, font files in the page cache)
    weasyprint_alone(html_path, css_path)
    mine, alone = [], []
    for _ in range(runs):
        mine.append(ours(slug))
        alone.append(weasyprint_alone(html_path, css_path))
    assert mine[0][2] == alone[0][2], "the two paths must typeset the same pages"

    peak, growth = peak_memory(slug, database)

    pages = mine[0][2]
    median = statistics.median(t for t, _, _ in mine)
    median_alone = statistics.median(t for t, _, _ in alone)
    return {
        "slug": slug,
        "pages": pages,
        "ours": median,
        "ours_min": min(t for t, _, _ in mine),
        "ours_cpu": statistics.median(c for _, c, _ in mine),
        "alone": median_alone,
        "alone_min": min(t for t, _, _ in alone),
        "alone_cpu": statistics.median(c for _, c, _ in alone),
        "per_page": median / pages,
        "overhead": median / median_alone,
        "peak_rss": peak,
        "rss_growth": growth,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each (default 7)")
    parser.add_argument("--scale", type=int, default=20, help="size of the large study (20)")
    parser.add_argument("--keep", type=Path, help="keep the HTML and the database here")
    parser.add_argument("--memory-of", help=argparse.SUPPRESS)
    parser.add_argument("--database", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_of:
        memory_child(args.memory_of, args.database)
        return

    scratch = args.keep or Path(tempfile.mkdtemp(prefix="report-bench-"))
    scratch.mkdir(parents=True, exist_ok=True)
    database = scratch / "bench.sqlite3"
    database.unlink(missing_ok=True)
    setup_django(database)
    slugs = load_studies(args.scale)

    import weasyprint  # noqa: PLC0415 -- for its version, once loaded

    print(
        f"Python {sys.version.split()[0]}, WeasyPrint {weasyprint.__version__}, "
        f"{os.cpu_count()} CPUs; median of {args.runs} runs (wall clock; CPU time in brackets)"
    )
    header = (
        f"{'report':<34}{'pages':>6}{'ours s':>16}{'s/page':>8}"
        f"{'WeasyPrint alone s':>22}{'overhead':>10}{'peak RSS MB':>13}{'growth MB':>11}"
    )
    print(header)
    print("-" * len(header))
    for slug in slugs:
        r = measure(slug, args.runs, scratch, database)
        print(
            f"{slug + ' combined':<34}{r['pages']:>6}"
            f"{r['ours']:>8.3f} ({r['ours_cpu']:.3f}){r['per_page']:>8.3f}"
            f"{r['alone']:>14.3f} ({r['alone_cpu']:.3f}){r['overhead']:>9.2f}×"
            f"{r['peak_rss']:>13.0f}{r['rss_growth']:>11.0f}"
        )
        sys.stdout.flush()
    if not args.keep:
        for path in scratch.iterdir():
            path.unlink()
        scratch.rmdir()


if __name__ == "__main__":
    main()
