#!/bin/sh
# An extracted support bundle (the sample zip unpacked, as an operator would
# have it): its crashes carry the sled and rack of rack/<rack>/sled/<sled>/
# and the bundle id of the bundle_id.txt at its root, as the zip's do,
# whichever directory is named; a bundle_id.txt that is a symlink, or holds
# no id, gives none.
. "$2/tests/shell/lib/hostile.sh"
need_python
"$py" -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' \
	"$src/samples/support/support-bundle-9b0c8d7e.zip" "$t/sb"
id=9b0c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e
rack=de2b3f2c-1111-4a4a-9b9b-123456789abc
sled=f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9
ids() { "$py" -c 'import sys, json; [print(json.loads(l)["bundle_id"], json.loads(l)["sled"], json.loads(l)["rack"]) for l in sys.stdin]' <"$t/out"; }

run 30 "$bin" bundles -q --ndjson "$src/samples/support/support-bundle-9b0c8d7e.zip"
zip_ids=$(ids)
[ -n "$zip_ids" ] || { echo "FAIL: the zip has crashes"; fail=1; }
for operand in "$t/sb" "$t/sb/rack" "$t/sb/rack/$rack/sled/$sled/logs"; do
	run 30 "$bin" bundles -q --ndjson "$operand"
	[ "$(ids)" = "$zip_ids" ] ||
		{ echo "FAIL: bundles $operand: the extracted bundle's crashes are labelled as the zip's"; ids; echo "zip: $zip_ids"; fail=1; }
done
(cd "$t/sb" && "$bin" bundles -q --ndjson rack >"$t/out" 2>"$t/err")
[ "$(ids)" = "$zip_ids" ] || { echo "FAIL: a relative operand finds bundle_id.txt too"; ids; fail=1; }
case $zip_ids in "$id $sled $rack"*) ;; *) echo "FAIL: the zip's crashes: $zip_ids"; fail=1 ;; esac

# A planted symlink is not followed; a file without an id gives none.
echo "$id" >"$t/elsewhere"
rm "$t/sb/bundle_id.txt" && ln -s "$t/elsewhere" "$t/sb/bundle_id.txt"
run 30 "$bin" bundles -q --ndjson "$t/sb"
ids | grep -q "^None $sled $rack" || { echo "FAIL: a symlinked bundle_id.txt is not read"; ids; fail=1; }
rm "$t/sb/bundle_id.txt" && printf 'not an id: \033[2J\n' >"$t/sb/bundle_id.txt"
run 30 "$bin" bundles -q --ndjson "$t/sb"
ids | grep -q "^None $sled $rack" || { echo "FAIL: a bundle_id.txt without an id gives none"; ids; fail=1; }
finish
