/* The log-format table and the formats of other hypervisors: bhyve(8),
 * QEMU/KVM entry failures, qemu-kvm 0.12, and crash text wrapped in mail
 * quoting or container/journal JSON. One test per sample, and the
 * interface's promises (every row's keywords reach the pre-filter). */
#include "scan_helpers.h"

#include "scan/scan_int.h"

static const struct vt_crash *only(struct found *f, int n, int i)
{
	cr_assert_eq(f->n, n, "%d crashes, expected %d", f->n, n);
	return &f->c[i];
}

Test(scan_formats, every_row_is_complete_and_its_keywords_reach_the_prefilter)
{
	struct vt_scan_opts o = { 0 };
	struct vt_error err;
	struct vt_scanner *s = vt_scan_new(NULL, &o, &err);
	cr_assert_not_null(s, "%s", err.msg);
	cr_assert(scan_nformats <= SCAN_FORMATS_MAX);
	for (size_t f = 0; f < scan_nformats; f++) {
		const struct scan_format *fmt = scan_formats[f];
		cr_assert(fmt->name && fmt->state_size && fmt->busy && fmt->drop, "row %zu", f);
		cr_assert(fmt->start || fmt->json, "%s: nothing starts a crash", fmt->name);
		cr_assert(fmt->nkeywords > 0, "%s: no keyword, its lines would be skipped", fmt->name);
		for (size_t k = 0; k < fmt->nkeywords; k++) {
			const struct scan_keyword *kw = &fmt->keywords[k];
			bool grouped = false;
			cr_assert(kw->at < strlen(kw->text), "%s: anchor outside \"%s\"", fmt->name, kw->text);
			if (!kw->ok)
				cr_assert_not_null(scan_prefilter(s, kw->text, strlen(kw->text)), "%s: \"%s\" escapes the pre-filter",
						   fmt->name, kw->text);
		for (size_t a = 0; a < s->nanchors; a++)
				for (size_t i = 0; i < s->anchors[a].n; i++)
					grouped |= s->anchors[a].kw[i] == &fmt->keywords[k];
			cr_assert(grouped, "%s keyword %zu is not in the pre-filter", fmt->name, k);
		}
	}
	/* Keywords with a check of their own, in the lines that carry them. */
	static const char *const lines[] = {
		"vm exit[12]", "Failed to emulate instruction [0x0f 0x0b] at 0x1000",
		"Failed to emulate instruction sequence [ 0f0b ] at 0x1000",
		"Failed to emulate instruction sequence @ %rip = 1000",
	};
	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
		cr_assert_not_null(scan_prefilter(s, lines[i], strlen(lines[i])), "%s", lines[i]);
	cr_assert_null(scan_prefilter(s, "vm exit[N]", 10), "vm exit[ wants a number");
	/* One memchr pass per anchor byte, however many formats share it. */
	for (size_t a = 0; a < s->nanchors; a++)
		for (size_t b = a + 1; b < s->nanchors; b++)
			cr_assert_neq(s->anchors[a].anchor, s->anchors[b].anchor);
	vt_scan_free(s);
}

/* A format's regexes are declared in its row and compiled by the shared
 * code, once for every scanner: none of them lives in a shared table. */
