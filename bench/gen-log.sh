#!/bin/sh
# Write a propolis-server SMF log of about SIZE_MIB MiB to stdout: bunyan
# JSON records as a busy instance logs them (vCPU, virtio, NVMe, migration
# noise), slog pretty lines, SMF lines, and a crash (PR #795 record + panic)
# every CRASH_EVERY lines. Deterministic, POSIX awk only.
#   sh gen-log.sh [SIZE_MIB] [CRASH_EVERY]
size=${1:-1024}
every=${2:-2000000}
exec awk -v size="$size" -v every="$every" 'BEGIN {
	limit = size * 1048576
	n = split("vCPU thread started|virtio-net: rx queue notify|nvme: completed io|serial console: flushed 64 bytes|" \
		"Unhandled pio Out(IoPort { port: 1026, bytes: 1 }, 72)|migration: dirty page scan complete|" \
		"request completed|vnc-server: pixel format set to fourcc=0x34325258|" \
		"crucible: downstairs io completed in 118us|metrics: produced 42 samples", msgs, "|")
	split("vcpu_tasks|virtio-net|nvme|serial|vcpu_tasks|migrate|dropshot|vnc-server|crucible|oximeter", comps, "|")
	bytes = 0; i = 0
	printf "[ Oct 22 18:40:59 Executing start method (\"/opt/oxide/lib/svc/manifest/propolis/propolis.sh\"). ]\n"
	while (bytes < limit) {
		i++
		s = i % 60; m = int(i / 60) % 60; h = int(i / 3600) % 24
		t = sprintf("2024-10-22T%02d:%02d:%02d.%09dZ", h, m, s, (i * 7919) % 1000000000)
		k = (i * 31) % n + 1
		if (i % every == 0) {
			line = sprintf("{\"msg\":\"instruction emulation exit on vCPU %d\",\"v\":0,\"name\":\"propolis-server\",\"level\":50,\"time\":\"%s\",\"hostname\":\"oxz_propolis-server_3c4b1e7a\",\"pid\":4242,\"component\":\"vcpu_tasks\",\"vcpu\":%d,\"context\":\"InstEmul { inst_data: [243, 110, 235, 10, 227, 8, 138, 6, 238, 72, 255, 198, 226, 248, 76], len: 15 }\",\"vcpu_state\":\"\\n<guest data redacted>\\n<guest data redacted>\\n<guest data redacted>\\n\"}\nthread '"'"'vcpu-%d'"'"' panicked at bin/propolis-server/src/lib/vm/state_driver.rs:324:9:\nvCPU %d: Unhandled VM exit: InstEmul(InstEmul { inst_data: [243, 110, 235, 10, 227, 8, 138, 6, 238, 72, 255, 198, 226, 248, 76], len: 15 })", i % 4, t, i % 4, i % 4, i % 4)
		} else if (i % 50000 == 0) {
			line = sprintf("%02d:%02d:%02d.%03dZ INFO propolis-server (%s): %s", h, m, s, i % 1000, comps[k], msgs[k])
		} else {
			line = sprintf("{\"msg\":\"%s\",\"v\":0,\"name\":\"propolis-server\",\"level\":%d,\"time\":\"%s\",\"hostname\":\"oxz_propolis-server_3c4b1e7a\",\"pid\":4242,\"component\":\"%s\",\"vcpu\":%d,\"rip\":%d}", msgs[k], (k == 5 ? 20 : 30), t, comps[k], i % 4, 2143794337 + i % 4096)
		}
		print line
		bytes += length(line) + 1
	}
}'
