/*
 * align_eval_test.c: the aligner against hand-checked gold alignments
 * (the .gold files of tests/golden/align), measured so that it cannot flatter itself
 * (docs/DIFF.md, "Evaluation").
 *
 * Each protocol splits the gold pairs into folds; a fold is aligned with
 * constants fitted on other pairs only: the logistic weights by regression
 * on the candidate pairs, the accept and join floors by the mean pair-link
 * F1 over a small grid (fit() below). The protocols:
 *   second    fitted on the seven pairs of the first round (and the
 *             tenth round's two constructed kind-change pairs), reported
 *             on the five of the second English set (the primary held-out
 *             figure of docs/DIFF.md);
 *   language  the Chinese pairs fitted on the English ones and the reverse;
 *   pair      each pair fitted on the thirteen others (a diagnostic, and the
 *             held-out changes behind the calibration check).
 * The held-out set (set "held", tests/data/align_heldout) is in no
 * protocol and no fit: it is scored with the shipped constants only.
 * So are the fifteenth round's (set "held2", tests/data/align_heldout2),
 * the sixteenth's (set "held3", tests/data/align_heldout3), the
 * seventeenth's (set "held4", tests/data/align_heldout4) and the
 * eighteenth's (set "held5", tests/data/align_heldout5), each
 * reported apart: gold committed before any aligner run on its texts,
 * so that a change can be judged on pairs no one read links of.
 * RESDIFF_EVAL_PROTOCOLS=second,language (say) runs only those.
 * Beside every figure: the baseline "character-bigram Dice, greedy
 * one-to-one, at its best threshold for each pair" (which flatters it).
 *
 * Scoring: an alignment is a set of links; a matched change contributes
 * one link (old, new) per old x new pair of its ids. Pair-link precision,
 * recall and F1 count those links only, pooled by shape (same series,
 * across series, restructured, draft -> adopted). Relation agreement: the
 * share of correct pair links whose relation is the gold line's. Per-class
 * recall uses the class= note of each gold line. Reliability: every
 * matched change of the held-out runs, binned by its confidence, against
 * the share that is right (all its pair links in the gold).
 *
 * A gold file whose ids no longer fit the parsed texts (a parser fix
 * renumbered them) is named with every id at fault and fails the test.
 *
 * The weakly related pairs of the twelfth round (set "weak", shape
 * "unrelated": gold with no link) are reported in every protocol and
 * fitted on by none unless RESDIFF_EVAL_FIT_WEAK=1 (is_unfitted below);
 * the grid's mean pair-link F1 is taken over pairs whose gold links
 * something. RESDIFF_EVAL_NO_HELD=1 skips the held-out sets (for work
 * that must not see them).
 *
 * RESDIFF_EVAL_FORMULA=X and RESDIFF_EVAL_FORMULA_GATE=G run with another
 * formula factor and across-series gate (0: the factor between any two
 * texts; docs/DIFF.md, "Across-series gate").
 * RESDIFF_EVAL_NO_RECAST=1 fits every fold without the recast feature
 * (its weight stays 0: the tenth round's "before").
 * RESDIFF_EVAL_VERBOSE=1 prints every wrong and missed pair link with its
 * features; RESDIFF_EVAL_FIT_ALL=1 also fits on every pair (where the
 * shipped constants of align_assign.c come from); RESDIFF_EVAL_GRID=1
 * prints the grid of every fit; RESDIFF_EVAL_DUMP=FILE writes every
 * candidate of the shipped model with its features.
 */
#include "helpers.h"
#include "align_eval_helpers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	const char *name;
	const char *old_file, *new_file, *lang, *gold;
	const char *fold;    /* language fold */
	const char *set;     /* "first": the seven pairs the first round was fitted on;
	                        "second": the five hard English pairs added after it;
	                        "kind": the tenth round's constructed kind changes (training);
	                        "held": the held-out set (third round on), never fitted on;
	                        "held2" to "held5": the fifteenth to eighteenth
	                        rounds' held-out sets, the same, each reported apart;
	                        "train19", "train20", "train21": rounds across19,
	                        across20 and merge21's training pairs (reported,
	                        not fitted) */
	const char *shape;   /* same (series), across (series), restructured, draft */
	double floor;        /* pair-link F1 when left out (protocol pair) must stay
	                        at or above (measured, docs/DIFF.md, less about a link);
	                        for a held-out pair, its F1 with the shipped constants
	                        (0: not checked) */
} gold_pair;

static const gold_pair PAIRS[] = {
	{ "zh 2009/7 -> 2017/21", "corpus/E_RES_2009_7.zh.txt", "corpus/E_RES_2017_21.zh.txt", "zh",
	  "tests/golden/align/E_RES_2009_7__E_RES_2017_21.gold", "zh", "first", "same", 0.83 },
	{ "zh 2009/7 -> 65/141", "corpus/E_RES_2009_7.zh.txt", "corpus/A_RES_65_141.zh.txt", "zh",
	  "tests/golden/align/E_RES_2009_7__A_RES_65_141.gold", "zh", "first", "across", 0.70 },
	{ "zh 65/141 -> 2017/21", "corpus/A_RES_65_141.zh.txt", "corpus/E_RES_2017_21.zh.txt", "zh",
	  "tests/golden/align/A_RES_65_141__E_RES_2017_21.gold", "zh", "first", "across", 0.75 },
	{ "en 74/197 -> 75/202", "tests/data/en/A_RES_74_197.txt", "tests/data/en/A_RES_75_202.txt", "en",
	  "tests/golden/align/A_RES_74_197__A_RES_75_202.gold", "en", "first", "same", 0.98 },
	{ "en 75/202 -> 76/189", "tests/data/en/A_RES_75_202.txt", "tests/data/en/A_RES_76_189.txt", "en",
	  "tests/golden/align/A_RES_75_202__A_RES_76_189.gold", "en", "first", "same", 0.98 },
	{ "en 74/197 -> 76/189", "tests/data/en/A_RES_74_197.txt", "tests/data/en/A_RES_76_189.txt", "en",
	  "tests/golden/align/A_RES_74_197__A_RES_76_189.gold", "en", "first", "same", 0.98 },
	{ "en A/80/L.2 -> 80/1", "tests/data/en/A_80_L.2.txt", "tests/data/en/A_RES_80_1.txt", "en",
	  "tests/golden/align/A_80_L.2__A_RES_80_1.gold", "en", "first", "draft", 0.90 },
	{ "en 78/166 -> 80/155", "tests/data/en/A_RES_78_166.txt", "tests/data/en/A_RES_80_155.txt", "en",
	  "tests/golden/align/A_RES_78_166__A_RES_80_155.gold", "en", "second", "restructured", 0.90 },
	{ "en L.3 -> 80/155", "tests/data/en/A_C.2_80_L.3.txt", "tests/data/en/A_RES_80_155.txt", "en",
	  "tests/golden/align/A_C.2_80_L.3__A_RES_80_155.gold", "en", "second", "draft", 0.95 },
	{ "en 78/166 -> L.3", "tests/data/en/A_RES_78_166.txt", "tests/data/en/A_C.2_80_L.3.txt", "en",
	  "tests/golden/align/A_RES_78_166__A_C.2_80_L.3.gold", "en", "second", "restructured", 0.90 },
	{ "en 76/189 -> 78/132", "tests/data/en/A_RES_76_189.txt", "tests/data/en/A_RES_78_132.txt", "en",
	  "tests/golden/align/A_RES_76_189__A_RES_78_132.gold", "en", "second", "same", 0.98 },
	{ "en 80/3 -> 80/151", "tests/data/en/A_RES_80_3.txt", "tests/data/en/A_RES_80_151.txt", "en",
	  "tests/golden/align/A_RES_80_3__A_RES_80_151.gold", "en", "second", "across", 0.75 },
	/* Constructed training pairs of the tenth round (tests/data/align_kind):
	 * real texts of the training pairs with paragraphs recast from one kind
	 * to the other by hand (class kindchange); fitted on like the twelve. */
	{ "en kind 78/166", "tests/data/align_kind/en/kind_78_166.old.txt",
	  "tests/data/align_kind/en/kind_78_166.new.txt", "en",
	  "tests/data/align_kind/en/kind_78_166.gold", "en", "kind", "constructed", 0.98 },
	{ "zh kind 65/141", "tests/data/align_kind/zh/kind_65_141.old.txt",
	  "tests/data/align_kind/zh/kind_65_141.new.txt", "zh",
	  "tests/data/align_kind/zh/kind_65_141.gold", "zh", "kind", "constructed", 0.98 },
	/* Training pairs of the twelfth round: two real resolutions of
	 * different series, weakly related (tests/golden/align, README
	 * there): their gold links nothing, so every link is a false one and
	 * the floor (F1 1 with no link, 0 with one) allows none. Set "weak"
	 * (see is_unfitted), shape "unrelated". */
	{ "en weak L.10 -> L.9 (C.5)", "tests/data/en_heldout4/A_C.5_80_L.10.txt",
	  "tests/data/en_heldout4/A_C.5_80_L.9.txt", "en",
	  "tests/golden/align/A_C.5_80_L.10__A_C.5_80_L.9.gold", "en", "weak", "unrelated", 0.5 },
	{ "en weak 80/11 -> L.9", "tests/data/en_heldout6/A_RES_80_11.txt",
	  "tests/data/en_heldout4/A_80_L.9.txt", "en",
	  "tests/golden/align/A_RES_80_11__A_80_L.9.gold", "en", "weak", "unrelated", 0.5 },
	{ "en weak L.12 -> 80/15", "tests/data/en_heldout8/A_80_L.12.txt",
	  "tests/data/en_heldout6/A_RES_80_15.txt", "en",
	  "tests/golden/align/A_80_L.12__A_RES_80_15.gold", "en", "weak", "unrelated", 0.5 },
	{ "en weak 80/9 -> 80/11", "tests/data/en_heldout6/A_RES_80_9.txt",
	  "tests/data/en_heldout6/A_RES_80_11.txt", "en",
	  "tests/golden/align/A_RES_80_9__A_RES_80_11.gold", "en", "weak", "unrelated", 0.5 },
	{ "en weak 79/200 -> L.15", "tests/data/en_heldout/A_RES_79_200.txt",
	  "tests/data/en_heldout3/A_C.2_80_L.15.txt", "en",
	  "tests/golden/align/A_RES_79_200__A_C.2_80_L.15.gold", "en", "weak", "unrelated", 0.5 },
	/* Training pairs of round across19 (tests/data/en_train19, README of
	 * tests/golden/align): First Committee drafts of different series, gold
	 * committed before any aligner run; set "train19", reported in every
	 * protocol (in "second" too) and fitted on by none, like "weak". */
#define T19(a, b, floor) { "en train19 " a " -> " b, "tests/data/en_train19/A_C.1_80_" a ".txt", \
	  "tests/data/en_train19/A_C.1_80_" b ".txt", "en", \
	  "tests/golden/align/A_C.1_80_" a "__A_C.1_80_" b ".gold", "en", "train19", "across", floor }
	/* floors: protocol pair F1 measured (0.400, 0, 0, 1, 1), less a link */
	T19("L.1", "L.2", 0.3), T19("L.6", "L.7", 0), T19("L.7", "L.8", 0), T19("L.6", "L.8", 0.5),
	T19("L.1", "L.7", 0.5),
