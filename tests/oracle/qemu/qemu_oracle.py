#!/usr/bin/env python3
"""Second oracle for the reference emulator: QEMU in TCG mode.

Unicorn (tests/oracle/) applies no guest page tables, so paging, #PF error
codes, CR2 and Accessed/Dirty updates are checked here against QEMU's TCG
page walker instead: for each seeded random case this script builds guest
page tables (long mode 4-level with 4 KiB / 2 MiB / 1 GiB pages, PAE, 32-bit
paging with and without PSE; present, read-only and not-present entries,
read-only table entries, reserved bits in large-page entries; elements
straddling pages; DF up and down), boots stub.S in QEMU with that
memory, runs the one INS/OUTS, reads the outcome back over QMP, and compares
it with `vmtriage replay --json` of the same case as a snapshot.

  qemu_oracle.py VMTRIAGE STUB_ELF [--seed N] [--cases N] [--keep DIR] [-v]

Two known QEMU 7.2 deviations from the SDM are allowed for, and only those:
- a reserved-bit #PF's error code lacks P (QEMU sets only RSVD; SDM vol. 3
  4.7: "bit 3 of the error code can be set only if bit 0 is also set"), so
  P is added to QEMU's code when RSVD is set;
- QEMU marks a 1 GiB or 2 MiB leaf Accessed before checking its rights and
  reserved bits, so on a faulting walk the A bit of a large-page leaf is not
  compared (bhyve's walker, like the reference, leaves it clear).

Exit 0 when every case agrees, 1 on a difference, 77 when QEMU is missing
(1 then too with VT_REQUIRE_QEMU=1).
Compared: completed vs faulted, the vector, error code and CR2, RSI/RDI/RCX
(and RIP advance), every byte of the data pages (INS stores), every page
table entry on the data path (A/D bits), and OUTSB's port bytes.
"""
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time

DESC, CODE, STACK = 0x1C0000, 0x1C1000, 0x1B0000
PAGE = 4096
PORT_OUT, PORT_IN = 0x4E9, 0x3E0  # a debugcon SeaBIOS does not use; an unassigned port
P, W, U, A, D, PS = 1, 2, 4, 0x20, 0x40, 0x80


