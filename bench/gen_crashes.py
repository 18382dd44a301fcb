#!/usr/bin/env python3
"""Write N pasted crash lines (text) and the same bytes as raw 15-byte
buffers (binary), for bench/decode.sh. Deterministic: seeded."""
import random
import sys

n, text_path, bin_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
rng = random.Random(1914)
seeds = [
    [243, 110, 235, 10, 227, 8, 138, 6, 238, 72, 255, 198, 226, 248, 76],
    [243, 110, 76, 137, 198, 195, 252, 72, 135, 202, 73, 135, 240, 243, 102],
    [243, 108, 235, 10, 227, 8, 236, 136, 7, 72, 255, 199, 226, 248, 76],
    [87, 194, 74, 179, 4, 116, 251, 176, 123, 154, 255, 255, 61, 97, 0],
    [175] * 15,
]
with open(text_path, "w") as text, open(bin_path, "wb") as raw:
    for i in range(n):
        b = list(rng.choice(seeds))
        b[14] = rng.randrange(256)  # vary the tail a little
        form = i % 4
        if form == 0:
            line = "[" + ", ".join(map(str, b)) + "]"
        elif form == 1:
            line = " ".join("%02x" % x for x in b)
        elif form == 2:
            line = ("thread 'vcpu-0' panicked at x.rs:1:9: vCPU 0: Unhandled VM exit: "
                    "InstEmul(InstEmul { inst_data: [" + ", ".join(map(str, b)) + "], len: 15 })")
        else:
            line = ",".join(map(str, b))
        text.write(line + "\n")
        raw.write(bytes(b))
