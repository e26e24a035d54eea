/* Tests of match_query() on a small watchlist: each spelling, order and
 * birth-date variant finds its entry above the default threshold, and
 * innocent namesakes (other birth date, other sex) stay below it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <cmocka.h>

#include "match/match.h"
#include "util/status.h"

#define T MATCH_THRESHOLD_DEFAULT

struct fx {
	const char *id, *name, *alias, *birth;
	char sex;
	const char *nat, *doc;
};

static const struct fx watch[] = {
	{"vn-long", "Nguyễn Văn Long", NULL, "1985-03-12", 'M', "VNM", "C1234567"},
	{"vn-luong", "Nguyễn Văn Lương", NULL, "1979-11-02", 'M', "VNM", NULL},
	{"vn-huong", "Trần Thị Hương", NULL, "1990-07-04", 'F', "VNM", NULL},
	{"vn-duc", "Đặng Minh Đức", NULL, "1972-01-20", 'M', "VNM", NULL},
	{"vn-anhduc", "Phạm Anh Đức", NULL, "1991-05-05", 'M', "VNM", NULL},
	{"vn-year", "Lê Quang Vinh", NULL, "1968", 'M', "VNM", NULL},
	{"vn-nodate", "Hoàng Thị Mai Khanh", NULL, NULL, 'F', "VNM", NULL},
	{"vn-alias", "Bùi Văn Tài", "Bùi Tiến Dũng", "1988-09-09", 'M', "VNM", NULL},
	{"vn-twomid", "Nguyễn Đức Hữu Thái", NULL, "1989-08-28", 'M', "VNM", NULL},
	{"la-script", "ຄຳພອນ ພົມມະຈັນ", NULL, "1980-02-14", 'M', "LAO", NULL},
	{"la-roman", "Somphone Vongsavanh", NULL, "1975-06-30", 'M', "LAO", "P7654321"},
	{"la-viang", "ວຽງສະໄໝ ສີສຸລາດ", NULL, "1993-12-01", 'F', "LAO", NULL},
	{"th", "สมชาย ใจดี", NULL, "1970-10-10", 'M', "THA", NULL},
	{"cn", "陳明華", NULL, "1966-04-18", 'M', "CHN", NULL},
	{"cn-unihan", "孫逸仙", NULL, "1966-11-12", 'M', "CHN", NULL},
	{"kh", "Sok Dara", NULL, "1983-08-08", 'F', "KHM", NULL},
	{"kh-script", "ស៊ុន ចន្ទា", NULL, "1979-02-02", 'F', "KHM", NULL},
	/* namesakes of vn-long, to make the common name common */
	{"vn-long-2", "Nguyễn Văn Long", NULL, "1962-09-01", 'M', "VNM", NULL},
	{"vn-long-3", "Nguyễn Văn Long", NULL, "2001-01-30", 'M', "VNM", NULL},
	{"vn-filler-1", "Nguyễn Thị Lan", NULL, "1985-03-12", 'F', "VNM", NULL},
	{"vn-filler-2", "Nguyễn Văn Hùng", NULL, "1985-12-03", 'M', "VNM", NULL},
	{"vn-filler-3", "Trần Văn Nam", NULL, "1990-07-04", 'M', "VNM", NULL},
	{"vn-filler-4", "Lê Thị Hoa", NULL, "1977-05-06", 'F', "VNM", NULL},
};

static int setup(void **state)
{
	struct match_index *idx = match_index_new();
	for (size_t i = 0; i < sizeof(watch) / sizeof(watch[0]); i++) {
		const char *names[2] = {watch[i].name, watch[i].alias};
		struct match_entry e = {watch[i].id, names, watch[i].alias ? 2 : 1, watch[i].birth,
					watch[i].sex, watch[i].nat, watch[i].doc, NULL, 0};
		if (match_index_add(idx, &e))
			fail_msg("add %s: %s", watch[i].id, rl_errmsg());
	}
	*state = idx;
	return 0;
}

static int teardown(void **state)
{
	match_index_free(*state);
	return 0;
}

