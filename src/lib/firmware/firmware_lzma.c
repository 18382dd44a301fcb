/* EDK II LZMA sections: the LZMA "alone" format (5 property bytes, 64-bit
 * uncompressed size, data), optionally with the x86 BCJ filter (LzmaF86). */
#include "firmware/firmware_int.h"

#include <lzma.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util_int.h"

#define LZMA_HEADER 13
#define LZMA_MEMLIMIT ((uint64_t)128 << 20) /* dictionary: EDK II uses a few MiB */

static int fail(char *why, size_t whysize, int status, const char *msg)
{
	snprintf(why, whysize, "%s", msg);
	return status;
}

static const char *lzma_ret_text(lzma_ret r)
{
	switch (r) {
	case LZMA_MEM_ERROR:
		return "out of memory";
	case LZMA_MEMLIMIT_ERROR:
	case LZMA_OPTIONS_ERROR:
		return "unsupported or oversized LZMA properties";
	case LZMA_FORMAT_ERROR:
		return "not LZMA data";
	case LZMA_BUF_ERROR:
		return "LZMA data cut off";
	default:
		return "corrupt LZMA data";
	}
}

/* The F86 variant: a raw LZMA1 decoder (told the size) behind BCJ x86. */
static lzma_ret raw_x86_decoder(lzma_stream *strm, const uint8_t *in, uint64_t declared)
{
	lzma_filter f = { .id = LZMA_FILTER_LZMA1, .options = NULL };
	lzma_ret r = lzma_properties_decode(&f, NULL, in, 5);
	if (r != LZMA_OK)
		return r;
	lzma_options_lzma *o = f.options;
	if (o->dict_size > LZMA_MEMLIMIT) {
		free(o);
		return LZMA_MEMLIMIT_ERROR;
	}
	o->ext_flags = LZMA_LZMA1EXT_ALLOW_EOPM;
	o->ext_size_low = (uint32_t)declared;
	o->ext_size_high = (uint32_t)(declared >> 32);
	lzma_filter chain[3] = { { .id = LZMA_FILTER_X86, .options = NULL },
				 { .id = LZMA_FILTER_LZMA1EXT, .options = o },
				 { .id = LZMA_VLI_UNKNOWN, .options = NULL } };
	r = lzma_raw_decoder(strm, chain);
	free(o); /* the decoder copied what it needs */
	return r;
}

/* Run the decoder into a buffer of `first` bytes that grows up to cap;
 * exact: `first` is the declared size, so a full buffer is the end. */
static int run(lzma_stream *strm, size_t first, bool exact, size_t cap, uint8_t **out, size_t *outn,
	       char *why, size_t whysize)
{
	size_t size = first ? first : 1;
	uint8_t *buf = malloc(size);
	if (!buf)
		return fail(why, whysize, VT_ERR_NOMEM, "out of memory");
	strm->next_out = buf;
	strm->avail_out = size;
	for (;;) {
		lzma_ret r = lzma_code(strm, LZMA_FINISH);
		if (r == LZMA_STREAM_END || (exact && strm->avail_out == 0))
			break; /* done, or exactly the declared size produced */
		if (r != LZMA_OK) {
			free(buf);
			return fail(why, whysize, r == LZMA_MEM_ERROR ? VT_ERR_NOMEM : VT_ERR_INPUT,
				    lzma_ret_text(r));
		}
		if (strm->avail_out != 0)
			continue; /* liblzma reports LZMA_BUF_ERROR once it stops progressing */
		if (size >= cap) {
			free(buf);
			snprintf(why, whysize, "decompresses to more than %zu bytes (limit)", cap);
			return VT_ERR_INPUT;
		}
		size_t done = size;
		if (util_vec_reserve_exact(&buf, &size, size > cap / 2 ? cap : size * 2, 1) < 0) {
			free(buf);
			return fail(why, whysize, VT_ERR_NOMEM, "out of memory");
		}
		strm->next_out = buf + done;
		strm->avail_out = size - done;
	}
	*out = buf;
	*outn = (size_t)strm->total_out;
	return VT_OK;
}

int fw_lzma_decode(const uint8_t *in, size_t n, size_t cap, bool x86, uint8_t **out, size_t *outn,
		   char *why, size_t whysize)
{
	lzma_stream strm = LZMA_STREAM_INIT;
	lzma_ret r;

	*out = NULL;
	*outn = 0;
	if (n < LZMA_HEADER)
		return fail(why, whysize, VT_ERR_INPUT, "LZMA header cut off");
	uint64_t declared = fw_le64(in + 5);
	bool known = declared != UINT64_MAX;
	if (known && declared > cap) {
		snprintf(why, whysize, "declares 0x%llx decompressed bytes, over the 0x%zx limit",
			 (unsigned long long)declared, cap);
		return VT_ERR_INPUT;
	}
	if (x86)
		r = raw_x86_decoder(&strm, in, declared);
	else
		r = lzma_alone_decoder(&strm, LZMA_MEMLIMIT);
	if (r != LZMA_OK) {
		lzma_end(&strm);
		return fail(why, whysize, r == LZMA_MEM_ERROR ? VT_ERR_NOMEM : VT_ERR_INPUT, lzma_ret_text(r));
	}
	/* The raw decoder starts after the header; the alone decoder reads it. */
	strm.next_in = x86 ? in + LZMA_HEADER : in;
	strm.avail_in = x86 ? n - LZMA_HEADER : n;
	size_t first = known ? (size_t)declared : (n < cap / 8 ? n * 8 : cap);
	int rc = run(&strm, first, known, cap, out, outn, why, whysize);
	lzma_end(&strm);
	return rc;
}