#undef T19
	/* Training pairs of round across20 (tests/data/en_train20): Second and
	 * Fifth Committee drafts of different series that share only standard
	 * sentences (no gold link), committed before any aligner run; set
	 * "train20", reported in every protocol and fitted on by none, like
	 * "train19". */
#define T20(a, b) { "en train20 " a " -> " b, "tests/data/en_train20/A_" a ".txt", \
	  "tests/data/en_train20/A_" b ".txt", "en", \
	  "tests/golden/align/A_" a "__A_" b ".gold", "en", "train20", "across", 0 }
	T20("C.5_80_L.20", "C.5_80_L.21"), T20("C.5_80_L.20", "C.5_80_L.17"),
	T20("C.5_80_L.21", "C.5_80_L.17"), T20("C.2_80_L.9", "C.5_80_L.20"),
	T20("C.2_80_L.9", "C.5_80_L.17"),
#undef T20
	/* Training pairs of round merge21 (tests/data/en_train21): two First
	 * Committee resolutions of 2024 against the next year's draft of their
	 * series, committed before any aligner run; set "train21", reported in
	 * every protocol and fitted on by none, like "train19". */
#define T21(a, b) { "en train21 " a " -> " b, "tests/data/en_train21/A_" a ".txt", \
	  "tests/data/en_train21/A_" b ".txt", "en", \
	  "tests/golden/align/A_" a "__A_" b ".gold", "en", "train21", "same", 0 }
	T21("RES_79_54", "C.1_80_L.19"), T21("RES_79_38", "C.1_80_L.18"),
