"""Settings, read from the environment in this one place.

No other module reads ``os.environ``; tests build ``Settings(...)`` directly.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

DEFAULT_PORT = 8080
DEFAULT_LWA_ENDPOINT = "https://api.amazon.com"
DEFAULT_ALEXA_API_ENDPOINT = "https://api.amazonalexa.com"


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names the variable."""


def _flag(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise SettingsError(f"{name} must be true or false, not {raw!r}")


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be an integer, not {raw!r}") from None


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the service needs to know about its surroundings."""

    redis_url: str = "redis://127.0.0.1:6379/0"
    redis_cluster: bool = False
    port: int = DEFAULT_PORT
    # Address `serve` listens on; None: every interface, or only loopback when request
    # verification is off (then anyone who can reach the port could write to the diary).
    bind_host: str | None = None
    skill_id: str | None = None
    verify_requests: bool = True
    user_key_secret: bytes = field(default=b"", repr=False)
    web_workers: int = 2
    # Out-of-session Alexa APIs (skill messaging, LWA tokens).
    lwa_endpoint: str = DEFAULT_LWA_ENDPOINT
    alexa_client_id: str | None = None
    alexa_client_secret: str | None = field(default=None, repr=False)
    # Host of the Skill Messaging API (in-session calls use the envelope's apiEndpoint).
    alexa_api_endpoint: str = DEFAULT_ALEXA_API_ENDPOINT
    # Attempts after the first for an outbound call answered 429 or 5xx.
    outbound_retries: int = 3
    # Seconds for every outbound HTTP call (Alexa APIs, certificate download).
    outbound_timeout: float = 3.0
    sweep_interval_seconds: int = 300
    log_level: str = "INFO"
    # The report page (skill/web/report_views.py): where users open it, and how long a spoken
    # code stays valid (the issue asks for 15 minutes; tests may shorten it).
    report_url: str | None = None
    report_code_ttl_seconds: int = 900
    # Reverse proxies in front of the service whose X-Forwarded-For/-Proto to trust (0: none),
    # so the report's per-address rate limit and Secure cookies see the real client.
    trusted_proxies: int = 0

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Build settings from environment variables (documented in the README)."""
        env = os.environ if env is None else env
        secret = env.get("USER_KEY_SECRET", "")
        return cls(
            redis_url=env.get("REDIS_URL") or cls.redis_url,
            redis_cluster=_flag(env, "REDIS_CLUSTER", False),
            port=_int(env, "PORT", DEFAULT_PORT),
            bind_host=env.get("BIND_HOST") or None,
            skill_id=env.get("ALEXA_SKILL_ID") or None,
            verify_requests=_flag(env, "ALEXA_VERIFY", True),
            user_key_secret=secret.encode(),
            web_workers=_int(env, "WEB_WORKERS", 2),
            lwa_endpoint=env.get("LWA_ENDPOINT") or DEFAULT_LWA_ENDPOINT,
            alexa_client_id=env.get("ALEXA_CLIENT_ID") or None,
            alexa_client_secret=env.get("ALEXA_CLIENT_SECRET") or None,
            alexa_api_endpoint=env.get("ALEXA_API_ENDPOINT") or DEFAULT_ALEXA_API_ENDPOINT,
            outbound_retries=_int(env, "OUTBOUND_RETRIES", 3),
            outbound_timeout=float(env.get("OUTBOUND_TIMEOUT") or 3.0),
            sweep_interval_seconds=_int(env, "SWEEP_INTERVAL_SECONDS", 300),
            log_level=(env.get("LOG_LEVEL") or "INFO").upper(),
            report_url=env.get("REPORT_URL") or None,
            report_code_ttl_seconds=_int(env, "REPORT_CODE_TTL_SECONDS", 900),
            trusted_proxies=_int(env, "TRUSTED_PROXIES", 0),
        )

    @property
    def listen_host(self) -> str:
        """Where `serve` binds: BIND_HOST, else all interfaces only with verification on."""
        if self.bind_host:
            return self.bind_host
        return "0.0.0.0" if self.verify_requests else "127.0.0.1"

    def require_secret(self) -> None:
        """Refuse to run with a weak user-key secret: it protects every stored user id."""
        if len(self.user_key_secret) < 16:
            raise SettingsError(
                "USER_KEY_SECRET must be set to at least 16 characters; "
                "it keys the HMAC of every Alexa user id and must never change"
            )
