"""Publishing the project: the reviewers' wheel, the site's security policy, the offline package.

Build-time tools run by the Makefile (`make dist`, `make build`, `make offline`) and by the tests;
neither the site nor the `assessment` package imports them.
"""
