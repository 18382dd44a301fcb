# Issue #300: len 0, all zero: the kernel never fetched the instruction.
$VMTRIAGE decode "thread 'vcpu-1' panicked at 'vCPU 1: Unhandled VM exit: InstEmul(InstEmul { inst_data: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], len: 0 })', bin/propolis-server/src/lib/vm/mod.rs:450:9"
