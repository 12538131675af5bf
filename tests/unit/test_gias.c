/*
 * test_gias.c - reading GIAS files into checked rows (registry/gias.h):
 * the single-value checks (status names, phases, dates, URNs), the reader
 * on small files written here (columns by name in any order, quoted or
 * not, CRLF or LF, a byte-order mark, Windows-1252, a download's linked
 * establishments spilling over, rows of another layout, cut-short rows,
 * children's centres, the links file, rejections with their lines, values
 * made one line, the longest values, local authority codes, NUL bytes,
 * files of UTF-8 and Windows-1252 lines), the real 135-column file in
 * ../shared/data; and what an import says: its links in words, the
 * rejected rows' report.
 *
 * Expected values are GIAS's own vocabulary (the status and phase names
 * of the files in ../shared/data) and the rows written in each test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/csv.h"
#include "core/log.h"
#include "registry/gias.h"
#include "registry/gias_import.h"
#include "unit_util.h"

/* ---- single values ---- */

static void test_status(void **state)
{
	(void)state;
	assert_string_equal(gias_status("Open"), "open");
	assert_string_equal(gias_status("Closed"), "closed");
	assert_string_equal(gias_status("Open, but proposed to close"), "open_proposed_to_close");
	assert_string_equal(gias_status("Proposed to open"), "proposed_to_open");
	assert_string_equal(gias_status("OPEN"), "open");
	assert_null(gias_status("Shut"));
	assert_null(gias_status(""));
}

static void test_phase(void **state)
{
	(void)state;
	assert_string_equal(gias_phase("Primary"), "Primary");
	assert_string_equal(gias_phase("middle deemed secondary"), "Middle deemed secondary");
	assert_string_equal(gias_phase("16 plus"), "16 plus");
	assert_string_equal(gias_phase("Not applicable"), "Not applicable");
	assert_null(gias_phase("Tertiary"));
	assert_null(gias_phase(""));
}

static void test_date(void **state)
{
	(void)state;
	char d[11];
	assert_true(gias_date("31-08-1992", d));
	assert_string_equal(d, "1992-08-31");
	assert_true(gias_date("29/02/2020", d));
	assert_string_equal(d, "2020-02-29");
	assert_true(gias_date("2000-02-29", d));
	assert_string_equal(d, "2000-02-29");
	assert_true(gias_date("", d));
	assert_string_equal(d, "");
	const char *bad[] = {"29-02-2021", "29-02-1900", "32-01-2020", "00-01-2020", "01-13-2020", "1-8-1992",
			     "31-08-92", "31.08.1992", "31-08/1992", "tomorrow", "2020-1-01", "31-08-1992 "};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (gias_date(bad[i], d))
			fail_msg("\"%s\" was taken for a date", bad[i]);
}

static void test_urn(void **state)
{
	(void)state;
	assert_true(gias_urn_valid("100000"));
	assert_true(gias_urn_valid("1000000"));
	assert_false(gias_urn_valid("20001")); /* a children's centre's */
	assert_false(gias_urn_valid("12345678"));
	assert_false(gias_urn_valid("10000a"));
	assert_false(gias_urn_valid("012345"));
	assert_false(gias_urn_valid(""));
	assert_false(gias_urn_valid(" 100000"));
}

/* ---- the reader ---- */

#define MAX_SEEN 16

struct seen {
	size_t nschools, nlinks, nrejects;
	char schools[MAX_SEEN][400];
	char digests[MAX_SEEN][33];
	char links[MAX_SEEN][120];
	char rejects[MAX_SEEN][400];
	bool stop_on_reject;
};

static enum err on_school(void *ctx, const struct gias_school *s)
{
	struct seen *sn = ctx;
	if (sn->nschools < MAX_SEEN) {
		snprintf(sn->schools[sn->nschools], sizeof(sn->schools[0]),
			 "%zu|%s|%s|%s|%s|%s|%s|%s|%s|%lld|%lld|%lld|%s|%s|%s|%s|%s|%zu", s->line, s->urn, s->name,
			 s->la_code, s->status, s->phase, s->open_date ? s->open_date : "-",
			 s->close_date ? s->close_date : "-", s->changed_on ? s->changed_on : "-",
			 (long long)s->low_age, (long long)s->high_age, (long long)s->pupils, s->trust_code,
			 s->trust_name, s->postcode, s->region, s->type, s->nlinks);
		memcpy(sn->digests[sn->nschools], s->digest, 33);
	}
	sn->nschools++;
	for (size_t i = 0; i < s->nlinks && sn->nlinks < MAX_SEEN; i++) {
		snprintf(sn->links[sn->nlinks++], sizeof(sn->links[0]), "%zu|%s|%s|%s|%s|%s", s->links[i].line,
			 s->links[i].urn, s->links[i].link_urn, s->links[i].type, s->links[i].name,
			 s->links[i].date ? s->links[i].date : "-");
	}
	return ERR_OK;
}

static enum err on_link(void *ctx, const struct gias_link *l)
{
	struct seen *sn = ctx;
	if (sn->nlinks < MAX_SEEN)
		snprintf(sn->links[sn->nlinks++], sizeof(sn->links[0]), "%zu|%s|%s|%s|%s|%s", l->line, l->urn,
			 l->link_urn, l->type, l->name, l->date ? l->date : "-");
	return ERR_OK;
}

static enum err on_reject(void *ctx, size_t line, const char *urn, const char *name, const char *reason)
{
	struct seen *sn = ctx;
	if (sn->nrejects < MAX_SEEN)
		snprintf(sn->rejects[sn->nrejects], sizeof(sn->rejects[0]), "%zu|%s|%s|%s", line, urn, name, reason);
	sn->nrejects++;
	return sn->stop_on_reject ? ERR_INVALID : ERR_OK;
}

