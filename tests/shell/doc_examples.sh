#!/bin/sh
# Every example in README.md, docs/*.md and the manual pages runs as
# written against this build, and shows what the documentation shows
# (tests/shell/lib/doc_examples.py says what counts and how to exempt one).
# Usage: sh doc_examples.sh BIN SRCDIR BUILDDIR
exec python3 "$2/tests/shell/lib/doc_examples.py" "$1" "$2"