/* The score of entry `id` for the query, or -1 if not returned at all. */
static double score_of(struct match_index *idx, const char *name, const char *birth, char sex,
		       const char *id, char *expl, size_t explsz)
{
	struct match_query q = {name, birth, sex, NULL, NULL};
	struct match_result r[10];
	size_t n = 0;
	if (match_query(idx, &q, 0.0, r, 10, &n))
		fail_msg("query '%s': %s", name, rl_errmsg());
	for (size_t i = 0; i < n; i++)
		if (!strcmp(r[i].id, id)) {
			if (expl)
				snprintf(expl, explsz, "%s", r[i].explanation);
			return r[i].score;
		}
	return -1;
}

static void hit(struct match_index *idx, const char *name, const char *birth, char sex, const char *id)
{
	double s = score_of(idx, name, birth, sex, id, NULL, 0);
	struct match_query q = {name, birth, sex, NULL, NULL};
	struct match_result r[5];
	size_t n = 0;
	if (s < T)
		fail_msg("'%s' %s should match %s: score %.3f", name, birth ? birth : "-", id, s);
	/* and it is the best candidate */
	assert_int_equal(match_query(idx, &q, T, r, 5, &n), 0);
	assert_true(n >= 1);
	if (strcmp(r[0].id, id) && r[0].score > s)
		fail_msg("'%s': %s ranks above %s", name, r[0].id, id);
}

static void miss(struct match_index *idx, const char *name, const char *birth, char sex, const char *id)
{
	double s = score_of(idx, name, birth, sex, id, NULL, 0);
	if (s >= T)
		fail_msg("'%s' %s must not match %s: score %.3f", name, birth ? birth : "-", id, s);
}

static void test_vietnamese_variants(void **state)
{
	struct match_index *idx = *state;
	hit(idx, "Nguyễn Văn Long", "1985-03-12", 'M', "vn-long");
	hit(idx, "Nguyen Van Long", "1985-03-12", 'M', "vn-long");        /* no diacritics */
	hit(idx, "NGUYEN<<VAN<LONG", "1985-03-12", 'M', "vn-long");       /* MRZ */
	hit(idx, "NGUYEN, Van Long", "1985-03-12", 'M', "vn-long");       /* family, given */
	hit(idx, "Long Van Nguyen", "1985-03-12", 'M', "vn-long");        /* given first */
	hit(idx, "Van Long NGUYEN", "1985-03-12", 'M', "vn-long");
	hit(idx, "Nguyen Long", "1985-03-12", 'M', "vn-long");            /* middle dropped */
	hit(idx, "Nguyen Thai", "1989-08-28", 'M', "vn-twomid");          /* two dropped */
	hit(idx, "Nguyeenx Vawn Long", "1985-03-12", 'M', "vn-long");     /* Telex */
	hit(idx, "Nguye64n Va8n Long", "1985-03-12", 'M', "vn-long");     /* VNI */
	hit(idx, "Ngyuen Van Long", "1985-03-12", 'M', "vn-long");        /* one typo */
	hit(idx, "Ngyuen Van Lonh", "1985-03-12", 'M', "vn-long");        /* two typos */
	hit(idx, "NguyenVanLong", "1985-03-12", 'M', "vn-long");          /* run together */
	hit(idx, "NGUYENVANLONG", "1985-03-12", 'M', "vn-long");
	hit(idx, "Ddang Minh Dduc", "1972-01-20", 'M', "vn-duc");         /* đ as dd */
	hit(idx, "Traanf Thij Huwowngf", "1990-07-04", 'F', "vn-huong");  /* Telex horn */
	hit(idx, "Bui Tien Dung", "1988-09-09", 'M', "vn-alias");         /* alias */
}