#undef T21
	/* The held-out set of the third round (tests/data/align_heldout): never
	 * fitted on, in no protocol; scored with the shipped constants only. */
	{ "en held sport", "tests/data/align_heldout/sport.old.txt",
	  "tests/data/align_heldout/sport.new.txt", "en", "tests/data/align_heldout/sport.gold", "en",
	  "held", "restructured", 0 },
	{ "en held wmd", "tests/data/align_heldout/wmd.old.txt",
	  "tests/data/align_heldout/wmd.new.txt", "en", "tests/data/align_heldout/wmd.gold", "en",
	  "held", "restructured", 0 },
	{ "zh held wsis", "tests/data/align_heldout/wsis_zh.old.txt",
	  "tests/data/align_heldout/wsis_zh.new.txt", "zh", "tests/data/align_heldout/wsis_zh.gold", "zh",
	  "held", "same", 0 },
	{ "en held L.13 -> L.22", "tests/data/en_heldout2/A_C.1_80_L.13.txt",
	  "tests/data/en_heldout2/A_C.1_80_L.22.txt", "en",
	  "tests/data/align_heldout/A_C.1_80_L.13__A_C.1_80_L.22.gold", "en", "held", "across", 0 },
	/* Written for the fifth round (the formula model) before it was run. */
	{ "en held L.30 -> L.22", "tests/data/en_heldout/A_C.1_80_L.30.txt",
	  "tests/data/en_heldout2/A_C.1_80_L.22.txt", "en",
	  "tests/data/align_heldout/A_C.1_80_L.30__A_C.1_80_L.22.gold", "en", "held", "across", 0 },
	/* Written for the sixth round before any run: real successive GA
	 * resolutions (tests/data/en_heldout5). */
	{ "en held 77/33 -> 80/12", "tests/data/en_heldout5/A_RES_77_33.txt",
	  "tests/data/en_heldout5/A_RES_80_12.txt", "en",
	  "tests/data/align_heldout/A_RES_77_33__A_RES_80_12.gold", "en", "held", "same", 0 },
	{ "en held 79/20 -> 80/20", "tests/data/en_heldout5/A_RES_79_20.txt",
	  "tests/data/en_heldout5/A_RES_80_20.txt", "en",
	  "tests/data/align_heldout/A_RES_79_20__A_RES_80_20.gold", "en", "held", "same", 0 },
	/* The seventh round's held-out pairs, committed before any run
	 * (tests/data/en_heldout7): a same-series pair and an across-series
	 * pair of one agenda item. */
	{ "en held 79/19 -> 80/19", "tests/data/en_heldout7/A_RES_79_19.txt",
	  "tests/data/en_heldout7/A_RES_80_19.txt", "en",
	  "tests/data/align_heldout/A_RES_79_19__A_RES_80_19.gold", "en", "held", "same", 0 },
	{ "en held 80/19 -> 80/21", "tests/data/en_heldout7/A_RES_80_19.txt",
	  "tests/data/en_heldout7/A_RES_80_21.txt", "en",
	  "tests/data/align_heldout/A_RES_80_19__A_RES_80_21.gold", "en", "held", "across", 0 },
	/* The tenth round's held-out pairs, committed before any run
	 * (tests/data/en_heldout10a): two same-series pairs and an
	 * across-series pair. Their floors (just under the F1 measured when
	 * they were added: one link lost or gained fails) are checked on the
	 * shipped constants (print_shipped). */
	{ "en held 79/23 -> 80/22", "tests/data/en_heldout10a/A_RES_79_23.txt",
	  "tests/data/en_heldout10a/A_RES_80_22.txt", "en",
	  "tests/data/align_heldout/A_RES_79_23__A_RES_80_22.gold", "en", "held", "same", 0.98 },
	{ "en held 79/50 -> 80/24", "tests/data/en_heldout10a/A_RES_79_50.txt",
	  "tests/data/en_heldout10a/A_RES_80_24.txt", "en",
	  "tests/data/align_heldout/A_RES_79_50__A_RES_80_24.gold", "en", "held", "same", 0.995 },
	{ "en held 80/18 -> 80/24", "tests/data/en_heldout10a/A_RES_80_18.txt",
	  "tests/data/en_heldout10a/A_RES_80_24.txt", "en",
	  "tests/data/align_heldout/A_RES_80_18__A_RES_80_24.gold", "en", "held", "across", 0.28 },
	/* The eleventh round's held-out pairs, committed before any run
	 * (tests/data/en_heldout11): one series over three years, grown and
	 * then rebuilt (merges, operative -> preambular, a far move), and the
	 * first step of a second series. Floors as for the tenth round's. */
	{ "en held 78/241 -> 79/62", "tests/data/en_heldout11/A_RES_78_241.txt",
	  "tests/data/en_heldout11/A_RES_79_62.txt", "en",
	  "tests/data/align_heldout/A_RES_78_241__A_RES_79_62.gold", "en", "held", "restructured", 0.99 },
	{ "en held 79/62 -> 80/57", "tests/data/en_heldout11/A_RES_79_62.txt",
	  "tests/data/en_heldout11/A_RES_80_57.txt", "en",
	  "tests/data/align_heldout/A_RES_79_62__A_RES_80_57.gold", "en", "held", "restructured", 0.94 },
	{ "en held 79/239 -> 80/58", "tests/data/en_heldout11/A_RES_79_239.txt",
	  "tests/data/en_heldout11/A_RES_80_58.txt", "en",
	  "tests/data/align_heldout/A_RES_79_239__A_RES_80_58.gold", "en", "held", "same", 0.94 },
	/* The fifteenth round's held-out set (tests/data/align_heldout2,
	 * texts tests/data/en_heldout18): five Second Committee pairs whose
	 * gold was committed (76e4237) before any aligner run on their texts;
	 * reported as set "held2", apart from "held". Floors: a little under
	 * the F1 the shipped constants gave when first run (1.000, 1.000,
	 * 0.500, 0.667, 0.364: one link lost or one more wrong link fails;
	 * docs/DIFF.md, "Fifteenth round: new held-out gold (gold18)").
	 * Raised for the across-series gate, judged on them once after its
	 * merge (0.600, 0.667, 0.421; nothing chosen on them). */
	{ "en held2 79/225 -> 80/154", "tests/data/en_heldout18/A_RES_79_225.txt",
	  "tests/data/en_heldout18/A_RES_80_154.txt", "en",
	  "tests/data/align_heldout2/A_RES_79_225__A_RES_80_154.gold", "en", "held2", "same", 0.995 },
	{ "en held2 79/236 -> 80/156", "tests/data/en_heldout18/A_RES_79_236.txt",
	  "tests/data/en_heldout18/A_RES_80_156.txt", "en",
	  "tests/data/align_heldout2/A_RES_79_236__A_RES_80_156.gold", "en", "held2", "restructured", 0.995 },
	{ "en held2 80/152 -> 80/154", "tests/data/en_heldout18/A_RES_80_152.txt",
	  "tests/data/en_heldout18/A_RES_80_154.txt", "en",
	  "tests/data/align_heldout2/A_RES_80_152__A_RES_80_154.gold", "en", "held2", "across", 0.59 },
	{ "en held2 80/152 -> 80/156", "tests/data/en_heldout18/A_RES_80_152.txt",
	  "tests/data/en_heldout18/A_RES_80_156.txt", "en",
	  "tests/data/align_heldout2/A_RES_80_152__A_RES_80_156.gold", "en", "held2", "across", 0.62 },
	{ "en held2 80/154 -> 80/156", "tests/data/en_heldout18/A_RES_80_154.txt",
	  "tests/data/en_heldout18/A_RES_80_156.txt", "en",
	  "tests/data/align_heldout2/A_RES_80_154__A_RES_80_156.gold", "en", "held2", "across", 0.41 },
	/* The sixteenth round's held-out set (tests/data/align_heldout3,
	 * texts tests/data/en_heldout19): six Sixth Committee pairs whose
	 * gold was committed (1075c99) before any aligner run on their texts;
	 * reported as set "held3". Floors: a little under the F1 the shipped
	 * constants (main 7a5dedc) gave when first run, once (0.846, 1.000,
	 * 0.813, 0.364, 0.000 with no gold link: not checked, 0.500; one more
	 * wrong link fails; docs/DIFF.md, "Sixteenth round: held-out gold
	 * (gold19)"). */
	{ "en held3 79/128 -> L.14", "tests/data/en_heldout19/A_RES_79_128.txt",
	  "tests/data/en_heldout19/A_C.6_80_L.14.txt", "en",
	  "tests/data/align_heldout3/A_RES_79_128__A_C.6_80_L.14.gold", "en", "held3", "restructured", 0.84 },
	{ "en held3 79/125 -> L.17", "tests/data/en_heldout19/A_RES_79_125.txt",
	  "tests/data/en_heldout19/A_C.6_80_L.17.txt", "en",
	  "tests/data/align_heldout3/A_RES_79_125__A_C.6_80_L.17.gold", "en", "held3", "same", 0.995 },
	{ "en held3 79/122 -> L.14", "tests/data/en_heldout19/A_RES_79_122.txt",
	  "tests/data/en_heldout19/A_C.6_80_L.14.txt", "en",
	  "tests/data/align_heldout3/A_RES_79_122__A_C.6_80_L.14.gold", "en", "held3", "across", 0.80 },
	{ "en held3 79/122 -> 79/128", "tests/data/en_heldout19/A_RES_79_122.txt",
	  "tests/data/en_heldout19/A_RES_79_128.txt", "en",
	  "tests/data/align_heldout3/A_RES_79_122__A_RES_79_128.gold", "en", "held3", "across", 0.36 },
	{ "en held3 79/126 -> 79/127", "tests/data/en_heldout19/A_RES_79_126.txt",
	  "tests/data/en_heldout19/A_RES_79_127.txt", "en",
	  "tests/data/align_heldout3/A_RES_79_126__A_RES_79_127.gold", "en", "held3", "across", 0 },
	{ "en held3 79/126 -> 79/128", "tests/data/en_heldout19/A_RES_79_126.txt",
	  "tests/data/en_heldout19/A_RES_79_128.txt", "en",
	  "tests/data/align_heldout3/A_RES_79_126__A_RES_79_128.gold", "en", "held3", "across", 0.49 },
	/* The seventeenth round's held-out set (tests/data/align_heldout4,
	 * texts tests/data/en_heldout21): seven Third and Fourth Committee
	 * pairs whose gold was committed (c34ea25) before any aligner run on
	 * their texts; reported as set "held4". Floors: a little under the F1
	 * the shipped constants (main 020febf) gave when first run, once
	 * (1.000, 1.000, 1.000, 0.852, 0.000 with no gold link: not checked,
	 * 0.333, 0.800; one more wrong or lost link fails; docs/DIFF.md,
	 * "Seventeenth round: held-out gold (gold20)"). */
	{ "en held4 79/88 -> L.17", "tests/data/en_heldout21/A_RES_79_88.txt",
	  "tests/data/en_heldout21/A_C.4_80_L.17.txt", "en",
	  "tests/data/align_heldout4/A_RES_79_88__A_C.4_80_L.17.gold", "en", "held4", "same", 0.995 },
	{ "en held4 79/90 -> L.21", "tests/data/en_heldout21/A_RES_79_90.txt",
	  "tests/data/en_heldout21/A_C.4_80_L.21.txt", "en",
	  "tests/data/align_heldout4/A_RES_79_90__A_C.4_80_L.21.gold", "en", "held4", "same", 0.995 },
	{ "en held4 79/92 -> L.14", "tests/data/en_heldout21/A_RES_79_92.txt",
	  "tests/data/en_heldout21/A_C.4_80_L.14.txt", "en",
	  "tests/data/align_heldout4/A_RES_79_92__A_C.4_80_L.14.gold", "en", "held4", "same", 0.995 },
	{ "en held4 79/186 -> C.3 L.7", "tests/data/en_heldout21/A_RES_79_186.txt",
	  "tests/data/en_heldout21/A_C.3_80_L.7.txt", "en",
	  "tests/data/align_heldout4/A_RES_79_186__A_C.3_80_L.7.gold", "en", "held4", "restructured", 0.84 },
	{ "en held4 79/88 -> 79/89", "tests/data/en_heldout21/A_RES_79_88.txt",
	  "tests/data/en_heldout21/A_RES_79_89.txt", "en",
	  "tests/data/align_heldout4/A_RES_79_88__A_RES_79_89.gold", "en", "held4", "across", 0 },
	{ "en held4 79/90 -> L.19", "tests/data/en_heldout21/A_RES_79_90.txt",
	  "tests/data/en_heldout21/A_C.4_80_L.19.txt", "en",
	  "tests/data/align_heldout4/A_RES_79_90__A_C.4_80_L.19.gold", "en", "held4", "across", 0.32 },
	{ "en held4 L.17 -> L.19", "tests/data/en_heldout21/A_C.4_80_L.17.txt",
	  "tests/data/en_heldout21/A_C.4_80_L.19.txt", "en",
	  "tests/data/align_heldout4/A_C.4_80_L.17__A_C.4_80_L.19.gold", "en", "held4", "across", 0.78 },
	/* The eighteenth round's held-out set (tests/data/align_heldout5,
	 * texts tests/data/en_heldout23): six Second and Sixth Committee
	 * pairs whose gold was committed (0cbd9a7) before any aligner run on
	 * their texts; reported as set "held5". Floors: a little under the F1
	 * the shipped constants (main ee78c1c) gave when first run, once
	 * (1.000, 1.000, 0.973, 0.500, 0.000 with no gold link: not checked,
	 * 1.000 with no gold link and no false link; one more wrong or lost
	 * link fails; docs/DIFF.md, "Eighteenth round: held-out gold (gold21)"). */
	{ "en held5 79/120 -> C.6 L.15", "tests/data/en_heldout23/A_RES_79_120.txt",
	  "tests/data/en_heldout23/A_C.6_80_L.15.txt", "en",
	  "tests/data/align_heldout5/A_RES_79_120__A_C.6_80_L.15.gold", "en", "held5", "same", 0.995 },
	{ "en held5 79/130 -> C.6 L.13", "tests/data/en_heldout23/A_RES_79_130.txt",
	  "tests/data/en_heldout23/A_C.6_80_L.13.txt", "en",
	  "tests/data/align_heldout5/A_RES_79_130__A_C.6_80_L.13.gold", "en", "held5", "same", 0.995 },
	{ "en held5 79/121 -> C.6 L.21", "tests/data/en_heldout23/A_RES_79_121.txt",
	  "tests/data/en_heldout23/A_C.6_80_L.21.txt", "en",
	  "tests/data/align_heldout5/A_RES_79_121__A_C.6_80_L.21.gold", "en", "held5", "same", 0.97 },
	{ "en held5 C.6 L.6 -> L.7", "tests/data/en_heldout23/A_C.6_80_L.6.txt",
	  "tests/data/en_heldout23/A_C.6_80_L.7.txt", "en",
	  "tests/data/align_heldout5/A_C.6_80_L.6__A_C.6_80_L.7.gold", "en", "held5", "across", 0.45 },
	{ "en held5 C.6 L.15 -> L.11", "tests/data/en_heldout23/A_C.6_80_L.15.txt",
	  "tests/data/en_heldout23/A_C.6_80_L.11.txt", "en",
	  "tests/data/align_heldout5/A_C.6_80_L.15__A_C.6_80_L.11.gold", "en", "held5", "across", 0 },
	{ "en held5 79/229 -> C.2 L.43", "tests/data/en_heldout23/A_RES_79_229.txt",
	  "tests/data/en_heldout23/A_C.2_80_L.43.txt", "en",
	  "tests/data/align_heldout5/A_RES_79_229__A_C.2_80_L.43.gold", "en", "held5", "across", 0.995 },
};