class Mem:
    """Sparse guest-physical memory, 4 KiB pages."""

    def __init__(self):
        self.pages = {}

    def page(self, pfn):
        return self.pages.setdefault(pfn, bytearray(PAGE))

    def write(self, addr, data):
        for i, b in enumerate(data):
            self.page((addr + i) // PAGE)[(addr + i) % PAGE] = b

    def put(self, addr, value, size):
        self.write(addr, value.to_bytes(size, "little"))


class Alloc:
    """Page-table pages and data pages from separate physical pools."""

    def __init__(self, rng):
        self.next_table = 0x200000
        self.rng = rng
        self.used = set()

    def table(self):
        a = self.next_table
        self.next_table += PAGE
        return a

    def data(self):
        while True:  # scattered pages between 4 MiB and 44 MiB
            a = self.rng.randrange(0x400, 0x2C00) * PAGE
            if a not in self.used:
                self.used.add(a)
                return a


def leaf_flags(rng):
    """Present and writable mostly; sometimes read-only or not present."""
    r = rng.random()
    if r < 0.12:
        return 0
    if r < 0.3:
        return P
    return P | W


def upper_flags(rng):
    """A table entry: sometimes read-only, which makes everything below it so."""
    return P if rng.random() < 0.1 else P | W


def ps_reserved(rng, low_bit):
    """Sometimes a reserved bit of a large-page entry (bits low_bit..20 or 29)."""
    return (1 << low_bit) if rng.random() < 0.08 else 0


class Case:
    pass


def build(rng, index):
    c = Case()
    c.mem, c.alloc = Mem(), Alloc(rng)
    c.mode = rng.choice(["long4", "long4", "pae", "x86", "x86pse"])
    c.table_entries = []   # (phys addr, size) of data-path entries to compare
    c.data_pages = []      # phys pages whose bytes are compared
    c.large_leaves = set() # entries mapping 2 MiB / 1 GiB pages
    mem, al = c.mem, c.alloc
    window = 0x40000000 + rng.randrange(0x400, 0x800) * PAGE  # linear, 1 GiB + 4..8 MiB
    npages = 3
    size = rng.choice([1, 1, 2, 4])
    c.ins = rng.random() < 0.5
    rep = rng.random() < 0.85
    down = rng.random() < 0.35
    esize = 8 if c.mode in ("long4", "pae") else 4

    def ent(table, idx, value):
        mem.put(table + idx * esize, value, esize)

    def data_page(flags_bits):
        d = al.data()
        mem.write(d, bytes(rng.randrange(256) for _ in range(PAGE)))
        c.data_pages.append(d)
        return d | flags_bits

    def page_table(upper, di, index_mask):
        """A page table under entry di of `upper`, mapping the window's pages."""
        pt = al.table()
        ent(upper, di, pt | upper_flags(rng))
        c.table_entries.append((upper + di * esize, esize))
        for k in range(npages):
            ti = ((window >> 12) & index_mask) + k
            ent(pt, ti, data_page(leaf_flags(rng)))
            c.table_entries.append((pt + ti * esize, esize))

    def large_page_data(first):
        """The window's pages inside a large page, from physical `first`."""
        for k in range(npages):
            mem.write(first + k * PAGE, bytes(rng.randrange(256) for _ in range(PAGE)))
            c.data_pages.append(first + k * PAGE)

    if c.mode == "long4":
        pml4, pdpt0 = al.table(), al.table()
        ent(pml4, 0, pdpt0 | P | W)
        pd0 = al.table()
        ent(pdpt0, 0, pd0 | P | W)
        ent(pd0, 0, 0 | P | W | PS)  # identity 0-2 MiB: the stub
        kind = rng.choice(["4k", "4k", "2m", "1g"])
        pi = (window >> 30) & 511
        if kind == "1g":  # linear 1 GiB + x -> physical x
            ent(pdpt0, pi, 0 | upper_flags(rng) | PS | ps_reserved(rng, 13 + rng.randrange(17)))
            c.table_entries.append((pdpt0 + pi * 8, 8))
            c.large_leaves.add(pdpt0 + pi * 8)
            large_page_data(window & 0x3FFFFFFF)
        else:
            pd1 = al.table()
            ent(pdpt0, pi, pd1 | upper_flags(rng))
            c.table_entries.append((pdpt0 + pi * 8, 8))
            di = (window >> 21) & 511
            if kind == "2m":  # a 2 MiB page at 16 MiB
                base = 0x1000000
                ent(pd1, di, base | leaf_flags(rng) | PS | (P if rng.random() < 0.9 else 0)
                    | ps_reserved(rng, 13 + rng.randrange(8)))
                c.table_entries.append((pd1 + di * 8, 8))
                c.large_leaves.add(pd1 + di * 8)
                large_page_data(base + (window & 0x1FFFFF))
            else:
                page_table(pd1, di, 511)
        c.cr3, c.cr4, c.efer, c.cr0 = pml4, 0x20, 0x100, 0x80010033
        c.code_bits = 64
    elif c.mode == "pae":
        pdpt = al.table()  # 32-byte aligned: a whole page here
        pd0, pd1 = al.table(), al.table()
        mem.put(pdpt + 0, pd0 | P, 8)
        ent(pd0, 0, 0 | P | W | PS)
        pi = (window >> 30) & 3
        mem.put(pdpt + pi * 8, pd1 | P, 8)
        page_table(pd1, (window >> 21) & 511, 511)
        c.cr3, c.cr4, c.efer, c.cr0 = pdpt, 0x20, 0, 0x80010033
        c.code_bits = 32
    else:
        pd, pt0 = al.table(), al.table()
        pse = c.mode == "x86pse"
        if pse:
            ent(pd, 0, 0 | P | W | PS)  # a 4 MiB page: the stub
        else:
            ent(pd, 0, pt0 | P | W)
            for i in range(512):  # identity 0-2 MiB with 4 KiB pages
                ent(pt0, i, i * PAGE | P | W)
        page_table(pd, window >> 22, 1023)
        c.cr3, c.cr4, c.efer, c.cr0 = pd, 0x10 if pse else 0, 0, 0x80010033
        c.code_bits = 32

    # The instruction: [66] [F3] 6C..6F; elements start near a page boundary.
    opcode = (0x6C if c.ins else 0x6E) + (0 if size == 1 else 1)
    inst = []
    if size == 2:
        inst.append(0x66)
    if rep:
        inst.append(0xF3)
    inst.append(opcode)
    if size == 4 and c.code_bits == 16:
        inst.insert(0, 0x66)
    c.inst = bytes(inst)
    c.size = size
    boundary = window + rng.randrange(1, npages) * PAGE
    ptr = boundary + rng.randrange(-24, 24)
    count = rng.randrange(0, 40) if rep else 0
    flags = 0x2 | (0x400 if down else 0)
    c.regs = {"rsi": 0 if c.ins else ptr, "rdi": ptr if c.ins else 0,
              "rcx": count, "rdx": PORT_IN if c.ins else PORT_OUT, "rflags": flags}
    if c.code_bits == 32:  # keep the pointers in 32 bits
        for k in ("rsi", "rdi"):
            c.regs[k] &= 0xFFFFFFFF
    c.name = "qemu-%d" % index
    mem.write(CODE, c.inst + b"\xf4")  # HLT after the instruction
    d = [0 if c.mode == "long4" else 1, c.cr0, c.cr3, c.cr4, c.efer,
         c.regs["rsi"], c.regs["rdi"], c.regs["rcx"], c.regs["rdx"], c.regs["rflags"]]
    mem.write(DESC, b"".join(v.to_bytes(8, "little") for v in d))
    return c


def snapshot(c):
    mode = "long64" if c.mode == "long4" else "prot32"
    regs = {k: hex(v) for k, v in c.regs.items()}
    regs.update(rip=hex(CODE), cr0=hex(c.cr0), cr3=hex(c.cr3), cr4=hex(c.cr4), efer=hex(c.efer
                | (0x400 if c.mode == "long4" else 0)))
    memory = [{"gpa": hex(pfn * PAGE), "hex": bytes(page).hex()}
              for pfn, page in sorted(c.mem.pages.items())]
    return {"vmtriage_snapshot": 1, "name": c.name, "description": "QEMU oracle case " + c.mode,
            "mode": mode, "inst": c.inst.hex(), "regs": regs, "memory": memory}


class QMP:
    def __init__(self, path, deadline):
        while True:
            try:
                self.s = socket.socket(socket.AF_UNIX)
                self.s.connect(path)
                break
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.02)
        self.f = self.s.makefile("rw")
        json.loads(self.f.readline())
        self.cmd("qmp_capabilities")

    def cmd(self, execute, args=None):
        msg = {"execute": execute}
        if args:
            msg["arguments"] = args
        self.f.write(json.dumps(msg) + "\n")
        self.f.flush()
        while True:
            r = json.loads(self.f.readline())
            if "return" in r:
                return r["return"]
            if "error" in r:
                raise RuntimeError(r["error"])

    def hmp(self, line):
        return self.cmd("human-monitor-command", {"command-line": line})


