"""Filing benchmark (issue #2 §8): filings per second over HTTP, beside a bare JSON endpoint.

Each filing is the whole online-filing path as an API client walks it:

    POST /api/v1/filings                      create the draft (unique Idempotency-Key)
    POST /api/v1/filings/{id}/attachments  x3 complaint, identity, evidence (small PDFs)
    POST /api/v1/filings/{id}/submit          submit (unique Idempotency-Key)
    POST /api/v1/review/filings/{id}/accept   accept, as the filing clerk of 粤0802

The litigant and the clerk authenticate with bearer tokens (POST /api/v1/auth/token), so
there is no CSRF. ``--concurrency`` client threads each keep one HTTP/1.1 keep-alive
connection. The same run measures GET /api/v1/ping (a bare JSON view on the same server,
through the same middleware and django-ninja) with the same concurrency, as the baseline.

By default the script builds a throw-away SQLite database in a temporary folder, runs
``migrate`` and ``load_demo``, starts the server on a free 127.0.0.1 port (gunicorn gthread
when installed, otherwise ``manage.py runserver --noreload``) with YIZHAN_DEBUG=0, and stops
it at the end. ``--db postgres`` uses DATABASE_URL from the environment instead (the database
named there is dropped and created again, so its name must contain "bench"). ``--url``
targets a server that is already running on the loopback interface.

After the run it checks through the API (GET /api/v1/cases as the clerk) that every accepted
filing became one case and that the case numbers are distinct. Only stdlib is used on the
client side. Run ``python bench/filing.py --help`` for the options.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
DEMO_PASSWORD = "demo-pass-2026"
STEPS = ("create", "upload", "submit", "accept")
CATEGORIES = ("complaint", "identity", "evidence")
# Connection failures that may happen when a kept-alive connection was closed by the server.
CONNECTION_ERRORS = (ConnectionError, http.client.HTTPException, TimeoutError, OSError)


# --- small helpers ----------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of unsorted values; NaN when empty."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def resident_id(body17: str) -> str:
    """A resident ID number with its GB 11643 check character."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(d) * w for d, w in zip(body17, weights, strict=True))
    return body17 + "10X98765432"[total % 11]


def tiny_pdf(tag: str) -> bytes:
    """A minimal valid PDF (as in yizhan/filing/tests/conftest.py), unique per ``tag`` so that
    every upload is a new blob on disk rather than a deduplicated one."""
    return f"%PDF-1.4\n% bench {tag}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".encode()


def filing_payload(n: int) -> dict[str, Any]:
    """A valid first-instance civil filing at 粤0802 (the fixture civil_payload)."""
    return {
        "court_code": "粤0802",
        "kind": "civil_first",
        "cause_code": "9089",
        "claims": "判令被告偿还借款本金及利息",
        "claim_amount": str(100000 + n),
        "facts": "被告于 2025 年向原告借款，到期未还。",
        "evidence": [{"name": "借条", "source": "原告", "purpose": "证明借款事实"}],
        "parties": [
            {
                "role": "plaintiff",
                "kind": "natural",
                "name": "张三",
                "id_number": resident_id("11010519491231002"),
                "mobile": "13800138000",
            },
            {
                "role": "defendant",
                "kind": "natural",
                "name": "王五",
                "id_number": resident_id("44080219900101003"),
                "address": "湛江市赤坎区",
            },
        ],
    }


def multipart(fields: dict[str, str], filename: str, content: bytes) -> tuple[bytes, str]:
    boundary = f"bench{uuid.uuid4().hex}"
    parts: list[bytes] = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            f"{value}\r\n".encode()
        )
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"'
        f"\r\nContent-Type: application/pdf\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


# --- HTTP client ------------------------------------------------------------------------------


class RequestFailed(Exception):
    def __init__(self, step: str, status: int, body: bytes) -> None:
        super().__init__(f"{step}: HTTP {status} {body[:300].decode(errors='replace')}")
        self.step = step