Test(scan_formats, every_rows_regexes_are_compiled_from_the_row)
{
	struct vt_error err;
	struct vt_scan_patterns *p = vt_scan_patterns_new(&err);
	cr_assert_not_null(p, "%s", err.msg);
	size_t total = CORE_RE_COUNT;
	for (size_t f = 0; f < scan_nformats; f++) {
		const struct scan_format *fmt = scan_formats[f];
		cr_assert(fmt->nregexes == 0 || fmt->regexes, "%s: regexes counted but not given", fmt->name);
		cr_assert_eq(p->first[f], total, "%s: its regexes are not where the table order puts them", fmt->name);
		for (size_t i = 0; i < fmt->nregexes; i++)
			cr_assert_not_null(p->re[p->first[f] + i], "%s regex %zu", fmt->name, i);
		total += fmt->nregexes;
	}
	cr_assert_eq(p->n, total);
	cr_assert(total <= SCAN_REGEX_MAX);
	/* A scanner matches through the row: QEMU's "extra data" regex is its second. */
	struct vt_scan_opts o = { 0 };
	struct vt_scanner *s = vt_scan_new(p, &o, &err);
	cr_assert_not_null(s, "%s", err.msg);
	struct scan_match m;
	const char *line = "extra data[1]: 0x000000000000000f", *cap;
	size_t n;
	cr_assert(scan_match(s, &scan_fmt_qemu, 1, line, strlen(line), &m));
	cr_assert(scan_cap(&m, 2, &cap, &n));
	cr_assert_eq(n, 16);
	cr_assert_not(scan_match(s, &scan_fmt_qemu, 0, line, strlen(line), &m));
	vt_scan_free(s);
	vt_scan_patterns_free(p);
}

Test(scan_formats, bhyve_vmx_dumps_name_the_exit_reason)
{
	static struct found f;
	scan_sample(&f, "bhyve-vmx-dump.log", false);
	const struct vt_crash *c = only(&f, 2, 0);
	cr_assert_eq(c->hypervisor, VT_HV_BHYVE);
	cr_assert_eq(c->kind, VT_KIND_VMX_ERROR);
	cr_assert_eq(c->vcpu, 0);
	cr_assert_eq(c->rip, 0xfe05b);
	cr_assert_eq(c->cls.id, VT_CLASS_INVALID_GUEST_STATE, "exit reason 33 is an entry failure");
	cr_assert_eq(c->end_line, 15, "the dump ends at its last field");
	c = &f.c[1];
	cr_assert_eq(c->vcpu, 1);
	cr_assert_eq(c->cls.id, VT_CLASS_VMX_ERROR);
	cr_assert(strstr(c->cls.detail, "exit reason 48 (EPT violation)"), "%s", c->cls.detail);
	cr_assert(strstr(c->cls.detail, "qualification 0x184"), "%s", c->cls.detail);
	cr_assert_str_eq(vt_class_for(c->cls.id, c->hypervisor)->summary, "VMX exit bhyve(8) does not handle");
}

Test(scan_formats, bhyve_svm_and_paging_dumps)
{
	static struct found f;
	scan_sample(&f, "bhyve-svm-dump.log", false);
	const struct vt_crash *c = only(&f, 2, 0);
	cr_assert_eq(c->kind, VT_KIND_SVM_ERROR);
	cr_assert_eq(c->vcpu, 2);
	cr_assert(strstr(c->cls.detail, "exit code 0x8e (RDPRU)"), "%s", c->cls.detail);
	cr_assert(strstr(c->cls.detail, "exitinfo1 0x0"), "%s", c->cls.detail);
	c = &f.c[1];
	cr_assert_eq(c->kind, VT_KIND_PAGING);
	cr_assert(c->has_gpa);
	cr_assert_eq(c->gpa, 0xfffffff0);
	cr_assert_eq(c->fault_type, 4);
}

Test(scan_formats, bhyve_failed_to_emulate_in_every_generation)
{
	static struct found f;
	scan_sample(&f, "bhyve-inst-emul.log", false);
	cr_assert_eq(f.n, 5);
	/* [0x0f 0x11 0x07] at 0x...: FreeBSD 10-12, xhyve. */
	cr_assert_eq(f.c[0].ninst, 3);
	cr_assert_eq(f.c[0].inst[1], 0x11);
	cr_assert_eq(f.c[0].len, 3);
	cr_assert_eq(f.c[0].rip, 0xffffffffa03d41b2);
	cr_assert_eq(f.c[0].cls.id, VT_CLASS_MMIO);
	cr_assert_str_eq(f.c[0].detail, "unhandled memory access to 0xfebd1000");
	/* [ f3aa ]: FreeBSD 13+, no separators. */
	cr_assert_eq(f.c[1].ninst, 2);
	cr_assert_eq(f.c[1].inst[0], 0xf3);
	cr_assert_eq(f.c[1].inst[1], 0xaa);
	cr_assert_eq(f.c[1].rip, 0x7fd2b5e3);
	/* illumos: [87, 07] @ %rip = 3f2a, and without bytes: len 0. */
	cr_assert_eq(f.c[2].ninst, 2);
	cr_assert_eq(f.c[2].rip, 0x3f2a);
	cr_assert_eq(f.c[3].len, 0);
	cr_assert_eq(f.c[3].cls.id, VT_CLASS_EMPTY);
	/* FreeBSD 15: only the rip. */
	cr_assert_not(f.c[4].has_inst);
	cr_assert_eq(f.c[4].rip, 0xffffffff81b2c4d1);
	for (int i = 0; i < f.n; i++)
		cr_assert_eq(f.c[i].hypervisor, VT_HV_BHYVE);
}

