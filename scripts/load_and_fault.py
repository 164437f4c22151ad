"""Load and fault script: the real server at a thousand requests, 20 teachers at once, a kill mid-run.

Starts ``handenplanner serve`` (waitress) on a temporary instance folder: SQLite by default, PostgreSQL
with ``--database-url`` (an empty database, or ``--wipe`` to empty it first). Builds the schema with
``handenplanner db upgrade``, fills a generated board school with about ``--requests`` requests,
accounts and a published plan (the by-hand baseline, stored as a run is), waits until the idle worker
has written the plan's result workbook, then over HTTP, logged in through the real login form with its
CSRF token:

1. every page of planner, teacher and helper (and a calendar feed): p50/p95/max over ``--samples`` and the
   server's CPU time per request; the export's first time apart;
2. ``--teachers`` teachers submit ``--submits`` requests each at the same time: submit p50/p95/max, and
   reading back from the database how many were lost or stored twice;
3. the faults (``FAULTS``, one function each), each on a plan run of the whole school: SIGKILL the worker
   mid-run (time until the run shows failed, until a new run is taken, and until a restarted worker runs
   it), then SIGKILL the web server mid-run (time until pages answer again; the run goes on in the worker;
   until it is stopped and until a new run starts);
4. the peak memory (VmHWM) per server (the largest of its web processes) and worker process.

The server runs as a school runs it for real (``docs/installatie.md``): ``serve --zonder-worker`` beside
its own ``handenplanner worker`` process, which the script restarts after killing it, as a service
manager would.

Not part of the unit tests; the numbers are printed (with the load average: the machine may be shared).

    .venv/bin/python scripts/load_and_fault.py [--database-url postgresql://...] [--samples 20]
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.load_school import PASSWORD, Accounts, export_kept_for_school, fill_school, marked_goals  # noqa: E402

SUBMIT_MARK = "lasttest"
STARTUP_TIMEOUT_S = 60.0
RUN_START_TIMEOUT_S = 30.0
EXPORT_PATH = "/planner/exporteren"


@dataclass
class Server:
    """One ``handenplanner serve`` or ``handenplanner worker`` process and the peak memory it reached."""

    process: subprocess.Popen
    base_url: str
    web_processes: bool = False  # ``serve``: the processes below it serve the pages too

    def cpu_seconds(self) -> float:
        """User and system CPU time the process (and its web processes) have used, all their threads."""
        return sum(_cpu_seconds(pid) for pid in self._pids())

    def peak_rss_mb(self) -> float:
        """The largest high-water mark of resident memory (VmHWM) of the process or a web process, while they live."""
        return max(_peak_mb(pid) for pid in self._pids())

    def _pids(self) -> set[int]:
        return {self.process.pid} | (descendants(self.process.pid) if self.web_processes else set())


@dataclass
class Setup:
    environment: dict[str, str]
    port: int
    accounts: Accounts
    servers: list[tuple[str, float]] = field(default_factory=list)  # (what, peak MB) per server process
    worker: Server | None = None  # the running ``handenplanner worker``
    processes: int | None = None  # web processes of ``serve`` (None: its default)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass(frozen=True)
class Reply:
    status: int
    text: str
    location: str = ""  # of a redirect


class Browser:
    """One logged-in person: cookies, CSRF tokens read from the forms, no redirects followed."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()), _NoRedirect())

    def get(self, path: str) -> Reply:
        return self._open(urllib.request.Request(self.base_url + path))

    def post(self, path: str, data: dict[str, str | list[str]]) -> Reply:
        body = urllib.parse.urlencode(data, doseq=True).encode()
        return self._open(urllib.request.Request(self.base_url + path, data=body, method="POST"))

    def csrf_token(self, path: str) -> str:
        found = re.search(r'name="csrf_token" value="([^"]*)"', self.get(path).text)
        return found.group(1) if found else ""

    def login(self, email: str) -> Browser:
        form = {"email": email, "password": PASSWORD, "csrf_token": self.csrf_token("/inloggen")}
        reply = self.post("/inloggen", form)
        if reply.status != 302:
            raise RuntimeError(f"inloggen als {email} mislukt (status {reply.status})")
        return self

    def _open(self, request: urllib.request.Request) -> Reply:
        try:
            with self.opener.open(request, timeout=120) as response:
                return Reply(response.status, response.read().decode("utf-8", "replace"))
        except urllib.error.HTTPError as error:
            text = error.read().decode("utf-8", "replace")
            return Reply(error.code, text, error.headers.get("Location", ""))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(setup: Setup) -> Server:
    command = [sys.executable, "-m", "handenplanner", "serve", "--port", str(setup.port), "--zonder-worker"]
    command += ["--processen", str(setup.processes)] if setup.processes else []
    process = subprocess.Popen(command, env=setup.environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return Server(process, setup.base_url, web_processes=True)


def start_worker(setup: Setup) -> None:
    """``handenplanner worker`` beside the server, as its own process (a service of its own in a school)."""
    command = [sys.executable, "-m", "handenplanner", "worker"]
    process = subprocess.Popen(command, env=setup.environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    setup.worker = Server(process, setup.base_url)


def web_process_count(server: Server) -> str:
    count = len(descendants(server.process.pid)) or 1
    return f"{count} webproces" if count == 1 else f"{count} webprocessen"


def wait_until_answering(server: Server, timeout_s: float = STARTUP_TIMEOUT_S) -> float:
    """Seconds until the login page answers 200."""
    started = time.monotonic()
    while time.monotonic() - started < timeout_s:
        try:
            if Browser(server.base_url).get("/inloggen").status == 200:
                return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.05)
    raise RuntimeError("de server antwoordt niet")


def stop_server(setup: Setup, server: Server, what: str, how: signal.Signals = signal.SIGTERM) -> None:
    setup.servers.append((what, server.peak_rss_mb()))
    server.process.send_signal(how)
    try:
        server.process.wait(timeout=30)
    except subprocess.TimeoutExpired:  # a run's thread can hold the process; it must not outlive the script
        server.process.kill()
        server.process.wait()


# ---------------------------------------------------------------- pages


def page_paths(setup: Setup) -> list[tuple[str, str]]:
    """(account e-mail, path): every page of every role, with ids of the filled school."""
    accounts = setup.accounts
    planner, teacher, helper = accounts.planner, accounts.teachers[0], accounts.helpers[0]
    planner_pages = [
        "/planner/", "/planner/aanvragen", f"/planner/aanvragen/{accounts.any_request_id}", "/planner/berekening",
        "/planner/berekening/voortgang.json", "/planner/publiceren", "/planner/publicaties", "/planner/vergelijken",
        "/planner/rooster", "/planner/rooster?toon=groep", "/planner/niet-ingepland", "/planner/analyse/",
        "/planner/school", "/planner/groepen", "/planner/leerkrachten", "/planner/ondersteuners", "/planner/taken",
        "/planner/accounts", "/planner/vrije-dagen", "/planner/afwezigheid", "/planner/e-mail",
        "/planner/importeren", EXPORT_PATH,
    ]  # fmt: skip
    teacher_pages = [
        "/leerkracht/", "/leerkracht/groep", f"/leerkracht/aanvragen/{accounts.own_request_id}",
        "/leerkracht/aanvragen/nieuw", "/leerkracht/agenda",
    ]  # fmt: skip
    helper_pages = ["/ondersteuner/", "/ondersteuner/agenda"]
    return (
        [(planner, path) for path in planner_pages]
        + [(teacher, path) for path in teacher_pages]
        + [(helper, path) for path in helper_pages]
    )


def measure_pages(setup: Setup, server: Server, samples: int, export_samples: int) -> None:
    """Each page ``samples`` times in a row; besides the latencies, the server's own CPU time per request, which
    a busy machine does not inflate as it does the wall time (PostgreSQL's own work is not in it)."""
    print(f"\nPagina's ({samples} keer elk, de export {export_samples} keer, na één keer opwarmen), in ms:")
    print(f"  {'pagina':<44} {'p50':>7} {'p95':>7} {'max':>7} {'cpu/keer':>9}")
    browsers: dict[str, Browser] = {}
    for email, path in page_paths(setup):
        browser = browsers.setdefault(email, Browser(setup.base_url).login(email))
        count = export_samples if path == EXPORT_PATH else samples
        measure_page(server, path, lambda browser=browser, path=path: timed_get(browser, path), count)
    feed = calendar_feed_path(Browser(setup.base_url).login(setup.accounts.helpers[0]))
    anonymous = Browser(setup.base_url)
    measure_page(server, "/agenda/<token>.ics", lambda: timed_get(anonymous, feed), samples)


def measure_page(server: Server, label: str, request_once: Callable[[], float], count: int) -> None:
    first_s = request_once()  # warm up; the export writes the workbook it keeps for the next ones
    if label == EXPORT_PATH:
        print(f"  {label + ' (eerste keer)':<44} {ms(first_s):>7}")
    cpu_before = server.cpu_seconds()
    seconds = [request_once() for _ in range(count)]
    cpu_per_request = (server.cpu_seconds() - cpu_before) / count
    print_latencies(label, seconds, f" {ms(cpu_per_request):>9}")


def calendar_feed_path(helper: Browser) -> str:
    """A helper asks for a calendar address (the subscription form): the feed's path from the redirect."""
    reply = helper.post("/ondersteuner/agenda", {"csrf_token": helper.csrf_token("/ondersteuner/agenda")})
    token = urllib.parse.parse_qs(urllib.parse.urlsplit(reply.location).query).get("nieuw", [""])[0]
    if not token:
        raise RuntimeError(f"geen agenda-adres gekregen (status {reply.status})")
    return f"/agenda/{token}.ics"


def timed_get(browser: Browser, path: str) -> float:
    started = time.perf_counter()
    status = browser.get(path).status
    elapsed = time.perf_counter() - started
    if status != 200:
        raise RuntimeError(f"{path} gaf status {status}")
    return elapsed


def print_latencies(label: str, seconds: list[float], extra: str = "") -> None:
    p50, p95 = ms(percentile(seconds, 50)), ms(percentile(seconds, 95))
    print(f"  {label:<44} {p50:>7} {p95:>7} {ms(max(seconds)):>7}{extra}")


def percentile(values: list[float], share: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share / 100 * (len(ordered) - 1)))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"


