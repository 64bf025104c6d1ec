"""The workbench under load: gunicorn with several workers on PostgreSQL, readers and analysts.

    .venv/bin/python bench/load.py [--clients 10,50,200] [--seconds 60] [--workers 4]
                                   [--database postgres://postgres@127.0.0.1:5432/workbench_load]

It makes a scratch PostgreSQL database (dropped afterwards unless --keep), loads the Mashhad
study, collects the static files, and starts what production runs: gunicorn with
gunicorn.conf.py (DEBUG off, WhiteNoise) and the report task worker (`db_worker`). Then, for
each number of clients, for `--seconds` each:

- council members (four clients in five) read the Mashhad matrix page;
- analysts (one in five) each add factors with a unique marker text to a study of their
  own phase (spread over the four kinds, so no kind reaches its 1,500), all to the same
  study, so every write queues on that study's lock; an add refused with a message (the
  form sent back) counts as an error, not as a write;
- a probe asks /healthz/ (a trivial view of ours through the same middleware) every 100 ms,
  which shows what the load does to the lightest request.

The floor every figure is divided by is /healthz/'s p50 with no load, measured for 3 s just
before each phase, so a figure and its floor see the same machine.

Every request has a 60 s timeout; a client stops when its time is up. Afterwards every write
the server acknowledged (200) must be in the database, and the added factors' numbers must run
1..n without gaps or repeats. A last phase measures the matrix page with ten readers while the
worker typesets report after report (the study changed before each, so none comes from the
kept files), against ten readers alone.

It prints one table: requests per second, p50/p95/p99 in ms and as ratios to the probe's p50,
errors, acknowledged and lost writes. Timings depend on the machine: nothing here is a test.
"""

from __future__ import annotations

import argparse
import http.client
import os
import secrets
import subprocess
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
READ_STUDY = "mashhad-city-diplomacy"
WRITE_STUDY = "load-bench-writes"
TIMEOUT = 60


@dataclass
class Tally:
    """What one kind of request saw in one phase."""

    times: list[float] = field(default_factory=list)  # seconds, of the answered requests
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, seconds: float, error: str = "") -> None:
        if error:
            self.errors[error] += 1
        else:
            self.times.append(seconds)

    def percentile(self, p: float) -> float:
        if not self.times:
            return float("nan")
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


@dataclass
class Phase:
    name: str
    clients: int
    seconds: float
    tallies: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    acknowledged: list[str] = field(default_factory=list)
    lost: int = 0
    floor: float = float("nan")  # /healthz/'s p50 with no load, just before the phase
    writes: str = ""  # the slug of the study its analysts add factors to


def environment(database: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_STATIC_ROOT": str(ROOT / "bench" / ".load-static"),
        "DJANGO_LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }


def create_database(url: str) -> None:
    import psycopg  # noqa: PLC0415 -- only when the bench runs

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    import psycopg  # noqa: PLC0415 -- only when the bench runs

    parsed = urlparse(url)
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{parsed.path.lstrip("/")}" WITH (FORCE)')


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def sessions(env: dict[str, str]) -> dict[str, tuple[str, str]]:
    """role → (session cookie, CSRF secret), made in this process with the server's settings."""
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django  # noqa: PLC0415 -- configured from the bench's environment first

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: PLC0415 -- after django.setup()
    from django.contrib.sessions.backends.db import SessionStore  # noqa: PLC0415 -- after django.setup()
    from django.middleware.csrf import _get_new_csrf_string  # noqa: PLC0415 -- after django.setup()

    from accounts.roles import give_role  # noqa: PLC0415 -- after django.setup()
    from tests.factories import UserFactory  # noqa: PLC0415 -- after django.setup()

    made = {}
    for role in ("analyst", "council"):
        user = UserFactory(username=f"load-{role}")
        if role == "analyst":
            give_role(user, "analyst")
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        made[role] = (session.session_key, _get_new_csrf_string())
    return made


class Client:
    """One simulated user: its own connection, cookies and CSRF header."""

    def __init__(self, port: int, session: tuple[str, str]) -> None:
        self.port = port
        self.session_key, self.csrf = session
        self.connection: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, body: str = "", headers=None) -> tuple[int, dict]:
        """(status, response headers)."""
        headers = {
            "Host": "127.0.0.1",
            "Cookie": f"sessionid={self.session_key}; csrftoken={self.csrf}",
            **(headers or {}),
        }
        if self.connection is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        try:
            self.connection.request(method, path, body=body.encode() or None, headers=headers)
            response = self.connection.getresponse()
            response.read()
            if response.will_close:
                self.connection.close()
                self.connection = None
            return response.status, dict(response.getheaders())
        except Exception:
            self.connection.close()
            self.connection = None
            raise


