/* json_bench.h: the diff JSON built by each library (one file each: their
 * names clash). */
#ifndef JSON_BENCH_H
#define JSON_BENCH_H
#include "resdiff/resdiff.h"

int render_jansson(resdiff_buf *out, const resdiff_diff *diff, const char *o, const char *n);
int render_jsonc(resdiff_buf *out, const resdiff_diff *diff, const char *o, const char *n);

#endif