/* The access line names the failure's address whichever side of it the
 * log put it, and the byte-less failure is a crash without one. */
Test(scan_formats, bhyve_failure_in_either_order_and_alone)
{
	static struct found f;
	scan_sample(&f, "bhyve-failure-order.log", false);
	cr_assert_eq(f.n, 4);
	/* FreeBSD 13-14: access, blank line, failure. */
	cr_assert_str_eq(f.c[0].detail, "unhandled memory access to 0xfebd1000");
	cr_assert_eq(f.c[0].line, 10, "the crash starts at its access line");
	cr_assert_eq(f.c[0].ninst, 3);
	cr_assert(strstr(f.c[0].excerpt, "Unhandled memory access to 0xfebd1000\nFailed"), "%s", f.c[0].excerpt);
	/* Alone. */
	cr_assert_eq(f.c[1].rip, 0xffffffff81b2c4d1);
	cr_assert_str_eq(f.c[1].detail, "");
	/* Access after the failure. */
	cr_assert_str_eq(f.c[2].detail, "unhandled memory access to 0xfed00000");
	cr_assert_eq(f.c[2].line, 18);
	cr_assert_eq(f.c[2].end_line, 19);
	/* %#llx prints a zero address as "0". */
	cr_assert_str_eq(f.c[3].detail, "unhandled memory access to 0x0");
	cr_assert_eq(f.c[3].rip, 0x7c5e);
	for (int i = 0; i < f.n; i++)
		cr_assert_eq(f.c[i].kind, VT_KIND_INST_EMUL);
}

/* The failure waits a few lines for an access line, never more: a long
 * log after it is skipped again, and the end of the input reports it. */
Test(scan_formats, bhyve_failure_held_only_within_its_window)
{
	static struct found f;
	char log[8192] = "Failed to emulate instruction at rip 0x1000\n";
	for (int i = 0; i < 100; i++)
		strcat(log, "unrelated line without a keyword\n");
	strcat(log, "Unhandled memory access to 0xfed00000\n");
	cr_assert_eq(scan_text(&f, log, false), 0);
	cr_assert_eq(f.n, 1);
	cr_assert_str_eq(f.c[0].detail, "", "an access line 100 lines on is not this failure's");
	cr_assert_eq(scan_text(&f, "Failed to emulate instruction at rip 0x1000", false), 0);
	cr_assert_eq(f.n, 1, "the last line of the input, no newline");
	/* Between two failures, an access line is the second's (bhyve prints it first). */
	cr_assert_eq(scan_text(&f, "Failed to emulate instruction at rip 0x1000\nUnhandled memory access to 0xd0000000\n"
				   "Failed to emulate instruction at rip 0x2000\n", false), 0);
	cr_assert_eq(f.n, 2);
	cr_assert_str_eq(f.c[0].detail, "");
	cr_assert_str_eq(f.c[1].detail, "unhandled memory access to 0xd0000000");
	cr_assert_eq(f.c[1].rip, 0x2000);
	/* Still no crash from an access line alone, or from prose. */
	cr_assert_eq(scan_text(&f, "Unhandled memory access to 0xfed00000\nFailed to emulate instruction at rip: see above\n", false), 0);
	cr_assert_eq(f.n, 0);
}