static const struct gias_handlers handlers = {on_school, on_link, on_reject};

/* Reads data (len bytes) in pieces of piece bytes (0: whole). */
static enum err read_gias(enum gias_kind kind, enum text_encoding enc, const char *data, size_t len, size_t piece,
			  struct seen *sn, char *msg, size_t msglen, size_t *skipped)
{
	struct gias_reader *r = gias_reader_new(kind, enc, &handlers, sn);
	if (!piece)
		piece = len ? len : 1;
	enum err e = ERR_OK;
	for (size_t at = 0; at < len && !e; at += piece)
		e = gias_reader_feed(r, data + at, at + piece <= len ? piece : len - at);
	if (!e)
		e = gias_reader_end(r);
	snprintf(msg, msglen, "%s", gias_reader_message(r));
	if (skipped)
		*skipped = gias_reader_skipped(r);
	gias_reader_free(r);
	return e;
}

/* A small establishments file in GIAS's "(code)"/"(name)" style: the
 * columns of edubasealldata that the registry reads, plus some it does not,
 * in GIAS's order. */
#define HEADER                                                                                                \
	"\"URN\",\"LA (code)\",\"LA (name)\",\"EstablishmentNumber\",\"EstablishmentName\","                   \
	"\"TypeOfEstablishment (code)\",\"TypeOfEstablishment (name)\",\"EstablishmentStatus (code)\","      \
	"\"EstablishmentStatus (name)\",\"OpenDate\",\"CloseDate\",\"PhaseOfEducation (name)\","             \
	"\"StatutoryLowAge\",\"StatutoryHighAge\",\"NumberOfPupils\",\"Trusts (code)\",\"Trusts (name)\","   \
	"\"LastChangedDate\",\"Postcode\",\"GOR (name)\""

static void test_reads_a_school(void **state)
{
	(void)state;
	const char *file = HEADER "\r\n"
		"\"100000\",\"201\",\"City of London\",\"3614\",\" The Aldgate School \",\"02\","
		"\"Voluntary aided school\",\"1\",\"Open\",\"\",\"\",\"Primary\",\"3\",\"11\",\"249\",\"\",\"\","
		"\"14-01-2026\",\"EC3A 5DE\",\"London\"\r\n"
		"100004,202,Camden,1045,Sherborne Nursery School,15,Local authority nursery school,2,Closed,,"
		"31-08-1992,Nursery,3,5,,17729,ST BENEDICT CATHOLIC ACADEMY TRUST,24-09-2015,NW5 4LP,London\n";
	struct seen sn;
	memset(&sn, 0, sizeof(sn));
	char msg[512];
	assert_int_equal(read_gias(GIAS_ESTABLISHMENTS, ENC_UTF8, file, strlen(file), 0, &sn, msg, sizeof(msg), NULL),
			 ERR_OK);
	assert_int_equal(sn.nschools, 2);
	assert_int_equal(sn.nrejects, 0);
	assert_string_equal(sn.schools[0], "2|100000|The Aldgate School|201|open|Primary|-|-|2026-01-14|3|11|249|||"
					   "EC3A 5DE|London|Voluntary aided school|0");
	assert_string_equal(sn.schools[1], "3|100004|Sherborne Nursery School|202|closed|Nursery|-|1992-08-31|"
					   "2015-09-24|3|5|-1|17729|ST BENEDICT CATHOLIC ACADEMY TRUST|NW5 4LP|"
					   "London|Local authority nursery school|0");
	assert_string_not_equal(sn.digests[0], sn.digests[1]);
	assert_int_equal(strlen(sn.digests[0]), 32);
}

/* The same rows with the columns in another order, unquoted, LF: the same
 * schools, the same digests. */
static void test_columns_by_name_same_digest(void **state)
{
	(void)state;
	const char *a = HEADER "\n\"100000\",\"201\",\"City of London\",\"3614\",\"The Aldgate School\",\"02\","
			       "\"Voluntary aided school\",\"1\",\"Open\",\"\",\"\",\"Primary\",\"3\",\"11\",\"249\","
			       "\"\",\"\",\"14-01-2026\",\"EC3A 5DE\",\"London\"\n";
	const char *b = "PhaseOfEducation (name),Postcode,EstablishmentName,URN,GOR (name),LA (name),LA (code),"
			"EstablishmentStatus (name),NumberOfPupils,StatutoryHighAge,StatutoryLowAge,"
			"TypeOfEstablishment (name),EstablishmentNumber,LastChangedDate,Trusts (name),Trusts (code),"
			"OpenDate,CloseDate\n"
			"Primary,EC3A 5DE,The Aldgate School,100000,London,City of London,201,Open,249,11,3,"
			"Voluntary aided school,3614,14-01-2026,,,,\n";
	struct seen sa, sb;
	memset(&sa, 0, sizeof(sa));
	memset(&sb, 0, sizeof(sb));
	char msg[512];
	assert_int_equal(read_gias(GIAS_ANY, ENC_UTF8, a, strlen(a), 0, &sa, msg, sizeof(msg), NULL), ERR_OK);
	assert_int_equal(read_gias(GIAS_ANY, ENC_UTF8, b, strlen(b), 7, &sb, msg, sizeof(msg), NULL), ERR_OK);
	assert_int_equal(sa.nschools, 1);
	assert_int_equal(sb.nschools, 1);
	assert_string_equal(sa.schools[0], sb.schools[0]);
	assert_string_equal(sa.digests[0], sb.digests[0]);
}

/* One row written in UTF-8, UTF-8 with a byte-order mark, and
 * Windows-1252, fed whole and a byte at a time: the same school. */
