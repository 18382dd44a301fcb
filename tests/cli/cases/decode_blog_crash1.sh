# The blog's first crash: OVMF's REP OUTSB to the debug port, then its fallback loop.
$VMTRIAGE decode 243,110,235,10,227,8,138,6,238,72,255,198,226,248,76
