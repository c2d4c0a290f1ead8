/* parse.c: UN document text to resdiff_doc (work in progress). */
#include "resdiff/parse.h"
#include "resdiff/text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int resdiff_file_read(char **out, size_t *len, const char *path)
{
	resdiff_buf buf = RESDIFF_BUF_INIT;
	FILE *f;
	char chunk[65536];
	size_t n;
	int error = 0;

	*out = NULL;
	*len = 0;
	f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if (!f)
		return resdiff_error_set(errno == ENOENT ? RESDIFF_ENOTFOUND : RESDIFF_EIO,
			"%s: %s", path, strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (buf.size + n > RESDIFF_PARSE_MAX_INPUT) {
			error = resdiff_error_set(RESDIFF_ETOOBIG, "%s: larger than %u MiB",
				path, RESDIFF_PARSE_MAX_INPUT / (1024 * 1024));
			goto done;
		}
		if ((error = resdiff_buf_put(&buf, chunk, n)) < 0)
			goto done;
	}
	if (ferror(f)) {
		error = resdiff_error_set(RESDIFF_EIO, "%s: read error", path);
		goto done;
	}
	if ((error = resdiff_buf_put(&buf, "", 0)) < 0)
		goto done;
	*len = buf.size;
	*out = resdiff_buf_detach(&buf);
done:
	if (f != stdin)
		fclose(f);
	resdiff_buf_dispose(&buf);
	return error;
}

int resdiff_parse(resdiff_doc **out, const char *text, size_t len,
		const resdiff_parse_options *opts)
{
	return resdiff_doc_new(out);
}
