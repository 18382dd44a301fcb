#!/bin/sh
# scripts/check-structure on small made-up trees: it must pass a clean one
# and name each broken rule (a circle, an arrow up the layers, a public
# header including a third-party header or naming a third-party type, a
# cited document that is missing, a name against the ownership rule).
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
printf 'enum vt_kind { VT_K };\nint util_ok(enum vt_kind (*f)(int));\nint vt_secret(void);\n' >"$t/r/src/lib/util/util_int.h"
expect "a vt_ name declared only in a private header" 1 "util/util_int.h: declares vt_secret, which include/vmtriage does not"
out=$($check "$t/r" 2>&1)
echo "$out" | grep -q "declares vt_kind" && { echo "FAIL: an enum tag before ( is not a declaration: $out"; fail=1; }

tree
mkdir "$t/r/src/lib/extra" && printf 'int x;\n' >"$t/r/src/lib/extra/x.c"
expect "a folder with no place in the layers" 1 "src/lib/extra/: a folder not in LAYERS"

own() { # a public function declared and defined: own NAME BODY
	printf 'struct vt_x;\nvoid %s(struct vt_x *x);\n' "$1" >>"$t/r/include/vmtriage/a.h"
	printf '#include <stdlib.h>\nstruct vt_x { char *items; };\nvoid %s(struct vt_x *x)\n{\n\t%s\n}\n' "$1" "$2" >>"$t/r/src/lib/util/a.c"
}
tree
own vt_x_free 'if (!x) return; free(x->items); free(x);'
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

# A _release empties without freeing and, public, is named after its
# struct; a _free or _release accepts NULL; the CLI is checked too.
code_in() { # code_in FILE CODE: a clean tree plus CODE in FILE (relative to src/)
	tree
	mkdir -p "$t/r/src/cli"
	printf '#include <stdlib.h>\nstruct vt_box { char *p; };\n%b\n' "$2" >>"$t/r/src/$1"
}
code_in lib/util/a.c 'void util_box_release(struct vt_box *b)\n{\n\tif (!b)\n\t\treturn;\n\tfree(b->p);\n\tb->p = NULL;\n}'
expect "a _release that empties its struct" 0 ""
code_in lib/util/a.c 'void vt_crate_release(struct vt_box *b)\n{\n\tif (b)\n\t\tb->p = NULL;\n}'
printf 'struct vt_box;\nvoid vt_crate_release(struct vt_box *b);\n' >>"$t/r/include/vmtriage/a.h"
expect "a public _release not named after its struct" 1 "vt_crate_release empties a struct vt_box: call it vt_box_release"
code_in lib/util/a.c 'static void box_release(struct vt_box *b)\n{\n\tfree(b->p);\n\tb->p = NULL;\n}'
expect "a _release that does not accept NULL" 1 "box_release uses b before checking it for NULL"
code_in lib/util/a.c 'static void box_release(struct vt_box *b)\n{\n\tif (!b)\n\t\treturn;\n\tfree(b->p);\n}'
expect "a _release that accepts NULL" 0 ""
code_in lib/util/a.c 'static void boxes_free(struct vt_box *b, int n)\n{\n\tfor (int i = 0; b && i < n; i++)\n\t\tfree(b[i].p);\n\tfree(b);\n}'
expect "an array _free that tests it in its loop" 0 ""
code_in cli/x.c 'static int slot_free(int slot)\n{\n\treturn slot < 0;\n}'
expect "a CLI predicate named _free" 1 "src/cli/x.c: slot_free does not free slot"

exit $fail
