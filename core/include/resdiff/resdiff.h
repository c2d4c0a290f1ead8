/*
 * resdiff/resdiff.h: the umbrella header of libresdiff.
 *
 * The library is one pipeline, parse -> store -> diff -> render; each stage
 * has its own header, included here. Link with `pkg-config --libs resdiff`.
 */
#ifndef RESDIFF_H
#define RESDIFF_H

#define RESDIFF_VERSION "0.1.0"
#define RESDIFF_VERSION_MAJOR 0
#define RESDIFF_VERSION_MINOR 1
#define RESDIFF_VERSION_PATCH 0

#include "resdiff/common.h"
#include "resdiff/text.h"
#include "resdiff/name.h"
#include "resdiff/doc.h"
#include "resdiff/manifest.h"
#include "resdiff/parse.h"
#include "resdiff/pdf.h"
#include "resdiff/render.h"
#include "resdiff/canon.h"
#include "resdiff/store.h"
#include "resdiff/check.h"
#include "resdiff/lang.h"
#include "resdiff/compare.h"
#include "resdiff/align.h"
#include "resdiff/concordance.h"
#include "resdiff/parallel.h"
#include "resdiff/worddiff.h"
#include "resdiff/diff.h"
#include "resdiff/amend.h"
#include "resdiff/report.h"
#include "resdiff/provenance.h"
#include "resdiff/akn.h"
#include "resdiff/remote.h"

#endif