#define NPAIRS (sizeof(PAIRS) / sizeof(PAIRS[0]))
#define LAMBDA 1.0           /* L2 penalty of the logistic fit */
/* The rolling-word weight: chosen, not fitted (docs/DIFF.md). */
#define SHIPPED_ROLLING 0.5

/* The formula weight (docs/DIFF.md, "Fifth round"): chosen, not fitted,
 * the shipped value in every fit; RESDIFF_EVAL_FORMULA=X runs every
 * protocol and the shipped constants with X instead (0: no formula
 * table, the fourth round's aligner). */
static double formula_factor(void)
{
	const char *e = getenv("RESDIFF_EVAL_FORMULA");
	return e ? atof(e) : resdiff_align_model_default()->formula;
}

/* The across-series gate (docs/DIFF.md, "Across-series gate"): the share
 * under which the formula factor applies, the shipped value in every fit;
 * RESDIFF_EVAL_FORMULA_GATE=G runs with G instead (0: the factor between
 * any two texts, the fourteenth round's model). */
static double formula_gate(void)
{
	const char *e = getenv("RESDIFF_EVAL_FORMULA_GATE");
	return e ? atof(e) : resdiff_align_model_default()->formula_gate;
}
#define FIT_ROUNDS 3         /* order features depend on the model: refit */

typedef struct {
	resdiff_doc *a, *b;
	bool ok;                 /* the gold fits the parsed texts */
	eval_links gold;
	eval_baseline *base;
	double base_f1, base_t;  /* pair-link F1 at the pair's best threshold */
	eval_score base_score;
} loaded;

/* A pair whose gold links something: the grid's mean pair-link F1 is
 * defined on it (a pair of unrelated texts has no recall to speak of;
 * its false links enter the fit through the regression). */
static bool has_links(const loaded *l)
{
	size_t i;
	for (i = 0; i < l->gold.n; i++)
		if (eval_is_pair(&l->gold.l[i]))
			return true;
	return false;
}

static double pair_f1(const loaded *l, const resdiff_align_model *m, eval_score *out)
{
	resdiff_alignment *al = eval_align(l->a, l->b, m);
	eval_links pred;
	eval_score s;
	eval_links_of(&pred, al);
	s = eval_score_of(&pred, &l->gold, true);
	eval_links_dispose(&pred);
	resdiff_alignment_free(al);
	if (out)
		*out = s;
	return s.f1;
}

/* Fit a model on the pairs train[0..ntrain): the logistic weights by
 * regression (FIT_ROUNDS rounds), then accept and join by the best mean
 * pair-link F1 over a small grid. The rolling-word weight and the word
 * features are chosen, not fitted (SHIPPED_ROLLING, off), as for the
 * shipped model. */
static void fit(resdiff_align_model *out, const loaded *L, const size_t *train, size_t ntrain)
{
	static const double accepts[] = { 0.5, 0.45, 0.4, 0.35, 0.3, 0.25, 0.2, 0.15, 0.1 };
	/* The first round's anchor chain needs a model: one that knows only
	 * that similar clauses match (never the shipped one, which was fitted
	 * on the pairs a fold reports). */
	resdiff_align_model m = { -3.0, { 3.0, 3.0 }, SHIPPED_ROLLING, 0.3, false, formula_factor(),
		formula_gate() };
	double best = -1;
	size_t i, k, round, nlinked = 0;

	for (round = 0; round < FIT_ROUNDS; round++) {
		eval_samples s = { NULL, 0, 0 };
		for (k = 0; k < ntrain; k++)
			eval_collect(&s, L[train[k]].a, L[train[k]].b, &L[train[k]].gold, &m);
		if (getenv("RESDIFF_EVAL_NO_RECAST"))
			for (k = 0; k < s.n; k++)
				s.s[k].x[RESDIFF_ALIGN_F_RECAST] = 0;
		eval_fit_logistic(&m, &s, LAMBDA);
		eval_samples_dispose(&s);
	}
	for (k = 0; k < ntrain; k++)
		nlinked += has_links(&L[train[k]]);
	for (i = 0; i < sizeof(accepts) / sizeof(accepts[0]); i++) {
		double mean = 0;
		m.accept = accepts[i];
		for (k = 0; k < ntrain; k++)
			if (has_links(&L[train[k]]))
				mean += pair_f1(&L[train[k]], &m, NULL) / (double)nlinked;

		if (getenv("RESDIFF_EVAL_GRID"))
			printf("    grid accept %.2f: %.4f\n", m.accept, mean);
		if (mean > best + 1e-9) {
			best = mean;
			*out = m;
		}
	}
}

