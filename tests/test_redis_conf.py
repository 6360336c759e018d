"""infra/redis.conf starts a redis-server with the durability settings the diary relies on."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import redis

from devkit.local_redis import find_redis_server, free_port

CONF = Path(__file__).resolve().parent.parent / "infra" / "redis.conf"


def test_redis_conf_turns_on_aof_with_fsync_always(tmp_path: Path) -> None:
    port = free_port()
    proc = subprocess.Popen(  # noqa: S603 - fixed binary, our own arguments
        [find_redis_server(), str(CONF), "--port", str(port), "--dir", str(tmp_path),
         "--daemonize", "no", "--logfile", str(tmp_path / "redis.log")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        client = redis.Redis(port=port, decode_responses=True, socket_connect_timeout=0.2)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.exceptions.ConnectionError:
                assert proc.poll() is None, "redis-server refused infra/redis.conf (see its log)"
                assert time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.05)
        assert client.config_get("appendonly") == {"appendonly": "yes"}
        assert client.config_get("appendfsync") == {"appendfsync": "always"}
        assert client.config_get("save") == {"save": ""}
        assert client.config_get("maxmemory-policy") == {"maxmemory-policy": "noeviction"}
        client.close()
    finally:
        proc.terminate()
        proc.wait(10)