static void test_encodings_give_the_same_school(void **state)
{
	(void)state;
	const char *utf8 = HEADER "\r\n\"100371\",\"205\",\"Hammersmith and Fulham\",\"6905\","
				  "\"Ecole Fran\xC3\xA7" "aise de Londres Jacques Pr\xC3\xA9vert \xE2\x80\x93 St Mary\xE2\x80\x99s \xE2\x82\xAC\","
				  "\"11\",\"Other independent school\",\"1\",\"Open\",\"\",\"\",\"Primary\",\"4\",\"11\","
				  "\"\",\"\",\"\",\"\",\"W6 7BE\",\"London\"\r\n";
	const char *cp = HEADER "\r\n\"100371\",\"205\",\"Hammersmith and Fulham\",\"6905\","
				"\"Ecole Fran\xE7" "aise de Londres Jacques Pr\xE9vert \x96 St Mary\x92s \x80\","
				"\"11\",\"Other independent school\",\"1\",\"Open\",\"\",\"\",\"Primary\",\"4\",\"11\","
				"\"\",\"\",\"\",\"\",\"W6 7BE\",\"London\"\r\n";
	char bom[2048];
	snprintf(bom, sizeof(bom), "\xEF\xBB\xBF%s", utf8);
	struct {
		const char *data;
		enum text_encoding enc;
	} files[] = {{utf8, ENC_UTF8}, {bom, ENC_UTF8}, {cp, ENC_CP1252}};
	char first[400] = "", digest[33] = "";
	for (size_t f = 0; f < 3; f++) {
		assert_int_equal(encoding_detect(files[f].data, strlen(files[f].data)), files[f].enc);
		for (size_t piece = 0; piece <= 1; piece++) {
			struct seen sn;
			memset(&sn, 0, sizeof(sn));
			char msg[512];
			assert_int_equal(read_gias(GIAS_ESTABLISHMENTS, files[f].enc, files[f].data,
						   strlen(files[f].data), piece, &sn, msg, sizeof(msg), NULL),
					 ERR_OK);
			assert_int_equal(sn.nschools, 1);
			if (!first[0]) {
				snprintf(first, sizeof(first), "%s", sn.schools[0]);
				memcpy(digest, sn.digests[0], 33);
			}
			assert_string_equal(sn.schools[0], first);
			assert_string_equal(sn.digests[0], digest);
		}
	}
	assert_non_null(strstr(first, "|Ecole Fran\xC3\xA7" "aise de Londres Jacques Pr\xC3\xA9vert \xE2\x80\x93 St "
				       "Mary\xE2\x80\x99s \xE2\x82\xAC|"));
}

static void test_rejections_with_lines(void **state)
{
	(void)state;
	const char *file = HEADER "\n"
		"100001,201,City of London,1,A,02,Community school,1,Open,,,Primary,,,,,,,,\n"      /* 2: fine */
		"12345x,201,City of London,1,B,02,Community school,1,Open,,,Primary,,,,,,,,\n"      /* 3 */
		"100003,201,City of London,1,,02,Community school,1,Open,,,Primary,,,,,,,,\n"       /* 4 */
		"100004,201,City of London,1,D,02,Community school,1,Shut,,,Primary,,,,,,,,\n"      /* 5 */
		"100005,201,City of London,1,E,02,Community school,1,Open,,,Tertiary,,,,,,,,\n"     /* 6 */
		"100006,201,City of London,1,F,02,Community school,1,Open,31-02-2020,,Primary,,,,,,,,\n" /* 7 */
		"100007,201,City of London,1,G,02,Community school,1,Open,,,Primary,x,,,,,,,\n"     /* 8 */
		"100001,201,City of London,1,A again,02,Community school,1,Open,,,Primary,,,,,,,,\n" /* 9 */
		"100009,201,City of London\n"                                                         /* 10 */
		"100010,201,City of London,1,J,02,Community school,1,Open,,,Primary,,,,,,,,,x,y\n"  /* 11 */
		"\"100011\",\"201\",\"City of London\",\"1\",\"K\",\"02\",\"Community school\",\"1\",\"Open\",\"\","
		"\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\"\n";                                     /* 12 */
	struct seen sn;
	memset(&sn, 0, sizeof(sn));
	char msg[512];
	assert_int_equal(read_gias(GIAS_ESTABLISHMENTS, ENC_UTF8, file, strlen(file), 0, &sn, msg, sizeof(msg), NULL),
			 ERR_OK);
	assert_int_equal(sn.nschools, 1);
	assert_int_equal(sn.nrejects, 10);
	const char *want[] = {
		"3|12345x|B|the URN \"12345x\" is not 6 or 7 digits",
		"4|100003||there is no name (EstablishmentName)",
		"5|100004|D|the status \"Shut\" is not one of GIAS's (Open; Closed; Open, but proposed to close; "
		"Proposed to open)",
		"6|100005|E|the phase of education \"Tertiary\" is not one of GIAS's",
		"7|100006|F|OpenDate \"31-02-2020\" is not a date (dd-mm-yyyy)",
		"8|100007|G|StatutoryLowAge \"x\" is not a whole number",
		"9|100001|A again|the URN 100001 is in the file more than once",
		"10|100009||the row has 3 fields where the header has 20: it is cut short",
		"11|100010|J|the row has 22 fields where the header has 20: its columns cannot be matched to the "
		"header's",
		"12|100011|K|there is no phase of education (PhaseOfEducation)",
	};
	for (size_t i = 0; i < 10; i++)
		assert_string_equal(sn.rejects[i], want[i]);

	/* all or nothing: the first rejection stops the reading, with its line */
	memset(&sn, 0, sizeof(sn));
	sn.stop_on_reject = true;
	assert_int_equal(read_gias(GIAS_ESTABLISHMENTS, ENC_UTF8, file, strlen(file), 0, &sn, msg, sizeof(msg), NULL),
			 ERR_INVALID);
	assert_string_equal(msg, "line 3: the URN \"12345x\" is not 6 or 7 digits");
	assert_int_equal(sn.nrejects, 1);
}

