#!/bin/sh
# `cmake --install` into a temporary prefix puts the binary, man pages,
# completions, library, headers and vmtriage.pc where they belong, and a tiny
# C program builds against the library with pkg-config and runs, printing
# through the library's own JSON value (no third-party type in the API).
set -u
bin=$1 src=$2 build=$3
prefix=$(mktemp -d "${TMPDIR:-/tmp}/vmtriage-install.XXXXXX") || exit 1
trap 'rm -rf "$prefix"' EXIT INT TERM
fail=0
cmake --install "$build" --prefix "$prefix" >/dev/null || { echo "install failed"; exit 1; }
for f in bin/vmtriage share/man/man1/vmtriage.1 share/man/man1/vmtriage-decode.1 \
	share/bash-completion/completions/vmtriage share/zsh/site-functions/_vmtriage \
	share/fish/vendor_completions.d/vmtriage.fish include/vmtriage/decode.h \
	share/vmtriage/schema/crash.schema.json share/vmtriage/schema/scan.schema.json; do
	[ -f "$prefix/$f" ] || { echo "missing $f"; fail=1; }
done
pc=$(find "$prefix" -name vmtriage.pc | head -n 1)
lib=$(find "$prefix" -name libvmtriage.a | head -n 1)
[ -n "$pc" ] || { echo "missing vmtriage.pc"; exit 1; }
[ -n "$lib" ] || { echo "missing libvmtriage.a"; exit 1; }
"$prefix/bin/vmtriage" --version >/dev/null || { echo "installed binary does not run"; fail=1; }

cat >"$prefix/demo.c" <<'C'
#include <stdio.h>
#include <string.h>
#include <vmtriage/decode_report.h>
#include <vmtriage/json.h>

int main(void)
{
	const char *in = "[243, 110, 235, 10]";
	struct vt_decode_opts opts = { .mode = 64 };
	struct vt_decode_report rep;
	struct vt_decoder *dec = vt_decoder_new(NULL);
	struct vt_json *o = vt_json_object_new();
	if (!dec || !o || vt_decode_report_build(dec, in, strlen(in), &opts, &rep, NULL))
		return 1;
	printf("%s %s\n", vt_class_get(rep.cls.id)->name, rep.dec.faulting.text);
	vt_json_add_string(o, "class", vt_class_get(rep.cls.id)->name);
	vt_json_print(stdout, o, VT_FORMAT_NDJSON);
	vt_json_free(o);
	vt_decoder_free(dec);
	return 0;
}
C
PKG_CONFIG_PATH=$(dirname "$pc")
export PKG_CONFIG_PATH
# Sanitizer builds need the runtime on the demo's link line too.
extra=""
case $(grep -s '^VMTRIAGE_SANITIZE:BOOL=ON' "$build/CMakeCache.txt") in
?*) extra="-fsanitize=address,undefined" ;;
esac
cc=cc
case $(grep -s '^VMTRIAGE_UBSAN_STRICT:BOOL=ON' "$build/CMakeCache.txt") in
?*) cc=clang extra="-fsanitize=undefined,float-cast-overflow" ;;
esac
# shellcheck disable=SC2046
$cc -std=c11 $extra -o "$prefix/demo" "$prefix/demo.c" $(pkg-config --cflags --libs vmtriage) ||
	{ echo "demo does not build with pkg-config"; exit 1; }
out=$("$prefix/demo")
[ "$out" = "string-io rep outsb dx, byte ptr [rsi]
{\"class\":\"string-io\"}" ] || { echo "demo printed '$out'"; fail=1; }
# The installed API includes the C library and its own headers only.
std='assert|ctype|errno|inttypes|limits|stdarg|stdbool|stddef|stdint|stdio|stdlib|string|time|unistd|sys/types|sys/stat'
if grep -n '#include <' "$prefix/include/vmtriage/"*.h | grep -Ev "<($std)\.h>"; then
	echo "an installed header includes a third-party header"
	fail=1
fi
exit $fail
