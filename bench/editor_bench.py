"""Server time of the matrix editor's page and fragments, from the Mashhad study to 50× it.

    .venv/bin/python bench/editor_bench.py [--scales 1,10,50] [--runs 15] [--keep]

Each study is made by `generate_study` (the Mashhad study copied N times). Requests go
through the whole Django stack in this one process (Django's test client: every middleware,
the session, the views, the templates), with DEBUG off, as an analyst and as a council
member. On SQLite in a scratch file, or on the database of `DATABASE_URL` (PostgreSQL), where
the bench's studies and users are removed afterwards.

For each request it prints the median (p50) and p95 of `--runs` timings, the queries, the
bytes, and the ratio of the median to the floor: `/healthz/`, a trivial view of ours through
the same middleware, timed alternately with the request so both see the same load. Cold: an
edit lands before every timed request (a factor's note saved, as an analyst's save would), so
no cache could answer; warm: the same request again with nothing changed in between. The
targets are on cold figures.

Nothing here is a test: timings depend on the machine. The figures go in the README.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The targets, as ratios to the floor: the page at each scale, fragments at 10×,
# an edit at any size.
PAGE_TARGET = {1: 10, 10: 80, 50: 400}
FRAGMENT_TARGET = 15
EDIT_TARGET = 10


def setup_django(database_url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SECRET_KEY", "editor-bench-only")
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    os.environ["DJANGO_SECURE_SSL_REDIRECT"] = "0"
    os.environ["DATABASE_URL"] = database_url
    # DEBUG off serves static files as production does: hashed names from collectstatic's
    # manifest (run in main()), here into a scratch folder.
    os.environ["DJANGO_STATIC_ROOT"] = tempfile.mkdtemp(prefix="editor-bench-static-")
    import django  # noqa: PLC0415 -- after the settings above are chosen

    django.setup()


@dataclass
class Figure:
    scale: int
    role: str
    request: str
    p50: float  # seconds, cold
    p95: float
    warm: float | None  # p50 with no edit in between (None for a write)
    floor: float  # the floor's median over the same runs
    queries: int
    size: int  # bytes

    @property
    def warm_ms(self) -> str:
        return "–" if self.warm is None else f"{self.warm * 1000:.1f}"

    @property
    def ratio(self) -> float:
        return self.p50 / self.floor

    def target(self) -> int | None:
        if self.request == "matrix page":
            return PAGE_TARGET.get(self.scale)
        if self.request == "factor edit round trip":
            return EDIT_TARGET
        return FRAGMENT_TARGET if self.scale == 10 else None


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", default="1,10,50", help="comma-separated (default 1,10,50)")
    parser.add_argument("--runs", type=int, default=15, help="timings per request (default 15)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args()
    scales = [int(s) for s in args.scales.split(",")]

    scratch = None
    url = os.environ.get("DATABASE_URL")
    if not url:
        scratch = Path(tempfile.mkdtemp(prefix="editor-bench-"))
        url = f"sqlite:///{scratch / 'bench.sqlite3'}"
    setup_django(url)

    # After setup_django(): Django and the project load with the settings chosen above.
    from django import get_version as django_version  # noqa: PLC0415 -- after setup_django()
    from django.contrib.auth import get_user_model  # noqa: PLC0415 -- after setup_django()
    from django.core.management import call_command  # noqa: PLC0415 -- after setup_django()
    from django.db import connection  # noqa: PLC0415 -- after setup_django()
    from django.test import Client  # noqa: PLC0415 -- after setup_django()
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415 -- after setup_django()
    from django.urls import reverse  # noqa: PLC0415 -- after setup_django()

    from accounts.roles import ANALYST, COUNCIL_MEMBER, give_role  # noqa: PLC0415 -- as above
    from studyfile.generate import generate_study  # noqa: PLC0415 -- as above
    from swot.models import Study  # noqa: PLC0415 -- as above

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    users = {}
    for role, username in [(ANALYST, "bench-analyst"), (COUNCIL_MEMBER, "bench-council")]:
        user, __ = get_user_model().objects.get_or_create(username=username)
        give_role(user, role)
        users[role] = user

    hx = {"HX-Request": "true"}
    floor_url = reverse("healthz")

    def timed(client: Client, method: str, url: str, data=None, headers=None):
        start = time.perf_counter()
        response = getattr(client, method)(url, data, headers=headers or {}, secure=True)
        return time.perf_counter() - start, response

    def requests_for(study: Study, role: str) -> list[tuple[str, str, str, dict | None, dict]]:
        so1 = study.strategies.get(quadrant="SO", number=1)
        s1 = study.factors.get(kind="S", number=1)
        wanted = [
            ("matrix page", "get", reverse("study", args=[study.slug]), None, {}),
            ("SO quadrant fragment", "get", reverse("quadrant", args=[study.slug, "SO"]), None, hx),
            (
                "S factor list fragment",
                "get",
                reverse("factor-list", args=[study.slug, "S"]),
                None,
                hx,
            ),
            ("strategy body (SO1)", "get", reverse("strategy-detail", args=[so1.pk]), None, hx),
            ("gaps' codes", "get", reverse("study-gaps", args=[study.slug]), {"part": "codes"}, hx),
        ]
        if role == ANALYST:  # the panels that load when an analyst opens them
            for name, url_name in [
                ("citations panel (SO1)", "strategy-citations"),
                ("program panel (SO1)", "strategy-program"),
            ]:
                wanted.append((name, "get", reverse(url_name, args=[so1.pk]), None, hx))
            url = reverse("factor-edit", args=[s1.pk])
            wanted.append(("factor edit round trip", "post", url, {"text": s1.text}, hx))
        return wanted

    def touch(study: Study) -> None:
        """An edit lands: the last threat's note changes (a versioned, recorded save)."""
        factor = study.factors.filter(kind="T").order_by("-number").first()
        factor.note = "" if factor.note.endswith("·") else f"{factor.note}·"
        factor.version += 1
        factor.save()

    def current_version(study: Study) -> int:
        return study.factors.get(kind="S", number=1).version

    with connection.cursor() as cursor:
        cursor.execute(
            "select sqlite_version()" if connection.vendor == "sqlite" else "show server_version"
        )
        database = f"{connection.vendor} {cursor.fetchone()[0]}"
    figures: list[Figure] = []
    print(
        f"Python {platform.python_version()}, Django {django_version()}, {database}, "
        f"{os.cpu_count()} CPUs, DEBUG off; {args.runs} runs per request "
        f"({max(3, args.runs // 3)} at 50×)"
    )
    for scale in scales:
        slug = f"bench-x{scale}"
        started = time.perf_counter()
        generate_study(scale, slug, replace=True)
        study = Study.objects.get(slug=slug)
        print(f"\n{slug}: generated in {time.perf_counter() - started:.1f} s", flush=True)
        runs = args.runs if scale < 50 else max(3, args.runs // 3)
        for role, user in users.items():
            client = Client()
            client.force_login(user)
            for name, method, url, data, headers in requests_for(study, role):
                timed(client, method, url, data, headers)  # the session and caches warm up
                floor_times, times, warm = [], [], []
                for __ in range(runs):
                    floor_times.append(timed(client, "get", floor_url)[0])
                    if method == "post":  # a real save every time, from the current version
                        data = {**data, "version": current_version(study)}
                    else:
                        touch(study)
                    seconds, response = timed(client, method, url, data, headers)
                    assert response.status_code == 200, (name, response.status_code)
                    times.append(seconds)
                    if method == "get":
                        warm.append(timed(client, method, url, data, headers)[0])
                with CaptureQueriesContext(connection) as queries:
                    if method == "post":
                        data["version"] = current_version(study)
                    response = getattr(client, method)(url, data, headers=headers, secure=True)
                figure = Figure(
                    scale,
                    "analyst" if role == ANALYST else "council member",
                    name,
                    statistics.median(times),
                    percentile(times, 0.95),
                    statistics.median(warm) if warm else None,
                    statistics.median(floor_times),
                    len(queries),
                    len(response.content),
                )
                figures.append(figure)
                print(
                    f"  {figure.role:<15}{name:<28}{figure.p50 * 1000:>9.1f}"
                    f"{figure.p95 * 1000:>9.1f}{figure.ratio:>8.1f}×{figure.queries:>5}"
                    f"{figure.size / 1024:>10.1f} KB  warm {figure.warm_ms}",
                    flush=True,
                )
        if not args.keep:
            study.delete()

    columns = ["scale", "role", "request", "p50 ms", "p95 ms", "floor ms", "× floor", "target"]
    print("\n| " + " | ".join([*columns, "queries", "KB", "warm p50 ms"]) + " |")
    print("| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for f in figures:
        target = f.target()
        verdict = (
            "" if target is None else f"≤ {target}× {'met' if f.ratio <= target else 'MISSED'}"
        )
        print(
            f"| {f.scale}× | {f.role} | {f.request} | {f.p50 * 1000:.1f} | {f.p95 * 1000:.1f} "
            f"| {f.floor * 1000:.2f} | {f.ratio:.1f} | {verdict} | {f.queries} "
            f"| {f.size / 1024:.1f} | {f.warm_ms} |"
        )
    if not args.keep:
        get_user_model().objects.filter(username__startswith="bench-").delete()
        if scratch:
            for path in scratch.iterdir():
                path.unlink()
            scratch.rmdir()


if __name__ == "__main__":
    main()