# ---------------------------------------------------------------- 20 teachers at once


def submit_form(browser: Browser, number: str) -> dict[str, str | list[str]]:
    """A valid request in the teacher's first group with the school's first task; ``doel`` marks it."""
    page = browser.get("/leerkracht/aanvragen/nieuw").text
    group = re.search(r'<select id="groep" name="groep"[^>]*>\s*<option value="(\d+)"', page)
    task = re.search(r'<datalist id="taken"><option value="([^"]*)"', page)
    token = re.search(r'name="csrf_token" value="([^"]*)"', page)
    if not (group and task and token):
        raise RuntimeError("het aanvraagformulier mist een groep, een taak of een CSRF-token")
    return {
        "csrf_token": token.group(1),
        "groep": group.group(1),
        "taak": html.unescape(task.group(1)),
        "doel": f"{SUBMIT_MARK} {number}",
        "keer_per_week": "1",
        "duur_min": "30",
        "tijdtype": "venster",
        "van": "9:00",
        "tot": "11:00",
        "prioriteit": "laag",
        "handen": "1",
    }


def concurrent_submits(setup: Setup, server: Server, per_teacher: int) -> None:
    """Every teacher account submits ``per_teacher`` requests, all teachers at the same time."""
    teachers = [Browser(setup.base_url).login(email) for email in setup.accounts.teachers]
    forms = [
        [submit_form(browser, f"{index}-{turn}") for turn in range(per_teacher)]
        for index, browser in enumerate(teachers)
    ]
    latencies: list[float] = []
    failures: list[int] = []
    barrier = threading.Barrier(len(teachers))

    def submit_all(browser: Browser, teacher_forms: list[dict]) -> None:
        barrier.wait()
        for form in teacher_forms:
            started = time.perf_counter()
            status = browser.post("/leerkracht/aanvragen/nieuw", form).status
            latencies.append(time.perf_counter() - started)
            if status != 302:
                failures.append(status)

    threads = [threading.Thread(target=submit_all, args=pair) for pair in zip(teachers, forms, strict=True)]
    cpu_before, client_cpu_before, started = server.cpu_seconds(), time.process_time(), time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cpu_per_submit = (server.cpu_seconds() - cpu_before) / max(1, len(latencies))
    wall_s, client_cpu_s = time.perf_counter() - started, time.process_time() - client_cpu_before
    sent = [form["doel"] for teacher_forms in forms for form in teacher_forms]
    stored = Counter(stored_goals(setup))
    lost = sum(1 for goal in sent if stored[goal] == 0)
    doubled = sum(count - 1 for count in stored.values() if count > 1)
    print(f"\n{len(teachers)} leerkrachten tegelijk, elk {per_teacher} aanvragen ({len(sent)} in totaal), in ms:")
    print(f"  {'':<44} {'p50':>7} {'p95':>7} {'max':>7} {'cpu/keer':>9}")
    print_latencies("indienen (POST /leerkracht/aanvragen/nieuw)", latencies, f" {ms(cpu_per_submit):>9}")
    print(
        f"  alles in {comma(wall_s, 2)} s; de server rekende {comma(cpu_per_submit * len(latencies), 2)} s, "
        f"dit meetscript zelf (de leerkrachten) {comma(client_cpu_s, 2)} s, op {os.cpu_count()} kernen samen"
    )
    print(f"  geweigerd: {len(failures)}   kwijt: {lost}   dubbel: {doubled}")


