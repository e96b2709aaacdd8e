"""The pure part of the pipeline: raw bytes → Document → Extraction, each step tagged with its stage
so a failure is quarantined with the stage that failed. No database here."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from . import read
from .extract import extract
from .facts import Extraction


class StageError(Exception):
    """A document failed in one stage; ``reason`` is one line: the exception's type and message."""

    def __init__(self, stage: str, exc: BaseException):
        self.stage = stage
        self.error_type = type(exc).__name__
        msg = " ".join(str(exc).split()) or self.error_type
        self.reason = msg if isinstance(exc, read.ReadError) else f"{self.error_type}: {msg}"
        self.sha256: str | None = None
        self.raw: bytes | None = None
        super().__init__(f"{stage}: {self.reason}")

    def __reduce__(self):
        # crosses process boundaries with --jobs: keep the stage, type and reason as they were
        return (_rebuild_stage_error, (self.stage, self.error_type, self.reason, self.sha256, self.raw))


def _rebuild_stage_error(stage, error_type, reason, sha, raw):
    e = StageError.__new__(StageError)
    Exception.__init__(e, f"{stage}: {reason}")
    e.stage, e.error_type, e.reason, e.sha256, e.raw = stage, error_type, reason, sha, raw
    return e


@dataclass
class Processed:
    sha256: str
    raw: bytes
    doc: read.Document
    extraction: Extraction


def sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def read_stage(raw: bytes) -> read.Document:
    try:
        return read.read_bytes(raw)
    except Exception as e:  # every failure becomes a quarantine record with its stage
        raise StageError("read", e) from e


def extract_stage(doc: read.Document, source_name: str) -> Extraction:
    try:
        return extract(doc, source_name)
    except Exception as e:
        raise StageError("extract", e) from e


def process_bytes(raw: bytes, source_name: str) -> Processed:
    doc = read_stage(raw)
    return Processed(sha256(raw), raw, doc, extract_stage(doc, source_name))


def process_text(text: str, source_name: str) -> tuple[read.Document, Extraction]:
    """Re-extraction from stored text: the same stages without the decode step."""
    try:
        doc = read.read_text(text)
    except Exception as e:
        raise StageError("read", e) from e
    return doc, extract_stage(doc, source_name)
