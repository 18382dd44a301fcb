#!/usr/bin/env python3
"""Validate vmtriage JSON output against share/schema/*.schema.json.

usage: schema_check.py SCHEMA_DIR FORM EXPECTED LABEL < output
FORM is json (one document) or ndjson (one record a line). Each document
names its schema in its first member, "schema": "vmtriage.<name>.v2"; it must
be EXPECTED and is validated against SCHEMA_DIR/<name>.schema.json, with
every other schema file of the directory available to "$ref" by file name
and format checking on (date-time, ...). Exit 0 when all validate, 1 with
one line per error otherwise, 2 on a usage or setup problem."""
import json, os, sys

import jsonschema
from referencing import Registry, Resource

def registry(schema_dir):
    resources = []
    for name in sorted(os.listdir(schema_dir)):
        if name.endswith(".schema.json"):
            with open(os.path.join(schema_dir, name)) as f:
                doc = json.load(f)
            resources.append((name, Resource.from_contents(doc)))
            if "$id" in doc:
                resources.append((doc["$id"], Resource.from_contents(doc)))
    return Registry().with_resources(resources)

def check(doc, where, schema_dir, expected, reg, errors):
    if not isinstance(doc, dict) or next(iter(doc), None) != "schema":
        errors.append(f"{where}: the first member is not \"schema\"")
        return
    name = doc["schema"]
    if name != expected:
        errors.append(f"{where}: schema {name!r}, expected {expected!r}")
        return
    short = name.split(".")[1]
    path = os.path.join(schema_dir, short + ".schema.json")
    if not os.path.exists(path):
        errors.append(f"{where}: no schema file {path}")
        return
    with open(path) as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    v = cls(schema, registry=reg, format_checker=cls.FORMAT_CHECKER)
    for e in sorted(v.iter_errors(doc), key=lambda e: list(e.absolute_path)):
        loc = "/".join(str(p) for p in e.absolute_path) or "(top)"
        errors.append(f"{where}: {loc}: {e.message[:300]}")

def main():
    if len(sys.argv) != 5 or sys.argv[2] not in ("json", "ndjson"):
        print(__doc__, file=sys.stderr)
        return 2
    schema_dir, form, expected, label = sys.argv[1:]
    reg = registry(schema_dir)
    text = sys.stdin.read()
    errors = []
    if form == "json":
        try:
            docs = [(json.loads(text), label)]
        except ValueError as e:
            print(f"{label}: not JSON: {e}")
            return 1
    else:
        docs = []
        for n, line in enumerate(text.splitlines(), 1):
            try:
                docs.append((json.loads(line), f"{label}: line {n}"))
            except ValueError as e:
                errors.append(f"{label}: line {n}: not JSON: {e}")
    for doc, where in docs:
        check(doc, where, schema_dir, expected, reg, errors)
    for e in errors[:50]:
        print(e)
    return 1 if errors else 0

if __name__ == "__main__":
    sys.exit(main())