static void print_model(const char *what, const resdiff_align_model *m)
{
	size_t i;
	printf("  %s: intercept %.2f, weights", what, m->intercept);
	for (i = 0; i < RESDIFF_ALIGN_FEATURES; i++)
		printf(" %.2f", m->weight[i]);
	printf("; rolling %.2f, words %s, accept %.2f, formula %.2f, gate %.2f\n", m->rolling,
		m->words ? "yes" : "no", m->accept, m->formula, m->formula_gate);
}

/* What --min-confidence would do to the held-out figures (docs/DIFF.md,
 * "Floors"). */
#define FLOOR_SHOWN 0.5
#define FLOOR_SHOWN_S "0.5"

#define MAX_CLASSES 16
#define BINS 10
#define MAX_SHAPES 8

typedef struct {
	char name[EVAL_CLASS];
	size_t links, hit;
} class_count;

typedef struct {
	const char *name;
	eval_score s;            /* summed counts */
} shape_count;

/* One matched change as judged against the gold: its confidence and
 * whether all its pair links are right. */
typedef struct {
	size_t pair;
	double confidence;
	bool right;
} judged;

#define MAX_JUDGED 8192

/* What one protocol measured, pooled over the pairs it reported. */
typedef struct {
	class_count cls[MAX_CLASSES];
	size_t ncls;
	judged changes[MAX_JUDGED];
	size_t nchanges;
	shape_count shape[MAX_SHAPES];
	size_t nshape;
	eval_score all;          /* summed counts */
	eval_score floored;      /* the same with --min-confidence FLOOR_SHOWN */
	size_t agree, agree_of;  /* relation agreement on correct pair links */
} tally;

static void count_class(tally *t, const char *name, bool hit)
{
	size_t i;
	const char *key = name[0] ? name : "(none)";
	for (i = 0; i < t->ncls; i++)
		if (!strcmp(t->cls[i].name, key))
			break;
	if (i == t->ncls) {
		assert_true(t->ncls < MAX_CLASSES);
		snprintf(t->cls[t->ncls++].name, EVAL_CLASS, "%s", key);
	}
	t->cls[i].links++;
	t->cls[i].hit += hit;
}

static void add_counts(eval_score *sum, const eval_score *s)
{
	sum->hit += s->hit;
	sum->npred += s->npred;
	sum->ngold += s->ngold;
	sum->agree += s->agree;
	sum->pairs += s->pairs;
	eval_score_finish(sum);
}

static void count_shape(tally *t, const char *shape, const eval_score *s)
{
	size_t i;
	for (i = 0; i < t->nshape && strcmp(t->shape[i].name, shape); i++)
		;
	if (i == t->nshape) {
		assert_true(t->nshape < MAX_SHAPES);
		t->shape[t->nshape++].name = shape;
	}
	add_counts(&t->shape[i].s, s);
	add_counts(&t->all, s);
	t->agree += s->agree;
	t->agree_of += s->pairs;
}

/* Per-class recall and reliability of one held-out alignment. */
static void print_candidate(const eval_samples *cands, const loaded *l, const char *o,
		const char *n)
{
	size_t i, k;
	for (i = 0; i < cands->n; i++) {
		const eval_sample *s = &cands->s[i];
		if (strcmp(l->a->units[s->old_unit].id, o) || strcmp(l->b->units[s->new_unit].id, n))
			continue;
		printf(" p %.2f features", s->p);
		for (k = 0; k < RESDIFF_ALIGN_FEATURES; k++)
			printf(" %.2f", s->x[k]);
		printf("\n");
		return;
	}
	printf(" not a candidate\n");
}

static void tally_pair(tally *t, size_t pair, const loaded *l, const resdiff_alignment *al,
		const resdiff_align_model *m, bool verbose)
{
	eval_samples cands = { NULL, 0, 0 };
	eval_links pred;
	size_t i, k, j;

	eval_links_of(&pred, al);
	if (verbose)
		eval_collect(&cands, l->a, l->b, &l->gold, m);
	for (i = 0; i < l->gold.n; i++) {
		const eval_link *g = &l->gold.l[i];
		bool hit;
		if (!eval_is_pair(g))
			continue;
		hit = eval_find(&pred, g->old_id, g->new_id) != NULL;
		count_class(t, g->cls, hit);
		if (verbose && !hit) {
			printf("      missed %s -> %s (%s%s%s)", g->old_id, g->new_id,
				resdiff_relation_name((resdiff_relation)g->relation),
				g->cls[0] ? ", " : "", g->cls);
			print_candidate(&cands, l, g->old_id, g->new_id);
		}
	}
	for (i = 0; verbose && i < pred.n; i++) {
		const eval_link *g = eval_find(&l->gold, pred.l[i].old_id, pred.l[i].new_id);
		if (g && eval_is_pair(g) && g->relation != pred.l[i].relation)
			printf("      label  %s -> %s: %s, gold %s\n", g->old_id, g->new_id,
				resdiff_relation_name((resdiff_relation)pred.l[i].relation),
				resdiff_relation_name((resdiff_relation)g->relation));
	}
	for (i = 0; verbose && i < pred.n; i++)
		if (eval_is_pair(&pred.l[i]) && !eval_find(&l->gold, pred.l[i].old_id, pred.l[i].new_id))
		{
			printf("      wrong  %s -> %s (%s, confidence %.2f)", pred.l[i].old_id,
				pred.l[i].new_id, resdiff_relation_name((resdiff_relation)pred.l[i].relation),
				pred.l[i].confidence);
			print_candidate(&cands, l, pred.l[i].old_id, pred.l[i].new_id);
		}
	for (i = 0; i < al->change_count; i++) {
		const resdiff_change *c = &al->changes[i];
		bool right = true;
		if (!c->old_count || !c->new_count)
			continue;
		for (k = 0; k < c->old_count && right; k++)
			for (j = 0; j < c->new_count && right; j++)
				right = eval_find(&l->gold, al->old_doc->units[c->old_units[k]].id,
					al->new_doc->units[c->new_units[j]].id) != NULL;
		assert_true(t->nchanges < MAX_JUDGED);
		t->changes[t->nchanges].pair = pair;
		t->changes[t->nchanges].confidence = c->confidence;
		t->changes[t->nchanges++].right = right;
	}
	eval_links_dispose(&pred);
	eval_samples_dispose(&cands);
}

/* The baseline's recall per class, at its best threshold of each pair,
 * pooled by the pair's shape. */
static void tally_baseline(tally *t, const loaded *l, const char *shape)
{
	eval_links bl;
	size_t i;
	eval_baseline_links(&bl, l->base, l->base_t);
	for (i = 0; i < l->gold.n; i++)
		if (eval_is_pair(&l->gold.l[i]))
			count_class(t, l->gold.l[i].cls,
				eval_find(&bl, l->gold.l[i].old_id, l->gold.l[i].new_id) != NULL);
	count_shape(t, shape, &l->base_score);
	eval_links_dispose(&bl);
}

static size_t base_hit(const tally *base, const char *name)
{
	size_t i;
	for (i = 0; i < base->ncls; i++)
		if (!strcmp(base->cls[i].name, name))
			return base->cls[i].hit;
	return 0;
}

/* Platt scaling: 1 / (1 + exp(-(c[0] + c[1] * logit(p)))). */
static double calibrated(const double c[2], double p)
{
	p = p < 1e-6 ? 1e-6 : p > 1 - 1e-6 ? 1 - 1e-6 : p;
	return 1.0 / (1.0 + exp(-(c[0] + c[1] * log(p / (1 - p)))));
}

/* Changes binned by confidence (calibrated by calib[pair] when given)
 * against the share that is right. */
static void print_reliability(const char *title, const judged *ch, size_t n,
		const double (*calib)[2])
{
	size_t bin_n[BINS] = { 0 }, bin_right[BINS] = { 0 }, i;
	double bin_conf[BINS] = { 0 };
	for (i = 0; i < n; i++) {
		double c = calib ? calibrated(calib[ch[i].pair], ch[i].confidence) : ch[i].confidence;
		size_t bin = (size_t)(c * BINS);
		if (bin >= BINS)
			bin = BINS - 1;
		bin_n[bin]++;
		bin_right[bin] += ch[i].right;
		bin_conf[bin] += c;
	}
	printf("  %s:\n", title);
	printf("    confidence  changes  mean  right\n");
	for (i = 0; i < BINS; i++)
		if (bin_n[i])
			printf("    %.1f-%.1f     %5zu  %.3f  %.3f\n", i / (double)BINS,
				(i + 1) / (double)BINS, bin_n[i], bin_conf[i] / (double)bin_n[i],
				(double)bin_right[i] / (double)bin_n[i]);
}

