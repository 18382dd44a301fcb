#!/usr/bin/env python3
"""Run a command with stdin, stdout and stderr on a fresh pseudo-terminal,
as an operator at a terminal would, and print what the terminal showed.
Usage: on_tty.py [--eof] [--cols N] CMD [ARG...]
--eof types Ctrl-D once the command has started (it then reads an empty
stdin); the run is cut after 20 s either way. Exit status: the command's."""
import os
import pty
import select
import signal
import struct
import sys
import termios
import time
import fcntl


def main():
    args = sys.argv[1:]
    eof, cols = False, 80
    while args and args[0].startswith("--"):
        if args[0] == "--eof":
            eof = True
            args = args[1:]
        elif args[0] == "--cols":
            cols = int(args[1])
            args = args[2:]
        else:
            break
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(args[0], args)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, cols, 0, 0))
    out = b""
    start = time.time()
    sent = False
    while time.time() - start < 20:
        if eof and not sent and time.time() - start > 0.5:
            os.write(fd, b"\x04")
            sent = True
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
    else:
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    sys.stdout.buffer.write(out.replace(b"\r\n", b"\n"))
    sys.exit(os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode") else status >> 8)


main()