def timed(tally: Tally, call) -> tuple[int, dict] | None:
    """(status, headers) of `call`'s request, timed into `tally`; a refusal is an error."""
    start = time.perf_counter()
    try:
        status, headers = call()
    except Exception as exc:  # a timeout, a reset: counted, and the client goes on
        tally.add(0, type(exc).__name__)
        return None
    elapsed = time.perf_counter() - start
    error = "" if status == 200 else f"HTTP {status}"
    if "HX-Retarget" in headers:  # the add form came back with a message: nothing added
        error = "refused"
    tally.add(elapsed, error)
    return status, headers


def reader(client: Client, phase: Phase, until: float) -> None:
    while time.perf_counter() < until:
        timed(
            phase.tallies["matrix page (council)"],
            lambda: client.request("GET", f"/studies/{READ_STUDY}/"),
        )


def analyst(client: Client, phase: Phase, until: float, who: str) -> None:
    n = 0
    while time.perf_counter() < until:
        n += 1
        marker = f"load marker {phase.name} {who} {n}"
        body = f"text={marker.replace(' ', '+')}&note="
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "HX-Request": "true",
            "X-CSRFToken": client.csrf,
        }
        path = f"/studies/{phase.writes}/factors/{'SWOT'[int(who[1:]) % 4]}/add/"
        answer = timed(
            phase.tallies["add a factor (analyst)"],
            lambda path=path, body=body, headers=headers: client.request(
                "POST", path, body, headers
            ),
        )
        if answer and answer[0] == 200 and "HX-Retarget" not in answer[1]:
            phase.acknowledged.append(marker)


def probe(client: Client, phase: Phase, until: float) -> None:
    while time.perf_counter() < until:
        timed(phase.tallies["/healthz/"], lambda: client.request("GET", "/healthz/"))
        time.sleep(0.1)


def idle_floor(port: int, made: dict, seconds: float = 3) -> float:
    """/healthz/ alone, just before a phase: the floor its figures are divided by."""
    phase = Phase("idle", 0, seconds)
    probe(Client(port, made["council"]), phase, time.perf_counter() + seconds)
    return phase.tallies["/healthz/"].percentile(50)


def run_phase(
    port: int, made: dict, name: str, clients: int, seconds: float, writers: bool = True
) -> Phase:
    from swot.models import Study  # noqa: PLC0415 -- after django.setup()

    phase = Phase(name, clients, seconds)
    phase.writes = f"{WRITE_STUDY}-{clients}"
    Study.objects.get_or_create(slug=phase.writes, defaults={"title": name, "city": "Tus"})
    phase.floor = idle_floor(port, made)
    until = time.perf_counter() + seconds
    threads = [threading.Thread(target=probe, args=(Client(port, made["council"]), phase, until))]
    analysts = max(1, clients // 5) if writers else 0
    for i in range(clients):
        if i < analysts:
            target, args = analyst, (Client(port, made["analyst"]), phase, until, f"a{i}")
        else:
            target, args = reader, (Client(port, made["council"]), phase, until)
        threads.append(threading.Thread(target=target, args=args, daemon=True))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + TIMEOUT + 10)
    return phase


def check_writes(phases: list[Phase]) -> tuple[int, bool]:
    """(writes lost, whether the numbers run 1..n in every kind): every acknowledged marker
    must be saved."""
    from swot.models import Factor  # noqa: PLC0415 -- after django.setup()

    contiguous = True
    for phase in phases:
        rows = list(
            Factor.objects.filter(study__slug=phase.writes).values_list("text", "kind", "number")
        )
        saved = {text for text, __, __ in rows}
        phase.lost = sum(1 for marker in phase.acknowledged if marker not in saved)
        for kind in "SWOT":
            numbers = sorted(n for __, k, n in rows if k == kind)
            contiguous &= numbers == list(range(1, len(numbers) + 1))
    return sum(p.lost for p in phases), contiguous


