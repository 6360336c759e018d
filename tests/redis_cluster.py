"""A three-primary Redis Cluster on loopback for tests (redis-server, redis-cli --cluster)."""

from __future__ import annotations

import random
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

from devkit.local_redis import RedisProcess, RedisStartError

# The cluster bus listens on port + 10000, so node ports must leave room for it.
_PORT_RANGE = (20000, 45000)


def _free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def cluster_port() -> int:
    """A port that is free, with its cluster bus port (+10000) free as well."""
    for _ in range(200):
        port = random.randint(*_PORT_RANGE)  # noqa: S311 - not security relevant
        if _free(port) and _free(port + 10000):
            return port
    raise RedisStartError("no free port pair for a cluster node")


def find_redis_cli() -> str:
    found = shutil.which("redis-cli") or shutil.which(
        "redis-cli", path=str(Path(sys.executable).parent)
    )
    if not found:
        raise RedisStartError("redis-cli not found (PATH or the virtualenv's bin)")
    return found


class RedisCluster:
    """Three primaries, no replicas; every node with AOF (appendfsync always)."""

    def __init__(self, base_dir: Path, primaries: int = 3) -> None:
        self.nodes: list[RedisProcess] = []
        for index in range(primaries):
            node_dir = Path(base_dir) / f"node{index}"
            node = RedisProcess(
                node_dir,
                cluster_port(),
                extra_args=(
                    "--cluster-enabled", "yes",
                    "--cluster-config-file", str(node_dir / "nodes.conf"),
                    "--cluster-node-timeout", "5000",
                ),
            )  # fmt: skip
            self.nodes.append(node)

    @property
    def url(self) -> str:
        return self.nodes[0].url

    def start(self, timeout: float = 30.0) -> RedisCluster:
        for node in self.nodes:
            node.start()
        addresses = [f"127.0.0.1:{node.port}" for node in self.nodes]
        subprocess.run(  # noqa: S603 - fixed binary, our own arguments
            [find_redis_cli(), "--cluster", "create", *addresses,
             "--cluster-replicas", "0", "--cluster-yes"],
            check=True, capture_output=True, timeout=timeout,
        )  # fmt: skip
        self._wait_ok(timeout)
        return self

    def _wait_ok(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        cli = find_redis_cli()
        while time.monotonic() < deadline:
            states = [
                subprocess.run(  # noqa: S603
                    [cli, "-p", str(node.port), "cluster", "info"],
                    capture_output=True,
                    text=True,
                    timeout=5,
                ).stdout  # fmt: skip
                for node in self.nodes
            ]
            if all("cluster_state:ok" in state for state in states):
                return
            time.sleep(0.1)
        raise RedisStartError("cluster did not reach cluster_state:ok")

    def stop(self) -> None:
        for node in self.nodes:
            node.stop()
