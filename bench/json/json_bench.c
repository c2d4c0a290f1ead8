/*
 * json_bench.c: the diff JSON (docs/JSON-DIFF.md) of two texts written by
 * each candidate JSON writer, timed over several runs (not a test).
 *
 *   json_bench WRITER OLD NEW RUNS > out.json
 *
 * WRITER is "resdiff" (resdiff's own writer, resdiff_render_diff_json),
 * "jansson" or "json-c" (the same document built as the library's tree,
 * then serialised compactly). Prints to stderr: writer, median and best
 * milliseconds per rendering, output bytes, and the peak RSS of the
 * process; writes the last rendering to stdout, so that run.sh can compare
 * the values of the three.
 */
#include "resdiff/resdiff.h"

#include "json_bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static resdiff_doc *load(const char *path)
{
	resdiff_parse_options popts = RESDIFF_PARSE_OPTIONS_INIT;
	resdiff_doc *doc = NULL;
	char *text = NULL;
	size_t len;
	popts.source = path;
	if (resdiff_file_read(&text, &len, path) < 0 || resdiff_parse(&doc, text, len, &popts) < 0) {
		fprintf(stderr, "json_bench: %s\n", resdiff_error_last());
		exit(2);
	}
	free(text);
	return doc;
}

int main(int argc, char **argv)
{
	resdiff_diff_render_options ropts = RESDIFF_DIFF_RENDER_OPTIONS_INIT;
	resdiff_buf out = RESDIFF_BUF_INIT;
	resdiff_doc *a, *b;
	resdiff_diff *diff = NULL;
	struct rusage ru;
	double *times;
	int runs, r, error = 0;

	if (argc != 5 || (runs = atoi(argv[4])) < 1) {
		fprintf(stderr, "usage: json_bench resdiff|jansson|json-c OLD NEW RUNS\n");
		return 2;
	}
	a = load(argv[2]);
	b = load(argv[3]);
	if (resdiff_diff_docs(&diff, a, b, NULL) < 0) {
		fprintf(stderr, "json_bench: %s\n", resdiff_error_last());
		return 2;
	}
	ropts.old_source = argv[2];
	ropts.new_source = argv[3];
	times = calloc((size_t)runs, sizeof(*times));
	for (r = 0; r < runs && !error; r++) {
		double t0 = now();
		resdiff_buf_clear(&out);
		if (!strcmp(argv[1], "resdiff"))
			error = resdiff_render_diff_json(&out, diff, &ropts);
		else if (!strcmp(argv[1], "jansson"))
			error = render_jansson(&out, diff, argv[2], argv[3]);
		else if (!strcmp(argv[1], "json-c"))
			error = render_jsonc(&out, diff, argv[2], argv[3]);
		else
			error = -1;
		times[r] = now() - t0;
	}
	if (error) {
		fprintf(stderr, "json_bench: %s failed\n", argv[1]);
		return 2;
	}
	qsort(times, (size_t)runs, sizeof(*times), cmp_double);
	getrusage(RUSAGE_SELF, &ru);
	fprintf(stderr, "%-8s median %7.2f ms  best %7.2f ms  %zu bytes  peak RSS %ld KB\n", argv[1],
		times[runs / 2] * 1e3, times[0] * 1e3, out.size, ru.ru_maxrss);
	fwrite(out.ptr, 1, out.size, stdout);
	free(times);
	resdiff_buf_dispose(&out);
	resdiff_diff_free(diff);
	resdiff_doc_free(a);
	resdiff_doc_free(b);
	return 0;
}
