#!/usr/bin/env python3
"""Extract every example from README.md, docs/*.md and man/*.[15] and run
it against the build, from a scratch copy of the source tree, so that no
example in the documentation can rot.

What is an example:
  Markdown  a fenced block whose lines start with "$ " (a session), or a
            ```sh / ```shell block (a script, run whole);
  mdoc      a ".Dl $ command" or ".Dl # command" line, or a ".Bd -literal"
            block with "$ " lines.
A session's "$ " line is a command (continued while the shell says it is
incomplete, or it ends with "\\"); the lines up to the next "$ " are its
stdout. Shown output is compared line by line, trailing blanks ignored: a
line that is only "..." stands for any number of lines, "..." inside a
line for any text, and a line ending in "..." also for the lines after it
that are indented deeper (the rest of a wrapped paragraph). A command (or a
script's last line) with a comment "# exit N ..." must exit N, any other 0.

An example that cannot run here (a real sled's /pool/int, another host) is
marked just before it, in the source, with
  <!-- example: not run: REASON -->       (Markdown)
  .\\" example: not run: REASON             (mdoc)
and listed; at most MAX_EXEMPT of them in all.
Usage: doc_examples.py BIN SRCDIR [FILE...]"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

MAX_EXEMPT = 10
EXEMPT_MD = re.compile(r"<!--\s*example:\s*not run:\s*(.+?)\s*-->")
EXEMPT_ROFF = re.compile(r'^\.\\"\s*example:\s*not run:\s*(.+)$')
EXIT_MARK = re.compile(r"#\s*exit\s+(\d+)\b[^#]*$")


class Example:
    def __init__(self, doc, line, kind, text, exempt=None):
        self.doc, self.line, self.kind, self.text, self.exempt = doc, line, kind, text, exempt
        self.steps = []  # (command, expected lines or None, exit code)


def roff_text(s):
    for a, b in (("\\(dq", '"'), ("\\(aq", "'"), ("\\e", "\\"), ("\\-", "-"), ("\\&", ""), ("\\~", " ")):
        s = s.replace(a, b)
    return s


def incomplete(cmd):
    r = subprocess.run(["sh", "-n", "-c", cmd], capture_output=True)
    return r.returncode != 0 or cmd.endswith("\\")


def session_steps(lines):
    """Lines of a session -> [(command, expected or None, exit)]."""
    steps, i = [], 0
    while i < len(lines):
        line = lines[i]
        if not line.startswith("$ "):
            i += 1
            continue
        cmd = line[2:]
        i += 1
        while incomplete(cmd) and i < len(lines) and not lines[i].startswith("$ "):
            nxt = lines[i][2:] if lines[i].startswith("> ") else lines[i]
            cmd = cmd[:-1] if cmd.endswith("\\") else cmd + "\n"
            cmd += nxt
            i += 1
        out = []
        while i < len(lines) and not lines[i].startswith("$ "):
            out.append(lines[i])
            i += 1
        while out and not out[-1].strip():
            out.pop()
        m = EXIT_MARK.search(cmd.split("\n")[-1])
        steps.append((cmd, out or None, int(m.group(1)) if m else 0))
    return steps


def from_markdown(path, rel):
    examples, lines = [], open(path, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        m = re.match(r"^(\s*)```(\w*)\s*$", lines[i])
        if not m:
            i += 1
            continue
        lang, start = m.group(2), i
        j = i + 1
        while j < len(lines) and not lines[j].strip().startswith("```"):
            j += 1
        body = [l[len(m.group(1)):] if l.startswith(m.group(1)) else l for l in lines[i + 1:j]]
        i = j + 1
        exempt = None
        k = start - 1
        while k >= 0 and not lines[k].strip():
            k -= 1
        if k >= 0 and EXEMPT_MD.search(lines[k]):
            exempt = EXEMPT_MD.search(lines[k]).group(1)
        if any(l.startswith("$ ") for l in body):
            ex = Example(rel, start + 1, "session", "\n".join(body), exempt)
            ex.steps = session_steps(body)
        elif lang in ("sh", "shell"):
            ex = Example(rel, start + 1, "script", "\n".join(body), exempt)
            em = EXIT_MARK.search(body[-1]) if body else None
            ex.steps = [("\n".join(body), None, int(em.group(1)) if em else 0)]
        else:
            continue
        examples.append(ex)
    return examples


def from_roff(path, rel):
    examples, lines = [], open(path, encoding="utf-8").read().split("\n")
    exempt, i = None, 0
    while i < len(lines):
        line = lines[i]
        m = EXEMPT_ROFF.match(line)
        if m:
            exempt = m.group(1)
            i += 1
            continue
        if line.startswith(".Dl $ ") or line.startswith(".Dl # "):
            cmd = roff_text(line[6:])
            ex = Example(rel, i + 1, "command", cmd, exempt)
            em = EXIT_MARK.search(cmd)
            ex.steps = [(cmd, None, int(em.group(1)) if em else 0)]
            examples.append(ex)
            exempt = None
        elif line.startswith(".Bd -literal"):
            j = i + 1
            while j < len(lines) and not lines[j].startswith(".Ed"):
                j += 1
            body = [roff_text(l) for l in lines[i + 1:j]]
            if any(l.startswith("$ ") for l in body):
                ex = Example(rel, i + 1, "session", "\n".join(body), exempt)
                ex.steps = session_steps(body)
                examples.append(ex)
            exempt = None
            i = j
        elif line.strip() and not line.startswith('.\\"'):
            exempt = None if not line.startswith(".Pp") else exempt
        i += 1
    return examples


def matches(expected, actual):
    """Expected lines (with ... elisions) against actual lines."""
    pats, trails = [], []
    for e in expected:
        e = e.rstrip()
        if e.strip() == "...":
            pats.append(None)
        else:
            pats.append(re.compile("^" + ".*".join(re.escape(p) for p in e.split("...")) + "$"))
        # "advice      ..." elides the rest of a wrapped paragraph too: the
        # lines after it indented deeper than it is.
        trails.append(len(e) - len(e.lstrip()) if e.endswith("...") and e.strip() != "..." else None)
    act = [a.rstrip() for a in actual]
    indent = [len(a) - len(a.lstrip()) if a.strip() else -1 for a in act]
    memo = {}

    def go(p, a):
        key = (p, a)
        if key in memo:
            return memo[key]
        if p == len(pats):
            r = a == len(act)
        elif pats[p] is None:
            r = any(go(p + 1, k) for k in range(a, len(act) + 1))
        else:
            r = a < len(act) and bool(pats[p].match(act[a])) and go(p + 1, a + 1)
            k = a + 1
            while not r and trails[p] is not None and k < len(act) and indent[k] > trails[p]:
                k += 1
                r = go(p + 1, k)
        memo[key] = r
        return r

    return go(0, 0)


def needs_clickhouse(ex):
    return any(re.search(r"\bvmtriage fleet\b(?!.*--help)", c) for c, _, _ in ex.steps)


def have_clickhouse():
    path = os.environ.get("PATH", "") + ":/usr/sbin"
    return any(shutil.which(n, path=path) for n in ("clickhouse-server", "clickhouse"))


def scratch_tree(src, into):
    ignore = shutil.ignore_patterns(".git", "build", "build-*", "Testing")
    shutil.copytree(src, into, ignore=ignore, symlinks=True)


def run_doc(binary, src, doc, examples, skip_fleet):
    """Run one document's examples in order, in one shell: a failing
    example does not stop the rest. Returns a list of failure texts."""
    failures = []
    with tempfile.TemporaryDirectory(prefix="vt-doc-") as tmp:
        tree = os.path.join(tmp, "src")
        scratch_tree(src, tree)
        bindir = os.path.join(tmp, "bin")
        os.mkdir(bindir)
        os.symlink(os.path.abspath(binary), os.path.join(bindir, "vmtriage"))
        outdir = os.path.join(tmp, "out")
        os.mkdir(outdir)
        script, index = ["cd \"$VT_TREE\" || exit 99"], []
        for ex in examples:
            if ex.exempt or (skip_fleet and needs_clickhouse(ex)):
                continue
            for n, (cmd, expected, code) in enumerate(ex.steps):
                k = len(index)
                index.append((ex, cmd, expected, code))
                script.append("{\n%s\n} >\"$VT_OUT/%d.out\" 2>\"$VT_OUT/%d.err\" </dev/null; echo $? >\"$VT_OUT/%d.rc\""
                              % (cmd, k, k, k))
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "NO_COLOR", "VMTRIAGE_CLICKHOUSE")}
        env.update(PATH=bindir + ":" + env.get("PATH", "/usr/bin:/bin") + ":/usr/sbin", HOME=tmp, TMPDIR=tmp,
                   TERM="dumb", LC_ALL="C", TZ="UTC", VT_TREE=tree, VT_OUT=outdir, VMTRIAGE_NO_MAN="1")
        try:
            subprocess.run(["sh", "-c", "\n".join(script)], env=env, timeout=600, cwd=tree)
        except subprocess.TimeoutExpired:
            failures.append("%s: timed out after 600 s" % doc)
        finally:
            # Examples that start a private ClickHouse also stop it; if one failed, stop it here.
            for root, _, files in os.walk(tmp):
                if "server.pid" in files:
                    subprocess.run([binary, "fleet", "server", "--stop", root], capture_output=True)
        for k, (ex, cmd, expected, code) in enumerate(index):
            def read(suffix):
                p = os.path.join(outdir, "%d.%s" % (k, suffix))
                return open(p, errors="replace").read() if os.path.exists(p) else None
            rc, out, err = read("rc"), read("out") or "", read("err") or ""
            problems = []
            if rc is None:
                problems.append("did not run")
            elif int(rc) != code:
                problems.append("exit %s, expected %d" % (rc.strip(), code))
            lines = out.split("\n")
            if lines and lines[-1] == "":
                lines.pop()
            if expected is not None and not matches(expected, lines):
                problems.append("output differs from the documented output")
            if problems:
                text = "FAIL %s:%d: %s\n  $ %s\n" % (ex.doc, ex.line, "; ".join(problems), cmd.replace("\n", "\n    "))
                if expected is not None and "output differs from the documented output" in problems:
                    text += "  documented:\n" + "".join("    | %s\n" % l for l in expected)
                text += "  stdout:\n" + "".join("    | %s\n" % l for l in lines[:40])
                if err:
                    text += "  stderr:\n" + "".join("    | %s\n" % l for l in err.split("\n")[:15])
                failures.append(text)
    return failures


def main():
    binary, src = sys.argv[1], os.path.abspath(sys.argv[2])
    docs = sys.argv[3:] or (["README.md"] + sorted("docs/" + f for f in os.listdir(os.path.join(src, "docs"))
                                                   if f.endswith(".md"))
                            + sorted("man/" + f for f in os.listdir(os.path.join(src, "man"))
                                     if re.search(r"\.[15]$", f)))
    skip_fleet = not have_clickhouse()
    if skip_fleet and os.environ.get("VT_REQUIRE_CLICKHOUSE") == "1":
        print("FAIL: no clickhouse-server and VT_REQUIRE_CLICKHOUSE=1")
        return 1
    total, exempt, failures, skipped = 0, [], [], 0
    for doc in docs:
        path = os.path.join(src, doc)
        examples = from_markdown(path, doc) if doc.endswith(".md") else from_roff(path, doc)
        for ex in examples:
            if ex.exempt:
                exempt.append("%s:%d: %s" % (ex.doc, ex.line, ex.exempt))
            elif skip_fleet and needs_clickhouse(ex):
                skipped += 1
            else:
                total += len(ex.steps)
        failures += run_doc(binary, src, doc, examples, skip_fleet)
    for f in failures:
        print(f)
    print("%d documented commands run, %d failed; %d examples marked not run:" % (total, len(failures), len(exempt)))
    for e in exempt:
        print("  " + e)
    if skipped:
        print("%d fleet examples skipped: no clickhouse-server here" % skipped)
    if len(exempt) > MAX_EXEMPT:
        print("FAIL: %d examples marked not run, more than %d: make them runnable" % (len(exempt), MAX_EXEMPT))
        return 1
    return 1 if failures else 0


sys.exit(main())
