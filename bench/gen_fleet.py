#!/usr/bin/env python3
"""N distinct zone bundles of one crash each, as a `bundles --json` report
and as NDJSON crash rows (schema 2), for bench/scale.sh.
usage: gen_fleet.py N REPORT.json ROWS.ndjson"""
import json
import sys

SIGS = [
    ("InstEmul", "string-io", "InstEmul/string-io/rep outsb dx,[rsi]", "f36e"),
    ("InstEmul", "mmio", "InstEmul/mmio/mov [rax],ecx", "8908"),
    ("InstEmul", "garbage", "InstEmul/garbage", "afafafafafafafafafafafafafafaf"),
    ("Paging", "paging", "Paging/paging", None),
]

n = int(sys.argv[1])
crashes, bundles = [], []
for i in range(n):
    kind, cls, sig, data = SIGS[i % len(SIGS)]
    zone = "oxz_propolis-server_%08x-0000-4000-8000-%012x" % (i, i)
    bundle = "%08x-1111-4000-8000-%012x" % (i, i)
    path = "/pool/int/%s/debug/bundle/zone/%s/%s.tar.gz" % ("a462a7f7", zone, bundle)
    crashes.append({
        "schema": "vmtriage.crash.v2", "path": path, "member": "system-illumos-propolis-server:default.log",
        "line": 50 + i % 7, "end_line": 52 + i % 7, "zone": zone, "bundle_id": bundle,
        "sled": "BRM4222%04d" % (i % 32), "rack": "rack-%d" % (i % 3),
        "time": "2026-11-%02dT10:00:59.812345678Z" % (1 + i % 28), "time_text": "2026-11-20T10:00:59.812345678Z",
        "vcpu": i % 4, "exit_kind": kind, "bytes": data, "len": len(data) // 2 if data else None,
        "redacted": False, "class": cls, "signature": sig, "evidence": "bundle",
        "time_created": "2026-11-20T10:01:02Z", "cause": "terminated_instance",
    })
    bundles.append({"zone": zone, "bundle_id": bundle, "paths": [path], "time_created": "2026-11-20T10:01:02Z",
                    "cause": "terminated_instance", "members": 4, "logs": 2, "crashes": 1, "cores": []})
with open(sys.argv[2], "w") as f:
    json.dump({"schema": "vmtriage.bundles.v2", "clusters": [], "crashes": crashes, "bundles": bundles,
               "warnings": []}, f)
with open(sys.argv[3], "w") as f:
    for c in crashes:
        f.write(json.dumps(c) + "\n")