/* The calibration of confidence (resdiff_align_model.calibration): a
 * logistic regression of "right" on logit(confidence), Newton's method,
 * over the changes not of pair `skip` (NPAIRS: none). */
static void calibration_fit(double c[2], const judged *ch, size_t n, size_t skip)
{
	int it;
	c[0] = 0;
	c[1] = 1;
	for (it = 0; it < 50; it++) {
		double g0 = 0, g1 = 0, h00 = 1e-6, h01 = 0, h11 = 1e-6, det, d0, d1;
		size_t i;
		for (i = 0; i < n; i++) {
			double p = ch[i].confidence, x, q;
			if (ch[i].pair == skip)
				continue;
			p = p < 1e-6 ? 1e-6 : p > 1 - 1e-6 ? 1 - 1e-6 : p;
			x = log(p / (1 - p));
			q = 1.0 / (1.0 + exp(-(c[0] + c[1] * x)));
			g0 += ch[i].right - q;
			g1 += (ch[i].right - q) * x;
			h00 += q * (1 - q);
			h01 += q * (1 - q) * x;
			h11 += q * (1 - q) * x * x;
		}
		det = h00 * h11 - h01 * h01;
		if (det <= 0)
			break;
		d0 = (h11 * g0 - h01 * g1) / det;
		d1 = (h00 * g1 - h01 * g0) / det;
		c[0] += d0;
		c[1] += d1;
		if (fabs(d0) + fabs(d1) < 1e-9)
			break;
	}
}

static void print_tally(const tally *t, const tally *base)
{
	size_t i, k;
	printf("  pooled pair links by shape:\n");
	for (i = 0; i < t->nshape; i++) {
		printf("    %-13s P %.3f R %.3f F1 %.3f (%zu/%zu predicted right, %zu/%zu gold found)",
			t->shape[i].name, t->shape[i].s.p, t->shape[i].s.r, t->shape[i].s.f1,
			t->shape[i].s.hit, t->shape[i].s.npred, t->shape[i].s.hit, t->shape[i].s.ngold);
		for (k = 0; base && k < base->nshape; k++)
			if (!strcmp(base->shape[k].name, t->shape[i].name))
				printf(" | baseline P %.3f R %.3f F1 %.3f", base->shape[k].s.p,
					base->shape[k].s.r, base->shape[k].s.f1);
		printf("\n");
	}
	printf("    %-13s P %.3f R %.3f F1 %.3f", "all", t->all.p, t->all.r, t->all.f1);
	if (base)
		printf(" | baseline (best t per pair) P %.3f R %.3f F1 %.3f", base->all.p, base->all.r,
			base->all.f1);
	printf("\n");
	if (t->floored.ngold)
		printf("    %-13s P %.3f R %.3f F1 %.3f\n", "all, --min-confidence " FLOOR_SHOWN_S,
			t->floored.p, t->floored.r, t->floored.f1);
	printf("  relation agreement on correct pair links: %zu/%zu\n", t->agree, t->agree_of);
	printf("  per-class recall of gold pair links (pooled%s):\n", base ? "; baseline beside" : "");
	for (i = 0; i < t->ncls; i++) {
		printf("    %-12s %3zu/%-3zu %.3f", t->cls[i].name, t->cls[i].hit, t->cls[i].links,
			t->cls[i].links ? (double)t->cls[i].hit / (double)t->cls[i].links : 0);
		if (base)
			printf(" | baseline %3zu/%-3zu %.3f", base_hit(base, t->cls[i].name),
				t->cls[i].links, t->cls[i].links ?
				(double)base_hit(base, t->cls[i].name) / (double)t->cls[i].links : 0);
		printf("\n");
	}
	print_reliability("reliability of matched changes (pooled)", t->changes, t->nchanges, NULL);
}

/* Pooled over the pairs left out one at a time (docs/DIFF.md): relation
 * agreement on correct pair links and pair-link precision. */
#define FLOOR_RELATIONS 0.97
#define FLOOR_PRECISION 0.97

/* Pooled over the held-out set with the shipped constants (docs/DIFF.md,
 * "Tenth-round held-out gold"): pair-link F1 and relation agreement on
 * correct pair links, a little under what the fifteen held-out pairs gave
 * when the eleventh round's three were added (0.959, 314/319 = 0.984;
 * the twelve before them gave 0.964 and 262/264, which the floors 0.96
 * and 0.985 were set under). Lowered by the new held-out data, not by a
 * change of the aligner. Raised to 0.96 by the thirteenth round, whose
 * joins judged as parts of their group give 0.965 (78/241 -> 79/62 1.000,
 * its floor 0.99); measured once, nothing chosen on it. */
#define FLOOR_HELD_F1 0.96
#define FLOOR_HELD_RELATIONS 0.98
/* The same for set "held2" (docs/DIFF.md, "Fifteenth round: new held-out
 * gold (gold18)"): a little under its first measurement with the shipped
 * constants (main 1d7cc91's aligner: pooled F1 0.914, relations 117/117);
 * raised to 0.93 with the across-series gate's 0.932, measured once. */
#define FLOOR_HELD2_F1 0.93
#define FLOOR_HELD2_RELATIONS 0.99
/* The same for set "held3" (docs/DIFF.md, "Sixteenth round: held-out
 * gold (gold19)"): a little under its first measurement with the shipped
 * constants (main 7a5dedc's aligner: pooled F1 0.877, relations 71/71). */
#define FLOOR_HELD3_F1 0.87
#define FLOOR_HELD3_RELATIONS 0.99
/* The same for set "held4" (docs/DIFF.md, "Seventeenth round: held-out
 * gold (gold20)"): a little under its first measurement with the shipped
 * constants (main 020febf's aligner: pooled F1 0.921, relations 97/99). */
#define FLOOR_HELD4_F1 0.91
#define FLOOR_HELD4_RELATIONS 0.97
/* The same for set "held5" (docs/DIFF.md, "Eighteenth round: held-out
 * gold (gold21)"): a little under its first measurement with the shipped
 * constants (main ee78c1c's aligner: pooled F1 0.977, relations 125/126). */
#define FLOOR_HELD5_F1 0.97
#define FLOOR_HELD5_RELATIONS 0.98

/* The protocols (docs/DIFF.md, "Protocol"): which pairs a fold reports
 * and which it is fitted on. */
typedef enum {
	PROTOCOL_SECOND,     /* fitted on the first seven pairs, reported on the second five */
	PROTOCOL_LANGUAGE,   /* zh fitted on en, en fitted on zh */
	PROTOCOL_PAIR,       /* leave one pair out (a diagnostic) */
	PROTOCOL_COUNT
} protocol;

static const char *const PROTOCOL_NAMES[PROTOCOL_COUNT] = { "second", "language", "pair" };

/* Pair p is of a held-out set ("held", "held2" to "held5"): never
 * fitted on, in no protocol. */
static bool is_held(size_t p)
{
	return !strcmp(PAIRS[p].set, "held") || !strcmp(PAIRS[p].set, "held2") ||
		!strcmp(PAIRS[p].set, "held3") || !strcmp(PAIRS[p].set, "held4") ||
		!strcmp(PAIRS[p].set, "held5");
}

/* The twelfth round's weakly related pairs (set "weak") are reported in
 * every protocol and chose the unrelated-texts rule's share (align_assign.c),
 * but the logistic weights and accept are fitted on the fourteen others,
 * as the shipped ones are: fitting on them too was measured and lost
 * (docs/DIFF.md, "Twelfth round"). RESDIFF_EVAL_FIT_WEAK=1 fits on them
 * as well; RESDIFF_EVAL_NO_WEAK=1 leaves them out of every fit and figure
 * (the tenth round's protocols). */
static bool is_skipped(size_t p)
{
	return !strcmp(PAIRS[p].set, "weak") && getenv("RESDIFF_EVAL_NO_WEAK");
}

