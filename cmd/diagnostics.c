/* diagnostics.c: the parser's diagnostics of one file on standard error,
 * for import and parse: "FILE:LINE: diagnostic: message" lines and a
 * summary "resdiff: FILE: 3 warnings" (core: resdiff_check_diagnostics,
 * resdiff_render_findings_lines). */
#include "cmd.h"

#include <stdio.h>

int cmd_diagnostics_print(const resdiff_doc *doc, const char *path,
		const resdiff_manifest_entry *entry, cmd_diag_level level)
{
	resdiff_findings *f = NULL;
	resdiff_buf out = RESDIFF_BUF_INIT;
	int error;

	if (level == CMD_DIAG_QUIET || !doc->diag_count)
		return 0;
	path = cmd_input_name(path);  /* "standard input:1: diagnostic: ...", not "-:1:" */
	if ((error = resdiff_findings_new(&f)) == 0 &&
	    (error = resdiff_check_diagnostics(f, doc, path, entry ? entry->accept : NULL)) == 0 &&
	    (error = resdiff_render_findings_lines(&out, f, path, "resdiff: ",
			level == CMD_DIAG_NOTES)) == 0 && out.size)
		fwrite(out.ptr, 1, out.size, stderr);
	resdiff_buf_dispose(&out);
	resdiff_findings_free(f);
	return error;
}