class Client:
    """One keep-alive HTTP/1.1 connection (one per thread)."""

    def __init__(self, host: str, port: int, timeout: float) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self.conn = http.client.HTTPConnection(host, port, timeout=timeout)
        self.reused = False  # whether the next request goes over an already used connection

    def close(self) -> None:
        self.conn.close()

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        *,
        retry: bool = False,
    ) -> tuple[int, bytes]:
        """Send one request and read the whole response. ``retry``: the request may be sent
        again once if a kept-alive connection turns out to be closed (safe requests only)."""
        for attempt in (1, 2):
            reused = self.reused
            try:
                self.conn.request(method, path, body=body, headers=headers or {})
                resp = self.conn.getresponse()
                data = resp.read()
                self.reused = not resp.will_close
                if resp.will_close:
                    self.conn.close()
                return resp.status, data
            except CONNECTION_ERRORS:
                self.conn.close()
                self.reused = False
                if attempt == 2 or not (retry and reused):
                    raise
        raise AssertionError("unreachable")

    def json(
        self,
        step: str,
        method: str,
        path: str,
        payload: Any = None,
        *,
        token: str | None = None,
        expect: int = 200,
        headers: dict[str, str] | None = None,
        retry: bool = False,
    ) -> Any:
        h = {"Accept": "application/json", **(headers or {})}
        body = None
        if payload is not None:
            body = json.dumps(payload).encode()
            h["Content-Type"] = "application/json"
        if token:
            h["Authorization"] = f"Bearer {token}"
        status, data = self.request(method, path, body, h, retry=retry)
        if status != expect:
            raise RequestFailed(step, status, data)
        return json.loads(data) if data else None


# --- the measured work ------------------------------------------------------------------------


@dataclass
class Results:
    lock: threading.Lock = field(default_factory=threading.Lock)
    steps: dict[str, list[float]] = field(default_factory=lambda: {s: [] for s in STEPS})
    filings: list[float] = field(default_factory=list)
    ping: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    error_steps: dict[str, int] = field(default_factory=dict)
    cases: dict[int, str] = field(default_factory=dict)  # case id -> case number
    timed_out: bool = False


@dataclass(frozen=True)
class Tokens:
    litigant: str
    clerk: str


class Counter:
    """Hands out work items until ``total`` are taken, the deadline passes, or too many fail."""

    def __init__(self, total: int, deadline: float, results: Results, max_errors: int) -> None:
        self.total = total
        self.deadline = deadline
        self.results = results
        self.max_errors = max_errors
        self.next = 0
        self.lock = threading.Lock()

    def take(self) -> int | None:
        with self.lock:
            if self.next >= self.total or len(self.results.errors) >= self.max_errors:
                return None
            if time.monotonic() >= self.deadline:
                self.results.timed_out = True
                return None
            self.next += 1
            return self.next - 1