Test(scan_formats, kvm_entry_failures_and_their_classes)
{
	static struct found f;
	scan_sample(&f, "qemu-entry-failed.log", false);
	const struct vt_crash *c = only(&f, 3, 0);
	cr_assert_eq(c->kind, VT_KIND_ENTRY_FAIL);
	cr_assert_eq(c->hypervisor, VT_HV_QEMU_KVM);
	cr_assert_eq(c->code, 0x80000021);
	cr_assert_eq(c->cls.id, VT_CLASS_INVALID_GUEST_STATE);
	cr_assert_eq(c->regs.seg[VT_SREG_CS].base, 0x7ff99000, "the dump after the hint is paired");
	cr_assert_eq(c->mode, 16);
	cr_assert_eq(f.c[1].cls.id, VT_CLASS_VMRUN_REFUSED);
	cr_assert_eq(vt_regs_count(&f.c[1].regs), 0, "no dump came for it");
	cr_assert_eq(f.c[2].cls.id, VT_CLASS_ENTRY_FAILURE);
	cr_assert(strstr(f.c[2].cls.detail, "VM-instruction error 7, VM entry with invalid control field(s)"),
		  "%s", f.c[2].cls.detail);
}

/* qemu-kvm's lowercase messages: libkvm's handle_unhandled() for entry
 * failures and unknown exits alike (bit 31 tells them apart), and
 * handle_failed_vmentry() of 0.13 to 1.2. */
Test(scan_formats, qemu_kvm_lowercase_exit_messages)
{
	static struct found f;
	scan_sample(&f, "qemu-kvm-lowercase.log", false);
	const struct vt_crash *c = only(&f, 4, 0);
	cr_assert_eq(c->kind, VT_KIND_ENTRY_FAIL);
	cr_assert_eq(c->code, 0x80000021, "printed without 0x: still hex");
	cr_assert_eq(c->cls.id, VT_CLASS_INVALID_GUEST_STATE);
	cr_assert_eq(c->hypervisor, VT_HV_QEMU_KVM);
	cr_assert_eq(f.c[1].cls.id, VT_CLASS_VMRUN_REFUSED);
	cr_assert_eq(f.c[2].code, 0x80000021);
	cr_assert_eq(f.c[2].line, 18, "the hint after it is not another crash");
	cr_assert_eq(f.c[3].kind, VT_KIND_UNKNOWN, "bit 31 clear: KVM_EXIT_UNKNOWN, not an entry failure");
	cr_assert(strstr(f.c[3].detail, "hardware exit reason 0x37 (Intel: XSETBV"), "%s", f.c[3].detail);
	cr_assert_not(f.c[3].has_code, "a hardware exit reason is no KVM suberror");
	/* Each alone in a line of its own, and nothing for the Go VMM's message. */
	cr_assert_eq(scan_text(&f, "kvm: unhandled exit 80000021\n", false), 0);
	cr_assert_eq(f.n, 1);
	cr_assert_eq(scan_text(&f, "vmm: kvm: unhandled exit reason 9\nkvm: unhandled exit\n", false), 0);
	cr_assert_eq(f.n, 0);
}

Test(scan_formats, qemu_kvm_012_lowercase_dumps)
{
	static struct found f;
	scan_sample(&f, "qemu-kvm-012.log", false);
	const struct vt_crash *c = only(&f, 2, 0);
	cr_assert_eq(c->regs.v[VT_REG_RSP], 0xffff88003f80bf58);
	cr_assert_eq(c->regs.v[VT_REG_RFLAGS], 0x10246);
	cr_assert_eq(c->regs.v[VT_REG_EFER], 0xd01);
	cr_assert_eq(c->regs.seg[VT_SREG_CS].access, 0xa09b, "kvm_segment fields become VMX access rights");
	cr_assert_eq(c->regs.seg[VT_SREG_GDTR].base, 0xffff880002204000);
	cr_assert_eq(c->mode, 64);
	cr_assert_eq(c->ninst, 15, "the bytes after -->");
	cr_assert_eq(c->cls.id, VT_CLASS_GARBAGE, "Code= zeros are zeroed memory, not len 0");
	c = &f.c[1];
	cr_assert_eq(c->mode, 16);
	cr_assert_eq(c->inst[0], 0x0f);
	cr_assert_eq(c->inst[1], 0xaa);
	cr_assert_eq(c->cls.id, VT_CLASS_SYSTEM);
	cr_assert(strstr(c->cls.detail, "SeaBIOS's SMI handler ends in rsm"), "%s", c->cls.detail);
}