/* The website's download: names only, and "Linked establishments" whose
 * further links spill into extra fields. */
static void test_download_links_spill_over(void **state)
{
	(void)state;
	const char *file =
		"\"URN\",\"LA (code)\",\"LA (name)\",\"EstablishmentName\",\"TypeOfEstablishment (name)\","
		"\"EstablishmentStatus (name)\",\"PhaseOfEducation (name)\",\"Linked establishments\"\r\n"
		"\"115850\",\"850\",\"Hampshire\",\"Alton Infant School\",\"Community school\",\"Open\",\"Primary\","
		"\"Does not have links\"\r\n"
		"\"125020\",\"850\",\"Hampshire\",\"Old School\",\"Community school\",\"Closed\",\"Primary\","
		"\"124970 Predecessor\",\"125063 Predecessor\",\"145279 Successor - merged\"\r\n"
		"\"20115\",\"936\",\"Surrey\",\"A Centre\",\"Children's centre\",\"Open\",\"Not applicable\",\"\"\r\n"
		"\"125021\",\"850\",\"Hampshire\",\"Bad Links\",\"Community school\",\"Open\",\"Primary\",\"Successor\"\r\n"
		"\"125022\",\"850\",\"Hampshire\",\"Zero Link\",\"Community school\",\"Open\",\"Primary\","
		"\"0124970 Predecessor\"\r\n";
	struct seen sn;
	memset(&sn, 0, sizeof(sn));
	char msg[512];
	size_t skipped;
	assert_int_equal(read_gias(GIAS_ESTABLISHMENTS, ENC_UTF8, file, strlen(file), 5, &sn, msg, sizeof(msg), &skipped),
			 ERR_OK);
	assert_int_equal(sn.nschools, 2);
	assert_int_equal(skipped, 1); /* the children's centre */
	assert_int_equal(sn.nlinks, 3);
	assert_string_equal(sn.links[0], "3|125020|124970|Predecessor||-");
	assert_string_equal(sn.links[1], "3|125020|125063|Predecessor||-");
	assert_string_equal(sn.links[2], "3|125020|145279|Successor - merged||-");
	assert_int_equal(sn.nrejects, 2);
	assert_string_equal(sn.rejects[0], "5|125021|Bad Links|Linked establishments \"Successor\" is not a URN and a "
					   "link type (\"148213 Successor\")");
	/* a URN never starts with 0 (found by fuzz/gias) */
	assert_string_equal(sn.rejects[1], "6|125022|Zero Link|Linked establishments \"0124970 Predecessor\" is not a "
					   "URN and a link type (\"148213 Successor\")");
}

static void test_links_file(void **state)
{
	(void)state;
	const char *file = "\"URN\",\"LinkURN\",\"LinkName\",\"LinkType\",\"LinkEstablishedDate\"\r\n"
			   "100006,134643,\"CCfL Key Stage 3 PRU\",\"Predecessor - merged\",\"01-01-2022\"\r\n"
			   "100016,132245,\"Kingsgate Primary School\",\"Successor\",\"\"\r\n"
			   "100017,1322,\"Kingsgate Primary School\",\"Successor\",\"\"\r\n"
			   "100018,132245,\"Kingsgate Primary School\",\"\",\"\"\r\n"
			   "100019,132245,\"Kingsgate Primary School\",\"Successor\",\"2022\"";
	struct seen sn;
	memset(&sn, 0, sizeof(sn));
	char msg[512];
	assert_int_equal(read_gias(GIAS_ANY, ENC_UTF8, file, strlen(file), 0, &sn, msg, sizeof(msg), NULL), ERR_OK);
	assert_int_equal(sn.nlinks, 2);
	assert_string_equal(sn.links[0], "2|100006|134643|Predecessor - merged|CCfL Key Stage 3 PRU|2022-01-01");
	assert_string_equal(sn.links[1], "3|100016|132245|Successor|Kingsgate Primary School|-");
	assert_int_equal(sn.nrejects, 3);
	assert_string_equal(sn.rejects[0], "4|100017|Kingsgate Primary School|the LinkURN \"1322\" is not 6 or 7 digits");
	assert_string_equal(sn.rejects[1], "5|100018|Kingsgate Primary School|there is no LinkType");
	assert_string_equal(sn.rejects[2], "6|100019|Kingsgate Primary School|LinkEstablishedDate \"2022\" is not a "
					   "date (dd-mm-yyyy)");
}