static void test_birth_dates(void **state)
{
	struct match_index *idx = *state;
	char expl[MATCH_EXPLAIN_MAX];
	hit(idx, "Nguyen Van Long", "1985-12-03", 'M', "vn-long");        /* day/month swapped */
	assert_true(score_of(idx, "Nguyen Van Long", "1985-12-03", 'M', "vn-long", expl, sizeof(expl)) > 0);
	assert_non_null(strstr(expl, "birth date day/month swapped"));
	hit(idx, "Nguyen Van Long", "1986-03-12", 'M', "vn-long");        /* year off by one */
	hit(idx, "Nguyen Van Long", "1985", 'M', "vn-long");              /* year only */
	hit(idx, "Nguyen Van Long", "1985-03", 'M', "vn-long");           /* year and month */
	hit(idx, "Le Quang Vinh", "1968-04-07", 'M', "vn-year");          /* entry knows the year */
	hit(idx, "Hoang Thi Mai Khanh", "1995-01-01", 'F', "vn-nodate");  /* entry has no date */
	/* a query without a date still finds the entry, among its namesakes */
	assert_true(score_of(idx, "Nguyen Van Long", NULL, 'M', "vn-long", NULL, 0) >= T);
	assert_true(score_of(idx, "Nguyen Van Long", NULL, 'M', "vn-long-2", NULL, 0) >= T);
	assert_true(score_of(idx, "Nguyen Van Long", NULL, 'M', "vn-long-3", NULL, 0) >= T);
	/* a slip of the keyboard (no name, no syllable) against an entry with
	 * no date or only a year: the name is still that name */
	hit(idx, "Hoang Thi Mai Khnah", "1995-01-01", 'F', "vn-nodate");
	hit(idx, "Le Quang Vnih", "1968-04-07", 'M', "vn-year");
	/* a year off by one against an entry that knows only the year says
	 * nothing: an exact name still passes, an incomplete one does not */
	hit(idx, "Le Quang Vinh", "1969-04-07", 'M', "vn-year");
	assert_true(score_of(idx, "Le Quang Vinh", "1969-04-07", 'M', "vn-year", expl, sizeof(expl)) > 0);
	assert_non_null(strstr(expl, "birth year off by one, day unknown"));
	assert_true(score_of(idx, "Le Quang Vinh", "1969-04-07", 'M', "vn-year", NULL, 0) <
		    score_of(idx, "Le Quang Vinh", "1968-04-07", 'M', "vn-year", NULL, 0));
	miss(idx, "Le Vinh", "1969-04-07", 'M', "vn-year");
}

static void test_namesakes_not_flagged(void **state)
{
	struct match_index *idx = *state;
	char expl[MATCH_EXPLAIN_MAX];
	/* same name, clearly different birth date: none of the three */
	miss(idx, "Nguyen Van Long", "1955-06-21", 'M', "vn-long");
	miss(idx, "Nguyen Van Long", "1955-06-21", 'M', "vn-long-2");
	miss(idx, "Nguyen Van Long", "1955-06-21", 'M', "vn-long-3");
	/* same name and date, other sex */
	miss(idx, "Nguyen Van Long", "1985-03-12", 'F', "vn-long");
	/* one letter apart is another name: Lương is not Long */
	hit(idx, "Nguyen Van Luong", "1979-11-02", 'M', "vn-luong");
	miss(idx, "Nguyen Van Luong", "1979-11-02", 'M', "vn-long");
	miss(idx, "Nguyen Van Luong", "1966-04-04", 'M', "vn-luong");
	miss(idx, "Nguyen Van Luong", "1966-04-04", 'M', "vn-long");
	assert_true(score_of(idx, "Nguyen Van Luong", NULL, 'M', "vn-luong", NULL, 0) >
		    score_of(idx, "Nguyen Van Luong", NULL, 'M', "vn-long", NULL, 0));
	/* Đức Anh is another name than Anh Đức: it scores below the right
	 * order and says so */
	assert_true(score_of(idx, "Pham Duc Anh", "1991-05-05", 'M', "vn-anhduc", expl, sizeof(expl)) <
		    score_of(idx, "Pham Anh Duc", "1991-05-05", 'M', "vn-anhduc", NULL, 0));
	assert_non_null(strstr(expl, "in another order"));
	miss(idx, "Pham Duc Anh", "1991-05-06", 'M', "vn-anhduc");
	/* a name sharing only the family name */
	miss(idx, "Nguyen Thi Lan", "1985-03-12", 'F', "vn-long");
	/* a near name where the entry has no date: the name must be exact */
	miss(idx, "Hoang Thi Mai Khang", "1995-01-01", 'F', "vn-nodate");
	(void)score_of(idx, "Nguyen Van Long", "1955-06-21", 'M', "vn-long", expl, sizeof(expl));
	assert_non_null(strstr(expl, "birth date differs"));
}

