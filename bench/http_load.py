"""HTTP load: our skill versus a minimal "hello" skill, both under gunicorn, driven by wrk.

Starts its own redis-server (temporary directory, AOF `always` as infra/redis.conf ships),
then both servers with the same gunicorn options (skill/web/server.py), side by side. The load
comes from wrk (a Debian package; `make bench` installs it), a C program in its own process,
so the load generator does not share the servers' interpreter. Each request kind is measured
in alternating A/B rounds (hello first in even rounds, ours first in odd ones), so drift on a
shared machine falls on both servers alike. The kinds:

- launch: a LaunchRequest from a new user each time (the first-use notice is claimed);
- question: an AskQuestionIntent from a returning user in session (the FAQ answers), the
  same question each time (a reply the answerer keeps);
- questions: the same, with 1,000 distinct questions from bench/data/faq_*.json in turn,
  more than the answerer keeps, so each is answered afresh;
- logging: a one-shot LogTwitchIntent from a new user each time (the episode written, AOF).

The hello skill gets the same bodies. Prints req/s, p50 and p99 per round, and the medians
over the rounds with our rate as a ratio of the hello skill's (the median of the rounds'
ratios). Usage: python bench/http_load.py [--seconds 5] [--rounds 3] [--connections 16]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from devkit import envelopes as env  # noqa: E402
from devkit.local_redis import RedisProcess, free_port  # noqa: E402
from skill.config import Settings  # noqa: E402
from skill.web.server import gunicorn_options  # noqa: E402

SHIPPED_WORKER_CLASS = str(gunicorn_options(Settings())["worker_class"])
# Replaced, in every place it occurs, by a per-request user id in the Lua script.
USER_PLACEHOLDER = "BENCHUSERPLACEHOLDER"


@dataclass(frozen=True)
class Kind:
    name: str
    body: Callable[[str], dict[str, Any]]  # user id -> envelope
    fresh_user: bool  # a new user on every request, else one returning user
    # Envelopes sent in turn instead of ``body``'s one (user id -> envelopes).
    variants: Callable[[str], list[dict[str, Any]]] | None = None


def _launch(user_id: str) -> dict[str, Any]:
    return env.launch(datetime.now(UTC), user_id=user_id)


def _question(user_id: str, text: str = "what causes muscle twitches") -> dict[str, Any]:
    slots = {"question": text}
    return env.intent("AskQuestionIntent", datetime.now(UTC), slots, user_id=user_id)


# More distinct questions than the FAQ answerer keeps replies for (skill/faq/answerer.py),
# asked in turn: every one is answered afresh, the kept replies' worst case.
VARIED_QUESTIONS = 1000


def _questions(user_id: str) -> list[dict[str, Any]]:
    asked: set[str] = set()
    for path in sorted((ROOT / "bench" / "data").glob("faq_*.json")):
        for case in json.loads(path.read_text()).get("cases", []):
            asked.add(" ".join(str(case["q"]).lower().split()))
    return [_question(user_id, text) for text in sorted(asked)[:VARIED_QUESTIONS]]


def _logging(user_id: str) -> dict[str, Any]:
    slots = {
        "location": env.resolved_slot("location", "calf", "calf", "BODY_LOCATION"),
        "side": env.resolved_slot("side", "left", "left", "SIDE"),
        "duration": "PT2M",
    }
    return env.intent(
        "LogTwitchIntent", datetime.now(UTC), slots, dialog_state="STARTED",
        user_id=user_id, device_id=None,
    )  # fmt: skip


KINDS = (
    Kind("launch", _launch, fresh_user=True),
    Kind("question", _question, fresh_user=False),
    Kind("questions", _question, fresh_user=False, variants=_questions),
    Kind("logging", _logging, fresh_user=True),
)


def _lua_string(text: str) -> str:
    if "]==]" in text:
        raise ValueError("body holds the Lua long-string terminator")
    return "[==[" + text + "]==]"


def lua_script(kind: Kind) -> str:
    """A wrk script that POSTs the kind's envelope, the user id filled in per request, and
    prints one JSON line of figures at the end."""
    user = f"amzn1.ask.account.{USER_PLACEHOLDER}"
    envelopes = kind.variants(user) if kind.variants else [kind.body(user)]
    bodies = []
    for envelope in envelopes:
        body = json.dumps(envelope, separators=(",", ":"))
        bodies.append("{" + ", ".join(_lua_string(p) for p in body.split(USER_PLACEHOLDER)) + "}")
    fresh = "true" if kind.fresh_user else "false"
    return f"""
local bodies = {{{", ".join(bodies)}}}
local sent = 0
local fresh = {fresh}
local threads = 0
local counter = 0
local tag = "returning"
function setup(thread)
  thread:set("thread_number", threads)
  threads = threads + 1
end
function init(args)
  if fresh then tag = (args[1] or "round") .. "T" .. tostring(thread_number) .. "N" end
