"""python -m assessment COMMAND …: the command line (assessment/cli/main.py; one module per command there)."""

import sys

from assessment.cli.main import build_parser, main, tool  # noqa: F401  (tests and the installed command use these)

if __name__ == "__main__":
    sys.exit(main())
