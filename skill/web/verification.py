"""Alexa request verification on `cryptography` (ALEXA.md section 1).

A request is accepted only when all of these hold, checked in this order:

1. both ``SignatureCertChainUrl`` and ``Signature-256`` headers are present (any case);
2. the certificate URL is ``https://s3.amazonaws.com[:443]/echo.api/...`` (host case-insensitive,
   path case-sensitive after resolving ``..``);
3. the PEM chain at that URL (downloaded with a short timeout, cached per URL for a TTL) chains the
   signing certificate to a trusted root, every certificate is valid now, the signing certificate
   names ``echo-api.amazon.com`` and may be used for digital signatures;
4. ``Signature-256`` is a valid RSA PKCS#1 v1.5 SHA-256 signature of the exact raw body bytes;
5. ``request.timestamp`` is within 150 s of now (3600 s for skill lifecycle events).

The application id is checked after this, at the edge (``skill.web.envelope``). Any failure raises
``VerificationError`` whose message is a short reason fit for a log line (no personal data).
"""

from __future__ import annotations

import base64
import binascii
import json
import posixpath
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import certifi
import requests
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509 import verification as x509v

from skill.isotime import parse_utc

SIGNATURE_HEADER = "signature-256"
CERT_URL_HEADER = "signaturecertchainurl"
SIGNING_NAME = "echo-api.amazon.com"
CERT_HOST = "s3.amazonaws.com"
CERT_PATH_PREFIX = "/echo.api/"

TIMESTAMP_TOLERANCE_S = 150
EVENT_TIMESTAMP_TOLERANCE_S = 3600
# Lifecycle events Alexa may deliver late (retries), hence the longer tolerance.
LATE_EVENT_TYPES = frozenset(
    {
        "AlexaSkillEvent.SkillEnabled",
        "AlexaSkillEvent.SkillDisabled",
        "AlexaSkillEvent.SkillPermissionChanged",
        "AlexaSkillEvent.SkillPermissionAccepted",
        "AlexaSkillEvent.SkillAccountLinked",
    }
)

# A real chain is a few kilobytes; refuse to read more than this from the network.
MAX_CHAIN_BYTES = 64 * 1024
DEFAULT_CACHE_TTL_S = 3600.0
MAX_CACHED_CHAINS = 32


class VerificationError(Exception):
    """The request did not prove it came from Alexa; the message is the reason."""


