"""The envelope's value checks (skill/web/envelope.py): the short ways taken after orjson has
parsed a body refuse exactly what the full walk refuses, and /alexa answers 400 either way."""

from __future__ import annotations

import json
from typing import Any

import orjson
import pytest
from flask.testing import FlaskClient

from devkit import envelopes as env
from skill.web.app import parse_body
from skill.web.envelope import MAX_DEPTH, EnvelopeError, check_envelope, check_nesting, check_values
from tests.conftest import NOW

# The devkit's default userId holds a run of 20 digits, which parse_body leaves to the standard
# library; the short ways are taken only after orjson, so these envelopes use another.
USER = "amzn1.ask.account.ENVELOPECHECKS"


def nest(levels: int, innermost: Any, *, kind: str = "list") -> Any:
    """``levels`` containers, one inside the other, around ``innermost`` (None: empty)."""
    value: Any = [] if kind == "list" else {}
    if innermost is not None:
        value = [innermost] if kind == "list" else {"k": innermost}
    for level in range(levels - 1):
        value = [value] if (kind == "list") == (level % 2 == 0) else {"k": value}
    return value


def refuses(check: Any, value: Any) -> bool:
    try:
        check(value)
    except EnvelopeError:
        return True
    return False


CASES = [
    nest(levels, innermost, kind=kind)
    for levels in (MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1, MAX_DEPTH + 2)
    for innermost in (None, "s", 1, {"empty": {}})
    for kind in ("list", "dict")
] + [{"a": nest(MAX_DEPTH - 1, None)}, {"a": nest(MAX_DEPTH, None)}, {"a": "b", "c": [1, [2]]}]


@pytest.mark.parametrize("value", CASES)
def test_the_nesting_walk_refuses_what_the_full_walk_refuses(value: Any) -> None:
    assert refuses(check_nesting, value) == refuses(check_values, value)


def test_the_boundary_is_where_the_full_walk_puts_it() -> None:
    assert not refuses(check_values, nest(MAX_DEPTH, "s"))
    assert refuses(check_values, nest(MAX_DEPTH + 1, "s"))
    assert not refuses(check_nesting, nest(MAX_DEPTH + 1, None))
    assert refuses(check_nesting, nest(MAX_DEPTH + 1, "s"))


def deep_launch(levels: int) -> bytes:
    body = env.launch(NOW, user_id=USER)
    body["session"]["attributes"] = {"deep": nest(levels, "s")}
    return json.dumps(body).encode()


@pytest.mark.parametrize("levels", [5, MAX_DEPTH - 4, MAX_DEPTH - 1, MAX_DEPTH, 40])
def test_the_container_count_never_lets_a_too_deep_envelope_through(levels: int) -> None:
    body = deep_launch(levels)
    payload, unicode_checked = parse_body(body)
    assert unicode_checked
    containers = body.count(b"{") + body.count(b"[")
    fast = refuses(
        lambda p: check_envelope(p, None, unicode_checked=True, containers=containers), payload
    )
    assert fast == refuses(lambda p: check_envelope(p, None), payload)


def test_only_orjson_vouches_for_the_unicode() -> None:
    body = (
        json.dumps(env.launch(NOW, user_id=USER))
        .replace("amzn1.ask.account", "amzn1.\\ud800")
        .encode()
    )
    with pytest.raises(orjson.JSONDecodeError):
        orjson.loads(body)
    payload, unicode_checked = parse_body(body)
    assert not unicode_checked
    with pytest.raises(EnvelopeError, match="lone surrogate"):
        check_envelope(payload, None, unicode_checked=unicode_checked, containers=0)
    _, vouched = parse_body(json.dumps(env.launch(NOW, user_id=USER)).encode())
    assert vouched


@pytest.mark.parametrize("levels", [MAX_DEPTH + 1, 40])
def test_a_too_deep_envelope_is_a_400(client: FlaskClient, levels: int) -> None:
    reply = env.post(client, deep_launch(levels))
    assert reply.status_code == 400
    assert reply.get_json()["reason"] == "envelope nested too deeply"


def test_a_lone_surrogate_is_a_400(client: FlaskClient) -> None:
    body = (
        json.dumps(env.launch(NOW, user_id=USER))
        .replace("amzn1.ask.account", "amzn1.\\ud800")
        .encode()
    )
    reply = env.post(client, body)
    assert reply.status_code == 400
    assert "lone surrogate" in reply.get_json()["reason"]


@pytest.mark.parametrize(
    ("text", "by_orjson"),
    [
        ('{"n": 1234567890123456789}', True),  # 19 digits: orjson keeps it exact
        ('{"n": 12345678901234567890123}', False),  # beyond 64 bits: the standard library
        ('{"n": -18446744073709551616}', False),
        ('{"s": "id-00000000000000000000"}', False),  # a run in a string counts too
        ('{"s": "1234567890 1234567890"}', True),
    ],
)
def test_a_run_of_twenty_digits_is_parsed_by_the_standard_library(
    text: str, by_orjson: bool
) -> None:
    payload, unicode_checked = parse_body(text.encode())
    assert unicode_checked == by_orjson
    assert payload == json.loads(text)
    assert type(payload.get("n")) is type(json.loads(text).get("n"))
