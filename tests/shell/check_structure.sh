#!/bin/sh
# scripts/check-structure on small made-up trees: it must pass a clean one
# and name each broken rule (a circle, an arrow up the layers, a public
# header including a third-party header or naming a third-party type, a
# cited document that is missing).
# Usage: check_structure.sh VMTRIAGE SOURCE_DIR BUILD_DIR
src=$2
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail=0
check="python3 $src/scripts/check-structure"

tree() { # a clean tree: util below source, a public header, one doc
	rm -rf "$t/r" && mkdir -p "$t/r/src/lib/util" "$t/r/src/lib/source" "$t/r/include/vmtriage" "$t/r/docs"
	printf '/* A */\n#include <stdio.h>\nint vt_a(void);\n' >"$t/r/include/vmtriage/a.h"
	printf '#include "vmtriage/a.h"\nint vt_a(void)\n{\n\treturn 1;\n}\n' >"$t/r/src/lib/util/a.c"
	printf '/* B */\nint vt_b(void);\n' >"$t/r/include/vmtriage/b.h"
	printf '#include "vmtriage/a.h"\n#include "vmtriage/b.h"\nint vt_b(void)\n{\n\treturn vt_a();\n}\n' >"$t/r/src/lib/source/b.c"
	echo doc >"$t/r/docs/present.md"
}
expect() { # expect WHAT STATUS PATTERN
	out=$($check "$t/r" 2>&1); rc=$?
	[ "$rc" = "$2" ] || { echo "FAIL: $1: exit $rc, expected $2"; echo "$out"; fail=1; }
	[ -z "$3" ] || echo "$out" | grep -q -- "$3" || { echo "FAIL: $1: no '$3' in:"; echo "$out"; fail=1; }
}

tree
expect "a clean tree" 0 ""
printf '/* see docs/present.md */\n' >>"$t/r/src/lib/util/a.c"
expect "a cited document that exists" 0 ""

tree
printf 'int vt_b(void);\nint util_c(void);\nint util_c(void)\n{\n\treturn vt_b();\n}\n' >>"$t/r/src/lib/util/a.c"
expect "util calling up into source" 1 "uses vt_b of src/lib/source/b.c, above util/"
expect "and the circle it makes" 1 "circle of 2 files: source/b.c, util/a.c"

tree
printf '#include <zip.h>\n' >>"$t/r/include/vmtriage/a.h"
expect "a public header including libzip" 1 "include/vmtriage/a.h: includes <zip.h>"

tree
printf '#include <cjson/cJSON.h>\nvoid vt_c(cJSON *c);\n' >>"$t/r/include/vmtriage/a.h"
expect "a public header including cJSON (no allow-list)" 1 "include/vmtriage/a.h: includes <cjson/cJSON.h>"

tree
printf 'struct cJSON;\nstruct archive;\nvoid vt_c(struct cJSON *c, struct archive *a, const char *archive);\n' >>"$t/r/include/vmtriage/a.h"
expect "a public header naming cJSON without its header" 1 "include/vmtriage/a.h: names cJSON, a third-party type"
expect "and libarchive's handle" 1 "include/vmtriage/a.h: names struct archive, a third-party type"

tree
printf '/* as gone.md says */\n' >>"$t/r/include/vmtriage/a.h"
expect "a cited document that is missing" 1 "cites gone.md"

tree
printf 'int vt_hidden(void)\n{\n\treturn 0;\n}\n' >>"$t/r/src/lib/util/a.c"
expect "a vt_ name that is not public" 1 "vt_hidden is not declared in include/vmtriage"

tree
printf '#include "vmtriage/a.h"\nint a_helper(void);\n' >"$t/r/src/lib/util/helpers.h"
expect "a private header without the _int.h suffix" 1 "util/helpers.h: a private header is named"

tree
mkdir "$t/r/src/lib/extra" && printf 'int x;\n' >"$t/r/src/lib/extra/x.c"
expect "a folder with no place in the layers" 1 "src/lib/extra/: a folder not in LAYERS"

own() { # a public function declared and defined: own NAME BODY
	printf 'struct vt_x;\nvoid %s(struct vt_x *x);\n' "$1" >>"$t/r/include/vmtriage/a.h"
	printf '#include <stdlib.h>\nstruct vt_x { char *items; };\nvoid %s(struct vt_x *x)\n{\n\t%s\n}\n' "$1" "$2" >>"$t/r/src/lib/util/a.c"
}
tree
own vt_x_free 'free(x->items); free(x);'
expect "a _free that frees its argument" 0 ""
tree
own vt_x_free 'other_Delete(as_other(x));'
expect "a _free handing its argument to a deleter through a cast" 0 ""
tree
own vt_x_free 'free(x->items);'
expect "a _free that only empties" 1 "vt_x_free does not free x"
tree
own vt_x_release 'free(x->items); free(x);'
expect "a _release that frees its argument" 1 "vt_x_release frees x"
tree
own vt_x_destroy 'free(x);'
expect "another word for free" 1 "vt_x_destroy: a function that frees is named _free"

exit $fail
