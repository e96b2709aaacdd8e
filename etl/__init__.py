"""fundingdb ETL: read (file → text) → extract (text → facts with evidence) → normalise → load."""

__version__ = "0.1.0"
# Bump when extraction output changes: `fundingdb reextract` refreshes documents extracted by an
# older version from their stored text.
EXTRACTOR_VERSION = "2026.11.26.3"
