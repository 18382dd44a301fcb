/* The terminal report of a replay: what a correct VMM does, summarised so
 * an operator sees the OVMF message the guest was printing. */
#include <stdio.h>
#include <string.h>

#include "vmtriage/replay.h"
#include "vmtriage/replay_report.h"

#define PORTS_SHOWN 16
#define TEXT_SHOWN 160   /* characters of debug-console text shown per port */
#define MEM_SHOWN 32     /* bytes shown per memory range */

static const char *port_name(uint16_t p)
{
	static const struct { uint16_t lo, hi; const char *name; } names[] = {
		{ 0x402, 0x402, "OVMF debug console" }, { 0x3F8, 0x3FF, "COM1" },
		{ 0x2F8, 0x2FF, "COM2" }, { 0x3E8, 0x3EF, "COM3" }, { 0x2E8, 0x2EF, "COM4" },
		{ 0x1F0, 0x1F7, "ATA primary" }, { 0x170, 0x177, "ATA secondary" },
		{ 0x80, 0x80, "POST code" }, { 0x510, 0x511, "fw_cfg" }, { 0x60, 0x60, "i8042 data" },
		{ 0x64, 0x64, "i8042 command" }, { 0xCF8, 0xCFF, "PCI config" },
		{ 0xE9, 0xE9, "Bochs debug port" },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (p >= names[i].lo && p <= names[i].hi)
			return names[i].name;
	return NULL;
}

/* Ports whose output is text a guest prints (debug consoles, UART data). */
static bool console_port(uint16_t p)
{
	return p == 0x402 || p == 0xE9 || p == 0x3F8 || p == 0x2F8 || p == 0x3E8 || p == 0x2E8;
}

struct port_sum {
	uint16_t port;
	uint8_t dir;
	uint64_t count, bytes;
	char text[TEXT_SHOWN + 8];
	size_t tlen;
};

static void add_text(struct port_sum *s, const uint8_t *b, uint64_t n)
{
	for (uint64_t i = 0; i < n && s->tlen < TEXT_SHOWN; i++) {
		char c = (char)b[i];
		const char *esc = c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : NULL;
		if (esc) {
			memcpy(s->text + s->tlen, esc, 2);
			s->tlen += 2;
		} else {
			s->text[s->tlen++] = (b[i] >= 0x20 && b[i] < 0x7F) ? c : '.';
		}
	}
	s->text[s->tlen] = '\0';
}

static size_t summarise(const struct vt_io_trace *t, struct port_sum *sums, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < t->nruns; i++) {
		const struct vt_io_run *r = &t->runs[i];
		size_t k = 0;
		while (k < n && (sums[k].port != r->port || sums[k].dir != r->dir))
			k++;
		if (k == n) {
			if (n == max)
				continue;
			memset(&sums[n], 0, sizeof sums[n]);
			sums[n].port = r->port;
			sums[n].dir = r->dir;
			n++;
		}
		sums[k].count += r->count;
		sums[k].bytes += r->count * r->size;
		if (r->dir == VT_IO_OUT && console_port(r->port))
			for (uint64_t a = 0; a < r->count && sums[k].tlen < TEXT_SHOWN; a++)
				add_text(&sums[k], vt_io_run_value(t, r, a), r->size);
	}
	return n;
}

static void print_ports(FILE *fp, const struct vt_style *st, const struct vt_result *r)
{
	struct port_sum sums[PORTS_SHOWN];
	size_t n = summarise(&r->io, sums, PORTS_SHOWN);

	for (size_t i = 0; i < n; i++) {
		const char *name = port_name(sums[i].port);
		fprintf(fp, "  %-12s %s 0x%x: %llu access%s, %llu bytes%s%s%s\n", i ? "" : "port I/O",
			sums[i].dir == VT_IO_IN ? "in " : "out", sums[i].port,
			(unsigned long long)sums[i].count, sums[i].count == 1 ? "" : "es",
			(unsigned long long)sums[i].bytes, name ? " (" : "", name ? name : "", name ? ")" : "");
		if (sums[i].tlen)
			fprintf(fp, "  %-12s %stext \"%s\"%s%s\n", "", vt_sgr(st, VT_SGR_CYAN), sums[i].text,
				sums[i].bytes * 1 > TEXT_SHOWN && sums[i].tlen >= TEXT_SHOWN ? "..." : "",
				vt_sgr(st, VT_SGR_RESET));
	}
	if (!n)
		fprintf(fp, "  %-12s none\n", "port I/O");
}