def parse_regs(text):
    regs = {}
    for tok in text.replace("\n", " ").split():
        if "=" in tok:
            k, v = tok.split("=", 1)
            try:
                regs[k] = int(v, 16)
            except ValueError:
                pass
    return regs


def read_phys(q, addr, n):
    out = bytearray()
    while len(out) < n:
        k = min(n - len(out), 256)
        text = q.hmp("xp /%dxb 0x%x" % (k, addr + len(out)))
        for line in text.splitlines():
            out += bytes(int(x, 16) for x in line.split(":", 1)[1].split())
    return bytes(out[:n])


def run_qemu(c, stub, work):
    files = []
    for pfn, page in sorted(c.mem.pages.items()):
        path = os.path.join(work, "p%x.bin" % pfn)
        with open(path, "wb") as f:
            f.write(page)
        files += ["-device", "loader,file=%s,addr=0x%x,force-raw=on" % (path, pfn * PAGE)]
    out, sock = os.path.join(work, "debugcon.bin"), os.path.join(work, "qmp.sock")
    for p in (out, sock):
        if os.path.exists(p):
            os.unlink(p)
    cmd = ["qemu-system-x86_64", "-machine", "pc", "-accel", "tcg", "-cpu", "qemu64,+pse,+pae,+nx,+pdpe1gb",
           "-m", "64", "-display", "none", "-serial", "none", "-monitor", "none", "-no-reboot",
           "-kernel", stub, "-chardev", "file,id=dc,path=" + out,
           "-device", "isa-debugcon,iobase=0x%x,chardev=dc" % PORT_OUT,
           "-qmp", "unix:%s,server=on,wait=off" % sock] + files
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 20
        q = QMP(sock, deadline)
        lm = c.mode == "long4"
        h = {"h32": None, "h64": None}
        while True:
            regs = parse_regs(q.hmp("info registers"))
            rip = regs.get("RIP", regs.get("EIP", 0))
            if rip == CODE + len(c.inst) + 1 or c.handlers[0] <= rip < c.handlers[1]:
                break
            if time.time() > deadline or proc.poll() is not None:
                raise RuntimeError("guest never reached the instruction's end or a handler "
                                   "(rip 0x%x)" % rip)
            time.sleep(0.01)
        res = {"regs": regs}
        if rip != CODE + len(c.inst) + 1:
            vec = (rip - 1 - c.handlers[0]) // 16
            res["vector"] = vec
            sp = regs.get("RSP", regs.get("ESP"))
            if vec in (8, 10, 11, 12, 13, 14, 17):
                res["error_code"] = int.from_bytes(read_phys(q, sp, 8 if lm else 4), "little")
            res["cr2"] = regs.get("CR2")
        res["pages"] = {pa: read_phys(q, pa, PAGE) for pa in c.data_pages}
        res["entries"] = {pa: int.from_bytes(read_phys(q, pa, n), "little") for pa, n in c.table_entries}
        q.cmd("quit")
    finally:
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
    with open(out, "rb") as f:
        res["out"] = f.read()
    return res


