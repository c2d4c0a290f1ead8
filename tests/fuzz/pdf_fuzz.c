/* pdf_fuzz.c: fuzz target for the PDF layout: the input is read as the
 * records resdiff-pdf writes (pages, characters with boxes and sizes; see
 * pdf/resdiff_pdf.c), so any geometry reaches pdf_layout and the parser
 * after it. Seeds in tests/fuzz/pdf_seeds replay in every test run. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "pdf_internal.h"
#include "resdiff/resdiff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	resdiff_parse_options opts = RESDIFF_PARSE_OPTIONS_INIT;
	resdiff_buf out = RESDIFF_BUF_INIT;
	resdiff_doc *doc = NULL;
	pdf_doc pages;
	char *copy = malloc(size + 1), *line, *next;
	bool done = false;

	memset(&pages, 0, sizeof(pages));
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	for (line = copy; line && !done; line = next) {
		if ((next = strchr(line, '\n')))
			*next++ = '\0';
		if (pdf_read_record(&pages, line, &done, "fuzz", RESDIFF_PDF_MAX_PAGES) < 0)
			break;
	}
	opts.source = "fuzz";
	if (pdf_layout(&out, &pages, "fuzz") == 0 &&
	    resdiff_parse(&doc, out.ptr ? out.ptr : "", out.size, &opts) == 0)
		resdiff_doc_free(doc);
	resdiff_buf_dispose(&out);
	pdf_doc_dispose(&pages);
	free(copy);
	return 0;
}
