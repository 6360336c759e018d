"""The app factory: POST /alexa and GET /healthz, with the report views registered."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson
from ask_sdk_core.skill import CustomSkill
from ask_sdk_model import RequestEnvelope
from ask_sdk_model.services.api_client import ApiClient
from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.wrappers import Request

from skill import speech
from skill.cloud.api_client import TimeoutApiClient
from skill.cloud.client import AlexaCloud
from skill.config import Settings
from skill.episodes.store import Store, StoreUnavailable, connect, deadline
from skill.faq.answerer import Answerer, default_answerer
from skill.handlers import build_skill
from skill.handlers.base import SkillDeps
from skill.speech.ssml import to_ssml
from skill.web.direct_route import DirectRoute
from skill.web.envelope import EnvelopeError, check_envelope
from skill.web.model_decoder import ModelDecoder
from skill.web.model_encoder import ModelEncoder
from skill.web.report_views import report_blueprint
from skill.web.verification import RequestVerifier, VerificationError

log = logging.getLogger(__name__)

# Alexa's requests are a few kilobytes; anything far larger is not from Alexa.
MAX_BODY_BYTES = 128 * 1024
# A run of 20 digits, found as 20 zeros once every digit is a zero: bytes.translate and a
# substring search are C loops, about a tenth of the time of re's search for \d{20}.
_DIGITS_AS_ZEROS = bytes.maketrans(b"123456789", b"000000000")
_LONG_RUN = b"0" * 20


def utc_now() -> datetime:
    return datetime.now(UTC)


def create_app(
    settings: Settings | None = None,
    *,
    clock: Callable[[], datetime] = utc_now,
    store: Store | None = None,
    verifier: RequestVerifier | None = None,
    api_client: ApiClient | None = None,
    faq_answerer: Callable[[], Answerer] = default_answerer,
    alexa_cloud: AlexaCloud | None = None,
) -> Flask:
    """Application factory; tests pass their own settings, clock, store, verifier, FAQ
    answerer and client of Amazon's APIs."""
    settings = settings or Settings.from_env()
    if store is None:
        client = connect(
            settings.redis_url,
            cluster=settings.redis_cluster,
            timeout=deadline.REDIS_ATTEMPT_SECONDS,
            retries=deadline.REDIS_RETRIES,
        )
        store = Store(client, settings.user_key_secret)
    if settings.verify_requests and verifier is None:
        verifier = RequestVerifier(timeout=settings.outbound_timeout, clock=clock)
    if not settings.verify_requests:
        log.warning(
            "!!! ALEXA REQUEST VERIFICATION IS OFF: anyone can call /alexa. "
            "Use this only on a development machine. !!!"
        )
    deps = SkillDeps(settings, store, clock, faq_answerer=faq_answerer, alexa_cloud=alexa_cloud)
    skill = build_skill(deps, api_client or TimeoutApiClient(settings.outbound_timeout))

    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    app.extensions["twitch_store"] = store
    app.extensions["twitch_skill"] = skill

    # /report: the doctor-ready report
    app.register_blueprint(report_blueprint(store, clock, settings.report_url))

    codec = Codec(ModelDecoder(skill.serializer), ModelEncoder(skill.serializer))

    def alexa_view(req: Request) -> Response:
        active_verifier = verifier if settings.verify_requests else None
        return _handle_alexa(req, skill, codec, settings, active_verifier, store, clock)

    # POST /alexa skips Flask's dispatch (direct_route.py); the Flask route below stays for
    # the other methods' answers (405, OPTIONS) and answers the same way if it is reached.
    app.wsgi_app = DirectRoute(  # type: ignore[method-assign]
        app.wsgi_app, "POST", "/alexa", alexa_view, max_content_length=MAX_BODY_BYTES
    )
    if settings.trusted_proxies > 0:
        hops = settings.trusted_proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]
    # Every request is answered in time even when Redis hangs (issue 13): see
    # skill/episodes/store/deadline.py.
    app.wsgi_app = deadline.RequestBudget(  # type: ignore[method-assign]
        app.wsgi_app, deadline.REQUEST_REDIS_BUDGET
    )

    @app.before_request
    def read_post_body_first() -> Response | None:
        """Read a POST body (at most MAX_BODY_BYTES) before any view: a malformed one, such as
        a bad chunk size, then fails here as a one-line 400, not in a form parser as a 500."""
        if request.method != "POST":
            return None
        try:
            request.get_data()  # cached: views and form parsing read it from memory
        except HTTPException:
            raise  # 413 and the like: answered by their error handlers
        except Exception as exc:  # the server's body reader raises its own types
            return _unreadable(request, exc)
        return None

    @app.post("/alexa")
    def alexa() -> Response:
        return alexa_view(request)

    @app.get("/healthz")
    def healthz() -> Response:
        with deadline.budget(deadline.HEALTH_REDIS_BUDGET):
            redis_ok = store.ping()
        body = {"status": "ok" if redis_ok else "degraded", "redis": redis_ok}
        return json_reply(body, 200 if redis_ok else 503)

    @app.errorhandler(413)
    def too_large(_: Exception) -> Response:
        return _bad_request("body too large")

    return app


