"""`twitch-diary` command line: serve, run (local all-in-one), and the tools features add."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from skill.config import Settings, SettingsError
from skill.logs import configure_logging


def cmd_serve(args: argparse.Namespace) -> int:
    """Production web server: gunicorn with the app factory, on PORT."""
    from skill.web.server import serve  # noqa: PLC0415 - keep CLI start-up light

    settings = Settings.from_env()
    settings.require_secret()
    configure_logging(settings.log_level)
    serve(settings, workers=args.workers)
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """Local development: embedded Redis if REDIS_URL is unset, web skill and scheduler."""
    from skill.local_run import run_local  # noqa: PLC0415

    return run_local(data_dir=args.data_dir)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="twitch-diary", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="serve the skill over HTTP (gunicorn) on PORT")
    serve.add_argument("--workers", type=int, default=None, help="default: WEB_WORKERS")
    serve.set_defaults(func=cmd_serve)

    run = sub.add_parser("run", help="local all-in-one: Redis (if needed), web skill, scheduler")
    run.add_argument("--data-dir", default="var", help="where the embedded Redis keeps its files")
    run.set_defaults(func=cmd_run)

    for register in _feature_commands():
        register(sub)
    return parser


def _feature_commands() -> list[Callable[[argparse._SubParsersAction], None]]:  # type: ignore[type-arg]
    """Sub-commands owned by feature modules (each adds its own parser)."""
    from scheduler import cli as scheduler_cli  # noqa: PLC0415 - keep CLI start-up light
    from skill.chat import cli as chat_cli  # noqa: PLC0415
    from skill.cloud import sim_cli  # noqa: PLC0415 - argparse only; the sim loads on use
    from skill.episodes import export  # noqa: PLC0415

    return [scheduler_cli.register, sim_cli.register, chat_cli.register, export.register]


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    if words[:1] == ["serve"]:
        # Before build_parser imports redis and ssl: see skill/web/green.py.
        from skill.web.green import patch_for_gevent  # noqa: PLC0415

        patch_for_gevent()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        result: int = args.func(args)
    except SettingsError as exc:
        print(f"twitch-diary: {exc}", file=sys.stderr)
        return 2
    return result


if __name__ == "__main__":
    sys.exit(main())