static void test_files_refused(void **state)
{
	(void)state;
	struct {
		enum gias_kind kind;
		const char *data;
		const char *msg;
	} cases[] = {
		{GIAS_ESTABLISHMENTS,
		 "\"URN\",\"LA (code)\",\"LA (name)\",\"EstablishmentName\",\"TypeOfEstablishment (code)\","
		 "\"TypeOfEstablishment (name)\",\"EstablishmentStatus (code)\",\"EstablishmentStatus (name)\","
		 "\"OpenDate\"\r\n\"20001\",\"873\",\"Cambridgeshire\",\"A Centre\",\"41\",\"Children's centre\","
		 "\"1\",\"Open\",\"18-12-2009\"\r\n",
		 "this is GIAS's children's centres file (it has no PhaseOfEducation column): children's centres are "
		 "not schools and are not imported. The schools are in GIAS's establishments file, edubasealldata.csv"},
		{GIAS_ESTABLISHMENTS, "URN,LinkURN,LinkName,LinkType,LinkEstablishedDate\n100006,134643,A,Successor,\n",
		 "this is GIAS's links file (it has a LinkURN column), not an establishments file: give it as the links "
		 "file"},
		{GIAS_LINKS, HEADER "\n",
		 "this is an establishments file, not GIAS's links file (URN, LinkURN, LinkName, LinkType, "
		 "LinkEstablishedDate)"},
		{GIAS_ANY, "urn,name,town,postcode\n100000,The Aldgate School,London,EC3A 5DE\n",
		 "line 1: there is no column called \"EstablishmentName\": this is not a GIAS file (an establishments file such as "
		 "edubasealldata.csv, or the links file)"},
		{GIAS_ANY, "URN,EstablishmentName,LA (code),LA (name),TypeOfEstablishment (name),PhaseOfEducation (name)\n",
		 "line 1: there is no column called \"EstablishmentStatus (name)\": this is not a GIAS establishments file"},
		{GIAS_ANY, "Name,Town\nThe Aldgate School,London\n",
		 "line 1: there is no column called \"URN\": this is not a GIAS file (an establishments file such as "
		 "edubasealldata.csv, or the links file)"},
		{GIAS_ANY, "", "the file is empty"},
		{GIAS_ANY, "PK\x03\x04\x14\0\x06\0", "the file is a spreadsheet workbook (.xlsx or .ods), not CSV: save it as "
						   "\"CSV UTF-8\", or use the file as GIAS gives it"},
		{GIAS_ANY, "\xFF\xFEU\0R\0N\0", "the file is UTF-16 (a spreadsheet's \"Unicode text\"): save it as "
						 "\"CSV UTF-8\", or use the file as GIAS gives it"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct seen sn;
		memset(&sn, 0, sizeof(sn));
		char msg[512];
		size_t len = i >= 7 ? 8 : strlen(cases[i].data); /* the last two hold NULs */
		assert_int_equal(read_gias(cases[i].kind, ENC_UTF8, cases[i].data, len, 0, &sn, msg, sizeof(msg), NULL),
				 ERR_INVALID);
		assert_string_equal(msg, cases[i].msg);
		assert_int_equal(sn.nschools + sn.nlinks + sn.nrejects, 0);
	}
}

/* ---- the real 135-column file ---- */

#define LAYOUT_135 "../shared/data/gias/JackFrostStudios__summer-born-info/ExampleImportFile.csv"

static void test_real_135_columns(void **state)
{
	(void)state;
	char path[1024];
	unit_source_path(LAYOUT_135, path, sizeof(path));
	size_t len;
	char *data = unit_read_file(path, &len);
	if (!data) {
		fail_msg("cannot read %s (a missing prerequisite is a failure)", path);
		return;
	}
	struct seen sn;
	memset(&sn, 0, sizeof(sn));
	char msg[512];
	enum err e = read_gias(GIAS_ANY, encoding_detect(data, len), data, len, 4096, &sn, msg, sizeof(msg), NULL);
	free(data);
	if (e)
		fail_msg("%s", msg);
	/* the file's two rows, as its columns give them */
	assert_int_equal(sn.nschools, 2);
	assert_string_equal(sn.schools[0], "2|100000|The Aldgate School|201|open|Primary|-|-|2026-01-14|3|11|249|||"
					   "EC3A 5DE|London|Voluntary aided school|0");
	assert_string_equal(sn.schools[1], "3|100004|Sherborne Nursery School|202|closed|Nursery|-|1992-08-31|"
					   "2015-09-24|3|5|-1|||NW5 4LP|London|Local authority nursery school|0");
}

/* ---- written back and read again ---- */

struct copying {
	struct buf schools, links;
	struct csv_writer ws, wl;
	struct seen first;
};

static enum err copy_school(void *ctx, const struct gias_school *s)
{
	struct copying *c = ctx;
	if (!c->schools.len)
		gias_write_schools_header(&c->ws);
	gias_write_school(&c->ws, s);
	for (size_t i = 0; i < s->nlinks; i++) {
		if (!c->links.len)
			gias_write_links_header(&c->wl);
		gias_write_link(&c->wl, &s->links[i]);
	}
	return on_school(&c->first, s);
}

static enum err copy_link(void *ctx, const struct gias_link *l)
{
	struct copying *c = ctx;
	if (!c->links.len)
		gias_write_links_header(&c->wl);
	gias_write_link(&c->wl, l);
	return on_link(&c->first, l);
}

static void test_written_back_reads_the_same(void **state)
{
	(void)state;
	/* quotes, commas and accents in values; dates, numbers and trusts given or not; links spilling over */
	const char *file =
		"\"URN\",\"LA (code)\",\"LA (name)\",\"EstablishmentName\",\"TypeOfEstablishment (name)\","
		"\"EstablishmentStatus (name)\",\"PhaseOfEducation (name)\",\"OpenDate\",\"StatutoryLowAge\","
		"\"Trusts (code)\",\"Trusts (name)\",\"Telephone\",\"TelephoneNum\",\"Linked establishments\"\r\n"
		"\"115850\",\"850\",\"Hampshire\",\"St Mary\xE2\x80\x99s \"\"Infant\"\", Alton\",\"Community school\","
		"\"Open, but proposed to close\",\"Primary\",\"01-09-1990\",\"4\",\"\",\"\",\"x\",\"=1+2\","
		"\"124970 Predecessor\",\"125063 Successor - merged\"\r\n"
		"\"115851\",\"850\",\"Hampshire\",\"-Dash School\",\"Academy converter\",\"Proposed to open\","
		"\"Secondary\",\"\",\"\",\"4001\",\"GLF SCHOOLS\",\"\",\"\",\"Does not have links\"\r\n";
	struct copying c;
	memset(&c, 0, sizeof(c));
	c.ws = csv_writer_plain(&c.schools);
	c.wl = csv_writer_plain(&c.links);
	static const struct gias_handlers copier = {copy_school, copy_link, on_reject};
	struct gias_reader *r = gias_reader_new(GIAS_ESTABLISHMENTS, ENC_UTF8, &copier, &c);
	assert_int_equal(gias_reader_feed(r, file, strlen(file)), ERR_OK);
	assert_int_equal(gias_reader_end(r), ERR_OK);
	gias_reader_free(r);
	assert_int_equal(c.first.nschools, 2);
	assert_int_equal(c.first.nlinks, 2);

	struct seen again;
	memset(&again, 0, sizeof(again));
	char msg[512];
	assert_int_equal(read_gias(GIAS_ESTABLISHMENTS, ENC_UTF8, c.schools.data, c.schools.len, 100, &again, msg,
				   sizeof(msg), NULL), ERR_OK);
	assert_int_equal(again.nschools, 2);
	assert_int_equal(again.nrejects, 0);
	for (size_t i = 0; i < 2; i++) {
		assert_string_equal(again.digests[i], c.first.digests[i]);
		/* the same fields but for the line (first) and the links (last), which go with the links */
		char a[400], b[400];
		snprintf(a, sizeof(a), "%s", strchr(again.schools[i], '|'));
		snprintf(b, sizeof(b), "%s", strchr(c.first.schools[i], '|'));
		*strrchr(a, '|') = '\0';
		*strrchr(b, '|') = '\0';
		assert_string_equal(a, b);
	}
	assert_non_null(strstr(again.schools[0], "|St Mary\xE2\x80\x99s \"Infant\", Alton|"));
	assert_non_null(strstr(again.schools[1], "|-Dash School|"));
	struct seen links;
	memset(&links, 0, sizeof(links));
	assert_int_equal(read_gias(GIAS_LINKS, ENC_UTF8, c.links.data, c.links.len, 0, &links, msg, sizeof(msg), NULL),
			 ERR_OK);
	assert_int_equal(links.nlinks, 2);
	assert_string_equal(strchr(links.links[0], '|'), strchr(c.first.links[0], '|'));
	assert_string_equal(strchr(links.links[1], '|'), strchr(c.first.links[1], '|'));
	buf_free(&c.schools);
	buf_free(&c.links);
}

/* A row of HEADER with the given URN, LA code and name (the rest fixed). */
static void row_of(char *out, size_t outlen, const char *urn, const char *la, const char *name)
{
	snprintf(out, outlen, "\"%s\",\"%s\",\"City of London\",\"3614\",\"%s\",\"02\",\"Voluntary aided school\",\"1\","
			      "\"Open\",\"\",\"\",\"Primary\",\"3\",\"11\",\"249\",\"\",\"\",\"14-01-2026\",\"EC3A 5DE\",\"London\"\r\n",
		 urn, la, name);
}

/* Line breaks, tabs and other control characters inside a value are one
 * space (GIAS's names are one line); other spaces stay as they are. */
static void test_values_are_one_line(void **state)
{
	(void)state;
	const char *file = "URN,LA (code),LA (name),EstablishmentName,TypeOfEstablishment (name),"
			   "EstablishmentStatus (name),PhaseOfEducation (name),Street,Town\r\n"
			   "100000,201,City of London,\"The Aldgate\r\nSchool\",Voluntary aided school,Open,Primary,"
			   "\"St James's  \n\t Passage\",\"\tLondon\x0B\"\r\n"
			   "100004,202,Camden,\"Sherborne  Nursery\x1BSchool\",Community school,Closed,Nursery,"
			   "\"Main\x7FRoad\",\"Great  Missenden\r\"\r\n";
	struct copying c;
	memset(&c, 0, sizeof(c));
	c.ws = csv_writer_plain(&c.schools);
	c.wl = csv_writer_plain(&c.links);
	static const struct gias_handlers copier = {copy_school, copy_link, on_reject};
	struct gias_reader *r = gias_reader_new(GIAS_ESTABLISHMENTS, ENC_UTF8, &copier, &c);
	assert_int_equal(gias_reader_feed(r, file, strlen(file)), ERR_OK);
	assert_int_equal(gias_reader_end(r), ERR_OK);
	gias_reader_free(r);
	assert_int_equal(c.first.nschools, 2);
	assert_non_null(strstr(c.first.schools[0], "|The Aldgate School|"));
	assert_non_null(strstr(c.first.schools[1], "|Sherborne  Nursery School|"));
	/* the street and town as written back */
	assert_non_null(strstr(c.schools.data, "\"St James's Passage\""));
	assert_non_null(strstr(c.schools.data, "\"London\""));
	assert_non_null(strstr(c.schools.data, "\"Main Road\""));
	assert_non_null(strstr(c.schools.data, "\"Great  Missenden\""));
	buf_free(&c.schools);
	buf_free(&c.links);
}

/* Every value has a longest length, in characters (not bytes): a longer
 * one makes its row invalid, naming the column; a value in a rejection is
 * cut short between characters. */
static void test_longest_values(void **state)
{
	(void)state;
	char *name250 = malloc(GIAS_MAX_NAME * 2 + 1), *name251 = malloc(GIAS_MAX_NAME + 2),
	     *street = malloc(GIAS_MAX_FIELD + 2);
	for (size_t i = 0; i < GIAS_MAX_NAME; i++)
		memcpy(name250 + 2 * i, "\xC3\xA9", 2); /* é: 250 characters, 500 bytes */
	name250[GIAS_MAX_NAME * 2] = '\0';
	memset(name251, 'a', GIAS_MAX_NAME + 1);
	name251[GIAS_MAX_NAME + 1] = '\0';
	memset(street, 's', GIAS_MAX_FIELD + 1);
	street[GIAS_MAX_FIELD + 1] = '\0';
	struct buf file = {0};
	buf_puts(&file, "URN,LA (code),LA (name),EstablishmentName,TypeOfEstablishment (name),EstablishmentStatus (name),"
			"PhaseOfEducation (name),Street,Linked establishments\n");
	buf_printf(&file, "100000,201,City of London,%s,Community school,Open,Primary,%.*s,\n", name250, GIAS_MAX_FIELD,
		   street);
	buf_printf(&file, "100001,201,City of London,%s,Community school,Open,Primary,,\n", name251);
	buf_printf(&file, "100002,201,City of London,A School,Community school,Open,Primary,%s,\n", street);
	buf_printf(&file, "100003,201,City of London,B School,Community school,Open,Primary,,Does not have links,%s\n",
		   street); /* a download's spill-over */
	buf_printf(&file, "100004,201,City of London,%s%s,Community school,Open,Primary,,\n", name251, name251);
	struct seen sn;
	memset(&sn, 0, sizeof(sn));
	char msg[512];
	assert_int_equal(read_gias(GIAS_ESTABLISHMENTS, ENC_UTF8, file.data, file.len, 1000, &sn, msg, sizeof(msg), NULL),
			 ERR_OK);
	assert_int_equal(sn.nschools, 1);
	assert_int_equal(sn.nrejects, 4);
	char want[400];
	snprintf(want, sizeof(want), "3|100001|%s|EstablishmentName is 251 characters long: GIAS's are never longer than 250",
		 name251);
	assert_string_equal(sn.rejects[0], want);
	snprintf(want, sizeof(want), "6|100004|%s%.*s...|EstablishmentName is 502 characters long: GIAS's are never longer "
				     "than 250", name251, 252 - (GIAS_MAX_NAME + 1), name251); /* the name cut short */
	assert_string_equal(sn.rejects[3], want);
	assert_string_equal(sn.rejects[1], "4|100002|A School|Street is 1,001 characters long: GIAS's are never longer "
					   "than 1,000");
	assert_string_equal(sn.rejects[2], "5|100003|B School|Linked establishments is 1,001 characters long: GIAS's are "
					   "never longer than 1,000");
	buf_free(&file);
	free(name250);
	free(name251);
	free(street);
}

/* A local authority's code is GIAS's: 3 digits, or "0" (Does not apply). */
static void test_la_codes(void **state)
{
	(void)state;
	struct buf file = {0};
	buf_puts(&file, HEADER "\r\n");
	const char *codes[] = {"201", "0", "<x>", "12", "1234", "", "2O1"};
	char row[512];
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		char urn[8];
		snprintf(urn, sizeof(urn), "10000%zu", i);
		row_of(row, sizeof(row), urn, codes[i], "A School");
		buf_puts(&file, row);
	}
	struct seen sn;
	memset(&sn, 0, sizeof(sn));
	char msg[512];
	assert_int_equal(read_gias(GIAS_ESTABLISHMENTS, ENC_UTF8, file.data, file.len, 0, &sn, msg, sizeof(msg), NULL),
			 ERR_OK);
	assert_int_equal(sn.nschools, 2);
	assert_non_null(strstr(sn.schools[0], "|100000|A School|201|"));
	assert_non_null(strstr(sn.schools[1], "|100001|A School|0|"));
	const char *want[] = {
		"4|100002|A School|the local authority code (LA (code)) \"<x>\" is not 3 digits",
		"5|100003|A School|the local authority code (LA (code)) \"12\" is not 3 digits",
		"6|100004|A School|the local authority code (LA (code)) \"1234\" is not 3 digits",
		"7|100005|A School|there is no local authority code (LA (code))",
		"8|100006|A School|the local authority code (LA (code)) \"2O1\" is not 3 digits",
	};
	assert_int_equal(sn.nrejects, 5);
	for (size_t i = 0; i < 5; i++)
		assert_string_equal(sn.rejects[i], want[i]);
	buf_free(&file);
}

