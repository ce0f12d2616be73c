"""`python -m assessment summary`: one row per submission, for many files and folders, with its review.

Each *.json file found is either an SP's answers file or a reviewer's review file (its "format" is
"sp-readiness-review"). A review is paired with the answers file it names by the SHA-256 of that
file's exact bytes: the answers file's row shows the review's decision and file. A review of no file
given here (also one of a submission edited after the review) gets a row of its own, saying so; so
does an earlier review of a submission that has a later one. A bad file of either kind gets its own
row and counts as invalid.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from assessment.answers import answers_file as answers_mod
from assessment.review import review_file as review_mod
from assessment.evidence import display as evidence_display
from assessment.criteria.model import Criteria
from assessment.shared.formatting import percent
from assessment.answers.scoring import score

HEAD = ["file", "organisation", "service", "criteria_version", "verdict", "percent", "blockers",
        "review", "review_file", "criteria_upgrade", "saved_verdict", "evidence", "error"]
RIGHT = {5, 6}  # percent and blockers, right-aligned in the text table
IN_PROGRESS = "in_progress"  # the review column of a review without an overall decision yet


def find(paths: list[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The files named or found in folders (*.json), and what was skipped, with why.

    Symbolic links to folders are not followed (they can loop or lead outside the submissions);
    a folder that cannot be listed is skipped and named, never silently left out.
    """
    found, skipped = [], []
    for path in paths:
        if not path.is_dir():
            found.append(path)  # a missing or unreadable file gets its own row
            continue
        folders = [path]
        while folders:
            folder = folders.pop()
            try:
                entries = list(os.scandir(folder))
            except OSError as exc:
                skipped.append((folder, f"cannot read the folder ({exc.strerror or exc})"))
                continue
            for entry in entries:
                entry_path = Path(entry.path)
                try:
                    if entry.is_symlink() and entry.is_dir():
                        skipped.append((entry_path, "symbolic link to a folder, not followed"))
                    elif entry.is_dir(follow_symlinks=False):
                        folders.append(entry_path)
                    elif entry.name.lower().endswith(".json"):
                        found.append(entry_path)
                except OSError as exc:
                    skipped.append((entry_path, f"cannot read ({exc.strerror or exc})"))
    return sorted(found, key=str), sorted(skipped, key=lambda s: str(s[0]))


def file_bytes(path: Path) -> bytes:
    """A file's bytes, refused as answers.read refuses them (not a regular file, too large, unreadable);
    the size limit is a review file's, which holds an answers file and the reviewer's comments."""
    return review_mod.read_either(path)


def review_doc(data: bytes) -> dict | None:
    """The document when these bytes are a review file (valid or not), else None.

    The format name must appear in the bytes, so answers files are parsed once only, as answers.
    A review file that is not even JSON is read as an answers file, whose reader names line and column.
    """
    if review_mod.FORMAT.encode() not in data:
        return None
    doc, problem = review_mod.decode(data)
    return doc if problem is None and review_mod.is_review(doc) else None


@dataclass
class Submission:
    path: Path
    sha256: str | None = None  # None when the file could not be read
    answers: answers_mod.Answers | None = None
    problems: list[str] = field(default_factory=list)


@dataclass
class Tally:
    files: int = 0
    scored: int = 0
    invalid: int = 0
    reviews: int = 0
    paired: int = 0


def read_all(criteria: Criteria, files: list[Path], progress=None) -> tuple[list[Submission], list[tuple[Path, review_mod.Review]], list[Submission]]:
    """The answers files, the valid reviews and the refused review files among `files`."""
    submissions, reviews, bad_reviews = [], [], []
    for n, path in enumerate(files, 1):
        if progress and len(files) > 50 and n % 50 == 0:
            progress(f"… {n}/{len(files)} files read")
        try:
            data = file_bytes(path)
        except answers_mod.AnswersError as exc:
            submissions.append(Submission(path, problems=exc.problems))
            continue
        doc = review_doc(data)
        if doc is not None:
            found = review_mod.problems(criteria, doc)
            if found:
                bad_reviews.append(Submission(path, problems=found))
            else:
                reviews.append((path, review_mod.parse(criteria, doc, str(path))))
            continue
        entry = Submission(path, review_mod.sha256(data))
        try:
            entry.answers = answers_mod.read_bytes(criteria, data, str(path))
        except answers_mod.AnswersError as exc:
            entry.problems = exc.problems
        submissions.append(entry)
    return submissions, reviews, bad_reviews


def _first(problems: list[str], all_problems: bool) -> str:
    shown = problems if all_problems else problems[:1] + [f"and {len(problems) - 1} more"] * (len(problems) > 1)
    return "; ".join(shown)


