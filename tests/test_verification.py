"""Request verification (ALEXA.md section 1) against a local CA served by a local HTTP server.

The verifier sees Amazon-shaped certificate URLs; the test's fetch function maps each one to the
local server, so the real download code (timeout, status, size) runs over HTTP.
"""

from __future__ import annotations

import json
import logging
import posixpath
import threading
import time
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

import pytest
import redis as redis_lib
from cryptography.hazmat.primitives import hashes
from flask.testing import FlaskClient

from devkit import envelopes as env
from devkit.envelopes import TestClock
from skill.config import Settings
from skill.episodes.store import Store
from skill.web.app import create_app
from skill.web.verification import ChainCache, RequestVerifier, VerificationError, download_chain
from tests.conftest import NOW
from tests.pki import Issued, Pki, make_ca, make_leaf, sign

CERT_URL = "https://s3.amazonaws.com/echo.api/echo-api-cert-12.pem"


class ChainServer:
    """Serves PEM files by path on loopback and counts the downloads."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.hits: Counter[str] = Counter()
        self.delay = 0.0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                outer.hits[self.path] += 1
                time.sleep(outer.delay)
                body = outer.files.get(self.path)
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Length", str(len(body or b"")))
                self.end_headers()
                self.wfile.write(body or b"")

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def start(self) -> ChainServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def fetch(self, url: str, timeout: float) -> bytes:
        """Map an Amazon certificate URL to this server and download it for real."""
        path = posixpath.normpath(urlsplit(url).path)
        return download_chain(f"{self.base}{path}", timeout)


@pytest.fixture(scope="module")
def pki() -> Pki:
    return Pki.create(NOW)


@pytest.fixture
def chain_server(pki: Pki) -> Iterator[ChainServer]:
    server = ChainServer().start()
    server.files["/echo.api/echo-api-cert-12.pem"] = pki.chain_pem(pki.good)
    yield server
    server.stop()


@pytest.fixture
def verifier(pki: Pki, chain_server: ChainServer, clock: TestClock) -> RequestVerifier:
    return RequestVerifier(
        timeout=0.5, clock=clock, trust_roots=[pki.root.cert], fetch=chain_server.fetch
    )


@pytest.fixture
def verified_client(
    settings: Settings, store: Store, clock: TestClock, verifier: RequestVerifier
) -> FlaskClient:
    on = Settings(
        redis_url=settings.redis_url,
        verify_requests=True,
        user_key_secret=settings.user_key_secret,
        skill_id=env.SKILL_ID,
    )
    return create_app(on, clock=clock, store=store, verifier=verifier).test_client()


def body_of(envelope: dict[str, Any]) -> bytes:
    return json.dumps(envelope).encode()


def signed_headers(body: bytes, key: Issued, url: str = CERT_URL) -> dict[str, str]:
    return {"Signature-256": sign(body, key.key), "SignatureCertChainUrl": url}


def post_raw(client: FlaskClient, body: bytes, headers: dict[str, str]) -> Any:
    return client.post("/alexa", data=body, headers=headers, content_type="application/json")


# --- the whole edge: accepted requests are processed, rejected ones change nothing ---


def test_a_correctly_signed_launch_is_answered(verified_client: FlaskClient, pki: Pki) -> None:
    body = body_of(env.launch(NOW))
    reply = post_raw(verified_client, body, signed_headers(body, pki.good))
    assert reply.status_code == 200
    assert "Welcome" in env.speech_of(reply)


def test_an_unsigned_request_gets_400_and_changes_nothing(
    verified_client: FlaskClient, redis_client: redis_lib.Redis
) -> None:
    reply = post_raw(verified_client, body_of(env.launch(NOW)), {})
    assert reply.status_code == 400
    assert redis_client.dbsize() == 0  # the first-use notice was not claimed


def test_a_wrongly_signed_skill_disabled_event_deletes_nothing(
    verified_client: FlaskClient, store: Store, pki: Pki, redis_client: redis_lib.Redis
) -> None:
    user = store.user_key(env.USER_ID)
    store.profile.update_profile(user, {"tz": "Europe/London"})
    body = body_of(env.skill_event("AlexaSkillEvent.SkillDisabled", NOW))
    stranger = make_leaf(pki.intermediate, not_before=NOW - timedelta(days=1),
                         not_after=NOW + timedelta(days=1))  # fmt: skip
    reply = post_raw(verified_client, body, signed_headers(body, stranger))
    assert reply.status_code == 400
    assert store.profile.profile(user) == {"tz": "Europe/London"}


def test_a_request_replayed_late_gets_400(
    verified_client: FlaskClient, pki: Pki, clock: TestClock
) -> None:
    body = body_of(env.launch(NOW))
    headers = signed_headers(body, pki.good)
    assert post_raw(verified_client, body, headers).status_code == 200
    clock.advance(seconds=200)
    assert post_raw(verified_client, body, headers).status_code == 400


def test_a_wrong_skill_id_gets_400_even_when_signed(verified_client: FlaskClient, pki: Pki) -> None:
    body = body_of(env.launch(NOW, skill_id="amzn1.ask.skill.someone-elses-skill"))
    reply = post_raw(verified_client, body, signed_headers(body, pki.good))
    assert reply.status_code == 400
    assert "application" in reply.get_json()["reason"]


def test_rejections_are_logged_with_the_reason(
    verified_client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="skill.web.app")
    post_raw(verified_client, body_of(env.launch(NOW)), {})
    assert any("verification failed: missing" in r.getMessage() for r in caplog.records)


# --- the verifier's checks one by one ---


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"SignatureCertChainUrl": CERT_URL},
        {"Signature-256": "c2lnbmF0dXJl"},
        {"Signature-256": "", "SignatureCertChainUrl": CERT_URL},
    ],
    ids=["none", "no-signature", "no-cert-url", "empty-signature"],
)
def test_missing_headers_are_rejected(verifier: RequestVerifier, headers: dict[str, str]) -> None:
    with pytest.raises(VerificationError, match="missing"):
        verifier.verify(headers, body_of(env.launch(NOW)))


def test_header_names_are_case_insensitive(verifier: RequestVerifier, pki: Pki) -> None:
    body = body_of(env.launch(NOW))
    headers = {k.lower(): v for k, v in signed_headers(body, pki.good).items()}
    verifier.verify(headers, body)


@pytest.mark.parametrize(
    "url",
    [
        "https://s3.amazonaws.com/echo.api/echo-api-cert-12.pem",
        "https://s3.amazonaws.com:443/echo.api/echo-api-cert-12.pem",
        "https://S3.AMAZONAWS.COM/echo.api/echo-api-cert-12.pem",
        "HTTPS://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert-12.pem",
    ],
)
def test_valid_certificate_urls_are_accepted(verifier: RequestVerifier, pki: Pki, url: str) -> None:
    body = body_of(env.launch(NOW))
    verifier.verify(signed_headers(body, pki.good, url), body)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://s3.amazonaws.com/echo.api/echo-api-cert-12.pem", "not https"),
        ("https://notamazon.com/echo.api/echo-api-cert-12.pem", "host"),
        ("https://s3.amazonaws.com.evil.example/echo.api/cert.pem", "host"),
        ("https://s3.amazonaws.com:563/echo.api/echo-api-cert-12.pem", "port"),
        ("https://s3.amazonaws.com/cert.pem", "path"),
        ("https://s3.amazonaws.com/echo.api/../cert.pem", "path"),
        ("https://s3.amazonaws.com/ECHO.API/echo-api-cert-12.pem", "path"),
        ("https://s3.amazonaws.com:notaport/echo.api/cert.pem", "malformed"),
    ],
)
def test_invalid_certificate_urls_are_rejected_before_any_download(
    verifier: RequestVerifier, chain_server: ChainServer, pki: Pki, url: str, reason: str
) -> None:
    body = body_of(env.launch(NOW))
    with pytest.raises(VerificationError, match=reason):
        verifier.verify(signed_headers(body, pki.good, url), body)
    assert sum(chain_server.hits.values()) == 0


def test_a_tampered_body_is_rejected(verifier: RequestVerifier, pki: Pki) -> None:
    body = body_of(env.launch(NOW))
    headers = signed_headers(body, pki.good)
    tampered = body.replace(b"LaunchRequest", b"IntentRequest")
    with pytest.raises(VerificationError, match="signature does not match"):
        verifier.verify(headers, tampered)


def test_the_signature_covers_the_raw_bytes_not_reserialised_json(
    verifier: RequestVerifier, pki: Pki
) -> None:
    body = json.dumps(env.launch(NOW), indent=3).encode()
    headers = signed_headers(body, pki.good)
    verifier.verify(headers, body)
    with pytest.raises(VerificationError):
        verifier.verify(headers, json.dumps(json.loads(body)).encode())


def test_a_sha1_signature_is_rejected(verifier: RequestVerifier, pki: Pki) -> None:
    body = body_of(env.launch(NOW))
    headers = {"Signature-256": sign(body, pki.good.key, hashes.SHA1()),  # noqa: S303
               "SignatureCertChainUrl": CERT_URL}  # fmt: skip
    with pytest.raises(VerificationError, match="signature"):
        verifier.verify(headers, body)


def test_a_signature_that_is_not_base64_is_rejected(verifier: RequestVerifier) -> None:
    headers = {"Signature-256": "not base64 !!", "SignatureCertChainUrl": CERT_URL}
    with pytest.raises(VerificationError, match="base64"):
        verifier.verify(headers, body_of(env.launch(NOW)))


def _serve_leaf(chain_server: ChainServer, pki: Pki, leaf: Issued, name: str) -> str:
    chain_server.files[f"/echo.api/{name}"] = pki.chain_pem(leaf)
    return f"https://s3.amazonaws.com/echo.api/{name}"


@pytest.mark.parametrize(
    ("leaf_options", "reason"),
    [
        ({"not_before": NOW - timedelta(days=10), "not_after": NOW - timedelta(seconds=1)},
         "chain rejected"),
        ({"not_before": NOW + timedelta(days=1), "not_after": NOW + timedelta(days=10)},
         "chain rejected"),
        ({"dns_name": "echo-api.example.com"}, "chain rejected"),
        ({"digital_signature": False}, "digital signatures"),
    ],
    ids=["expired", "not-yet-valid", "wrong-san", "no-digital-signature"],
)  # fmt: skip
def test_bad_signing_certificates_are_rejected(
    verifier: RequestVerifier, chain_server: ChainServer, pki: Pki,
    leaf_options: dict[str, Any], reason: str,
) -> None:  # fmt: skip
    options = {"not_before": NOW - timedelta(days=1), "not_after": NOW + timedelta(days=1)}
    leaf = make_leaf(pki.intermediate, **{**options, **leaf_options})
    url = _serve_leaf(chain_server, pki, leaf, "odd.pem")
    body = body_of(env.launch(NOW))
    with pytest.raises(VerificationError, match=reason):
        verifier.verify(signed_headers(body, leaf, url), body)


def test_a_chain_from_an_untrusted_root_is_rejected(
    verifier: RequestVerifier, chain_server: ChainServer
) -> None:
    rogue_root = make_ca("Rogue Root", NOW - timedelta(days=5))
    rogue_intermediate = make_ca("Rogue Intermediate", NOW - timedelta(days=5), issuer=rogue_root)
    leaf = make_leaf(rogue_intermediate, not_before=NOW - timedelta(days=1),
                     not_after=NOW + timedelta(days=1))  # fmt: skip
    chain_server.files["/echo.api/rogue.pem"] = leaf.pem() + rogue_intermediate.pem()
    body = body_of(env.launch(NOW))
    url = "https://s3.amazonaws.com/echo.api/rogue.pem"
    with pytest.raises(VerificationError, match="chain rejected"):
        verifier.verify(signed_headers(body, leaf, url), body)


def test_a_signing_certificate_with_only_client_auth_usage_is_accepted(
    verifier: RequestVerifier, chain_server: ChainServer, pki: Pki
) -> None:
    # Amazon's signing certificate is not a TLS server certificate; its EKU must not matter.
    leaf = make_leaf(pki.intermediate, not_before=NOW - timedelta(days=1),
                     not_after=NOW + timedelta(days=1), client_auth_only=True)  # fmt: skip
    url = _serve_leaf(chain_server, pki, leaf, "client-auth.pem")
    body = body_of(env.launch(NOW))
    verifier.verify(signed_headers(body, leaf, url), body)


@pytest.mark.parametrize(
    ("served", "reason"),
    [(None, "answered 404"), (b"not a certificate", "not PEM"), (b"x" * 70_000, "too large")],
    ids=["missing", "garbage", "huge"],
)
def test_chain_download_problems_are_rejected(
    verifier: RequestVerifier, chain_server: ChainServer, pki: Pki,
    served: bytes | None, reason: str,
) -> None:  # fmt: skip
    if served is not None:
        chain_server.files["/echo.api/broken.pem"] = served
    body = body_of(env.launch(NOW))
    url = "https://s3.amazonaws.com/echo.api/broken.pem"
    with pytest.raises(VerificationError, match=reason):
        verifier.verify(signed_headers(body, pki.good, url), body)


def test_a_slow_certificate_server_times_out(
    verifier: RequestVerifier, chain_server: ChainServer, pki: Pki
) -> None:
    chain_server.delay = 1.5  # the verifier's timeout is 0.5 s
    body = body_of(env.launch(NOW))
    with pytest.raises(VerificationError, match="Timeout"):
        verifier.verify(signed_headers(body, pki.good), body)


def test_the_chain_is_cached_per_url_until_its_ttl(
    pki: Pki, chain_server: ChainServer, clock: TestClock
) -> None:
    ticks = [0.0]
    verifier = RequestVerifier(
        clock=clock, trust_roots=[pki.root.cert], fetch=chain_server.fetch,
        cache=ChainCache(ttl_s=60, monotonic=lambda: ticks[0]),
    )  # fmt: skip
    body = body_of(env.launch(NOW))
    for _ in range(3):
        verifier.verify(signed_headers(body, pki.good), body)
    assert chain_server.hits["/echo.api/echo-api-cert-12.pem"] == 1
    ticks[0] = 61.0
    verifier.verify(signed_headers(body, pki.good), body)
    assert chain_server.hits["/echo.api/echo-api-cert-12.pem"] == 2


def test_a_cached_chain_is_still_checked_for_expiry(
    verifier: RequestVerifier, chain_server: ChainServer, pki: Pki, clock: TestClock
) -> None:
    leaf = make_leaf(pki.intermediate, not_before=NOW - timedelta(days=1),
                     not_after=NOW + timedelta(minutes=10))  # fmt: skip
    url = _serve_leaf(chain_server, pki, leaf, "short-lived.pem")
    body = body_of(env.launch(NOW))
    verifier.verify(signed_headers(body, leaf, url), body)
    clock.advance(minutes=11)
    late = body_of(env.launch(clock.now))
    with pytest.raises(VerificationError, match="chain rejected"):
        verifier.verify(signed_headers(late, leaf, url), late)


@pytest.mark.parametrize(
    ("request_type", "age", "accepted"),
    [
        ("LaunchRequest", timedelta(seconds=150), True),
        ("LaunchRequest", timedelta(seconds=151), False),
        ("LaunchRequest", timedelta(seconds=-151), False),
        ("AlexaSkillEvent.SkillDisabled", timedelta(minutes=52), True),
        ("AlexaSkillEvent.SkillPermissionChanged", timedelta(minutes=59), True),
        ("AlexaSkillEvent.SkillDisabled", timedelta(seconds=3601), False),
        ("Messaging.MessageReceived", timedelta(seconds=151), False),
    ],
)
def test_timestamp_tolerance(
    verifier: RequestVerifier, pki: Pki, request_type: str, age: timedelta, accepted: bool
) -> None:
    sent_at: datetime = NOW - age
    body = body_of(env.envelope({"type": request_type}, now=sent_at, with_session=False))
    headers = signed_headers(body, pki.good)
    if accepted:
        verifier.verify(headers, body)
    else:
        with pytest.raises(VerificationError, match="timestamp"):
            verifier.verify(headers, body)


@pytest.mark.parametrize("body", [b"not json", b"{}", b'{"request": {"timestamp": 5}}'])
def test_a_signed_body_without_a_usable_timestamp_is_rejected(
    verifier: RequestVerifier, pki: Pki, body: bytes
) -> None:
    with pytest.raises(VerificationError, match="timestamp"):
        verifier.verify(signed_headers(body, pki.good), body)
