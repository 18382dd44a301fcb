"""Run a command (stdin, stdout and stderr passed through) and print its
peak resident set size in KiB, from getrusage(RUSAGE_CHILDREN) after it
exits: only this child is waited for, so a generator piped into stdin does
not count. Exit status: the command's (124 when the time limit is hit).
usage: python3 peak_rss.py SECONDS CMD..."""
import resource, subprocess, sys

limit = float(sys.argv[1])
try:
    rc = subprocess.run(sys.argv[2:], timeout=limit).returncode
except subprocess.TimeoutExpired:
    rc = 124
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
sys.exit(rc if rc >= 0 else 128 - rc)