Test(scan_formats, quoted_and_wrapped_mail)
{
	static struct found f;
	scan_sample(&f, "qemu-mail-quoted.log", false);
	const struct vt_crash *c = only(&f, 1, 0);
	cr_assert_eq(c->regs.v[VT_REG_RCX], 0x40, "RCX before the wrap");
	cr_assert_eq(c->regs.v[VT_REG_RDX], 0, "RDX after it");
	cr_assert(c->regs.has[VT_REG_RDX] && c->regs.has[VT_REG_R15] && c->regs.has[VT_REG_CR4]);
	cr_assert_eq(c->regs.v[VT_REG_CR4], 0x350ef0);
	cr_assert_eq(c->ninst, 15, "Code= continues on the next quoted line");
	cr_assert_eq(c->inst[0], 0xf3);
	cr_assert_eq(c->inst[3], 0x07);
	cr_assert_eq(c->cls.id, VT_CLASS_MMIO);
}

/* bhyve's dump and failure quoted and rewrapped at 72 columns by a mail
 * client: the exit reason's name and the failure's rip on the next line. */
Test(scan_formats, bhyve_dump_and_failure_wrapped_in_mail)
{
	static struct found f;
	scan_sample(&f, "bhyve-wrapped-mail.log", false);
	cr_assert_eq(f.n, 2);
	const struct vt_crash *c = &f.c[0];
	cr_assert_eq(c->kind, VT_KIND_VMX_ERROR);
	cr_assert_eq(c->code, 33);
	cr_assert_eq(c->cls.id, VT_CLASS_INVALID_GUEST_STATE);
	cr_assert_eq(c->end_line, c->line + 9, "qualification, inst_type and inst_error after the wrapped line are the dump's");
	cr_assert(strstr(c->excerpt, "state)"), "%s", c->excerpt);
	c = &f.c[1];
	cr_assert(c->has_rip, "the rip on the line after the cut");
	cr_assert_eq(c->rip, 0xffffffffa03d41b2);
	cr_assert_eq(c->ninst, 3);
	cr_assert_str_eq(c->detail, "unhandled memory access to 0xfebd1000");
	/* A hard wrap inside a field's number: the line is read again whole. */
	char log[600] = "vm exit[3]\n\treason\t\tVMX\n\texit_reason\t48 (EPT violation)\n\tqualification\t0x";
	for (int i = 0; i < 54; i++)
		strcat(log, "0");
	strcat(log, "\n181\n\tinst_type\t\t0\n\tinst_error\t\t0\n");
	cr_assert_eq(scan_text(&f, log, false), 0);
	cr_assert_eq(f.n, 1);
	cr_assert(strstr(f.c[0].detail, "qualification 0x181,"), "%s", f.c[0].detail);
	/* An unindented line after a short field line ends the dump. */
	cr_assert_eq(scan_text(&f, "vm exit[0]\n\treason\t\tSVM\n\texitcode\t0x400\nfoo\n\texitinfo1\t0x1\n", false), 0);
	cr_assert_eq(f.n, 1);
	cr_assert_eq(f.c[0].end_line, 3);
	/* A failure cut before its rip and never given one is no crash. */
	cr_assert_eq(scan_text(&f, "Failed to emulate instruction at rip\nof the guest, see above\n", false), 0);
	cr_assert_eq(f.n, 0);
}

/* propolis' pretty output copied from an 80-column terminal: the #795
 * record's header is cut inside "on vCPU 2", its context and segment lines
 * go on on the next line, the panic's byte list is cut inside a number. */