/* A NUL byte is not text: the file is refused with its line, whether it
 * is read as UTF-8 or not. */
static void test_nul_refused(void **state)
{
	(void)state;
	char row[512];
	struct buf file = {0};
	buf_puts(&file, HEADER "\r\n");
	row_of(row, sizeof(row), "100000", "201", "The Aldgate School");
	buf_puts(&file, row);
	row_of(row, sizeof(row), "100001", "201", "Web@sites School");
	buf_puts(&file, row);
	*strchr(file.data, '@') = '\0';
	for (enum text_encoding enc = ENC_UTF8; enc <= ENC_CP1252; enc++) {
		struct seen sn;
		memset(&sn, 0, sizeof(sn));
		char msg[512];
		assert_int_equal(read_gias(GIAS_ESTABLISHMENTS, enc, file.data, file.len, 0, &sn, msg, sizeof(msg), NULL),
				 ERR_INVALID);
		assert_string_equal(msg, "line 3 has a NUL byte (a character of code 0): this is not a CSV text file");
		assert_int_equal(sn.nschools, 0);
	}
	buf_free(&file);
}

/* A file of UTF-8 and Windows-1252 lines: each line read in its own, and
 * the file named as both, with the lines of the fewer. */
static void test_mixed_encodings(void **state)
{
	(void)state;
	char row[512];
	struct buf file = {0};
	buf_puts(&file, HEADER "\r\n");
	const char *names[] = {"Caf\xC3\xA9 School", "Caf\xE9 School", "St Mary\x92s", "Ecole Fran\xE7" "aise"};
	for (size_t i = 0; i < 4; i++) {
		char urn[8];
		snprintf(urn, sizeof(urn), "10000%zu", i);
		row_of(row, sizeof(row), urn, "201", names[i]);
		buf_puts(&file, row);
	}
	assert_int_equal(encoding_detect(file.data, file.len), ENC_CP1252);
	for (size_t piece = 0; piece <= 7; piece += 7) {
		struct seen sn;
		memset(&sn, 0, sizeof(sn));
		struct gias_reader *r = gias_reader_new(GIAS_ESTABLISHMENTS, ENC_CP1252, &handlers, &sn);
		size_t step = piece ? piece : file.len;
		for (size_t at = 0; at < file.len; at += step)
			assert_int_equal(gias_reader_feed(r, file.data + at, at + step <= file.len ? step : file.len - at), ERR_OK);
		assert_int_equal(gias_reader_end(r), ERR_OK);
		assert_int_equal(sn.nschools, 4);
		assert_non_null(strstr(sn.schools[0], "|Caf\xC3\xA9 School|"));
		assert_non_null(strstr(sn.schools[1], "|Caf\xC3\xA9 School|"));
		assert_non_null(strstr(sn.schools[2], "|St Mary\xE2\x80\x99s|"));
		assert_non_null(strstr(sn.schools[3], "|Ecole Fran\xC3\xA7" "aise|"));
		char name[40], note[200];
		gias_reader_encoding(r, ENC_CP1252, name, sizeof(name), note, sizeof(note));
		assert_string_equal(name, "Windows-1252 and UTF-8");
		assert_string_equal(note, "Line 2 is in UTF-8, the others in Windows-1252: each line has been read in its own "
					  "encoding");
		gias_reader_free(r);
	}
	/* one encoding throughout: named alone */
	struct seen sn;
	memset(&sn, 0, sizeof(sn));
	struct gias_reader *r = gias_reader_new(GIAS_ESTABLISHMENTS, ENC_UTF8, &handlers, &sn);
	const char *utf8 = HEADER "\n100000,201,City of London,1,Caf\xC3\xA9,02,Community school,1,Open,,,Primary,,,,,,,,\n";
	assert_int_equal(gias_reader_feed(r, utf8, strlen(utf8)), ERR_OK);
	assert_int_equal(gias_reader_end(r), ERR_OK);
	char name[40], note[200];
	gias_reader_encoding(r, ENC_UTF8, name, sizeof(name), note, sizeof(note));
	assert_string_equal(name, "UTF-8");
	assert_string_equal(note, "");
	gias_reader_free(r);
	buf_free(&file);
}

