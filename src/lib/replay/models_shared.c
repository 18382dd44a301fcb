/* What the models share, below models.c's registry: physical access and
 * the panic as a VMM would do them, and the pieces of the bytes-only
 * assessment (names, the reason a rejected form falls back to the panic). */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "replay/models_int.h"
#include "vmtriage/replay.h"

static const char *const assess_names[VT_ASSESS_COUNT] = {
	"handled", "depends", "wrong-size", "not-handled", "not-string-io", "invalid",
};

const char *vt_assess_name(enum vt_assess a)
{
	return (unsigned)a < VT_ASSESS_COUNT ? assess_names[a] : "?";
}

enum vt_assess model_assess_set(struct vt_model_assessment *out, enum vt_assess v, const char *fmt, ...)
{
	va_list ap;
	out->verdict = v;
	va_start(ap, fmt);
	vsnprintf(out->reason, sizeof out->reason, fmt, ap);
	va_end(ap);
	return v;
}

/* "67 prefix", "64 (fs) segment override", "REX prefix 48", or NULL. */
static bool prefix_text(uint8_t b, unsigned code_bits, char *buf, size_t size)
{
	const char *seg = vt_seg_override_name(b);
	if (seg)
		snprintf(buf, size, "%02x (%s) segment override", b, seg);
	else if (b == 0xF2 || b == 0xF3 || b == 0xF0 || b == 0x66 || b == 0x67)
		snprintf(buf, size, "%02X prefix", b);
	else if (b >= 0x40 && b <= 0x4F && code_bits != 16 && code_bits != 32)
		snprintf(buf, size, "REX prefix %02x", b);
	else
		return false;
	return true;
}

enum vt_assess model_assess_rejected(const uint8_t *bytes, size_t n, size_t at, unsigned code_bits,
				  struct vt_model_assessment *out)
{
	struct vt_string_io sio;
	enum vt_sio_result r = vt_string_io_decode(bytes, n, code_bits ? code_bits : 64, &sio);
	char kind[48];

	if (r == VT_SIO_TOO_LONG)
		return model_assess_set(out, VT_ASSESS_INVALID, "longer than 15 bytes: #GP/#UD on hardware");
	if (r == VT_SIO_TRUNCATED)
		return model_assess_set(out, VT_ASSESS_INVALID, "the bytes end before an opcode");
	if (r == VT_SIO_NOT_STRING_IO)
		return model_assess_set(out, VT_ASSESS_NOT_STRING_IO, "not INS/OUTS: the patch does not apply");
	if (at < n && at + 1 < sio.length && prefix_text(bytes[at], code_bits, kind, sizeof kind))
		return model_assess_set(out, VT_ASSESS_NOT_HANDLED, "%s: not handled", kind);
	return model_assess_set(out, VT_ASSESS_NOT_HANDLED, "%s: not handled",
			     vt_string_io_mnemonic(&sio));
}

enum vt_access model_phys(struct vt_emu *e, uint64_t gpa, uint8_t *buf, size_t n, bool write)
{
	if (gpa >= MODEL_PHYS_LIMIT || n > MODEL_PHYS_LIMIT - gpa)
		return VT_ACCESS_FAULT;
	return write ? vt_emu_phys_write(e, gpa, buf, n) : vt_emu_phys_read(e, gpa, buf, n);
}

int model_panic(struct vt_emu *e, uint64_t done, const char *why, struct vt_result *out)
{
	return vt_emu_finish(e, VT_VERDICT_NOT_HANDLED, done, NULL, why, out);
}
