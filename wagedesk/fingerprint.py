"""The fingerprint of a signed contract: a short digest of its canonical content that both the
PDF and the DOCX carry in their footer, so ``wagedesk verify`` can tie a paper or file back to
the signed version in the database. The workflow status is not contract content, so a signed
and a filed version of the same text share one fingerprint."""
from __future__ import annotations

import hashlib
import json
import re

from wagedesk.model import Draft

PREFIX = "WD"
LABEL = "合同指纹"
# WD-3F2A-9C1B-77E0-41D2: 16 hex digits (64 bits) in groups of four, easy to read aloud.
PATTERN = re.compile(r"WD-([0-9A-F]{4})-([0-9A-F]{4})-([0-9A-F]{4})-([0-9A-F]{4})")


def contract_digest(draft: Draft) -> str:
    """SHA-256 (hex) of the draft's canonical JSON without its workflow status."""
    data = draft.model_dump(mode="json")
    data.pop("status", None)
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def fingerprint(draft: Draft) -> str:
    """The printed form, e.g. ``WD-3F2A-9C1B-77E0-41D2``."""
    return format_fingerprint(contract_digest(draft))


def format_fingerprint(digest: str) -> str:
    head = digest[:16].upper()
    return PREFIX + "-" + "-".join(head[i:i + 4] for i in range(0, 16, 4))


def footer_note(draft: Draft) -> str:
    """The line the writers put in the footer of a signed contract."""
    return f"{LABEL}：{fingerprint(draft)}"


def find_fingerprints(text: str) -> list[str]:
    """Every fingerprint in extracted text, in order, without repeats."""
    seen: list[str] = []
    for match in PATTERN.finditer(text.upper()):
        value = PREFIX + "-" + "-".join(match.groups())
        if value not in seen:
            seen.append(value)
    return seen