def kept_export(setup: Setup) -> bool:
    """The plan was stored as a run stores it, but without its workbook: the idle worker writes it once the
    school has been quiet (``web.runs.export_refresh``). The pages are timed after that, as a school sees
    them most of the time, not while the worker writes."""
    time.sleep(0.5)
    return export_kept_for_school(setup.environment)


def stored_goals(setup: Setup) -> list[str]:
    """The ``doel`` of every marked request in the database, read back outside the server."""
    return marked_goals(setup.environment, SUBMIT_MARK)


# ---------------------------------------------------------------- faults


def start_plan_run(planner: Browser) -> int | None:
    """Start a plan run as the planner does (the dashboard's form); the new run's id, or None when refused."""
    reply = planner.post("/planner/berekening/start", {"csrf_token": planner.csrf_token("/planner/")})
    found = re.search(r"run=(\d+)", reply.location)
    return int(found.group(1)) if found else None


def wait_for_running(planner: Browser, run_id: int, timeout_s: float = RUN_START_TIMEOUT_S) -> bool:
    started = time.monotonic()
    while time.monotonic() - started < timeout_s:
        progress = json.loads(planner.get(f"/planner/berekening/voortgang.json?run={run_id}").text)
        if progress.get("status") == "running":
            return True
        time.sleep(0.2)
    return False