def one_filing(
    client: Client, tokens: Tokens, n: int, run_tag: str
) -> tuple[dict[str, list[float]], int, str]:
    """Create, upload three PDFs, submit, accept. Returns per-step times, case id, number."""
    times: dict[str, list[float]] = {s: [] for s in STEPS}

    def timed(step: str, fn: Any, *args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        out = fn(step, *args, **kwargs)
        times[step].append(time.perf_counter() - t0)
        return out

    key = f"bench-{run_tag}-{n}"
    filing = timed(
        "create",
        client.json,
        "POST",
        "/api/v1/filings",
        filing_payload(n),
        token=tokens.litigant,
        expect=201,
        retry=True,
        headers={"Idempotency-Key": f"{key}-create"},
    )
    fid = filing["id"]
    for cat in CATEGORIES:
        body, ctype = multipart({"category": cat}, f"{cat}.pdf", tiny_pdf(f"{key}-{cat}"))

        def upload(step: str, body: bytes = body, ctype: str = ctype) -> None:
            status, data = client.request(
                "POST",
                f"/api/v1/filings/{fid}/attachments",
                body,
                {
                    "Content-Type": ctype,
                    "Authorization": f"Bearer {tokens.litigant}",
                    "Accept": "application/json",
                },
            )
            if status != 201:
                raise RequestFailed(step, status, data)

        timed("upload", upload)
    timed(
        "submit",
        client.json,
        "POST",
        f"/api/v1/filings/{fid}/submit",
        None,
        token=tokens.litigant,
        retry=True,
        headers={"Idempotency-Key": f"{key}-submit"},
    )
    accepted = timed(
        "accept",
        client.json,
        "POST",
        f"/api/v1/review/filings/{fid}/accept",
        {},
        token=tokens.clerk,
    )
    if accepted.get("status") != "accepted" or not accepted.get("case_number"):
        raise RequestFailed("accept", 200, json.dumps(accepted, ensure_ascii=False).encode())
    return times, int(accepted["case_id"]), str(accepted["case_number"])


def filing_worker(
    host: str,
    port: int,
    timeout: float,
    tokens: Tokens,
    counter: Counter,
    results: Results,
    run_tag: str,
) -> None:
    client = Client(host, port, timeout)
    try:
        while (n := counter.take()) is not None:
            t0 = time.perf_counter()
            try:
                times, case_id, number = one_filing(client, tokens, n, run_tag)
            except (RequestFailed, *CONNECTION_ERRORS) as e:
                step = e.step if isinstance(e, RequestFailed) else "connection"
                with results.lock:
                    results.errors.append(f"filing {n}: {e!r}")
                    results.error_steps[step] = results.error_steps.get(step, 0) + 1
                client.close()
                continue
            elapsed = time.perf_counter() - t0
            with results.lock:
                results.filings.append(elapsed)
                for step, values in times.items():
                    results.steps[step].extend(values)
                results.cases[case_id] = number
    finally:
        client.close()


def ping_worker(
    host: str, port: int, timeout: float, counter: Counter, results: Results, record: bool
) -> None:
    client = Client(host, port, timeout)
    try:
        while counter.take() is not None:
            t0 = time.perf_counter()
            try:
                status, data = client.request("GET", "/api/v1/ping", retry=True)
                if status != 200 or json.loads(data) != {"ok": "yes"}:
                    raise RequestFailed("ping", status, data)
            except (RequestFailed, *CONNECTION_ERRORS) as e:
                with results.lock:
                    results.errors.append(f"ping: {e!r}")
                    results.error_steps["ping"] = results.error_steps.get("ping", 0) + 1
                client.close()
                continue
            if record:
                elapsed = time.perf_counter() - t0
                with results.lock:
                    results.ping.append(elapsed)
    finally:
        client.close()


def run_threads(concurrency: int, target: Any, *args: Any) -> float:
    """Run ``concurrency`` threads of ``target(*args)``; returns the wall time in seconds."""
    threads = [threading.Thread(target=target, args=args, daemon=True) for _ in range(concurrency)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - t0


# --- the server -------------------------------------------------------------------------------


@dataclass
class Server:
    host: str
    port: int
    kind: str  # "gunicorn ...", "runserver", or "external"
    database: str
    proc: subprocess.Popen[bytes] | None = None
    log_path: Path | None = None

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)  # gunicorn: graceful stop of its workers
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=5)

    def log_tail(self, lines: int = 30) -> str:
        if self.log_path is None or not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


def server_python() -> str:
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def has_gunicorn(python: str) -> bool:
    probe = subprocess.run(
        [python, "-c", "import gunicorn"], capture_output=True, timeout=60, check=False
    )
    return probe.returncode == 0


