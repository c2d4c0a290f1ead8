/* app.c: a program outside the tree that links libresdiff through pkg-config. */
#include <stdio.h>
#include <string.h>
#include <resdiff/resdiff.h>
int main(void) {
	const char *t = "The General Assembly,\n\nRecalling x,\n\n1. Decides y;\n";
	resdiff_doc *d;
	if (resdiff_parse(&d, t, strlen(t), NULL) < 0) { puts(resdiff_error_last()); return 1; }
	printf("%s %zu units\n", RESDIFF_VERSION, d->unit_count);
	resdiff_doc_free(d);
	return 0;
}
