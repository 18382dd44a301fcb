# --sled/--rack put the labels first on every NDJSON row (8 crashes).
cd "$VT_SOURCE_DIR" || exit 3
"$VMTRIAGE" bundles samples/pool/int -q --ndjson --sled BRM42220017 --rack rack-7 2>/dev/null |
	grep -c '^{"sled":"BRM42220017","rack":"rack-7","zone":'
