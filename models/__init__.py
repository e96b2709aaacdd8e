"""The single declaration of every table, column comment and view of fundingdb."""
from .base import Base
from . import documents, facts, reference  # noqa: F401  (register tables on Base.metadata)

metadata = Base.metadata
