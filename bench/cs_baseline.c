/* Baseline for bench/decode.sh: a bare cs_disasm loop over the same 15-byte
 * buffers vmtriage decodes (detail on, every instruction in each buffer),
 * reading them as raw binary so no parsing is counted. */
#include <capstone/capstone.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	csh h;
	cs_insn *insn;
	unsigned char buf[15];
	size_t total = 0, buffers = 0;
	FILE *fp = argc > 1 ? fopen(argv[1], "rb") : stdin;

	if (!fp || cs_open(CS_ARCH_X86, CS_MODE_64, &h) != CS_ERR_OK)
		return 1;
	cs_option(h, CS_OPT_DETAIL, CS_OPT_ON);
	while (fread(buf, 1, sizeof buf, fp) == sizeof buf) {
		size_t n = cs_disasm(h, buf, sizeof buf, 0, 0, &insn);
		total += n;
		buffers++;
		if (n)
			cs_free(insn, n);
	}
	cs_close(&h);
	fprintf(stderr, "%zu buffers, %zu instructions\n", buffers, total);
	return 0;
}