def reports_running(port: int, made: dict, until: float, done: list[int]) -> None:
    """Keep the worker typesetting: change the study, ask for its report, wait until kept."""
    from reports.models import ReportFile  # noqa: PLC0415 -- Django is set up by then
    from swot.models import Factor  # noqa: PLC0415 -- after django.setup()

    client = Client(port, made["council"])
    s1 = Factor.objects.get(study__slug=READ_STUDY, kind="S", number=1)
    n = 0
    while time.perf_counter() < until:
        n += 1
        Factor.objects.filter(pk=s1.pk).update(note=f"load bench {n}")
        try:
            client.request("GET", f"/studies/{READ_STUDY}/report/combined.pdf")
        except Exception:
            continue
        while time.perf_counter() < until:
            newest = ReportFile.objects.filter(study__slug=READ_STUDY).order_by("-pk").first()
            if newest and newest.status in (ReportFile.Status.READY, ReportFile.Status.FAILED):
                break
            time.sleep(0.2)
        done.append(n)


def print_table(phases: list[Phase]) -> None:
    columns = ["phase", "clients", "request", "req/s", "p50 ms", "p95 ms", "p99 ms"]
    columns += ["p50 ÷ floor", "p99 ÷ floor", "errors", "writes acked", "lost", "floor ms"]
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for phase in phases:
        floor = phase.floor
        for name, tally in sorted(phase.tallies.items()):
            errors = sum(tally.errors.values())
            detail = ", ".join(f"{k} {v}" for k, v in tally.errors.items())
            acked = len(phase.acknowledged) if "analyst" in name else ""
            lost = phase.lost if "analyst" in name else ""
            p50, p95, p99 = (tally.percentile(p) for p in (50, 95, 99))
            cells = [phase.name, phase.clients, name, f"{len(tally.times) / phase.seconds:.1f}"]
            cells += [f"{p50 * 1000:.0f}", f"{p95 * 1000:.0f}", f"{p99 * 1000:.0f}"]
            cells += [f"{p50 / floor:.1f}", f"{p99 / floor:.1f}"]
            cells += [f"{errors} ({detail})" if detail else errors, acked, lost]
            cells += [f"{floor * 1000:.1f}"]
            print("| " + " | ".join(str(c) for c in cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", default="10,50,200")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432/workbench_load")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    options = parser.parse_args()
    levels = [int(n) for n in options.clients.split(",")]

    env = environment(options.database)
    create_database(options.database)
    processes = []
    try:
        manage(env, "migrate", "--no-input")
        manage(env, "load_study", str(ROOT / "fixtures" / "mashhad-city-diplomacy.yaml"))
        manage(env, "collectstatic", "--no-input")
        made = sessions(env)
        server_env = {
            **env,
            "GUNICORN_BIND": f"127.0.0.1:{options.port}",
            "GUNICORN_WORKERS": str(options.workers),
        }
        log = open(ROOT / "bench" / ".load-server.log", "w")  # noqa: SIM115 -- open for the run
        processes.append(
            subprocess.Popen(
                [GUNICORN, "-c", "gunicorn.conf.py"],
                cwd=ROOT,
                env=server_env,
                stdout=log,
                stderr=log,
            )
        )
        processes.append(
            subprocess.Popen(
                [PYTHON, "manage.py", "db_worker", "--no-reload"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=log,
            )
        )
        for __ in range(100):
            try:
                Client(options.port, made["council"]).request("GET", "/healthz/")
                break
            except OSError:
                time.sleep(0.2)

        phases = [run_phase(options.port, made, f"{n} clients", n, options.seconds) for n in levels]
        lost, contiguous = check_writes(phases)

        # The matrix page with ten readers, then with ten readers while reports are typeset.
        quiet = run_phase(options.port, made, "10 readers", 10, options.seconds, writers=False)
        done: list[int] = []
        until = time.perf_counter() + options.seconds
        renderer = threading.Thread(target=reports_running, args=(options.port, made, until, done))
        renderer.start()
        busy = run_phase(
            options.port, made, "10 readers + reports", 10, options.seconds, writers=False
        )
        renderer.join(options.seconds + TIMEOUT)
        phases += [quiet, busy]

        print(
            f"gunicorn {options.workers} workers, PostgreSQL, {os.cpu_count()} CPUs, "
            f"{options.seconds:.0f} s per phase"
        )
        print_table(phases)
        page = "matrix page (council)"
        slowdown = busy.tallies[page].percentile(50) / quiet.tallies[page].percentile(50)
        print(f"\nwrites lost: {lost}; numbers 1..n without gaps: {contiguous}")
        print(
            f"reports typeset during the last phase: {len(done)}; "
            f"matrix page p50 with them ÷ without: {slowdown:.2f}"
        )
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(30)
        if not options.keep:
            from django.db import connections  # noqa: PLC0415 -- after django.setup()

            connections.close_all()
            drop_database(options.database)


if __name__ == "__main__":
    main()
