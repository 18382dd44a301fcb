# --stats: where the time went, on stderr after the report. Byte counts are
# exact; times, the inflate backend and the verdict vary, so they are masked.
cd "$VT_SOURCE_DIR" && $VMTRIAGE bundles --ndjson --stats -j 2 samples/pool/int 2>&1 >/dev/null |
	grep 'stats:' | sed -E 's/[0-9]+\.[0-9]+ s/T s/g; s/\((isa-l|zlib)\)/(BACKEND)/; s/bound by .*/bound by .../'
