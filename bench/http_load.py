"""HTTP load: our skill versus a minimal "hello" skill, both under gunicorn on loopback.

Starts its own redis-server (temporary directory), then for each app a gunicorn with the
same options (skill/server.py), and drives it with concurrent keep-alive clients. Prints
throughput and p50/p99 latency for:

- launch (returning user): reads Redis;
- launch (new user): writes Redis (the first-use notice is claimed);
- log a twitch: a one-shot LogTwitchIntent, the episode written and acknowledged;
- hello: the baseline skill, no Redis;

and our figures as a ratio of the baseline. Usage: python bench/http_load.py [--seconds 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from skill.config import Settings  # noqa: E402
from skill.local_redis import RedisProcess, free_port  # noqa: E402
from skill.server import gunicorn_options  # noqa: E402
from tests import envelopes as env  # noqa: E402

SHIPPED_WORKER_CLASS = str(gunicorn_options(Settings())["worker_class"])

SKILL_ID = env.SKILL_ID


@contextmanager
def gunicorn(
    app_spec: str, environment: dict[str, str], workers: int, worker_class: str = "sync"
) -> Iterator[str]:
    port = free_port()
    command = [
        str(Path(sys.executable).parent / "gunicorn"), "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers), "--worker-class", worker_class, "--keep-alive", "5",
        "--log-level", "warning", "--chdir", str(ROOT), app_spec,
    ]  # fmt: skip
    process = subprocess.Popen(command, env=environment)  # noqa: S603
    url = f"http://127.0.0.1:{port}/alexa"
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                requests.post(url, data=b"{}", timeout=5)
                break
            except requests.RequestException:  # not listening yet, or workers still booting
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(15)


def load(
    url: str, make_body: Callable[[], bytes], seconds: float, clients: int
) -> dict[str, float]:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def worker() -> None:
        session = requests.Session()
        mine: list[float] = []
        while time.monotonic() < stop_at:
            body = make_body()
            started = time.perf_counter()
            reply = session.post(url, data=body, headers={"Content-Type": "application/json"})
            mine.append(time.perf_counter() - started)
            if reply.status_code != 200:
                with lock:
                    errors[0] += 1
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    quantiles = statistics.quantiles(latencies, n=100)
    return {
        "requests": len(latencies),
        "errors": errors[0],
        "rps": len(latencies) / elapsed,
        "p50_ms": quantiles[49] * 1000,
        "p99_ms": quantiles[98] * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--worker-class", default=SHIPPED_WORKER_CLASS, help="default: the one serve ships with"
    )
    args = parser.parse_args()

    def now() -> datetime:
        return datetime.now(UTC)

    returning = json.dumps(env.launch(now())).encode()

    def fresh_launch() -> bytes:
        return json.dumps(env.launch(now(), user_id=f"amzn1.ask.account.{uuid.uuid4()}")).encode()

    def log_twitch() -> bytes:
        """A one-shot LogTwitchIntent: an episode and the due-index written (MULTI, AOF always)."""
        slots = {
            "location": env.resolved_slot("location", "calf", "calf", "BODY_LOCATION"),
            "side": env.resolved_slot("side", "left", "left", "SIDE"),
            "duration": "PT2M",
        }
        body = env.intent(
            "LogTwitchIntent",
            now(),
            slots,
            dialog_state="STARTED",
            user_id=f"amzn1.ask.account.{uuid.uuid4()}",
            device_id=None,
        )
        return json.dumps(body).encode()

    def returning_launch() -> bytes:
        return returning

    with tempfile.TemporaryDirectory() as data_dir:
        redis = RedisProcess(Path(data_dir), appendfsync="always").start()
        environment = {
            **os.environ, "REDIS_URL": redis.url, "USER_KEY_SECRET": "bench-secret-0123456789",
            "ALEXA_VERIFY": "false", "ALEXA_SKILL_ID": SKILL_ID, "LOG_LEVEL": "WARNING",
        }  # fmt: skip
        results: dict[str, dict[str, float]] = {}
        try:
            with gunicorn(
                "bench.hello_skill:create_hello_app()", environment, args.workers, args.worker_class
            ) as url:
                results["hello (baseline)"] = load(
                    url, returning_launch, args.seconds, args.clients
                )
            with gunicorn(
                "skill.wsgi:app_from_env()", environment, args.workers, args.worker_class
            ) as url:
                requests.post(url, data=returning, timeout=5)  # the returning user exists
                results["launch, returning user (reads Redis)"] = load(
                    url, returning_launch, args.seconds, args.clients
                )
                results["launch, new user (writes Redis)"] = load(
                    url, fresh_launch, args.seconds, args.clients
                )
                results["log a twitch (episode write)"] = load(
                    url, log_twitch, args.seconds, args.clients
                )
        finally:
            redis.stop()

    baseline = results["hello (baseline)"]
    print(
        f"gunicorn {args.worker_class} x{args.workers} workers, {args.clients} clients, "
        f"{args.seconds:.0f} s each"
    )
    print(f"{'request':40} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'vs hello':>9}")
    for name, row in results.items():
        ratio = row["rps"] / baseline["rps"]
        print(
            f"{name:40} {row['rps']:8.0f} {row['p50_ms']:8.2f} {row['p99_ms']:8.2f} "
            f"{row['errors']:7.0f} {ratio:8.2f}x"
        )


if __name__ == "__main__":
    main()
