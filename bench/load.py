"""Load and fault run against gunicorn (2 workers) + WhiteNoise on PostgreSQL, over loopback.

    .venv/bin/python -m bench.load [--duration 60] [--users 20] [--outage 5] [--check]
        [--report docs/performance.md]

1. Sets up a fresh database (backcare_load on 127.0.0.1:5432), production settings (DEBUG off).
2. Bare page: USERS concurrent clients for DURATION seconds on /bench/bare/ (base.html only).
3. Load: USERS signed-in clients for DURATION seconds, each looping: open the session form, log
   a session (form post), view progress, view history. Reports requests/s, p50/p95 latency,
   errors, and lost writes (sessions in the database against successful posts).
4. Fault: the same load while PostgreSQL is stopped for OUTAGE seconds: requests must get the
   friendly 503 page, never a 500 or a trace, recover by themselves, and leave no half-saved
   session (every session has its entries).
5. Peak RSS of each gunicorn worker.
With --check it exits non-zero when errors, lost writes, 500s or a failed recovery are found
(CI runs a short version). Every request goes to 127.0.0.1 only.
"""

import argparse
import asyncio
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
DB_NAME = "backcare_load"
PG = "postgres://postgres@127.0.0.1:5432"
PASSWORD = "load-test-passphrase"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TOKEN = re.compile(r'name="submission_token" value="([^"]+)"')
EXERCISE = re.compile(r'<option value="(\d+)">Bridge</option>')


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    statuses: dict[int, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    saved: int = 0
    unavailable: int = 0
    friendly_503: bool = True
    requests: int = 0

    def record(self, kind: str, seconds: float, status: int) -> None:
        self.latencies.setdefault(kind, []).append(seconds * 1000)
        self.statuses[status] = self.statuses.get(status, 0) + 1
        self.requests += 1


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def environment(port: int) -> dict[str, str]:
    return {
        **{k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}},
        "DATABASE_URL": f"{PG}/{DB_NAME}",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP on loopback: no TLS redirect or secure-only cookies for this run.
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        "DJANGO_ROOT_URLCONF": "bench.urls",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }


def manage(env, *args) -> None:
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def prepare(env, users: int) -> None:
    for sql in (f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)", f"CREATE DATABASE {DB_NAME}"):
        subprocess.run(
            ["psql", f"{PG}/postgres", "-qc", sql], check=True, stdout=subprocess.DEVNULL
        )
    manage(env, "migrate", "--no-input")
    manage(env, "load_exercises")
    manage(env, "load_routines")
    manage(env, "collectstatic", "--no-input", "--verbosity", "0")
    script = (
        "from accounts.models import User\n"
        f"for n in range({users}):\n"
        f"    User.objects.create_user(f'load{{n}}', f'load{{n}}@example.org', '{PASSWORD}')\n"
    )
    manage(env, "shell", "-c", script)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(env, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [GUNICORN, "backcare.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2",
         "--access-logfile", "/dev/null", "--error-logfile", "-", "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    for _ in range(100):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit(f"gunicorn did not start: {server.stderr.read()}")


def worker_peak_rss_mb(server: subprocess.Popen) -> list[float]:
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    peaks = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peaks.append(int(line.split()[1]) / 1024)
    return peaks


async def timed(client, stats: Stats, kind: str, method: str, url: str, **kwargs):
    start = time.perf_counter()
    try:
        response = await client.request(method, url, **kwargs)
    except httpx.HTTPError as error:
        stats.errors.append(f"{kind}: {type(error).__name__}")
        return None
    stats.record(kind, time.perf_counter() - start, response.status_code)
    if response.status_code == 503:
        stats.unavailable += 1
        if "Backcare is back in a moment" not in response.text:
            stats.friendly_503 = False
    elif response.status_code >= 400:
        stats.errors.append(f"{kind}: HTTP {response.status_code}")
    return response


async def bare_user(base: str, stats: Stats, until: float) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        while time.monotonic() < until:
            await timed(client, stats, "bare", "GET", "/bench/bare/")


async def signed_in_user(base: str, number: int, stats: Stats, until: float) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        page = await client.get("/accounts/login/")
        await client.post(
            "/accounts/login/",
            data={
                "username": f"load{number}",
                "password": PASSWORD,
                "csrfmiddlewaretoken": CSRF.search(page.text)[1],
            },
        )
        while time.monotonic() < until:
            form = await timed(client, stats, "session form", "GET", "/logbook/sessions/new/")
            if form is None or form.status_code != 200:
                await asyncio.sleep(0.5)
                continue
            data = {
                "csrfmiddlewaretoken": CSRF.search(form.text)[1],
                "submission_token": TOKEN.search(form.text)[1],
                "date": "2026-01-15", "pain_before": "5", "pain_after": "3", "effort": "right",
                "notes": "load", "save": "1",
                "entries-TOTAL_FORMS": "1", "entries-INITIAL_FORMS": "0",
                "entries-0-exercise": EXERCISE.search(form.text)[1], "entries-0-sets": "1",
                "entries-0-repetitions": "5", "entries-0-side": "na", "entries-0-pain_during": "2",
                "entries-0-status": "completed",
            }  # fmt: skip
            posted = await timed(
                client, stats, "log a session", "POST", "/logbook/sessions/new/", data=data
            )
            if (
                posted is not None
                and posted.status_code == 302
                and "/logbook/sessions/" in posted.headers["location"]
            ):
                stats.saved += 1
            await timed(client, stats, "progress", "GET", "/logbook/progress/")
            await timed(client, stats, "history", "GET", "/logbook/")


async def run_clients(base: str, users: int, duration: float, kind: str) -> tuple[Stats, float]:
    stats = Stats()
    until = time.monotonic() + duration
    start = time.perf_counter()
    if kind == "bare":
        await asyncio.gather(*(bare_user(base, stats, until) for _ in range(users)))
    else:
        await asyncio.gather(*(signed_in_user(base, n, stats, until) for n in range(users)))
    return stats, time.perf_counter() - start


def pg_cluster(action: str) -> None:
    version = sorted(os.listdir("/etc/postgresql"))[0]
    fast = ["-m", "fast"] if action == "stop" else []
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action, *fast], check=True
    )


