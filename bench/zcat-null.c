/* The decompression floor with zlib's inflate (what libarchive uses): each
 * gzip file named is inflated and the bytes thrown away. bench/run builds it. */
#include <stdio.h>
#include <zlib.h>

int main(int argc, char **argv)
{
	static char buf[1 << 18];
	int rc = 0;
	for (int i = 1; i < argc; i++) {
		gzFile f = gzopen(argv[i], "rb");
		int n;
		if (!f) {
			perror(argv[i]);
			rc = 1;
			continue;
		}
		gzbuffer(f, 1 << 17);
		while ((n = gzread(f, buf, sizeof buf)) > 0)
			;
		if (n < 0)
			rc = 1;
		gzclose(f);
	}
	return rc;
}
