/* replay.c: run a fuzz target over every file of a seed directory, so the
 * seeds (and every crash ever found, added as a seed) are regression tests. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "resdiff/resdiff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	DIR *d;
	struct dirent *e;
	int n = 0, failed = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: %s SEED-DIR\n", argv[0]);
		return 2;
	}
	if (!(d = opendir(argv[1]))) {
		perror(argv[1]);
		return 2;
	}
	while ((e = readdir(d))) {
		char path[4096];
		char *buf = NULL;
		size_t len;
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", argv[1], e->d_name);
		if (resdiff_file_read(&buf, &len, path) < 0) {
			fprintf(stderr, "%s\n", resdiff_error_last());
			failed++;
			continue;
		}
		LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
		free(buf);
		n++;
	}
	closedir(d);
	printf("%d passed, %d failed\n", n, failed);
	return failed || n == 0;
}