Test(scan_formats, propolis_pretty_output_cut_at_80_columns)
{
	static struct found f, whole;
	static const uint8_t outsb[] = { 243, 110, 235, 10, 227, 8, 138, 6, 238, 72, 255, 198, 226, 248, 76 };
	scan_sample(&f, "propolis-pretty-wrapped.log", false);
	scan_sample(&whole, "propolis-pretty-795.log", false);
	cr_assert_eq(f.n, 2);
	const struct vt_crash *c = &f.c[0], *w = &whole.c[0];
	cr_assert_eq(c->origin, VT_ORIGIN_PANIC | VT_ORIGIN_LOG_RECORD, "the cut header's record, merged with its panic");
	cr_assert_eq(c->line, 10);
	cr_assert_eq(c->vcpu, 2);
	cr_assert_eq(c->mode, w->mode);
	cr_assert_eq(vt_regs_count(&c->regs), vt_regs_count(&w->regs));
	cr_assert_eq(c->ninst, 15);
	cr_assert_eq(memcmp(c->inst, outsb, sizeof outsb), 0, "248 cut in two is one byte");
	cr_assert_eq(c->cls.id, VT_CLASS_STRING_IO);
	/* The record alone (no panic after it): its context read whole. */
	static struct found rec;
	const char *alone = "18:41:28.637Z ERRO propolis-server (vcpu_tasks): instruction emulation exit on v\n"
			    "CPU 2\n"
			    "    context = InstEmul { inst_data: [243, 110, 235, 10, 227, 8, 138, 6, 238, 72,\n"
			    " 255, 198, 226, 248, 76], len: 15 }\n"
			    "    vcpu = 2\n";
	cr_assert_eq(scan_text(&rec, alone, false), 0);
	cr_assert_eq(rec.n, 1);
	cr_assert_eq(rec.c[0].origin, VT_ORIGIN_LOG_RECORD);
	cr_assert_eq(rec.c[0].ninst, 15);
	cr_assert_eq(memcmp(rec.c[0].inst, outsb, sizeof outsb), 0);
	cr_assert_eq(rec.c[0].line, 1);
	c = &f.c[1];
	w = &whole.c[1];
	cr_assert_eq(c->kind, VT_KIND_TRIPLE_FAULT);
	cr_assert_eq(w->kind, VT_KIND_TRIPLE_FAULT);
	for (int i = 0; i < VT_SREG_COUNT; i++) {
		cr_assert_eq(c->regs.seg[i].access, w->regs.seg[i].access, "%s access", vt_sreg_name((enum vt_sreg)i));
		cr_assert_eq(c->regs.seg[i].limit, w->regs.seg[i].limit, "%s limit", vt_sreg_name((enum vt_sreg)i));
		cr_assert_eq(c->regs.seg[i].base, w->regs.seg[i].base, "%s base", vt_sreg_name((enum vt_sreg)i));
	}
	cr_assert_eq(c->mode, w->mode);
}

/* A record keyword cut by a terminal's hard wrap still stops the
 * pre-filter, at its part on the second line; nothing else does. */
Test(scan_formats, prefilter_finds_a_keyword_cut_by_one_line_break)
{
	struct vt_scan_opts o = { 0 };
	struct vt_error err;
	struct vt_scanner *s = vt_scan_new(NULL, &o, &err);
	cr_assert_not_null(s, "%s", err.msg);
	static const struct {
		const char *text;
		bool found;
	} cases[] = {
		{ "exit on v\nCPU 2", true },  { "exit on vC\nPU 2", true }, { "exit on vCP\nU 2", true },
		{ "exit on v\r\nCPU 2", true }, { "exit o\nn vCPU 2", true }, { "exit on\n vCPU 2", true },
		{ "CPU 2", false },           { "\nCPU 2", false },        { "v\n\nCPU 2", false },
		{ "exit on v\nxCPU 2", false }, { "Unhand\nled VM exit", false }, /* only record keywords wrap */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *t = cases[i].text;
		cr_assert_eq(scan_prefilter(s, t, strlen(t)) != NULL, cases[i].found, "%zu", i);
	}
	vt_scan_free(s);
}