static void test_lao(void **state)
{
	struct match_index *idx = *state;
	/* romanized query, Lao-script entry */
	hit(idx, "KHAMPHONE PHOMMACHANH", "1980-02-14", 'M', "la-script");
	hit(idx, "Khamphon Pommachan", "1980-02-14", 'M', "la-script");   /* ph/p, -nh/-n */
	hit(idx, "Khămphône PHÔMMATCHANH", "1980-02-14", 'M', "la-script"); /* French style */
	hit(idx, "PHOMMACHANH Khamphone", "1980-02-14", 'M', "la-script");
	hit(idx, "Khăm-phon Phôm-ma-chăn", "1980-02-14", 'M', "la-script"); /* Vietnamese style */
	hit(idx, "Khamphone Phom Ma Chanh", "1980-02-14", 'M', "la-script"); /* split */
	hit(idx, "Khampohne Phommachanh", "1980-02-14", 'M', "la-script"); /* typo */
	hit(idx, "ຄໍາພອນ ພົມມະຈັນ", "1980-02-14", 'M', "la-script");   /* ໍາ spelling */
	/* Lao-script query, romanized entry */
	hit(idx, "ສົມພອນ ວົງສະຫວັນ", "1975-06-30", 'M', "la-roman");
	hit(idx, "Sompon Wongsawan", "1975-06-30", 'M', "la-roman");
	hit(idx, "SomphoneVongsavanh", "1975-06-30", 'M', "la-roman");    /* joined */
	hit(idx, "Viengsamay Sisoulath", "1993-12-01", 'F', "la-viang");
	hit(idx, "ວຽງສະຫມັຍ ສີສຸລາດ", "1993-12-01", 'F', "la-viang") ;  /* ໝ as ຫມ, old ັຍ */
	miss(idx, "Khamphone Phommachanh", "1950-02-14", 'M', "la-script");
}

static void test_other_scripts(void **state)
{
	struct match_index *idx = *state;
	hit(idx, "Somchai CHAIDI", "1970-10-10", 'M', "th");
	hit(idx, "Trần Minh Hoa", "1966-04-18", 'M', "cn");              /* Sino-Vietnamese */
	hit(idx, "Chen Minghua", "1966-04-18", 'M', "cn");               /* pinyin */
	hit(idx, "Tôn Dật Tiên", "1966-11-12", 'M', "cn-unihan");        /* Unihan readings */
	hit(idx, "SUN YIXIAN", "1966-11-12", 'M', "cn-unihan");
	hit(idx, "孙逸仙", "1966-11-12", 'M', "cn-unihan");               /* simplified */
	miss(idx, "Ton That Tien", "1966-11-12", 'M', "cn-unihan");
	hit(idx, "SOK DARA", "1983-08-08", 'F', "kh");
	/* Khmer script and passport romanizations, both ways */
	hit(idx, "សុខ ដារ៉ា", "1983-08-08", 'F', "kh");
	hit(idx, "SOKH DARA", "1983-08-08", 'F', "kh");
	hit(idx, "Sok Darah", "1983-08-08", 'F', "kh");
	hit(idx, "SUN CHANTHEA", "1979-02-02", 'F', "kh-script");
	hit(idx, "Soun Chantha", "1979-02-02", 'F', "kh-script");
	hit(idx, "CHANTHEA SUN", "1979-02-02", 'F', "kh-script");
	miss(idx, "Sun Chanthea", "1960-05-05", 'F', "kh-script");
	miss(idx, "Sun Sophea", "1979-02-02", 'F', "kh-script");
	miss(idx, "Sok Chanthea", "1979-02-02", 'F', "kh-script");
}