def _decision(review: review_mod.Review) -> str:
    return review.decision or IN_PROGRESS


def _submitter(meta: dict) -> tuple[str, str] | None:
    """Who sent a submission, for finding another file of the same SP and service; None when unnamed."""
    key = (meta.get("organisation", ""), meta.get("service", ""))
    return key if any(key) else None


def _upgrade(criteria: Criteria, answers: answers_mod.Answers, result: dict) -> list[str]:
    """The criteria_upgrade and saved_verdict cells: "OLD → NEW" when the file was answered against
    other criteria; the verdict the SP's browser saved when it is not the recomputed one. One short
    cell each, so the few real verdict changes stand out (the full difference is in `report`)."""
    upgrade = f"{answers.criteria_version} → {criteria.version}" if answers.criteria_version != criteria.version else ""
    saved = answers.result.get("verdict") if isinstance(answers.result, dict) else None
    return [upgrade, str(saved) if saved is not None and saved != result["verdict"] else ""]


def _bound(submissions: list[Submission], reviews, bad_reviews: list[Submission]):
    """The reviews that hold the answers of the file their SHA-256 names, where it is here; the others
    join the refused review files (review.MISMATCH), so their decision is paired with nothing."""
    by_sha = {s.sha256: s for s in submissions if s.sha256}
    kept = []
    for path, review in reviews:
        named = by_sha.get(review.submission_sha256)
        if named is None or (named.answers is not None and review_mod.same_submission(named.answers, review.submission)):
            kept.append((path, review))
        else:
            bad_reviews.append(Submission(path, problems=[f"{review_mod.MISMATCH} ({named.path})"]))
    return kept


def rows(criteria: Criteria, files: list[Path], all_problems: bool = False, progress=None,
         lang: str = "en") -> tuple[list[list[str]], Tally]:
    """The summary's rows (without the head), in file order, and the counts the command reports."""
    submissions, reviews, bad_reviews = read_all(criteria, files, progress)
    reviews = _bound(submissions, reviews, bad_reviews)
    latest = review_mod.latest_by_submission(reviews)
    here = {s.sha256 for s in submissions if s.sha256}
    # Answers files by SP and service, looked up once per unpaired review: linear in files and reviews.
    by_submitter: dict[tuple[str, str], list[str]] = {}
    for s in submissions:
        who = _submitter(s.answers.assessment) if s.answers else None
        if who:
            by_submitter.setdefault(who, []).append(str(s.path))
    tally = Tally(files=len(files), reviews=len(reviews))
    out: list[tuple[str, list[str]]] = []
    for s in submissions:
        review = latest.get(s.sha256)
        paired = [_decision(review[1]), str(review[0])] if review else ["", ""]
        if s.answers is None:
            tally.invalid += 1
            out.append((str(s.path), [str(s.path), "", "", "", "invalid", "", "", *paired, "", "", "", _first(s.problems, all_problems)]))
            continue
        tally.scored += 1
        result = score(criteria, s.answers)
        meta = s.answers.assessment
        out.append((str(s.path), [str(s.path), meta.get("organisation", ""), meta.get("service", ""),
                                  s.answers.criteria_version, result["verdict"], percent(result["percent"]),
                                  str(len(result["blockers"])), *paired, *_upgrade(criteria, s.answers, result),
                                  evidence_display.cell(criteria, s.answers, lang), ""]))
    for s in bad_reviews:
        tally.invalid += 1
        out.append((str(s.path), [str(s.path), "", "", "", "invalid", "", "", "", "", "", "", "", _first(s.problems, all_problems)]))
    for path, review in reviews:
        sha = review.submission_sha256
        if sha in here and latest[sha][0] == path:
            tally.paired += 1
            continue
        meta = review.submission.assessment
        if sha in here:
            note = f"earlier review of the same submission; the latest is {latest[sha][0]}"
        else:
            who = _submitter(meta)
            alike = by_submitter.get(who, []) if who else []
            # At most three named, so a hundred files of one SP do not make every such row a hundred long.
            named = ", ".join(alike[:3]) + (f" and {len(alike) - 3} more" if len(alike) > 3 else "")
            note = "no matching submission" + (
                f" ({named}: same organisation and service, but not the file reviewed)" if alike else "")
        out.append((str(path), [str(path), meta.get("organisation", ""), meta.get("service", ""),
                                review.submission.criteria_version, "", "", "", _decision(review), str(path), "", "", "", note]))
    return [row for _, row in sorted(out, key=lambda r: r[0])], tally
