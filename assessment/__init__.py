"""SP Readiness: the criteria data, their validation and the readiness scorer."""

from .answers import Answers, AnswersError
from .answers import parse as parse_answers
from .answers import read as read_answers
from .criteria import DEFAULT_PATH, Criteria, CriteriaError, parse
from .history import load
from .scoring import score, to_json

__all__ = [
    "DEFAULT_PATH", "Answers", "AnswersError", "Criteria", "CriteriaError",
    "load", "parse", "parse_answers", "read_answers", "score", "to_json",
]