/* Initials and abbreviations stand for the family and middle names when
 * the birth date agrees in full; the given name must be written out. */
static void test_initials(void **state)
{
	struct match_index *idx = *state;
	char expl[MATCH_EXPLAIN_MAX];
	hit(idx, "Ng. V. Long", "1985-03-12", 'M', "vn-long");
	hit(idx, "N.V. Long", "1985-03-12", 'M', "vn-long");
	hit(idx, "NGUYEN V LONG", "1985-03-12", 'M', "vn-long");
	hit(idx, "Nguyen V. Long", "1985-03-12", 'M', "vn-long");
	hit(idx, "Long N.V.", "1985-03-12", 'M', "vn-long");             /* given name first */
	hit(idx, "Tr. T. Huong", "1990-07-04", 'F', "vn-huong");
	hit(idx, "Nguyen D. H. Thai", "1989-08-28", 'M', "vn-twomid");
	hit(idx, "Ng. V. Long", "1962-09-01", 'M', "vn-long-2");          /* the namesake of that date */
	assert_true(score_of(idx, "Ng. V. Long", "1985-03-12", 'M', "vn-long", expl, sizeof(expl)) >= T);
	assert_string_equal(expl, "family name nguyen ~ ng, initial, middle name van ~ v, initial, "
				  "given name long equal; birth date equal; sex equal");
	/* an initial costs: the full name scores higher */
	assert_true(score_of(idx, "Nguyen V. Long", "1985-03-12", 'M', "vn-long", NULL, 0) <
		    score_of(idx, "Nguyen Van Long", "1985-03-12", 'M', "vn-long", NULL, 0));
	/* never on its own: the given name as an initial, or nothing but initials */
	miss(idx, "Nguyen Van L.", "1985-03-12", 'M', "vn-long");
	miss(idx, "N. V. L.", "1985-03-12", 'M', "vn-long");
	miss(idx, "Nguyen Van H.", "1985-12-03", 'M', "vn-filler-2");
	/* a wrong initial is no match */
	miss(idx, "Nguyen T. Long", "1985-03-12", 'M', "vn-long");
	/* only with a birth date agreeing in full: not a namesake born
	 * another day, nor an entry knowing only the year */
	miss(idx, "Ng. V. Long", "1955-06-21", 'M', "vn-long");
	miss(idx, "Ng. V. Long", "1985-03-12", 'F', "vn-long");
	miss(idx, "Le Q. Vinh", "1968-04-07", 'M', "vn-year");
	hit(idx, "Le Quang Vinh", "1968-04-07", 'M', "vn-year");
}

static void test_explanation(void **state)
{
	struct match_index *idx = *state;
	char expl[MATCH_EXPLAIN_MAX];
	assert_true(score_of(idx, "NGUYEN<<VAN<LONH", "1985-12-03", 'M', "vn-long", expl, sizeof(expl)) >= T);
	assert_string_equal(expl, "family name nguyen equal, middle name van equal, given name "
				  "long ~ lonh, one typo; birth date day/month swapped; sex equal");
	assert_true(score_of(idx, "Nguyen Long", "1985-03-12", 'M', "vn-long", expl, sizeof(expl)) >= T);
	assert_string_equal(expl, "family name nguyen equal, middle name van not given, given name "
				  "long equal; birth date equal; sex equal");
	assert_true(score_of(idx, "Khamphone Phom Ma Chanh", "1980-02-14", 'M', "la-script", expl,
			     sizeof(expl)) >= T);
	assert_string_equal(expl, "given name khamphon equal, family name phommachan equal when "
				  "joined; birth date equal; sex equal");
}