def check_cert_url(url: str) -> None:
    """Raise unless ``url`` is where Amazon publishes its signing chain."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise VerificationError("certificate URL is malformed") from exc
    if parts.scheme.lower() != "https":
        raise VerificationError("certificate URL is not https")
    if (parts.hostname or "").lower() != CERT_HOST:
        raise VerificationError("certificate URL host is not s3.amazonaws.com")
    if port not in (None, 443):
        raise VerificationError("certificate URL port is not 443")
    # normpath resolves "..", so "/echo.api/../cert" cannot sneak out of the folder.
    if not posixpath.normpath(parts.path or "/").startswith(CERT_PATH_PREFIX):
        raise VerificationError("certificate URL path is not under /echo.api/")


@dataclass(frozen=True, slots=True)
class SigningChain:
    leaf: x509.Certificate
    intermediates: tuple[x509.Certificate, ...]


Fetch = Callable[[str, float], bytes]


def download_chain(url: str, timeout: float) -> bytes:
    """GET the PEM chain: short timeout, no redirects, bounded size."""
    try:
        with requests.get(url, timeout=timeout, allow_redirects=False, stream=True) as reply:
            if reply.status_code != 200:
                raise VerificationError(f"certificate download answered {reply.status_code}")
            body = reply.raw.read(MAX_CHAIN_BYTES + 1, decode_content=True)
    except requests.RequestException as exc:
        raise VerificationError(f"certificate download failed: {type(exc).__name__}") from exc
    if len(body) > MAX_CHAIN_BYTES:
        raise VerificationError("certificate chain too large")
    return bytes(body)


def load_trust_roots() -> list[x509.Certificate]:
    """The public web-PKI roots shipped by certifi (Amazon's chain ends in one of them)."""
    with open(certifi.where(), "rb") as bundle:
        return x509.load_pem_x509_certificates(bundle.read())


class ChainCache:
    """Parsed chains per URL, kept for a TTL (Amazon rotates certificates, so never forever)."""

    def __init__(self, ttl_s: float, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._ttl = ttl_s
        self._monotonic = monotonic
        self._entries: dict[str, tuple[float, SigningChain]] = {}
        self._lock = threading.Lock()

    def get(self, url: str) -> SigningChain | None:
        with self._lock:
            entry = self._entries.get(url)
            if entry is None or entry[0] <= self._monotonic():
                self._entries.pop(url, None)
                return None
            return entry[1]

    def put(self, url: str, chain: SigningChain) -> None:
        with self._lock:
            if len(self._entries) >= MAX_CACHED_CHAINS:
                self._entries.clear()  # only a handful of real URLs exist; this bounds abuse
            self._entries[url] = (self._monotonic() + self._ttl, chain)


class RequestVerifier:
    """Checks that a request body and its headers were signed by Alexa, and are fresh."""

    def __init__(
        self,
        *,
        timeout: float = 3.0,
        clock: Callable[[], datetime],
        trust_roots: list[x509.Certificate] | None = None,
        fetch: Fetch = download_chain,
        cache: ChainCache | None = None,
    ) -> None:
        self._timeout = timeout
        self._clock = clock
        self._store = x509v.Store(trust_roots if trust_roots is not None else load_trust_roots())
        self._fetch = fetch
        self._cache = cache or ChainCache(DEFAULT_CACHE_TTL_S)

    def verify(self, headers: Mapping[str, str], body: bytes, *, payload: Any = None) -> None:
        """Raise VerificationError unless Alexa signed ``body`` recently. ``payload``: the
        body already parsed (the caller's one parse), else the body is parsed here."""
        lowered = {name.lower(): value for name, value in headers.items()}
        signature_b64 = lowered.get(SIGNATURE_HEADER, "").strip()
        cert_url = lowered.get(CERT_URL_HEADER, "").strip()
        if not signature_b64 or not cert_url:
            raise VerificationError("missing Signature-256 or SignatureCertChainUrl header")
        check_cert_url(cert_url)
        chain = self._chain(cert_url)
        self._check_signature(chain.leaf, signature_b64, body)
        self._check_timestamp(body, payload)

    def _chain(self, url: str) -> SigningChain:
        cached = self._cache.get(url)
        if cached is not None:
            # Validity dates move with the clock, so a cached chain is re-validated each time.
            self._check_chain(cached)
            return cached
        chain = _parse_chain(self._fetch(url, self._timeout))
        self._check_chain(chain)
        self._cache.put(url, chain)
        return chain

    def _check_chain(self, chain: SigningChain) -> None:
        now = self._clock().astimezone(UTC)
        # The web-PKI end-entity policy insists on EKU serverAuth when an EKU is present; the
        # signing certificate is not a TLS server certificate, so accept whatever EKU it has.
        leaf_policy = x509v.ExtensionPolicy.webpki_defaults_ee().may_be_present(
            x509.ExtendedKeyUsage, x509v.Criticality.AGNOSTIC, None
        )
        verifier = (
            x509v.PolicyBuilder()
            .store(self._store)
            .time(now)
            .extension_policies(
                ca_policy=x509v.ExtensionPolicy.webpki_defaults_ca(), ee_policy=leaf_policy
            )
            .build_server_verifier(x509v.DNSName(SIGNING_NAME))
        )
        try:
            verifier.verify(chain.leaf, list(chain.intermediates))
        except x509v.VerificationError as exc:
            raise VerificationError(f"certificate chain rejected: {exc}") from exc
        try:
            usage = chain.leaf.extensions.get_extension_for_class(x509.KeyUsage).value
        except x509.ExtensionNotFound as exc:
            raise VerificationError("signing certificate has no key usage") from exc
        if not usage.digital_signature:
            raise VerificationError("signing certificate is not for digital signatures")

    @staticmethod
    def _check_signature(leaf: x509.Certificate, signature_b64: str, body: bytes) -> None:
        try:
            signature = base64.b64decode(signature_b64, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise VerificationError("signature is not base64") from exc
        key = leaf.public_key()
        if not isinstance(key, rsa.RSAPublicKey):
            raise VerificationError("signing key is not RSA")
        try:
            key.verify(signature, body, padding.PKCS1v15(), hashes.SHA256())
        except InvalidSignature as exc:
            raise VerificationError("signature does not match the body") from exc

    def _check_timestamp(self, body: bytes, payload: Any) -> None:
        try:
            request = (json.loads(body) if payload is None else payload)["request"]
            stamp = _parse_timestamp(request["timestamp"])
            request_type = request.get("type")
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise VerificationError("request timestamp missing or malformed") from exc
        tolerance = (
            EVENT_TIMESTAMP_TOLERANCE_S
            if request_type in LATE_EVENT_TYPES
            else TIMESTAMP_TOLERANCE_S
        )
        skew = abs((self._clock() - stamp).total_seconds())
        if skew > tolerance:
            raise VerificationError(f"request timestamp {int(skew)} s away from now")


def _parse_chain(pem: bytes) -> SigningChain:
    try:
        certificates = x509.load_pem_x509_certificates(pem)
    except ValueError as exc:
        raise VerificationError("certificate chain is not PEM") from exc
    # Amazon's file lists the signing certificate first, then the intermediates.
    return SigningChain(leaf=certificates[0], intermediates=tuple(certificates[1:]))


def _parse_timestamp(value: object) -> datetime:
    if not isinstance(value, str):
        raise ValueError("timestamp is not a string")
    return parse_utc(value)
