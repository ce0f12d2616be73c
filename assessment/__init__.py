"""SP Readiness: the criteria data, their validation and the readiness scorer."""

from .criteria import DEFAULT_PATH, Criteria, CriteriaError, load, parse

__all__ = ["DEFAULT_PATH", "Criteria", "CriteriaError", "load", "parse"]