static void test_document(void **state)
{
	struct match_index *idx = *state;
	struct match_query q = {"Nguyen Van Lon", "1955-06-21", 'M', "VNM", "c-1234567"};
	struct match_result r[3];
	size_t n = 0;
	assert_int_equal(match_query(idx, &q, T, r, 3, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(r[0].id, "vn-long");
	assert_non_null(strstr(r[0].explanation, "document equal"));
}

static void test_second_document(void **state)
{
	struct match_index *idx = *state;
	const char *names[] = {"Lò Văn Pọm"};
	const char *docs[] = {"B 7654321", "038099001234"};
	struct match_entry e = {"two-docs", names, 1, "1970-01-01", 'M', "VNM", "C0000001", docs, 2};
	struct match_query q = {"Lo Van Pom", "1999-09-09", 'M', NULL, "038-099-001234"};
	struct match_result r[2];
	size_t n = 0;
	assert_int_equal(match_index_add(idx, &e), 0);
	assert_int_equal(match_query(idx, &q, T, r, 2, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(r[0].id, "two-docs");
	assert_non_null(strstr(r[0].explanation, "document equal"));
	assert_int_equal(match_index_remove(idx, "two-docs"), 0);
	e.ndocuments = MATCH_DOCS_MAX;
	assert_int_equal(match_index_add(idx, &e), RL_ETOOBIG);
}

static void test_add_remove(void **state)
{
	struct match_index *idx = *state;
	const char *names[] = {"Vũ Thị Quỳnh"};
	struct match_entry e = {"new-1", names, 1, "1999-09-19", 'F', "VNM", NULL, NULL, 0};
	size_t before = match_index_count(idx);

	miss(idx, "Vu Thi Quynh", "1999-09-19", 'F', "new-1");
	assert_int_equal(match_index_add(idx, &e), 0);
	assert_int_equal(match_index_count(idx), before + 1);
	hit(idx, "Vu Thi Quynh", "1999-09-19", 'F', "new-1");
	assert_int_equal(match_index_add(idx, &e), RL_ECONFLICT);
	assert_int_equal(match_index_remove(idx, "new-1"), 0);
	assert_int_equal(match_index_count(idx), before);
	assert_true(score_of(idx, "Vu Thi Quynh", "1999-09-19", 'F', "new-1", NULL, 0) < 0);
	assert_int_equal(match_index_remove(idx, "new-1"), RL_ENOTFOUND);
	/* the id can be used again */
	assert_int_equal(match_index_add(idx, &e), 0);
	hit(idx, "Vu Thi Quynh", "1999-09-19", 'F', "new-1");
	assert_int_equal(match_index_remove(idx, "new-1"), 0);
}

static void test_bad_input(void **state)
{
	struct match_index *idx = *state;
	const char *bad_name[] = {"ab\xff"};
	const char *ok_name[] = {"Lê Văn A"};
	struct match_entry e = {"bad", bad_name, 1, NULL, 0, NULL, NULL, NULL, 0};
	struct match_query q = {"Nguyen Van Long", NULL, 0, NULL, NULL};
	struct match_result r[2];
	size_t n = 99, before = match_index_count(idx);

	assert_int_equal(match_index_add(idx, &e), RL_EINVAL);
	assert_string_equal(rl_errmsg(), "entry 'bad' name 1: name is not valid utf-8");
	e.names = ok_name;
	e.birth = "1990-02-30";
	assert_int_equal(match_index_add(idx, &e), RL_EINVAL);
	assert_non_null(strstr(rl_errmsg(), "bad day"));
	e.birth = "19900101";
	assert_int_equal(match_index_add(idx, &e), RL_EINVAL);
	e.birth = NULL;
	e.sex = 'X';
	assert_int_equal(match_index_add(idx, &e), RL_EINVAL);
	e.sex = 0;
	e.nnames = 0;
	assert_int_equal(match_index_add(idx, &e), RL_EINVAL);
	e.nnames = MATCH_NAMES_MAX + 1;
	assert_int_equal(match_index_add(idx, &e), RL_ETOOBIG);
	e.nnames = 1;
	e.id = "";
	assert_int_equal(match_index_add(idx, &e), RL_EINVAL);
	assert_int_equal(match_index_count(idx), before);

	assert_int_equal(match_query(idx, &q, 1.5, r, 2, &n), RL_EINVAL);
	assert_int_equal(n, 0);
	assert_int_equal(match_query(idx, &q, 0.5, r, 0, &n), RL_EINVAL);
	q.birth = "85-03-12";
	assert_int_equal(match_query(idx, &q, 0.5, r, 2, &n), RL_EINVAL);
	q.birth = NULL;
	q.name = "<<<";
	assert_int_equal(match_query(idx, &q, 0.5, r, 2, &n), RL_EINVAL);
	assert_string_equal(rl_errmsg(), "query name: name has no letters");
}

/* Random names of many scripts, marks and separators: every query answers
 * with results or a clean error, and every result is a real entry. */
static void test_random_queries_are_safe(void **state)
{
	static const char *const pieces[] = {
		"Nguyễn", "Văn", "Long", "ຄຳ", "ພອນ", "ໜ", "ຫຼ", "ເ", "ື", "ອ", "สม", "ใจ", "์", "陳",
		"明", "華", "សុខ", "្", "ណ្ណ", "៉", "៊", "ំ", "ះ", "ៈ", "៍", "ា", "ឥ", "\xe2\x80\x8b",
		"<<", ",", "-", " ", "x", "j", "w", "9", "\xcc\x81", "ee", "Đ", "V.", "Ng.",
	};
	static const char *const births[] = {NULL, "1985", "1985-03", "1985-03-12", "1985-12-03"};
	struct match_index *idx = *state;
	unsigned seed = 777;
	for (int it = 0; it < 1500; it++) {
		char buf[200];
		size_t len = 0;
		int n = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 12;
		for (int i = 0; i < n; i++) {
			const char *pc = pieces[((seed = seed * 1103515245u + 12345u) >> 16) %
					       (sizeof(pieces) / sizeof(pieces[0]))];
			size_t pl = strlen(pc);
			if (len + pl >= sizeof(buf))
				break;
			memcpy(buf + len, pc, pl);
			len += pl;
		}
		buf[len] = 0;
		struct match_query q = {buf, births[it % 5], "MF\0"[it % 3], NULL, NULL};
		struct match_result r[5];
		size_t nr = 0;
		int rc = match_query(idx, &q, (it % 4) * 0.25, r, 5, &nr);
		assert_true(rc == 0 || rc == RL_EINVAL);
		for (size_t k = 0; k < nr; k++) {
			assert_true(r[k].score >= (it % 4) * 0.25 && r[k].score <= 1.0);
			assert_true(r[k].id[0] != 0);
		}
	}
}

struct thr {
	struct match_index *idx;
	int ok;
};

static void *screen_many(void *arg)
{
	struct thr *t = arg;
	struct match_query q = {"NGUYEN<<VAN<LONG", "1985-03-12", 'M', NULL, NULL};
	for (int i = 0; i < 200; i++) {
		struct match_result r[3];
		size_t n = 0;
		if (match_query(t->idx, &q, T, r, 3, &n) == 0 && n >= 1 && !strcmp(r[0].id, "vn-long"))
			t->ok++;
	}
	return NULL;
}

static void test_concurrent_queries(void **state)
{
	struct thr t[3];
	pthread_t th[3];
	for (int i = 0; i < 3; i++) {
		t[i] = (struct thr){*state, 0};
		assert_int_equal(pthread_create(&th[i], NULL, screen_many, &t[i]), 0);
	}
	for (int i = 0; i < 3; i++) {
		pthread_join(th[i], NULL);
		assert_int_equal(t[i].ok, 200);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vietnamese_variants),
		cmocka_unit_test(test_birth_dates),
		cmocka_unit_test(test_namesakes_not_flagged),
		cmocka_unit_test(test_lao),
		cmocka_unit_test(test_other_scripts),
		cmocka_unit_test(test_initials),
		cmocka_unit_test(test_explanation),
		cmocka_unit_test(test_document),
		cmocka_unit_test(test_second_document),
		cmocka_unit_test(test_add_remove),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_random_queries_are_safe),
		cmocka_unit_test(test_concurrent_queries),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
