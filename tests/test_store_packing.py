"""Commands packed by hiredis in one call send exactly the bytes redis-py's packer sends
(skill/episodes/store/client.py), and the client still talks to a real Redis."""

from __future__ import annotations

import pytest
import redis as redis_lib  # noqa: TID251 - the packers are compared against redis-py's own
from hypothesis import given
from hypothesis import strategies as st

from devkit.local_redis import RedisProcess
from skill.episodes.store.client import connect, packing_in_c

FAST = packing_in_c(redis_lib.Connection)

# What the store passes: text (any valid Unicode), bytes, ints of any size, finite floats.
ARGUMENT = st.one_of(
    st.text(),
    st.binary(),
    st.integers(),
    st.floats(allow_nan=False),
)
COMMAND_NAME = st.sampled_from(["SET", "EVALSHA", "HSET", "ZADD", "SCRIPT LOAD", "CLIENT SETNAME"])


def packed(connection: redis_lib.Connection, commands: list[list[object]]) -> bytes:
    return b"".join(connection.pack_commands(commands))


@given(st.lists(st.tuples(COMMAND_NAME, st.lists(ARGUMENT, max_size=12)), min_size=1, max_size=4))
def test_the_c_packer_sends_what_redis_py_sends(commands: list[tuple[str, list[object]]]) -> None:
    pipeline = [[name, *args] for name, args in commands]
    assert packed(FAST(), pipeline) == packed(redis_lib.Connection(), pipeline)
    for command in pipeline:
        assert b"".join(FAST().pack_command(*command)) == b"".join(
            redis_lib.Connection().pack_command(*command)
        )


@pytest.mark.parametrize("bad", [None, True, object()])
def test_what_redis_py_refuses_is_refused_the_same_way(bad: object) -> None:
    with pytest.raises(redis_lib.exceptions.DataError):
        redis_lib.Connection().pack_command("SET", "key", bad)
    with pytest.raises(redis_lib.exceptions.DataError):
        FAST().pack_command("SET", "key", bad)


def test_text_that_is_not_unicode_is_refused_as_redis_py_refuses_it() -> None:
    lone_surrogate = "a\ud800b"
    with pytest.raises(UnicodeEncodeError):
        redis_lib.Connection().pack_command("SET", "key", lone_surrogate)
    with pytest.raises(UnicodeEncodeError):
        FAST().pack_command("SET", "key", lone_surrogate)


def test_the_store_client_packs_in_c_over_tcp_and_tls() -> None:
    client = connect("redis://127.0.0.1:1/0")  # lazy: nothing is sent
    assert client.connection_pool.connection_class is FAST
    tls = connect("rediss://127.0.0.1:1/0").connection_pool.connection_class
    assert issubclass(tls, redis_lib.SSLConnection)
    assert tls is not redis_lib.SSLConnection


def test_a_store_client_works_against_a_real_redis(redis_server: RedisProcess) -> None:
    client = connect(redis_server.url)
    client.set("packing:text", "héllo 漢字")
    client.hset("packing:hash", mapping={"n": 12345678901234567890, "f": 0.1})
    pipe = client.pipeline(transaction=False)
    pipe.get("packing:text")
    pipe.hgetall("packing:hash")
    pipe.script_load("return 1")  # a command name of two words
    assert pipe.execute()[:2] == ["héllo 漢字", {"n": "12345678901234567890", "f": "0.1"}]
