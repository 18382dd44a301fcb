/* The zlib floor for bench/run: each gzip file named is inflated with a bare
 * zlib inflate() loop (128 KiB reads, 128 KiB output buffer, members one
 * after another) and the bytes thrown away. No gzread: its extra buffer copy
 * is not part of the floor. Prints the inflated byte count. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <zlib.h>

static unsigned char in[1 << 17], out[1 << 17];

static int inflate_file(const char *path, unsigned long long *total)
{
	int fd = open(path, O_RDONLY), rc = 0;
	z_stream z = { 0 };
	ssize_t n;
	if (fd < 0 || inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) {
		perror(path);
		return 1;
	}
	while (rc == 0 && (n = read(fd, in, sizeof in)) > 0) {
		z.next_in = in;
		z.avail_in = (uInt)n;
		while (z.avail_in && rc == 0) {
			z.next_out = out;
			z.avail_out = sizeof out;
			int r = inflate(&z, Z_NO_FLUSH);
			*total += sizeof out - z.avail_out;
			if (r == Z_STREAM_END)
				inflateReset(&z); /* another member may follow */
			else if (r != Z_OK && r != Z_BUF_ERROR)
				rc = 1;
		}
	}
	inflateEnd(&z);
	close(fd);
	return rc;
}

int main(int argc, char **argv)
{
	unsigned long long total = 0;
	int rc = 0;
	for (int i = 1; i < argc; i++)
		rc |= inflate_file(argv[i], &total);
	printf("%llu\n", total);
	return rc;
}