/* ---- what an import says (gias_import.h): links in words, the rejected rows' report ---- */

static void test_links_text(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct gias_counts c = {0};
	assert_null(gias_links_text(a, &c)); /* no link read */
	c.links_created = 34046;
	assert_string_equal(gias_links_text(a, &c), "34,046 links between schools: 34,046 new");
	c = (struct gias_counts){.links_unchanged = 34046};
	assert_string_equal(gias_links_text(a, &c), "34,046 links between schools: no change");
	c = (struct gias_counts){.links_created = 2, .links_updated = 1, .links_unchanged = 34043, .links_rejected = 3};
	assert_string_equal(gias_links_text(a, &c), "34,046 links between schools: 2 new, 1 updated, 34,043 unchanged; 3 rows rejected");
	c = (struct gias_counts){.links_updated = 1};
	assert_string_equal(gias_links_text(a, &c), "1 link between schools: 1 updated");
	c = (struct gias_counts){.links_unchanged = 5, .links_rejected = 1};
	assert_string_equal(gias_links_text(a, &c), "5 links between schools: no change; 1 row rejected");
	c = (struct gias_counts){.links_rejected = 2};
	assert_string_equal(gias_links_text(a, &c), "No links between schools: 2 rows rejected");
	arena_free(a);
}