static bool is_unfitted(size_t p)
{
	return (!strcmp(PAIRS[p].set, "weak") && !getenv("RESDIFF_EVAL_FIT_WEAK")) ||
	       !strcmp(PAIRS[p].set, "train19") || !strcmp(PAIRS[p].set, "train20") ||
	       !strcmp(PAIRS[p].set, "train21");
}

/* The fold pair p is reported in; NULL: not reported. */
static const char *fold_of(protocol pr, size_t p)
{
	if (is_held(p) || is_skipped(p))
		return NULL;
	switch (pr) {
	case PROTOCOL_SECOND:
		return strcmp(PAIRS[p].set, "second") && strcmp(PAIRS[p].set, "train19") &&
		       strcmp(PAIRS[p].set, "train20") && strcmp(PAIRS[p].set, "train21") ? NULL :
		       "second";
	case PROTOCOL_LANGUAGE:
		return PAIRS[p].fold;
	default:
		return PAIRS[p].name;
	}
}

/* Is pair p fitted on when the fold is reported? */
static bool trains(protocol pr, size_t p, const char *fold)
{
	if (is_held(p) || is_skipped(p) || is_unfitted(p))
		return false;
	if (pr == PROTOCOL_SECOND)
		return !strcmp(PAIRS[p].set, "first") || !strcmp(PAIRS[p].set, "kind") ||
		       !strcmp(PAIRS[p].set, "weak");
	return strcmp(fold_of(pr, p), fold) != 0;
}

/* RESDIFF_EVAL_PROTOCOLS: a comma-separated list of protocol names; by
 * default all three. */
static bool protocol_wanted(protocol pr)
{
	const char *want = getenv("RESDIFF_EVAL_PROTOCOLS");
	const char *name = PROTOCOL_NAMES[pr];
	size_t n = strlen(name);
	const char *p;
	if (!want)
		return true;
	for (p = strstr(want, name); p; p = strstr(p + 1, name))
		if ((p == want || p[-1] == ',') && (p[n] == '\0' || p[n] == ','))
			return true;
	return false;
}

/* Run one protocol over the loaded pairs: fit each fold, align its pairs,
 * print and pool the figures; scores[p] gets pair p's (if reported). */
static void run_protocol(tally *t, tally *tbase, eval_score *scores, protocol pr,
		const loaded *L, bool verbose)
{
	const char *folds[NPAIRS];
	size_t nfolds = 0, f, p;

	memset(t, 0, sizeof(*t));
	memset(tbase, 0, sizeof(*tbase));
	for (p = 0; p < NPAIRS; p++) {
		const char *fold = fold_of(pr, p);
		if (!fold || !L[p].ok)
			continue;
		for (f = 0; f < nfolds && strcmp(folds[f], fold); f++)
			;
		if (f == nfolds)
			folds[nfolds++] = fold;
	}
	printf("protocol %s:\n", PROTOCOL_NAMES[pr]);
	printf("  | pair | shape | P | R | F1 | relations | baseline F1 (best t) |\n");
	for (f = 0; f < nfolds; f++) {
		size_t train[NPAIRS], ntrain = 0;
		resdiff_align_model m;
		for (p = 0; p < NPAIRS; p++)
			if (L[p].ok && trains(pr, p, folds[f]))
				train[ntrain++] = p;
		if (!ntrain)
			continue;
		fit(&m, L, train, ntrain);
		printf("  fold %s, fitted on %zu other pair(s):\n", folds[f], ntrain);
		print_model("constants", &m);
		for (p = 0; p < NPAIRS; p++) {
			resdiff_alignment *al;
			eval_links pred;
			eval_score s;
			if (!L[p].ok || !fold_of(pr, p) || strcmp(fold_of(pr, p), folds[f]))
				continue;
			al = eval_align(L[p].a, L[p].b, &m);
			eval_links_of(&pred, al);
			s = eval_score_of(&pred, &L[p].gold, true);
			printf("  | %s | %s | %.3f | %.3f | %.3f | %zu/%zu | %.3f (t=%.2f, P %.3f R %.3f) |\n",
				PAIRS[p].name, PAIRS[p].shape, s.p, s.r, s.f1, s.agree, s.pairs, L[p].base_f1,
				L[p].base_t, L[p].base_score.p, L[p].base_score.r);
			scores[p] = s;
			tally_pair(t, p, &L[p], al, &m, verbose);
			tally_baseline(tbase, &L[p], PAIRS[p].shape);
			count_shape(t, PAIRS[p].shape, &s);
			eval_links_dispose(&pred);
			resdiff_alignment_free(al);
			al = eval_align_floor(L[p].a, L[p].b, &m, FLOOR_SHOWN);
			eval_links_of(&pred, al);
			s = eval_score_of(&pred, &L[p].gold, true);
			add_counts(&t->floored, &s);
			eval_links_dispose(&pred);
			resdiff_alignment_free(al);
		}
	}
	print_tally(t, tbase);
}

static void load_pair(loaded *l, const gold_pair *gp, char *why, size_t cap)
{
	int t100;

	l->a = test_parse_source(gp->old_file, gp->lang);
	l->b = test_parse_source(gp->new_file, gp->lang);
	l->ok = eval_gold_read(&l->gold, why, cap, gp->gold, l->a, l->b);
	l->base = eval_baseline_new(l->a, l->b);
	l->base_f1 = -1;
	for (t100 = 1; l->ok && t100 <= 99; t100++) {
		eval_links bl;
		eval_score s;
		eval_baseline_links(&bl, l->base, t100 / 100.0);
		s = eval_score_of(&bl, &l->gold, true);
		if (s.f1 > l->base_f1) {
			l->base_f1 = s.f1;
			l->base_t = t100 / 100.0;
			l->base_score = s;
		}
		eval_links_dispose(&bl);
	}
}

static void dump_samples(const char *path, const loaded *L)
{
	FILE *fp = fopen(path, "w");
	size_t p, k, i;
	assert_non_null(fp);
	for (p = 0; p < NPAIRS; p++) {
		eval_samples s = { NULL, 0, 0 };
		if (!L[p].ok)
			continue;
		eval_collect(&s, L[p].a, L[p].b, &L[p].gold, NULL);
		for (k = 0; k < s.n; k++) {
			fprintf(fp, "%zu\t%s\t%s\t%d\t%d\t%d\t%.4f", p, L[p].a->units[s.s[k].old_unit].id,
				L[p].b->units[s.s[k].new_unit].id, s.s[k].y, s.s[k].best, s.s[k].chosen,
				s.s[k].p);
			for (i = 0; i < RESDIFF_ALIGN_FEATURES; i++)
				fprintf(fp, "\t%.4f", s.s[k].x[i]);
			fprintf(fp, "\n");
		}
		eval_samples_dispose(&s);
	}
	fclose(fp);
}

/* The shipped constants on every gold pair: a training score (they were
 * fitted on all of them); with a held-out set's name (`held`, "held" or
 * "held2" to "held5"), on that set, which no fit ever saw (baseline beside). Returns
 * how many held-out floors (each pair's, then the pooled ones) were
 * broken, each named on stdout. */
