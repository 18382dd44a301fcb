# Filters and -v: one zone; one class in a time window; nothing matching.
cd "$VT_SOURCE_DIR" || exit 3
COLUMNS=100 $VMTRIAGE bundles -v --zone 'oxz_propolis-server_3b9e*' samples/pool/int | sed -n '1,8p;/^Crashes/,$p'
echo "--"
$VMTRIAGE bundles --ndjson --class string-io --since 2026-11-21 --until 2026-11-23 --ext none samples/pool/int 2>/dev/null
echo "--"
COLUMNS=100 $VMTRIAGE bundles --zone 'oxz_crucible_*' samples/pool/int 2>/dev/null | head -1