def postgres_recreate(url: str, python: str) -> None:
    """Drop and create the database named in ``url`` (must contain "bench")."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if "bench" not in name:
        raise SystemExit(
            f"--db postgres drops and recreates the database in DATABASE_URL; "
            f"its name must contain 'bench' (got {name!r}), e.g. "
            f"postgres://yizhan:yizhan@127.0.0.1:5432/yizhan_bench"
        )
    if parts.hostname not in LOOPBACK:
        raise SystemExit(
            f"DATABASE_URL must point at the loopback interface, not {parts.hostname!r}"
        )
    admin = urlunsplit(parts._replace(path="/postgres"))
    code = (
        "import sys, psycopg\n"
        "with psycopg.connect(sys.argv[1], autocommit=True) as c:\n"
        "    c.execute('DROP DATABASE IF EXISTS \"%s\" WITH (FORCE)' % sys.argv[2])\n"
        "    c.execute('CREATE DATABASE \"%s\"' % sys.argv[2])\n"
    )
    subprocess.run([python, "-c", code, admin, name], check=True, timeout=120)


def start_server(args: argparse.Namespace, workdir: Path) -> Server:
    python = server_python()
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": args.settings,
            "YIZHAN_DEBUG": "0",
            "YIZHAN_MEDIA_ROOT": str(workdir / "media"),
            "YIZHAN_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "PYTHONUNBUFFERED": "1",
        }
    )
    if args.db == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
        database = "SQLite (WAL), throw-away file in a temporary folder"
    else:
        url = os.environ.get("DATABASE_URL", "")
        if not url.startswith(("postgres://", "postgresql://")):
            raise SystemExit(
                "--db postgres needs DATABASE_URL=postgres://user:pass@127.0.0.1"
                ":5432/yizhan_bench in the environment"
            )
        postgres_recreate(url, python)
        parts = urlsplit(url)
        database = f"PostgreSQL, database {parts.path.lstrip('/')} (dropped and recreated)"
    if "YIZHAN_DB_CONN_MAX_AGE" in os.environ:
        database += f", YIZHAN_DB_CONN_MAX_AGE={os.environ['YIZHAN_DB_CONN_MAX_AGE']}"

    for cmd in (["migrate", "--noinput", "-v0"], ["load_demo"]):
        done = subprocess.run(
            [python, "manage.py", *cmd],
            cwd=ROOT,
            env=env,
            timeout=600,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise SystemExit(f"manage.py {' '.join(cmd)} failed:\n{done.stdout}{done.stderr}")

    port = free_port()
    log_path = workdir / "server.log"
    if has_gunicorn(python) and not args.runserver:
        kind = f"gunicorn gthread, {args.workers} workers x {args.threads} threads"
        cmd = [
            python,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
            "--worker-class",
            "gthread",
            "--keep-alive",
            "75",
            "--timeout",
            "120",
            "--graceful-timeout",
            "10",
            "--error-logfile",
            "-",
        ]
    else:
        kind = "manage.py runserver --noreload (threaded)"
        cmd = [python, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
    server = Server("127.0.0.1", port, kind, database, proc, log_path)
    wait_ready(server, 60)
    return server


def wait_ready(server: Server, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.proc is not None and server.proc.poll() is not None:
            raise SystemExit(
                f"the server exited with {server.proc.returncode}:\n{server.log_tail()}"
            )
        client = Client(server.host, server.port, 2)
        try:
            status, _ = client.request("GET", "/api/v1/ping")
            if status == 200:
                return
        except CONNECTION_ERRORS:
            pass
        finally:
            client.close()
        time.sleep(0.2)
    raise SystemExit(
        f"the server did not answer /api/v1/ping within {seconds:.0f} s:\n{server.log_tail()}"
    )


@contextlib.contextmanager
def server_for(args: argparse.Namespace) -> Iterator[Server]:
    if args.url:
        parts = urlsplit(args.url)
        if parts.scheme != "http" or parts.hostname not in LOOPBACK:
            raise SystemExit(
                "--url must be http:// on the loopback interface (127.0.0.1, localhost or ::1)"
            )
        server = Server(
            parts.hostname or "127.0.0.1",
            parts.port or 80,
            "external",
            "whatever the server at --url uses",
        )
        wait_ready(server, 10)
        yield server
        return
    workdir = Path(tempfile.mkdtemp(prefix="yizhan-bench-"))
    own: Server | None = None
    try:
        own = start_server(args, workdir)
        yield own
    finally:
        if own is not None:
            own.stop()
        if args.keep_tmp:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


# --- verification and report ------------------------------------------------------------------


def verify(client: Client, tokens: Tokens, results: Results) -> tuple[bool, str]:
    """GET /api/v1/cases as the clerk: every accepted filing is a case, numbers distinct."""
    listed = client.json("verify", "GET", "/api/v1/cases", token=tokens.clerk, retry=True)
    by_id = {int(c["id"]): str(c["number"]) for c in listed}
    if len(by_id) != len(listed):
        return False, "GET /api/v1/cases lists a case twice"
    all_numbers = [str(c["number"]) for c in listed]
    if len(set(all_numbers)) != len(all_numbers):
        return False, "GET /api/v1/cases lists two cases with the same number"
    # The list holds at most 200 cases: fetch ours that it does not show one by one.
    for case_id in results.cases:
        if case_id not in by_id:
            case = client.json(
                "verify", "GET", f"/api/v1/cases/{case_id}", token=tokens.clerk, retry=True
            )
            by_id[case_id] = str(case["number"])
    ours = {cid: by_id[cid] for cid in results.cases}
    wrong = [cid for cid, number in ours.items() if number != results.cases[cid]]
    if wrong:
        return False, f"case numbers differ from the accept responses for cases {wrong[:5]}"
    distinct = len(set(ours.values()))
    if distinct != len(results.filings) or distinct != len(ours):
        return False, (
            f"{len(results.filings)} filings accepted but {distinct} distinct case numbers"
        )
    return True, f"verified: {distinct} distinct case numbers"


def ms(seconds: float) -> str:
    return "-" if math.isnan(seconds) else f"{seconds * 1000:.1f}"


def report(results: Results, filing_wall: float, ping_wall: float) -> str:
    rows = [("step", "requests", "errors", "p50 ms", "p99 ms", "max ms")]
    for step in STEPS:
        values = results.steps[step]
        rows.append(
            (
                step,
                str(len(values)),
                str(results.error_steps.get(step, 0)),
                ms(percentile(values, 50)),
                ms(percentile(values, 99)),
                ms(max(values) if values else math.nan),
            )
        )
    rows.append(
        (
            "whole filing",
            str(len(results.filings)),
            str(sum(v for k, v in results.error_steps.items() if k != "ping")),
            ms(percentile(results.filings, 50)),
            ms(percentile(results.filings, 99)),
            ms(max(results.filings) if results.filings else math.nan),
        )
    )
    rows.append(
        (
            "ping",
            str(len(results.ping)),
            str(results.error_steps.get("ping", 0)),
            ms(percentile(results.ping, 50)),
            ms(percentile(results.ping, 99)),
            ms(max(results.ping) if results.ping else math.nan),
        )
    )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        )
        for r in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    n = len(results.filings)
    requests = sum(len(v) for v in results.steps.values())
    lines.append("")
    lines.append(
        f"filing phase: {n} filings, {requests} requests in {filing_wall:.2f} s "
        f"({requests / filing_wall if filing_wall else 0:.1f} req/s); "
        f"ping phase: {len(results.ping)} requests in {ping_wall:.2f} s"
    )
    return "\n".join(lines)


def final_line(results: Results, filing_wall: float, ping_wall: float) -> str:
    n = len(results.filings)
    fps = n / filing_wall if filing_wall else 0.0
    pps = len(results.ping) / ping_wall if ping_wall else 0.0
    return (
        f"filing: {n} filings, {fps:.1f} filings/s, p50 {ms(percentile(results.filings, 50))}"
        f" ms, p99 {ms(percentile(results.filings, 99))} ms; ping: {pps:.0f} req/s, "
        f"p50 {ms(percentile(results.ping, 50))} ms, p99 {ms(percentile(results.ping, 99))} ms"
    )


# --- main -------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument("--filings", type=int, default=200, help="filings to make (default 200)")
    p.add_argument("--concurrency", type=int, default=4, help="client threads (default 4)")
    p.add_argument(
        "--ping-requests",
        type=int,
        default=None,
        help="ping requests (default: as many as the filings take, 6 per filing)",
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=120.0,
        help="stop the measured phases after this many seconds (default 120)",
    )
    p.add_argument(
        "--request-timeout",
        type=float,
        default=60.0,
        help="socket timeout of one request in seconds (default 60)",
    )
    p.add_argument(
        "--max-errors",
        type=int,
        default=10,
        help="stop after this many failed filings or pings (default 10)",
    )
    p.add_argument(
        "--url",
        help="target a running server on the loopback interface, e.g. "
        "http://127.0.0.1:8000 (its database needs load_demo)",
    )
    p.add_argument(
        "--db",
        choices=("sqlite", "postgres"),
        default="sqlite",
        help="own server's database: throw-away SQLite (default), or PostgreSQL "
        "from DATABASE_URL (name must contain 'bench'; dropped and recreated)",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 2,
        help="gunicorn worker processes (default: CPU count)",
    )
    p.add_argument("--threads", type=int, default=4, help="gunicorn threads per worker (4)")
    p.add_argument(
        "--runserver",
        action="store_true",
        help="use manage.py runserver even when gunicorn is installed",
    )
    p.add_argument(
        "--settings",
        default="config.settings.dev",
        help="DJANGO_SETTINGS_MODULE for the own server (YIZHAN_DEBUG=0 is set)",
    )
    p.add_argument("--litigant", default="litigant")
    p.add_argument("--clerk", default="clerk", help="a filing clerk of 粤0802")
    p.add_argument("--password", default=DEMO_PASSWORD)
    p.add_argument("--keep-tmp", action="store_true", help="keep the temporary folder")
    args = p.parse_args(argv)
    if args.filings < 1 or args.concurrency < 1 or args.timeout <= 0:
        p.error("--filings, --concurrency and --timeout must be positive")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    ping_total = args.ping_requests or args.filings * (len(STEPS) + len(CATEGORIES) - 1)
    run_tag = uuid.uuid4().hex[:12]
    with server_for(args) as server:
        host, port, rt = server.host, server.port, args.request_timeout
        print(
            f"server: http://{server.host}:{server.port} ({server.kind}); "
            f"database: {server.database}"
        )
        print(
            f"client: {args.concurrency} threads, {args.filings} filings, {ping_total} pings, "
            f"timeout {args.timeout:.0f} s; machine: {os.cpu_count()} CPUs, load average "
            f"{os.getloadavg()[0]:.2f} before the run"
        )
        admin = Client(host, port, rt)
        tokens = Tokens(
            *(
                admin.json(
                    "token",
                    "POST",
                    "/api/v1/auth/token",
                    {"username": u, "password": args.password, "name": f"bench-{run_tag}"},
                    expect=201,
                )["token"]
                for u in (args.litigant, args.clerk)
            )
        )
        deadline = time.monotonic() + args.timeout
        results = Results()
        # Warm-up (not measured): every server thread imports and connects once.
        warm = Counter(4 * args.concurrency, deadline, results, args.max_errors)
        run_threads(args.concurrency, ping_worker, host, port, rt, warm, results, False)
        admin.json("warm-up", "GET", "/api/v1/cases", token=tokens.clerk, retry=True)

        ping_counter = Counter(ping_total, deadline, results, args.max_errors)
        ping_wall = run_threads(
            args.concurrency, ping_worker, host, port, rt, ping_counter, results, True
        )
        filing_counter = Counter(args.filings, deadline, results, args.max_errors)
        filing_wall = run_threads(
            args.concurrency,
            filing_worker,
            host,
            port,
            rt,
            tokens,
            filing_counter,
            results,
            run_tag,
        )

        print()
        print(report(results, filing_wall, ping_wall))
        for err in results.errors[:5]:
            print(f"error: {err}")
        if results.timed_out:
            print(f"stopped at the {args.timeout:.0f} s timeout")
        ok, message = verify(admin, tokens, results)
        admin.close()
        print(message)
        if server.proc is not None and results.errors:
            print(f"server log (last lines):\n{server.log_tail(15)}")
    print(final_line(results, filing_wall, ping_wall))
    complete = len(results.filings) == args.filings and len(results.ping) == ping_total
    return 0 if ok and complete and not results.errors else 1


if __name__ == "__main__":
    sys.exit(main())
