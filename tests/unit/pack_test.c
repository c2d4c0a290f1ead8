/* pack_test.c: the hand-written parts of the store's object writing,
 * against known answers: the pack index (git show-index reads it, 64-bit
 * offsets included), objects fed to zlib in pieces, the object size limit,
 * and the hashes (nettle) as the store uses them. */
#include "store_helpers.h"
#include "store_pack.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Offsets below 2 GiB sit in the 32-bit table; from 2 GiB on, the 32-bit
 * entry is 0x80000000 | k and the k-th 64-bit entry holds the offset. git
 * reads the .idx alone with `git show-index`. */
static void test_pack__index_with_large_offsets(void **state)
{
	static const uint64_t offsets[] = { 12, 0x7FFFFFFFu, 0x80000000u, 0x123456789ull,
		0xFFFFFFFFFFull };
	static const char *const hex[] = {
		"00aa000000000000000000000000000000000001", "11bb000000000000000000000000000000000002",
		"22cc000000000000000000000000000000000003", "aadd000000000000000000000000000000000004",
		"ffee000000000000000000000000000000000005" };
	git_oid ids[5];
	store_pack_entry e[5];
	unsigned char pack_sha[20];
	char *dir = test_tmpdir(), path[4200], *out, want[1024] = "";
	size_t i;
	int status;

	for (i = 0; i < 5; i++) {
		char line[128];
		assert_int_equal(git_oid_fromstr(&ids[i], hex[i]), 0);
		e[i].id = &ids[i];
		e[i].crc = 0x01020304u * (uint32_t)(i + 1);
		e[i].offset = offsets[i];
		snprintf(line, sizeof(line), "%llu %s (%08x)\n", (unsigned long long)offsets[i], hex[i],
			e[i].crc);
		strcat(want, line);
	}
	memset(pack_sha, 0x5A, sizeof(pack_sha));
	snprintf(path, sizeof(path), "%s/pack-test.idx", dir);
	assert_int_equal(store_pack_index_write(path, e, 5, pack_sha, true), 0);
	out = test_capture(&status, "git show-index <'%s'", path);
	assert_int_equal(status, 0);
	assert_string_equal(out, want);
	free(out);
	/* size: header 8, fan-out 1024, ids 100, crcs 20, offsets 20, three
	 * 64-bit offsets 24, pack and index checksums 40 */
	out = test_capture(&status, "wc -c <'%s'", path);
	assert_int_equal(strtoul(out, NULL, 10), 8 + 1024 + 5 * 20 + 5 * 4 + 5 * 4 + 3 * 8 + 40);
	free(out);
	/* the trailer is the SHA-1 of everything before it */
	out = test_capture(&status, "n=$(($(wc -c <'%s') - 20)); a=$(head -c $n '%s' | sha1sum | "
		"cut -c1-40); b=$(tail -c 20 '%s' | od -An -tx1 | tr -d ' \\n'); [ \"$a\" = \"$b\" ] && echo ok",
		path, path, path);
	assert_string_equal(out, "ok\n");
	free(out);
	test_system("rm -rf '%s'", dir);
	free(dir);
}


/* Objects of several MiB go through the pack in pieces: git verifies the
 * pack, and they read back equal. */
static void test_pack__objects_in_pieces(void **state)
{
	resdiff_store *s = NULL;
	char *dir = test_tmpdir(), *out, sym[32];
	resdiff_store_item items[RESDIFF_STORE_PACK_MIN_DOCS];
	resdiff_doc *docs[RESDIFF_STORE_PACK_MIN_DOCS], *back = NULL;
	bool created;
	size_t i;
	int status;

	assert_int_equal(resdiff_store_init(&s, &created, dir), 0);
	memset(items, 0, sizeof(items));
	for (i = 0; i < RESDIFF_STORE_PACK_MIN_DOCS; i++) {
		snprintf(sym, sizeof(sym), "A/RES/70/%zu", i + 1);
		/* one of 3.5 MiB, the others small */
		docs[i] = i == 3 ? test_big_doc(sym, 3584, 11) : test_make_doc(sym, "en", "s", "2015-01-01", 4,
			(unsigned)i);
		items[i].doc = docs[i];
	}
	assert_int_equal(resdiff_store_import(s, items, RESDIFF_STORE_PACK_MIN_DOCS), 0);
	out = test_capture(&status, "git -C '%s' verify-pack -v '%s'/objects/pack/*.idx | "
		"awk '$2 == \"blob\" && $3 > 3000000 { n++ } END { print n }'", dir, dir);
	assert_int_equal(status, 0);
	assert_string_equal(out, "2\n");  /* its record blob and its view blob */
	free(out);
	test_assert_fsck(dir);
	assert_int_equal(resdiff_store_read(&back, NULL, s, "A/RES/70/4", "en", NULL), 0);
	test_assert_docs_equal(docs[3], back);
	resdiff_doc_free(back);
	for (i = 0; i < RESDIFF_STORE_PACK_MIN_DOCS; i++)
		resdiff_doc_free(docs[i]);
	resdiff_store_free(s);
	test_system("rm -rf '%s'", dir);
	free(dir);
}

/* RESDIFF_STORE_OBJECT_MAX is a named limit: a document over it is
 * refused before anything is written. */
static void test_pack__object_limit(void **state)
{
	resdiff_store *s = NULL;
	char *dir = test_tmpdir(), *text, *before, *after;
	resdiff_doc *doc = test_make_doc("A/RES/1/1", "en", NULL, NULL, 1, 1);
	resdiff_store_item item;
	bool created;
	int status;

	assert_int_equal(resdiff_store_init(&s, &created, dir), 0);
	assert_non_null(text = malloc(RESDIFF_STORE_OBJECT_MAX + 2));
	memset(text, 'a', RESDIFF_STORE_OBJECT_MAX + 1);
	text[RESDIFF_STORE_OBJECT_MAX + 1] = '\0';
	assert_int_equal(resdiff_doc_add_unit(NULL, doc, "OP9", RESDIFF_UNIT_OPERATIVE, "", text, 9), 0);
	free(text);
	before = test_capture(&status, "find '%s/objects' -type f | wc -l", dir);
	memset(&item, 0, sizeof(item));
	item.doc = doc;
	assert_int_equal(resdiff_store_import(s, &item, 1), RESDIFF_ETOOBIG);
	assert_non_null(strstr(resdiff_error_last(), "over the limit of 64 MiB"));
	after = test_capture(&status, "find '%s/objects' -type f | wc -l", dir);
	assert_string_equal(before, after);
	free(before);
	free(after);
	resdiff_doc_free(doc);
	resdiff_store_free(s);
	test_system("rm -rf '%s'", dir);
	free(dir);
}

/* Source-SHA256 (nettle underneath): FIPS 180-2 answers. */
static void test_pack__source_hash_known_answers(void **state)
{
	char hex[65];
	resdiff_store_source_hash(hex, "", 0);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	resdiff_store_source_hash(hex, "abc", 3);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	resdiff_store_source_hash(hex, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56);
	assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pack__index_with_large_offsets),
		cmocka_unit_test(test_pack__objects_in_pieces),
		cmocka_unit_test(test_pack__object_limit),
		cmocka_unit_test(test_pack__source_hash_known_answers),
	};
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