def stop_plan_run(planner: Browser, run_id: int) -> None:
    token = planner.csrf_token("/planner/berekening")
    planner.post("/planner/berekening/stop", {"csrf_token": token, "run_id": str(run_id)})


def run_status(planner: Browser, run_id: int) -> str:
    return json.loads(planner.get(f"/planner/berekening/voortgang.json?run={run_id}").text).get("status", "")


def run_ended(planner: Browser, run_id: int) -> bool:
    return run_status(planner, run_id) not in ("queued", "running")


def seconds_until(condition: Callable[[], bool], timeout_s: float = 600.0) -> float | None:
    """Seconds until ``condition()`` holds, asked every 0,1 s; None when it did not within the timeout."""
    started = time.monotonic()
    while time.monotonic() - started < timeout_s:
        if condition():
            return time.monotonic() - started
        time.sleep(0.1)
    return None


def start_run_mid_way(setup: Setup) -> tuple[Browser, int] | None:
    """A plan run of the whole school, two seconds after the worker took it (model building or solving)."""
    planner = Browser(setup.base_url).login(setup.accounts.planner)
    run_id = start_plan_run(planner)
    if run_id is None or not wait_for_running(planner, run_id):
        return None
    time.sleep(2.0)
    return planner, run_id


def print_seconds(what: str, seconds: float | None) -> None:
    print(f"  {what}: {'niet binnen 600 s' if seconds is None else f'{comma(seconds, 2)} s'}")