def apply(base, writes, addr, n):
    """Bytes addr..addr+n-1 of the initial memory with the replay's writes applied."""
    buf = bytearray(base)
    for w in writes:
        g, data = int(w["gpa"], 16), bytes.fromhex(w["bytes"])
        for i, b in enumerate(data):
            if addr <= g + i < addr + n:
                buf[g + i - addr] = b
    return bytes(buf)


def initial(c, addr, n):
    return bytes(c.mem.page((addr + i) // PAGE)[(addr + i) % PAGE] for i in range(n))


def compare(c, ref, got):
    diffs = []
    mask = 0xFFFFFFFFFFFFFFFF if c.mode == "long4" else 0xFFFFFFFF
    fault = ref.get("fault")
    if ref["verdict"] == "emulated":
        if "vector" in got:
            diffs.append("reference completes, QEMU raised vector %d" % got["vector"])
    elif ref["verdict"] == "guest-fault":
        if "vector" not in got:
            diffs.append("reference raises vector %d, QEMU completed" % fault["vector"])
        else:
            if got["vector"] != fault["vector"]:
                diffs.append("vector: reference %d, QEMU %d" % (fault["vector"], got["vector"]))
            ec = fault.get("error_code") or 0
            qec = got.get("error_code")
            if qec is not None and qec & 8:
                qec |= 1  # QEMU 7.2 omits P on a reserved-bit fault (see the top)
            if qec is not None and qec & 0xFFFF != ec:
                diffs.append("error code: reference 0x%x, QEMU 0x%x" % (ec, qec))
            if fault.get("cr2") and int(fault["cr2"], 16) != got["cr2"]:
                diffs.append("cr2: reference %s, QEMU 0x%x" % (fault["cr2"], got["cr2"]))
    else:
        diffs.append("reference verdict %s (%s)" % (ref["verdict"], ref.get("reason")))
        return diffs
    for r in ("rsi", "rdi", "rcx"):
        want = int(ref["registers_after"][r], 16) & mask
        have = got["regs"].get(r.upper(), got["regs"].get("E" + r[1:].upper()))
        if have is not None and (have & mask) != want:
            diffs.append("%s: reference 0x%x, QEMU 0x%x" % (r, want, have))
    for pa, page in got["pages"].items():
        want = apply(initial(c, pa, PAGE), ref["memory_writes"], pa, PAGE)
        if page != want:
            i = next(k for k in range(PAGE) if page[k] != want[k])
            diffs.append("memory 0x%x: reference %02x, QEMU %02x" % (pa + i, want[i], page[i]))
    for pa, n in c.table_entries:
        want = int.from_bytes(apply(initial(c, pa, n), ref["page_table_writes"], pa, n), "little")
        have = got["entries"][pa]
        if ref["verdict"] == "guest-fault" and pa in c.large_leaves:
            want, have = want & ~A, have & ~A  # QEMU deviation (see the top)
        if have != want:
            diffs.append("page-table entry 0x%x: reference 0x%x, QEMU 0x%x" % (pa, want, have))
    if not c.ins and c.size == 1:
        want = bytes(a["value"] for a in ref["io"])
        if got["out"] != want:
            diffs.append("port bytes: reference %s, QEMU %s" % (want.hex(), got["out"].hex()))
    return diffs


def symbols(stub):
    out = subprocess.run(["nm", stub], capture_output=True, text=True, check=True).stdout
    return {l.split()[2]: int(l.split()[0], 16) for l in out.splitlines() if len(l.split()) == 3}


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        print("usage: qemu_oracle.py VMTRIAGE STUB_ELF [--seed N] [--cases N] [--keep DIR] [-v]",
              file=sys.stderr)
        return 2
    vmtriage, stub = args[0], args[1]
    seed, cases, keep, verbose = 1, 60, None, False
    i = 2
    while i < len(args):
        if args[i] == "--seed":
            seed, i = int(args[i + 1]), i + 1
        elif args[i] == "--cases":
            cases, i = int(args[i + 1]), i + 1
        elif args[i] == "--keep":
            keep, i = args[i + 1], i + 1
        elif args[i] == "-v":
            verbose = True
        i += 1
    if not shutil.which("qemu-system-x86_64"):
        if os.environ.get("VT_REQUIRE_QEMU") == "1":
            print("qemu oracle: qemu-system-x86_64 not found, and VT_REQUIRE_QEMU=1")
            return 1
        print("qemu oracle: qemu-system-x86_64 not found: skipped")
        return 77
    sym = symbols(stub)
    work = tempfile.mkdtemp(prefix="vt-qemu-oracle.")
    failed = 0
    try:
        for k in range(cases):
            rng = random.Random(seed * 1000003 + k)
            c = build(rng, k)
            lm = c.mode == "long4"
            c.handlers = (sym["h64"], sym["h64"] + 32 * 16) if lm else (sym["h32"], sym["h32"] + 32 * 16)
            snap = os.path.join(work, c.name + ".json")
            with open(snap, "w") as f:
                json.dump(snapshot(c), f)
            r = subprocess.run([vmtriage, "replay", "--json", snap], capture_output=True, text=True)
            if r.returncode != 0:
                print("%s: vmtriage replay failed: %s" % (c.name, r.stderr.strip()))
                failed += 1
                continue
            ref = json.loads(r.stdout)["results"][0]
            try:
                got = run_qemu(c, stub, work)
            except Exception as e:  # a harness failure is a failure, not a pass
                print("%s: QEMU run failed: %s" % (c.name, e))
                failed += 1
                continue
            diffs = compare(c, ref, got)
            if verbose or diffs:
                print("%s (%s, %s, rcx %d): %s" % (c.name, c.mode, c.inst.hex(), c.regs["rcx"],
                                                   ref["verdict"] + (" " + ref["reason"] if ref.get("reason") else "")))
            for d in diffs:
                print("  DIFF " + d)
            if diffs:
                failed += 1
                if keep:
                    os.makedirs(keep, exist_ok=True)
                    shutil.copy(snap, keep)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("qemu oracle: seed %d, %d cases, %d with differences or failures" % (seed, cases, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