def db_count(env, sql: str) -> int:
    out = subprocess.run(
        ["psql", env["DATABASE_URL"], "-tAc", sql], capture_output=True, text=True, check=True
    )
    return int(out.stdout.strip())


async def fault_run(base: str, env, users: int, duration: float, outage: float) -> dict:
    async def outage_in_the_middle():
        await asyncio.sleep(duration / 3)
        pg_cluster("stop")
        await asyncio.sleep(outage)
        pg_cluster("start")

    before = db_count(env, "SELECT count(*) FROM logbook_session")
    (stats, elapsed), _ = await asyncio.gather(
        run_clients(base, users, duration, "load"), outage_in_the_middle()
    )
    # Recovery: the health check and a signed-in page answer again without a restart.
    recovered = False
    for _ in range(60):
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                recovered = True
                break
        except httpx.HTTPError:
            pass
        await asyncio.sleep(0.5)
    after = db_count(env, "SELECT count(*) FROM logbook_session")
    orphans = db_count(
        env,
        "SELECT count(*) FROM logbook_session s WHERE NOT EXISTS "
        "(SELECT 1 FROM logbook_exerciseentry e WHERE e.session_id = s.id)",
    )
    return {
        "stats": stats,
        "elapsed": elapsed,
        "new_rows": after - before,
        "orphans": orphans,
        "recovered": recovered,
    }


