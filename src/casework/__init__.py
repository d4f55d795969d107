"""casework: safeguarding guidance and case reviews as an offline knowledge base and e-learning site."""

from __future__ import annotations

__version__ = "0.1.0"