static void print_regs(FILE *fp, const struct vt_style *st, const struct vt_result *r)
{
	/* rip, rsi, rdi, rcx first, as in JSON, then any other changed register. */
	static const enum vt_reg first_regs[] = { VT_REG_RIP, VT_REG_RSI, VT_REG_RDI, VT_REG_RCX };
	enum vt_reg order[VT_REG_COUNT];
	unsigned n = 0;
	bool first = true;

	for (unsigned i = 0; i < 4; i++)
		order[n++] = first_regs[i];
	for (unsigned i = 0; i < VT_REG_COUNT; i++)
		if (!(VT_RESULT_ALWAYS_REGS & (1u << i)))
			order[n++] = (enum vt_reg)i;
	for (unsigned k = 0; k < n; k++) {
		unsigned i = order[k];
		if (!(r->regs_reported & (1u << i)))
			continue;
		bool changed = r->has_verdict && r->regs_before[i] != r->regs_after[i];
		fprintf(fp, "  %-12s %-6s ", first ? "registers" : "", vt_reg_name((enum vt_reg)i));
		if (changed)
			fprintf(fp, "0x%llx -> %s0x%llx%s\n", (unsigned long long)r->regs_before[i],
				vt_sgr(st, VT_SGR_BOLD), (unsigned long long)r->regs_after[i],
				vt_sgr(st, VT_SGR_RESET));
		else
			fprintf(fp, "0x%llx%s\n", (unsigned long long)r->regs_after[i],
				r->has_verdict ? " (unchanged)" : "");
		first = false;
	}
}

static void print_mem(FILE *fp, const char *label, const struct vt_mem_ranges *m)
{
	for (size_t i = 0; i < m->n; i++) {
		const struct vt_mem_range *g = &m->v[i];
		char hex[MEM_SHOWN * 3 + 1];
		size_t shown = g->len < MEM_SHOWN ? g->len : MEM_SHOWN;
		vt_hex_bytes(m->data + g->offset, shown, ' ', hex, sizeof hex);
		fprintf(fp, "  %-12s 0x%llx: %s%s (%zu byte%s)\n", i ? "" : label,
			(unsigned long long)g->gpa, hex, shown < g->len ? " ..." : "", g->len,
			g->len == 1 ? "" : "s");
	}
}

static void print_fault(FILE *fp, const struct vt_style *st, const struct vt_fault *f)
{
	fprintf(fp, "  %-12s %svector %u", "fault", vt_sgr(st, VT_SGR_YELLOW), f->vector);
	if (f->has_error_code) {
		fprintf(fp, ", error code 0x%x", f->error_code);
		if (f->vector == VT_VEC_PF)
			fprintf(fp, " (%s, %s, %s%s)", f->error_code & VT_PF_P ? "protection" : "not present",
				f->error_code & VT_PF_W ? "write" : "read",
				f->error_code & VT_PF_U ? "user" : "supervisor",
				f->error_code & VT_PF_RSVD ? ", reserved bit" : "");
	}
	if (f->has_cr2)
		fprintf(fp, ", CR2 0x%llx", (unsigned long long)f->cr2);
	fprintf(fp, "%s: inject it into the guest\n", vt_sgr(st, VT_SGR_RESET));
}

void vt_result_text(FILE *fp, const struct vt_style *st, const struct vt_result *r, const char *name)
{
	const char *colour = r->verdict == VT_VERDICT_EMULATED ? VT_SGR_GREEN
			     : r->verdict == VT_VERDICT_INVALID ? VT_SGR_RED : VT_SGR_YELLOW;
	char text[96], hex[3 * VT_INSN_MAX + 1];

	/* The name and the detail may quote the snapshot: escaped. */
	fputs(vt_sgr(st, VT_SGR_BOLD), fp);
	vt_text_puts(fp, name ? name : "replay");
	fprintf(fp, "%s: %s%s%s\n", vt_sgr(st, VT_SGR_RESET), vt_sgr(st, colour), vt_verdict_name(r->verdict),
		vt_sgr(st, VT_SGR_RESET));
	if (r->detail[0]) {
		fprintf(fp, "  %-12s ", "why");
		vt_text_puts(fp, r->detail);
		fputc('\n', fp);
	}
	if (r->verdict == VT_VERDICT_INVALID || r->verdict == VT_VERDICT_NOT_STRING_IO)
		return;
	if (r->decoded) {
		vt_hex_bytes(r->inst, r->sio.length, ' ', hex, sizeof hex);
		vt_string_io_text(&r->sio, text, sizeof text);
		fprintf(fp, "  %-12s %s  (%s, %u-bit addresses, %u-byte elements)\n", "instruction",
			text, hex, r->sio.addr_bits, r->sio.size);
	}
	fprintf(fp, "  %-12s %llu\n", "elements", (unsigned long long)r->elements);
	print_ports(fp, st, r);
	print_regs(fp, st, r);
	print_mem(fp, "memory", &r->memory_writes);
	print_mem(fp, "page tables", &r->page_table_writes);
	if (r->fault.raised)
		print_fault(fp, st, &r->fault);
	if (r->verdict == VT_VERDICT_UNKNOWN_MEMORY)
		fprintf(fp, "  %-12s 0x%llx (%s): add it to the snapshot's memory\n", "missing",
			(unsigned long long)r->unknown_gpa, vt_access_kind_name(r->unknown_kind));
}