/* The same record and panic quoted and rewrapped at 72 columns in a mail
 * read as they do unwrapped: the header's phrase joined over its two lines. */
Test(scan_formats, propolis_record_rewrapped_in_mail)
{
	static struct found f, whole;
	scan_sample(&f, "propolis-pretty-mail.log", false);
	scan_sample(&whole, "propolis-pretty-795.log", false);
	cr_assert_eq(f.n, 1);
	const struct vt_crash *c = &f.c[0], *w = &whole.c[0];
	cr_assert_eq(c->origin, VT_ORIGIN_PANIC | VT_ORIGIN_LOG_RECORD, "record and panic merged");
	cr_assert_eq(c->line, 10, "the crash starts at the header's first line");
	cr_assert_str_eq(c->time, w->time);
	cr_assert_eq(c->vcpu, 2);
	cr_assert_eq(c->mode, w->mode);
	cr_assert_eq(vt_regs_count(&c->regs), vt_regs_count(&w->regs));
	for (int i = 0; i < VT_SREG_COUNT; i++)
		cr_assert_eq(c->regs.seg[i].access, w->regs.seg[i].access, "%s", vt_sreg_name((enum vt_sreg)i));
	cr_assert_eq(c->ninst, w->ninst);
	cr_assert_eq(memcmp(c->inst, w->inst, w->ninst), 0);
	/* The join needs the phrase to span the two lines, and the rest unindented. */
	cr_assert_eq(scan_text(&f, "instruction emulation\n    exit on vCPU 2\n", false), 0);
	cr_assert_eq(f.n, 0);
	cr_assert_eq(scan_text(&f, "a line about nothing\nexit on vCPU 2\n", false), 0);
	cr_assert_eq(f.n, 0);
}

/* Rejoining is bounded and never takes what begins something else. */
Test(scan_formats, rejoining_wrapped_lines_is_bounded)
{
	static struct found f;
	/* A context value cut open: the panic after it is still a panic. */
	const char *open = "18:41:28.637Z ERRO propolis-server (vcpu_tasks): instruction emulation exit on vCPU 2\n"
			   "    context = InstEmul { inst_data: [243, 110\n"
			   "thread 'vcpu-2' panicked at bin/propolis-server/src/lib/vm/state_driver.rs:324:9:\n"
			   "vCPU 2: Unhandled VM exit: InstEmul(InstEmul { inst_data: [243, 110, 235, 10], len: 4 })\n";
	cr_assert_eq(scan_text(&f, open, false), 0);
	cr_assert_eq(f.n, 1, "the record and its panic, merged");
	cr_assert(f.c[0].origin & VT_ORIGIN_PANIC);
	cr_assert_eq(f.c[0].ninst, 4);
	/* ... and so is a new log line. */
	const char *next = "18:41:28.637Z ERRO propolis-server (vcpu_tasks): instruction emulation exit on vCPU 2\n"
			   "    context = InstEmul { inst_data: [243,\n"
			   "18:41:28.700Z INFO propolis-server (vcpu_tasks): vCPU thread started\n"
			   "    vcpu = 2\n";
	cr_assert_eq(scan_text(&f, next, false), 0);
	cr_assert_eq(f.n, 1);
	cr_assert_eq(f.c[0].end_line, 2, "the record ends before the next log line");
	/* An open bracket and thousands of lines after it: at most COLLECT_LINES_MAX taken. */
	static char big[200000];
	static const char zeros[] = "0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n";
	char *end = big + sprintf(big, "18:41:28.637Z ERRO propolis-server (vcpu_tasks): instruction emulation exit on vCPU 2\n"
				       "    context = InstEmul { inst_data: [243,\n");
	for (int i = 0; i < 4000; i++)
		end += sprintf(end, "%s", zeros);
	cr_assert_eq(scan_text(&f, big, false), 0);
	cr_assert_eq(f.n, 1);
	cr_assert(f.c[0].end_line <= 2 + COLLECT_LINES_MAX, "end_line %llu", (unsigned long long)f.c[0].end_line);
	/* A bhyve field with '(' never closed: the dump still ends at its limit. */
	static char dump[8192] = "vm exit[0]\n\treason\t\tVMX\n\texit_reason\t33 (VM-entry failure\n";
	for (int i = 0; i < 100; i++)
		strcat(dump, "x)\n");
	cr_assert_eq(scan_text(&f, dump, false), 0);
	cr_assert_eq(f.n, 1);
	cr_assert(f.c[0].end_line <= 4, "one closing line is the rest, the next ends the dump");
}

