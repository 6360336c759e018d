"""`twitch-diary export --user <Alexa userId> --format json|csv`: one user's diary on stdout.

The user key is computed from the given userId with USER_KEY_SECRET, exactly as
the skill does; the raw userId is not written to the output.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from typing import Any

from skill.config import Settings
from skill.episodes.model import Episode
from skill.episodes.store import Store, StoreUnavailable, connect

FIELDS = (
    "id", "started_at", "local_date", "location", "region", "side",
    "duration_seconds", "time_of_day", "triggers",
)  # fmt: skip


def episode_row(episode: Episode) -> dict[str, Any]:
    return {
        "id": episode.id,
        "started_at": episode.started_at.isoformat(),
        "local_date": episode.local_date.isoformat(),
        "location": episode.location,
        "region": episode.region,
        "side": episode.side,
        "duration_seconds": episode.duration_seconds,
        "time_of_day": episode.time_of_day,
        "triggers": list(episode.triggers),
    }


def to_json(episodes: list[Episode]) -> str:
    return json.dumps({"episodes": [episode_row(e) for e in episodes]}, indent=2) + "\n"


def to_csv(episodes: list[Episode]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for episode in episodes:
        row = episode_row(episode)
        row["triggers"] = ";".join(row["triggers"])
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return out.getvalue()


FORMATS = {"json": to_json, "csv": to_csv}


def cmd_export(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    settings.require_secret()
    store = Store(
        connect(settings.redis_url, cluster=settings.redis_cluster), settings.user_key_secret
    )
    try:
        episodes = store.diary.all_episodes(store.user_key(args.user))
    except StoreUnavailable:
        sys.stderr.write("twitch-diary: Redis is not reachable at REDIS_URL\n")
        return 1
    sys.stdout.write(FORMATS[args.format](episodes))
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    export = sub.add_parser("export", help="write one user's twitch diary (JSON or CSV) to stdout")
    export.add_argument("--user", required=True, help="the Alexa userId (amzn1.ask.account...)")
    export.add_argument("--format", choices=sorted(FORMATS), default="json")
    export.set_defaults(func=cmd_export)
