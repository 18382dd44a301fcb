"""SMF log text as propolis-server and omicron services write it: svc.startd
lines, bash xtrace, bunyan JSON, and Rust panics in the formats seen in the
wild (see shared reference: propolis-research.md sections 4, 5, 8)."""

import json

HOST = "BRM42220017"


def bunyan(msg, t, level=30, name="propolis-server", pid=4242, **kv):
    rec = {"msg": msg, "v": 0, "name": name, "level": level, "time": t, "hostname": HOST, "pid": pid}
    rec.update(kv)
    return json.dumps(rec, separators=(",", ":"))


def startup(day="Nov 25", hms="22:01:07", svc="propolis-server"):
    return [
        f"[ {day} {hms} Enabled. ]",
        f"[ {day} {hms} Rereading configuration. ]",
        f'[ {day} {hms} Executing start method ("/opt/oxide/lib/svc/manifest/{svc}.sh"). ]',
        "+ . /lib/svc/share/smf_include.sh",
        "++ SMF_EXIT_OK=0",
        f"++ svcprop -c -p config/datalink svc:/system/illumos/{svc}:default",
        "+ DATALINK=oxControlInstance0",
        f"+ ctrun -l child -o noorphan,regent /opt/oxide/{svc}/bin/{svc} run "
        "/opt/oxide/propolis-server/blob/OVMF_CODE.fd '[fd00:1122:3344:101::1:0]:12400'",
        f'[ {day} {hms} Method "start" exited with status 0. ]',
    ]


def chatter(t0, n, vcpu=None):
    """n ordinary bunyan records (what fills most of a log)."""
    out = []
    for i in range(n):
        t = f"{t0}.{i % 1000:03d}{i % 997:06d}Z"
        if i % 3 == 0:
            out.append(bunyan("request completed", t, component="dropshot", uri="/instance",
                              method="GET", response_code=200, latency_us=150 + i % 91))
        elif i % 3 == 1:
            out.append(bunyan("Unhandled pio Out(IoPort { port: 1026, bytes: 1 }, 0)", t, level=20,
                              component="vcpu_tasks", vcpu=i % 4, rip=8612253 + i))
        else:
            out.append(bunyan("vCPU state change", t, component="vm_state_worker",
                              state="Running", gen=i))
    return out


def inst_data(data, redacted=False):
    if redacted:
        return "<guest data redacted>"
    return "[" + ", ".join(str(b) for b in data) + "]"


def instemul(data, length, redacted=False):
    return f"InstEmul(InstEmul {{ inst_data: {inst_data(data, redacted)}, len: {length} }})"


def diag_795(vcpu, data, length, t, redacted=False):
    """PR #795's error record, written just before the panic."""
    ctx = f"InstEmul {{ inst_data: {inst_data(data, redacted)}, len: {length} }}"
    state = ("\n<guest data redacted>\n<guest data redacted>\n<guest data redacted>\n" if redacted else
             "\n%rax = 0x0000000000000000\t%r9  = 0x0000000000000000\n"
             "%rcx = 0x0000000000000011\t%r11 = 0x0000000000000000\n"
             "%rdx = 0x0000000000000402\t%r12 = 0x0000000000000000\n"
             "%rsi = 0x000000007fe3c9a0\t%r13 = 0x0000000000000000\n\n"
             "%rip = 0x000000007fd2c3b1\n%rflags = 0x0000000000000046\n")
    return bunyan(f"instruction emulation exit on vCPU {vcpu}", t, level=50,
                  component="vcpu_tasks", vcpu=vcpu, context=ctx, vcpu_state=state)


def panic_new(vcpu, exit_text, where="bin/propolis-server/src/lib/vm/state_driver.rs:324:9"):
    """rustc >= 1.73: location line, then the message."""
    return [f"thread 'vcpu-{vcpu}' panicked at {where}:",
            f"vCPU {vcpu}: Unhandled VM exit: {exit_text}",
            "note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace"]


def panic_old(vcpu, exit_text, where="bin/propolis-server/src/lib/vm/mod.rs:436:9"):
    """rustc < 1.73: one line, message quoted."""
    return [f"thread 'vcpu-{vcpu}' panicked at 'vCPU {vcpu}: Unhandled VM exit: {exit_text}', {where}",
            "note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace"]


def stopped(day="Nov 25", hms="22:14:01"):
    return [f"[ {day} {hms} Stopping because process dumped core. ]"]


def text(lines):
    return ("\n".join(lines) + "\n").encode()