def summary(name: str, stats: Stats, elapsed: float) -> dict:
    all_latencies = [ms for values in stats.latencies.values() for ms in values]
    return {
        "name": name,
        "requests": stats.requests,
        "rps": stats.requests / elapsed if elapsed else 0,
        "p50": statistics.median(all_latencies) if all_latencies else 0,
        "p95": percentile(all_latencies, 0.95),
        "errors": len(stats.errors),
        "by_kind": {
            kind: (statistics.median(v), percentile(v, 0.95), len(v))
            for kind, v in stats.latencies.items()
        },
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--outage", type=float, default=5)
    parser.add_argument(
        "--check", action="store_true", help="exit 1 on errors, lost writes or no recovery"
    )
    parser.add_argument("--report", type=Path, help="write the results as Markdown to this file")
    args = parser.parse_args()

    port = free_port()
    env = environment(port)
    base = f"http://127.0.0.1:{port}"
    print(f"Preparing {DB_NAME} with {args.users} users ...", flush=True)
    prepare(env, args.users)
    server = start_gunicorn(env, port)
    try:
        bare, bare_elapsed = asyncio.run(run_clients(base, args.users, args.duration, "bare"))
        load, load_elapsed = asyncio.run(run_clients(base, args.users, args.duration, "load"))
        rows = db_count(env, "SELECT count(*) FROM logbook_session")
        rss = worker_peak_rss_mb(server)
        fault = asyncio.run(fault_run(base, env, args.users, args.duration, args.outage))
    finally:
        pg_cluster("start") if subprocess.run(
            ["pg_isready", "-q", "-h", "127.0.0.1"]
        ).returncode else None
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    bare_s, load_s = (
        summary("bare page", bare, bare_elapsed),
        summary("signed-in load", load, load_elapsed),
    )
    fault_stats: Stats = fault["stats"]
    fault_500s = sum(
        count for status, count in fault_stats.statuses.items() if status >= 500 and status != 503
    )
    lost = load.saved - rows
    outage_errors = len([error for error in fault_stats.errors if "HTTP" not in error])
    lines = [
        f"Load: {args.users} concurrent clients, {args.duration:.0f} s each run, "
        "gunicorn 2 sync workers, WhiteNoise, PostgreSQL on 127.0.0.1, DEBUG off.",
        "",
        "| run | requests | requests/s | p50 ms | p95 ms | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for s in (bare_s, load_s):
        cells = [s["name"], s["requests"], f"{s['rps']:.1f}", f"{s['p50']:.1f}", f"{s['p95']:.1f}"]
        lines.append("| " + " | ".join(str(cell) for cell in [*cells, s["errors"]]) + " |")
    latency_ratio, throughput_ratio = load_s["p50"] / bare_s["p50"], bare_s["rps"] / load_s["rps"]
    lines += [
        "",
        f"Signed-in load against the bare page: {latency_ratio:.1f}x the median latency, "
        f"{throughput_ratio:.1f}x fewer requests per second.",
        "",
        "| request (signed-in load) | p50 ms | p95 ms | count |",
        "| --- | ---: | ---: | ---: |",
    ]
    for kind, (p50, p95, count) in load_s["by_kind"].items():
        lines.append(f"| {kind} | {p50:.1f} | {p95:.1f} | {count} |")
    lines += [
        "",
        f"Writes: {load.saved} sessions logged successfully, {rows} sessions in the database: "
        f"{lost} lost.",
        "",
        f"Fault: PostgreSQL stopped for {args.outage:.0f} s a third of the way into a "
        f"{args.duration:.0f} s run. {fault_stats.requests} requests; {fault_stats.unavailable} "
        f"answered 503 with the friendly page{'' if fault_stats.friendly_503 else ' (NOT ALL)'}; "
        f"{fault_500s} answered 500; {outage_errors} connection errors; recovered by itself: "
        f"{'yes' if fault['recovered'] else 'NO'}; sessions without entries (half-saved): "
        f"{fault['orphans']}; sessions logged successfully during the fault run: "
        f"{fault_stats.saved}, sessions added to the database: {fault['new_rows']}.",
        "",
        "Peak resident memory (VmHWM) of the gunicorn workers after the load run: "
        + ", ".join(f"{mb:.0f} MB" for mb in rss)
        + ".",
    ]
    report = "\n".join(lines)
    print(report)
    if args.report:
        args.report.write_text(report + "\n", encoding="utf-8")
    problems = []
    if load.errors or bare.errors:
        problems.append(f"errors under load: {(load.errors + bare.errors)[:5]}")
    if lost:
        problems.append(f"{lost} lost writes")
    if fault_500s or not fault_stats.friendly_503:
        problems.append("the outage produced 500s or an unfriendly 503")
    if fault_stats.unavailable == 0:
        problems.append("no 503 was seen during the outage: the fault did not happen")
    if not fault["recovered"] or fault["orphans"]:
        problems.append("no recovery, or half-saved sessions")
    if fault_stats.saved > fault["new_rows"]:
        problems.append(f"{fault_stats.saved - fault['new_rows']} lost writes in the fault run")
    if outage_errors:
        problems.append(f"{outage_errors} requests failed to connect during the fault run")
    if problems:
        print("PROBLEMS: " + "; ".join(problems))
    return 1 if (args.check and problems) else 0


if __name__ == "__main__":
    sys.exit(main())