Test(scan_formats, docker_and_journal_json)
{
	static struct found f;
	scan_sample(&f, "qemu-container.log", false);
	cr_assert_eq(f.n, 3);
	cr_assert_eq(f.c[0].cls.id, VT_CLASS_GARBAGE);
	cr_assert(strstr(f.c[0].cls.detail, "blank VGA text cells"), "%s", f.c[0].cls.detail);
	cr_assert_str_eq(f.c[0].time, "2024-02-11T08:15:02.100000001Z");
	cr_assert_eq(f.c[1].hypervisor, VT_HV_BHYVE, "a dump with escaped tabs in one JSON string");
	cr_assert_eq(f.c[1].rip, 0x7c5a);
	cr_assert_eq(f.c[2].kind, VT_KIND_ENTRY_FAIL);
	cr_assert_str_eq(f.c[2].time, "2024-02-11T08:35:02.123456Z", "__REALTIME_TIMESTAMP in UTC");
	cr_assert_eq(f.c[2].regs.seg[VT_SREG_CS].base, 0x7ffbe000);
}

Test(scan_formats, class_rules_beyond_one_repeated_byte)
{
	static struct found f;
	scan_sample(&f, "qemu-classes.log", false);
	cr_assert_eq(f.n, 3);
	cr_assert_eq(f.c[0].cls.id, VT_CLASS_GARBAGE);
	cr_assert(strstr(f.c[0].cls.detail, "interrupt table"), "%s", f.c[0].cls.detail);
	cr_assert(strstr(f.c[0].cls.detail, "period 4"), "%s", f.c[0].cls.detail);
	cr_assert_eq(f.c[1].cls.id, VT_CLASS_GARBAGE);
	cr_assert(strstr(f.c[1].cls.detail, "decodes to nonsense"), "%s", f.c[1].cls.detail);
	cr_assert_eq(f.c[2].cls.id, VT_CLASS_SYSTEM);
	cr_assert(strstr(f.c[2].cls.detail, "`lmsw ax`"), "%s", f.c[2].cls.detail);
}

Test(scan_formats, look_alikes_make_no_record)
{
	static struct found f;
	scan_sample(&f, "lookalikes.log", false);
	cr_assert_eq(f.n, 0, "%d crashes from look-alikes", f.n);
}

Test(scan_formats, the_standalone_line_names_the_program_after_merging)
{
	static struct found f;
	scan_sample(&f, "propolis-standalone-1168.log", false);
	cr_assert_geq(f.n, 1);
	cr_assert_eq(f.c[0].hypervisor, VT_HV_PROPOLIS_STANDALONE);
	scan_sample(&f, "propolis-795-bunyan.log", false);
	cr_assert_eq(f.c[0].hypervisor, VT_HV_PROPOLIS);
}

Test(scan_formats, a_dump_in_a_journal_message_is_read_line_by_line)
{
	static struct found f;
	scan_text(&f, "{\"__CURSOR\":\"s=1\",\"__REALTIME_TIMESTAMP\":\"0\",\"MESSAGE\":\"vm exit[3]\\n\\treason\\t\\tSVM\\n"
		      "\\texitcode\\t0xffffffffffffffff\\n\\texitinfo1\\t0\\n\\texitinfo2\\t0\\n\"}\n", false);
	const struct vt_crash *c = only(&f, 1, 0);
	cr_assert_eq(c->vcpu, 3);
	cr_assert_eq(c->cls.id, VT_CLASS_VMRUN_REFUSED);
	cr_assert_str_eq(c->time, "1970-01-01T00:00:00.000000Z");
}