static void test_rejected_report(void **state)
{
	(void)state;
	struct buf out = {0};
	struct csv_writer w = csv_writer_on(&out, false);
	gias_rejected_header(&w);
	gias_rejected_row(&w, &(struct gias_rejected){"edubasealldata.csv", 12, "1234", "=SUM(A1) \"School\"", "the URN \"1234\" is not 6 or 7 digits"});
	assert_string_equal(out.data, "\"File\",\"Line\",\"URN\",\"Name\",\"Reason\"\r\n"
				      "\"edubasealldata.csv\",\"12\",\"1234\",\"'=SUM(A1) \"\"School\"\"\",\"the URN \"\"1234\"\" is not 6 or 7 digits\"\r\n");
	buf_free(&out);
}

int main(void)
{
	log_set_quiet(1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status),
		cmocka_unit_test(test_phase),
		cmocka_unit_test(test_date),
		cmocka_unit_test(test_urn),
		cmocka_unit_test(test_reads_a_school),
		cmocka_unit_test(test_columns_by_name_same_digest),
		cmocka_unit_test(test_encodings_give_the_same_school),
		cmocka_unit_test(test_rejections_with_lines),
		cmocka_unit_test(test_download_links_spill_over),
		cmocka_unit_test(test_links_file),
		cmocka_unit_test(test_files_refused),
		cmocka_unit_test(test_real_135_columns),
		cmocka_unit_test(test_written_back_reads_the_same),
		cmocka_unit_test(test_values_are_one_line),
		cmocka_unit_test(test_longest_values),
		cmocka_unit_test(test_la_codes),
		cmocka_unit_test(test_nul_refused),
		cmocka_unit_test(test_mixed_encodings),
		cmocka_unit_test(test_links_text),
		cmocka_unit_test(test_rejected_report),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