static size_t print_shipped(const loaded *L, bool verbose, const char *held)
{
	bool h2 = held && !strcmp(held, "held2"), h3 = held && !strcmp(held, "held3");
	bool h4 = held && !strcmp(held, "held4"), h5 = held && !strcmp(held, "held5");
	double floor_f1 = h5 ? FLOOR_HELD5_F1 : h4 ? FLOOR_HELD4_F1 : h3 ? FLOOR_HELD3_F1 :
		h2 ? FLOOR_HELD2_F1 : FLOOR_HELD_F1;
	double floor_rel = h5 ? FLOOR_HELD5_RELATIONS : h4 ? FLOOR_HELD4_RELATIONS :
		h3 ? FLOOR_HELD3_RELATIONS : h2 ? FLOOR_HELD2_RELATIONS : FLOOR_HELD_RELATIONS;
	size_t below = 0;
	tally *t = calloc(1, sizeof(*t)), *tbase = calloc(1, sizeof(*tbase));
	resdiff_align_model shipped = *resdiff_align_model_default();
	size_t p;

	assert_non_null(t);
	assert_non_null(tbase);
	shipped.formula = formula_factor();
	shipped.formula_gate = formula_gate();
	if (!held)
		print_model("shipped", &shipped);
	if (held)
		printf("shipped constants on the held-out set \"%s\" (never fitted on):\n", held);
	else
		printf("shipped constants on every pair (a training score):\n");
	for (p = 0; p < NPAIRS; p++) {
		resdiff_alignment *al;
		eval_links pred;
		eval_score s;
		if (!L[p].ok || is_skipped(p) ||
		    (held ? strcmp(PAIRS[p].set, held) != 0 : is_held(p)))
			continue;
		al = eval_align(L[p].a, L[p].b, &shipped);
		eval_links_of(&pred, al);
		s = eval_score_of(&pred, &L[p].gold, true);
		printf("  | %s | %s | %.3f | %.3f | %.3f | %zu/%zu | %.3f (t=%.2f, P %.3f R %.3f) |\n",
			PAIRS[p].name, PAIRS[p].shape, s.p, s.r, s.f1, s.agree, s.pairs, L[p].base_f1,
			L[p].base_t, L[p].base_score.p, L[p].base_score.r);
		tally_pair(t, p, &L[p], al, &shipped, verbose);
		tally_baseline(tbase, &L[p], PAIRS[p].shape);
		count_shape(t, PAIRS[p].shape, &s);
		eval_links_dispose(&pred);
		resdiff_alignment_free(al);
		if (held && s.f1 < PAIRS[p].floor) {
			printf("HELD-OUT FLOOR: %s: pair-link F1 %.3f under %.3f\n", PAIRS[p].name, s.f1,
				PAIRS[p].floor);
			below++;
		}
	}
	print_tally(t, held ? tbase : NULL);
	if (held && t->all.f1 < floor_f1) {
		printf("HELD-OUT FLOOR: %s: pooled pair-link F1 %.3f under %.3f\n", held, t->all.f1,
			floor_f1);
		below++;
	}
	if (held && t->agree_of && (double)t->agree / (double)t->agree_of < floor_rel) {
		printf("HELD-OUT FLOOR: %s: relation agreement %zu/%zu under %.3f\n", held, t->agree,
			t->agree_of, floor_rel);
		below++;
	}
	free(t);
	free(tbase);
	return below;
}

/* The calibration of confidence from the held-out changes of leave one
 * pair out: each pair's changes calibrated by a fit on the other pairs'
 * (a held-out reliability table), and the fit on all of them (what
 * align_assign.c ships). */
static void report_calibration(const tally *t)
{
	double (*calib)[2] = calloc(NPAIRS, sizeof(*calib)), all[2];
	size_t p;
	assert_non_null(calib);
	for (p = 0; p < NPAIRS; p++)
		calibration_fit(calib[p], t->changes, t->nchanges, p);
	print_reliability("reliability, calibrated on the other pairs' held-out changes", t->changes,
		t->nchanges, (const double (*)[2])calib);
	calibration_fit(all, t->changes, t->nchanges, NPAIRS);
	printf("  calibration fitted on every pair's held-out changes: %.2f %.2f\n", all[0], all[1]);
	free(calib);
}

static void test_align_eval__held_out(void **state)
{
	loaded L[NPAIRS];
	char why[NPAIRS][2048];
	bool verbose = getenv("RESDIFF_EVAL_VERBOSE") != NULL;
	size_t p, broken = 0, below;
	int pr;

	for (p = 0; p < NPAIRS; p++) {
		load_pair(&L[p], &PAIRS[p], why[p], sizeof(why[p]));
		if (!L[p].ok) {
			printf("GOLD DOES NOT FIT THE PARSE: %s (%s -> %s): %s\n", PAIRS[p].gold,
				PAIRS[p].old_file, PAIRS[p].new_file, why[p]);
			broken++;
		}
	}
	if (getenv("RESDIFF_EVAL_DUMP"))
		dump_samples(getenv("RESDIFF_EVAL_DUMP"), L);
	for (pr = 0; pr < PROTOCOL_COUNT; pr++) {
		tally *t = calloc(1, sizeof(*t)), *tbase = calloc(1, sizeof(*tbase));
		eval_score scores[NPAIRS];
		assert_non_null(t);
		assert_non_null(tbase);
		if (!protocol_wanted((protocol)pr)) {
			free(t);
			free(tbase);
			continue;
		}
		memset(scores, 0, sizeof(scores));
		run_protocol(t, tbase, scores, (protocol)pr, L, verbose);
		if (pr == PROTOCOL_PAIR) {
			report_calibration(t);
			for (p = 0; p < NPAIRS; p++)
				if (L[p].ok && !is_held(p) && scores[p].f1 < PAIRS[p].floor)
					fail_msg("%s: held-out pair-link F1 %.3f under the floor %.2f",
						PAIRS[p].name, scores[p].f1, PAIRS[p].floor);
			if (t->agree_of && (double)t->agree / (double)t->agree_of < FLOOR_RELATIONS)
				fail_msg("relation agreement %zu/%zu under the floor", t->agree, t->agree_of);
			if (t->all.p < FLOOR_PRECISION)
				fail_msg("pooled pair-link precision %.3f under the floor", t->all.p);
		}
		free(t);
		free(tbase);
	}
	if (getenv("RESDIFF_EVAL_FIT_ALL")) {
		size_t all[NPAIRS], n = 0;
		resdiff_align_model m;
		for (p = 0; p < NPAIRS; p++)
			if (L[p].ok && !is_held(p) && !is_skipped(p) && !is_unfitted(p))
				all[n++] = p;
		fit(&m, L, all, n);
		printf("fitted on every pair (the shipped constants come from here):\n");
		print_model("constants", &m);
	}
	print_shipped(L, verbose, NULL);
	/* RESDIFF_EVAL_NO_HELD=1: develop without seeing the held-out sets. */
	below = 0;
	if (!getenv("RESDIFF_EVAL_NO_HELD"))
		below = print_shipped(L, verbose, "held") + print_shipped(L, verbose, "held2") +
			print_shipped(L, verbose, "held3") + print_shipped(L, verbose, "held4") +
			print_shipped(L, verbose, "held5");
	for (p = 0; p < NPAIRS; p++) {
		eval_baseline_free(L[p].base);
		eval_links_dispose(&L[p].gold);
		resdiff_doc_free(L[p].a);
		resdiff_doc_free(L[p].b);
	}
	/* A gold file that no longer fits the parsed texts (the parser's ids
	 * changed) fails the test by name; the figures above leave it out. */
	if (broken)
		fail_msg("%zu gold file(s) do not fit the parsed texts: see GOLD DOES NOT FIT above",
			broken);
	if (below)
		fail_msg("%zu held-out floor(s) broken: see HELD-OUT FLOOR above", below);
}

static void assert_lineage(const char *old_file, const char *old_id, const char *new_file,
		const char *new_id)
{
	resdiff_doc *a = test_parse_source(old_file, "zh"), *b = test_parse_source(new_file, "zh");
	resdiff_alignment *al = NULL;
	const resdiff_unit *u = resdiff_doc_unit_by_id(a, old_id);
	const resdiff_change *c;

	assert_non_null(u);
	if (resdiff_align(&al, a, b, NULL) < 0)
		fail_msg("%s", resdiff_error_last());
	c = &al->changes[al->old_change[u - a->units]];
	if (c->relation != RESDIFF_REL_REWORDED || c->new_count != 1 ||
	    strcmp(b->units[c->new_units[0]].id, new_id))
		fail_msg("%s %s: %s -> %s, want reworded %s", old_file, old_id,
			resdiff_relation_name(c->relation),
			c->new_count ? b->units[c->new_units[0]].id : "-", new_id);
	printf("lineage %s %s -> %s %s reworded %.2f confidence %.2f%s\n", a->meta.symbol, old_id,
		b->meta.symbol, new_id, c->similarity, c->confidence, c->moved ? " moved" : "");
	resdiff_alignment_free(al);
	resdiff_doc_free(a);
	resdiff_doc_free(b);
}

static void test_align_eval__known_lineage(void **state)
{
	assert_lineage("corpus/E_RES_2009_7.zh.txt", "OP6", "corpus/A_RES_65_141.zh.txt", "OP7");
	assert_lineage("corpus/A_RES_65_141.zh.txt", "OP7", "corpus/E_RES_2017_21.zh.txt", "OP21");
	assert_lineage("corpus/E_RES_2009_7.zh.txt", "OP6", "corpus/E_RES_2017_21.zh.txt", "OP21");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_align_eval__held_out),
		cmocka_unit_test(test_align_eval__known_lineage),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
