"""A local certificate authority that plays Amazon's signing chain in verification tests.

Root CA -> intermediate CA -> signing certificate for ``echo-api.amazon.com``, plus the odd
certificates the negative tests need (expired, wrong name, self-signed, no digital signature).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

SIGNING_NAME = "echo-api.amazon.com"


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _ca_usage() -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True, content_commitment=False, key_encipherment=False,
        data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
        encipher_only=False, decipher_only=False,
    )  # fmt: skip


def _leaf_usage(digital_signature: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=digital_signature, content_commitment=False,
        key_encipherment=True, data_encipherment=False, key_agreement=False,
        key_cert_sign=False, crl_sign=False, encipher_only=False, decipher_only=False,
    )  # fmt: skip


@dataclass
class Issued:
    cert: x509.Certificate
    key: rsa.RSAPrivateKey

    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)


def make_ca(common_name: str, not_before: datetime, issuer: Issued | None = None) -> Issued:
    key = new_key()
    signer = issuer or Issued(cert=None, key=key)  # type: ignore[arg-type]
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(issuer.cert.subject if issuer else _name(common_name))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_before + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(_ca_usage(), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if issuer is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
    return Issued(cert=builder.sign(signer.key, hashes.SHA256()), key=key)


def make_leaf(
    issuer: Issued,
    *,
    not_before: datetime,
    not_after: datetime,
    dns_name: str = SIGNING_NAME,
    digital_signature: bool = True,
    client_auth_only: bool = False,
) -> Issued:
    key = new_key()
    usages = [ExtendedKeyUsageOID.CLIENT_AUTH]
    if not client_auth_only:
        usages.insert(0, ExtendedKeyUsageOID.SERVER_AUTH)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(dns_name))
        .issuer_name(issuer.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(dns_name)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_leaf_usage(digital_signature), critical=True)
        .add_extension(x509.ExtendedKeyUsage(usages), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
        .sign(issuer.key, hashes.SHA256())
    )
    return Issued(cert=cert, key=key)


def sign(body: bytes, key: rsa.RSAPrivateKey, algorithm: hashes.HashAlgorithm | None = None) -> str:
    """Base64 PKCS#1 v1.5 signature of the raw body, as Alexa sends in Signature-256."""
    signature = key.sign(body, padding.PKCS1v15(), algorithm or hashes.SHA256())
    return base64.b64encode(signature).decode()


@dataclass
class Pki:
    """The trusted root, its intermediate, and a set of signing certificates."""

    root: Issued
    intermediate: Issued
    good: Issued

    @classmethod
    def create(cls, now: datetime) -> Pki:
        start = now - timedelta(days=30)
        root = make_ca("Test Root CA", start)
        intermediate = make_ca("Test Intermediate CA", start, issuer=root)
        good = make_leaf(intermediate, not_before=start, not_after=now + timedelta(days=300))
        return cls(root=root, intermediate=intermediate, good=good)

    def chain_pem(self, leaf: Issued) -> bytes:
        """Amazon's layout: signing certificate first, then the intermediate."""
        return leaf.pem() + self.intermediate.pem()