end
local headers = {{["Content-Type"] = "application/json"}}
request = function()
  local user = tag
  if fresh then
    counter = counter + 1
    user = tag .. tostring(counter)
  end
  sent = sent + 1
  local parts = bodies[(sent % #bodies) + 1]
  return wrk.format("POST", nil, headers, table.concat(parts, user))
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\\nRESULT {{"requests": %d, "duration_us": %d, "errors": %d, "p50_us": %d, "p99_us": %d}}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
"""


@contextmanager
def gunicorn(
    app_spec: str, environment: dict[str, str], workers: int, worker_class: str, cpus: str | None
) -> Iterator[str]:
    port = free_port()
    command = [
        str(Path(sys.executable).parent / "gunicorn"), "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers), "--worker-class", worker_class, "--keep-alive", "5",
        "--worker-connections", "2000", "--log-level", "warning", "--chdir", str(ROOT), app_spec,
    ]  # fmt: skip
    if cpus:
        command = ["taskset", "-c", cpus, *command]
    process = subprocess.Popen(command, env=environment)  # noqa: S603
    url = f"http://127.0.0.1:{port}/alexa"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                requests.post(url, data=b"{}", timeout=5)
                break
            except requests.RequestException:  # not listening yet, or workers still booting
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"gunicorn for {app_spec} did not come up") from None
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(15)


def run_wrk(
    url: str, script: Path, seconds: float, connections: int, tag: str, cpus: str | None
) -> dict[str, float]:
    command = [
        "wrk", "--threads", "1", "--connections", str(connections),
        "--duration", f"{seconds:.0f}s", "--timeout", "5s", "--script", str(script), url,
        "--", tag,
    ]  # fmt: skip
    if cpus:
        command = ["taskset", "-c", cpus, *command]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    line = next(row for row in output.splitlines() if row.startswith("RESULT "))
    figures = json.loads(line.removeprefix("RESULT "))
    return {
        "rps": figures["requests"] / (figures["duration_us"] / 1e6),
        "p50_ms": figures["p50_us"] / 1000,
        "p99_ms": figures["p99_us"] / 1000,
        "errors": figures["errors"],
    }


def require_wrk() -> None:
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: `make bench` installs it (apt-get install wrk)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="per round and server")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument(
        "--worker-class", default=SHIPPED_WORKER_CLASS, help="default: the one serve ships with"
    )
    parser.add_argument("--server-cpus", default="0", help="taskset list for both servers")
    parser.add_argument("--wrk-cpus", default="1", help="taskset list for wrk ('' for none)")
    args = parser.parse_args()
    require_wrk()

    with tempfile.TemporaryDirectory() as data_dir, ExitStack() as stack:
        redis = RedisProcess(Path(data_dir), appendfsync="always").start()
        stack.callback(redis.stop)
        environment = {
            **os.environ, "REDIS_URL": redis.url, "USER_KEY_SECRET": "bench-secret-0123456789",
            "ALEXA_VERIFY": "false", "ALEXA_SKILL_ID": env.SKILL_ID, "LOG_LEVEL": "WARNING",
        }  # fmt: skip
        serve = (args.workers, args.worker_class, args.server_cpus or None)
        servers = {
            "hello": stack.enter_context(
                gunicorn("bench.hello_skill:create_hello_app()", environment, *serve)
            ),
            "ours": stack.enter_context(
                gunicorn("skill.web.wsgi:app_from_env()", environment, *serve)
            ),
        }
        rows = measure(servers, args, Path(data_dir))

    print(
        f"gunicorn {args.worker_class} x{args.workers} worker(s)"
        f" on cpus {args.server_cpus or 'any'}, wrk on cpus {args.wrk_cpus or 'any'},"
        f" {args.connections} connections,"
        f" {args.rounds} alternating rounds of {args.seconds:.0f} s per server"
    )
    print(
        f"{'request':10} {'server':6} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}"
        f" {'ours/hello':>11}"
    )
    for kind, per_server, ratio in rows:
        for server in ("ours", "hello"):
            median = {
                key: statistics.median(r[key] for r in per_server[server])
                for key in ("rps", "p50_ms", "p99_ms")
            }
            errors = sum(r["errors"] for r in per_server[server])
            shown = f"{ratio:10.2f}x" if server == "ours" else ""
            print(
                f"{kind:10} {server:6} {median['rps']:8.0f} {median['p50_ms']:8.2f}"
                f" {median['p99_ms']:8.2f} {errors:7.0f} {shown:>11}"
            )


def measure(
    servers: dict[str, str], args: argparse.Namespace, scratch: Path
) -> list[tuple[str, dict[str, list[dict[str, float]]], float]]:
    """Per kind: each server's rounds, and the median of the rounds' ours/hello ratios."""
    rows = []
    wrk_cpus = args.wrk_cpus or None
    for kind in KINDS:
        script = scratch / f"{kind.name}.lua"
        script.write_text(lua_script(kind))
        for name, url in servers.items():  # warm-up: imports, the FAQ index, connections
            run_wrk(url, script, 1, args.connections, f"warm{name}", wrk_cpus)
        per_server: dict[str, list[dict[str, float]]] = {"hello": [], "ours": []}
        ratios = []
        for round_number in range(args.rounds):
            order = ("hello", "ours") if round_number % 2 == 0 else ("ours", "hello")
            for name in order:
                tag = f"r{round_number}{name}"
                figures = run_wrk(servers[name], script, args.seconds, args.connections, tag,
                                  wrk_cpus)  # fmt: skip
                per_server[name].append(figures)
                print(
                    f"  {kind.name} round {round_number + 1} {name}: {figures['rps']:.0f} req/s, "
                    f"p50 {figures['p50_ms']:.2f} ms, p99 {figures['p99_ms']:.2f} ms, "
                    f"{figures['errors']:.0f} errors",
                    flush=True,
                )
            ratios.append(per_server["ours"][-1]["rps"] / per_server["hello"][-1]["rps"])
        rows.append((kind.name, per_server, statistics.median(ratios)))
    return rows


if __name__ == "__main__":
    main()