def json_reply(body: Any, status: int) -> Response:
    """``jsonify(body)`` with a status, byte for byte, without needing Flask's app context
    (the direct route has none): sorted keys, compact, ASCII, a final newline."""
    text = json.dumps(body, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    return Response(f"{text}\n", status=status, mimetype="application/json")


def _bad_request(reason: str) -> Response:
    log.warning("rejected /alexa request: %s", reason)
    return json_reply({"error": "bad request", "reason": reason}, 400)


def _unreadable(req: Request, exc: Exception) -> Response:
    log.warning("rejected %s request: unreadable body: %s", req.path, type(exc).__name__)
    return json_reply({"error": "bad request", "reason": "unreadable body"}, 400)


def parse_body(body: bytes) -> tuple[Any, bool]:
    """The body's JSON, parsed once for verification, shape checks and the model, and whether
    orjson parsed it (it refuses lone surrogates, so its strings are valid Unicode).

    orjson first; whatever it refuses goes through the standard library exactly as before
    (which accepts a few things orjson does not, such as NaN or lone surrogates, and raises
    the errors the 400 answers name). So does a body with a run of 20 digits: orjson reads an
    integer beyond 64 bits as a float, where the standard library keeps it exact."""
    if _LONG_RUN not in body.translate(_DIGITS_AS_ZEROS):
        try:
            return orjson.loads(body), True
        except orjson.JSONDecodeError:
            pass
    return json.loads(body.decode("utf-8")), False


@dataclass(frozen=True, slots=True)
class Codec:
    """The fast ways between JSON and the SDK's model objects, each falling back to the SDK."""

    decoder: ModelDecoder
    encoder: ModelEncoder


def _handle_alexa(
    req: Request,
    skill: CustomSkill,
    codec: Codec,
    settings: Settings,
    verifier: RequestVerifier | None,
    store: Store,
    clock: Callable[[], datetime],
) -> Response:
    try:
        body = req.get_data(cache=False)  # through Flask: already read, by read_post_body_first
    except RequestEntityTooLarge:
        return _bad_request("body too large")
    except HTTPException as exc:  # as Flask answers one it has no handler for
        return exc.get_response(req.environ)  # type: ignore[return-value]
    except Exception as exc:  # the server's body reader raises its own types
        return _unreadable(req, exc)
    if len(body) > MAX_BODY_BYTES:
        return _bad_request("body too large")
    parse_error: Exception | None = None
    payload: Any = None
    unicode_checked = False
    try:
        payload, unicode_checked = parse_body(body)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        parse_error = exc
    if verifier is not None:
        try:
            # The signature is checked over the raw bytes; the timestamp is read from the
            # parse above (or, when the body did not parse, the verifier's own attempt fails).
            verifier.verify(req.headers, body, payload=None if parse_error else payload)
        except VerificationError as exc:
            return _bad_request(f"verification failed: {exc}")
    if parse_error is not None:
        return _bad_request(f"malformed JSON: {type(parse_error).__name__}")
    try:
        containers = body.count(b"{") + body.count(b"[")
        check_envelope(
            payload, settings.skill_id, unicode_checked=unicode_checked, containers=containers
        )
        envelope = codec.decoder.decode(payload, RequestEnvelope, lambda: body.decode("utf-8"))
    except EnvelopeError as exc:
        return _bad_request(str(exc))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        return _bad_request(f"malformed JSON: {type(exc).__name__}")
    except Exception as exc:  # the SDK's reflective deserializer raises many types
        return _bad_request(f"envelope does not deserialize: {type(exc).__name__}")
    # The user's reads in this request share one round trip (store/snapshot.py); the userId
    # is the one check_envelope has checked.
    user_key = store.user_key(payload["context"]["System"]["user"]["userId"])
    with store.snapshot.around_request(user_key, clock()):
        return _invoke(skill, codec.encoder, envelope)


def _invoke(skill: CustomSkill, encoder: ModelEncoder, envelope: RequestEnvelope) -> Response:
    try:
        reply = skill.invoke(envelope, context=None)
        return Response(encoder.encode(reply), mimetype="application/json")
    except StoreUnavailable:
        # Only out-of-session events get here: 503 asks Alexa to retry them later.
        log.warning("store unavailable for an event; asking Alexa to retry")
        return json_reply({"error": "storage unavailable"}, 503)
    except Exception:
        log.exception("skill invocation failed outside the exception handlers")
        return json_reply(_apology(), 200)


def _apology() -> dict[str, Any]:
    return {
        "version": "1.0",
        "response": {
            "outputSpeech": {"type": "SSML", "ssml": f"<speak>{to_ssml(speech.SORRY)}</speak>"},
            "shouldEndSession": True,
        },
    }
