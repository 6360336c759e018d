"""`twitch-diary`, the installed command: the runtime's commands and the dev kit's.

The dev kit adds run (the local all-in-one of `make run`), chat and alexa-sim to what
skill/cli.py offers; the runtime itself never imports the dev kit.
"""

from __future__ import annotations

import argparse
import sys

from skill import cli as runtime_cli


def cmd_run(args: argparse.Namespace) -> int:
    """Local development: embedded Redis if REDIS_URL is unset, web skill and scheduler."""
    from devkit.local_run import run_local  # noqa: PLC0415 - keep CLI start-up light

    return run_local(data_dir=args.data_dir)


def register_run(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    run = sub.add_parser("run", help="local all-in-one: Redis (if needed), web skill, scheduler")
    run.add_argument("--data-dir", default="var", help="where the embedded Redis keeps its files")
    run.set_defaults(func=cmd_run)


def dev_commands() -> list[runtime_cli.Register]:
    """Imported when the parser is built: after `serve` has patched for gevent."""
    from devkit.alexa_sim import cli as sim_cli  # noqa: PLC0415 - argparse only; the sim loads on use
    from devkit.chat import cli as chat_cli  # noqa: PLC0415

    return [register_run, sim_cli.register, chat_cli.register]


def build_parser() -> argparse.ArgumentParser:
    return runtime_cli.build_parser(dev_commands)


def main(argv: list[str] | None = None) -> int:
    return runtime_cli.main(argv, more_commands=dev_commands)


if __name__ == "__main__":
    sys.exit(main())
