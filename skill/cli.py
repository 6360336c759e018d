"""The runtime's command line: serve, and the tools features add (scheduler, sweep, export).

The installed `twitch-diary` command is the dev kit's (devkit/cli.py): these commands plus
run, chat and alexa-sim. Production runs these without the dev kit: ``python -m skill.cli``.
"""

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


Register = Callable[[argparse._SubParsersAction], None]  # type: ignore[type-arg]


def build_parser(
    more_commands: Callable[[], list[Register]] | None = None,
) -> argparse.ArgumentParser:
    """The parser; ``more_commands`` adds other packages' sub-commands (the dev kit's)."""
    parser = argparse.ArgumentParser(prog="twitch-diary", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="serve the skill over HTTP (gunicorn) on PORT")
    serve.add_argument("--workers", type=int, default=None, help="default: WEB_WORKERS")
    serve.set_defaults(func=cmd_serve)

    for register in _feature_commands() + (more_commands() if more_commands else []):
        register(sub)
    return parser


def _feature_commands() -> list[Register]:
    """Sub-commands owned by feature modules (each adds its own parser)."""
    from scheduler import cli as scheduler_cli  # noqa: PLC0415 - keep CLI start-up light
    from skill.episodes import export  # noqa: PLC0415

    return [scheduler_cli.register, export.register]


def main(
    argv: list[str] | None = None, more_commands: Callable[[], list[Register]] | None = None
) -> int:
    words = sys.argv[1:] if argv is None else argv
    if words[:1] == ["serve"]:
        # Before build_parser imports redis and ssl: see skill/web/green.py.
        from skill.web.green import patch_for_gevent  # noqa: PLC0415

        patch_for_gevent()
    parser = build_parser(more_commands)
    args = parser.parse_args(argv)
    try:
        result: int = args.func(args)
    except SettingsError as exc:
        print(f"twitch-diary: {exc}", file=sys.stderr)
        return 2
    return result


if __name__ == "__main__":
    sys.exit(main())
