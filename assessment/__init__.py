"""SP Readiness: the criteria data, their validation and the readiness scorer."""

from assessment.answers.answers_file import Answers, AnswersError
from assessment.answers.answers_file import parse as parse_answers
from assessment.answers.answers_file import read as read_answers
from assessment.criteria.model import DEFAULT_PATH, Criteria, CriteriaError, parse
from assessment.criteria.versions import load
from assessment.answers.scoring import score, to_json

__all__ = [
    "DEFAULT_PATH", "Answers", "AnswersError", "Criteria", "CriteriaError",
    "load", "parse", "parse_answers", "read_answers", "score", "to_json",
]