def comma(number: float, decimals: int) -> str:
    """A Dutch decimal: a comma, not a point."""
    return f"{number:.{decimals}f}".replace(".", ",")


def descendants_peak_mb(pid: int) -> float:
    """The largest VmHWM among the processes below ``pid`` (the worker's fork server and its run process)."""
    return max((_peak_mb(child) for child in descendants(pid)), default=0.0)


def descendants(pid: int) -> set[int]:
    """The living processes below ``pid``."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    below, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - below
        below |= frontier
    return below


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _peak_mb(pid: int) -> float:
    try:
        found = re.search(r"VmHWM:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text())
    except OSError:
        return 0.0
    return int(found.group(1)) / 1024 if found else 0.0


def kill_worker_mid_run(setup: Setup, server: Server) -> Server:
    """SIGKILL the worker while it runs a plan; time until the run shows failed, until a new run is taken
    into the queue, and until a restarted worker (as a service manager restarts it) runs it."""
    started = start_run_mid_way(setup)
    if started is None:
        print("\nWorker doden tijdens een berekening: de berekening begon niet")
        return server
    planner, run_id = started
    setup.servers.append(("worker, gedood tijdens een berekening", setup.worker.peak_rss_mb()))
    setup.servers.append(("  haar rekenproces, tot dan", descendants_peak_mb(setup.worker.process.pid)))
    setup.worker.process.kill()
    setup.worker.process.wait()
    print(f"\nWorker doden (SIGKILL) tijdens berekening {run_id}:")
    print_seconds("de berekening staat op mislukt na", seconds_until(lambda: run_status(planner, run_id) == "failed"))
    new_run: list[int] = []
    print_seconds("een nieuwe berekening staat in de wachtrij na", seconds_until(lambda: _started(planner, new_run)))
    restarted_at = time.monotonic()
    start_worker(setup)
    running = new_run and wait_for_running(planner, new_run[0], timeout_s=120)
    print_seconds("de herstarte worker voert haar uit na", time.monotonic() - restarted_at if running else None)
    if new_run:
        stop_plan_run(planner, new_run[0])
        seconds_until(lambda: run_ended(planner, new_run[0]), timeout_s=30)
    return server


def _started(planner: Browser, started: list[int]) -> bool:
    run_id = start_plan_run(planner)
    if run_id is not None:
        started.append(run_id)
    return run_id is not None


def kill_server_mid_run(setup: Setup, server: Server) -> Server:
    """SIGKILL the web server while the worker runs a plan, start the server again; the run goes on in the
    worker. Prints the times until pages answer, until a stop ends the run and until a new run starts.

    Returns the restarted server (the next fault uses it)."""
    started = start_run_mid_way(setup)
    if started is None:
        print("\nServer doden tijdens een berekening: de berekening begon niet")
        return server
    _, run_id = started
    stop_server(setup, server, "server, gedood tijdens een berekening", signal.SIGKILL)
    server = start_server(setup)
    answering_s = wait_until_answering(server)
    planner = Browser(setup.base_url).login(setup.accounts.planner)
    print(f"\nServer doden (SIGKILL) tijdens berekening {run_id}, opnieuw starten:")
    print(f"  pagina's antwoorden weer na {comma(answering_s, 2)} s")
    print(f"  de berekening is daarna: {run_status(planner, run_id) or '?'} (de worker rekent door)")
    stop_plan_run(planner, run_id)
    print_seconds("Stop beëindigt haar na", seconds_until(lambda: run_ended(planner, run_id)))
    new_run: list[int] = []
    print_seconds("een nieuwe berekening start na", seconds_until(lambda: _started(planner, new_run)))
    if new_run:
        stop_plan_run(planner, new_run[0])
    return server


# One function per fault, in order; each gets the running server and returns the one that runs after it.
FAULTS: tuple[Callable[[Setup, Server], Server], ...] = (kill_worker_mid_run, kill_server_mid_run)


# ---------------------------------------------------------------- main


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Last- en storingstest van de echte server (zie de moduletekst).")
    parser.add_argument("--database-url", default="", help="PostgreSQL (leeg: SQLite in een tijdelijke map)")
    parser.add_argument("--wipe", action="store_true", help="maak de PostgreSQL-database eerst leeg")
    parser.add_argument("--requests", type=int, default=1000, help="ongeveer zoveel aanvragen (standaard 1000)")
    parser.add_argument("--samples", type=int, default=20, help="metingen per pagina (standaard 20)")
    parser.add_argument("--export-samples", type=int, default=3, help="metingen van de export (standaard 3)")
    parser.add_argument("--teachers", type=int, default=20, help="leerkrachten tegelijk (standaard 20)")
    parser.add_argument("--submits", type=int, default=5, help="aanvragen per leerkracht (standaard 5)")
    parser.add_argument("--no-faults", action="store_true", help="sla het doden van worker en server over")
    parser.add_argument("--processen", type=int, help="webprocessen van serve (standaard: wat serve zelf kiest)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_arguments(argv)
    instance = Path(tempfile.mkdtemp(prefix="handenplanner-last-"))
    environment = os.environ | {"HANDENPLANNER_INSTANCE": str(instance), "PYTHONPATH": str(ROOT)}
    if args.database_url:
        environment["DATABASE_URL"] = args.database_url
    else:
        environment.pop("DATABASE_URL", None)
    try:
        return run_all(args, environment)
    finally:
        shutil.rmtree(instance, ignore_errors=True)


def run_all(args: argparse.Namespace, environment: dict[str, str]) -> int:
    print(f"Database: {'PostgreSQL' if args.database_url else 'SQLite'}; belasting vooraf: {load_average()}")
    started = time.monotonic()
    accounts = fill_school(environment, args.requests, args.teachers, wipe=args.wipe)
    print(f"Gevuld in {comma(time.monotonic() - started, 1)} s: {accounts.summary}")
    setup = Setup(environment, free_port(), accounts, processes=args.processen)
    server = start_server(setup)
    start_worker(setup)
    try:
        print(f"Server antwoordt na {comma(wait_until_answering(server), 1)} s, met {web_process_count(server)}")
        print_seconds("De worker heeft de exportwerkmap klaar na", seconds_until(lambda: kept_export(setup)))
        measure_pages(setup, server, args.samples, args.export_samples)
        concurrent_submits(setup, server, args.submits)
        for fault in () if args.no_faults else FAULTS:
            server = fault(setup, server)
    finally:
        if server.process.poll() is None:
            stop_server(setup, server, "server")
        if setup.worker is not None and setup.worker.process.poll() is None:
            stop_server(setup, setup.worker, "worker")
    print("\nPiekgeheugen (VmHWM) per server (het grootste van zijn webprocessen) en worker:")
    for what, peak_mb in setup.servers:
        print(f"  {what:<44} {peak_mb:>7.0f} MB")
    print(f"Belasting achteraf: {load_average()}")
    return 0


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{comma(one, 2)}; {comma(five, 2)}; {comma(fifteen, 2)} op {os.cpu_count()} kernen"


if __name__ == "__main__":
    sys.exit(main())
