/* Tests of store/unit_store: lookups by code and id, history periods,
 * existence and border flags on dates, ancestors, subtrees and links. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "store/db.h"
#include "store/unit_store.h"
#include "util/status.h"

#include "testdb.h"

static char path[64];

struct fx {
	struct rl_db *db;
	char mps[RL_ID_LEN + 1], prov[RL_ID_LEN + 1], dist[RL_ID_LEN + 1];
	char comm[RL_ID_LEN + 1], lao[RL_ID_LEN + 1], lmps[RL_ID_LEN + 1];
};

static void ins(struct rl_db *db, const char *code, const char *country, int level, const char *parent,
		const char *name, const char *from, const char *to, bool border, char *id)
{
	struct unit_new n = { .code = code, .country = country, .level = level, .valid_from = from,
			      .valid_to = to, .v = { .parent_id = parent, .name_local = name,
						     .name_en = name, .border = border } };
	assert_int_equal(unit_store_insert(db, &n, id), 0);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	snprintf(path, sizeof(path), "test-unit-store-%d.db", (int)getpid());
	unlink(path);
	assert_int_equal(db_open(path, DB_CREATE, &f->db), 0);
	assert_int_equal(db_begin(f->db), 0);
	ins(f->db, "VN-MPS", "VNM", 0, NULL, "Bộ Công an", NULL, NULL, false, f->mps);
	ins(f->db, "VN-22", "VNM", 1, f->mps, "Nghệ An", NULL, NULL, true, f->prov);
	ins(f->db, "VN-22-D01", "VNM", 2, f->prov, "Kỳ Sơn", NULL, "2025-06-30", true, f->dist);
	ins(f->db, "VN-22-C0101", "VNM", 3, f->dist, "Nậm Cắn", NULL, "2025-06-30", true, f->comm);
	ins(f->db, "LA-MPS", "LAO", 0, NULL, "ກະຊວງ", NULL, NULL, false, f->lmps);
	ins(f->db, "LA-XI", "LAO", 1, f->lmps, "ຊຽງຂວາງ", NULL, NULL, true, f->lao);
	assert_int_equal(db_commit(f->db), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	db_close(f->db);
	free(f);
	testdb_remove(path);
	return 0;
}

static void test_find_by_code_and_id(void **state)
{
	struct fx *f = *state;
	struct unit u, v;
	assert_int_equal(unit_store_find(f->db, "VN-22-D01", "2024-01-01", &u), 0);
	assert_string_equal(u.id, f->dist);
	assert_string_equal(u.parent_code, "VN-22");
	assert_string_equal(u.level_key, "district");
	assert_string_equal(u.valid_to, "2025-06-30");
	assert_string_equal(u.valid_from, "");
	assert_true(u.exists);
	assert_int_equal(unit_store_find(f->db, f->dist, "2024-01-01", &v), 0);
	assert_string_equal(v.code, "VN-22-D01");
	assert_int_equal(unit_store_find(f->db, "VN-99", NULL, &v), RL_ENOTFOUND);
	assert_non_null(strstr(rl_errmsg(), "unknown unit 'VN-99'"));
}

static void test_exists_on_dates(void **state)
{
	struct fx *f = *state;
	bool e;
	assert_int_equal(unit_store_exists_on(f->db, "VN-22-D01", "2025-06-30", &e), 0);
	assert_true(e);
	assert_int_equal(unit_store_exists_on(f->db, "VN-22-D01", "2025-07-01", &e), 0);
	assert_false(e);
	assert_int_equal(unit_store_exists_on(f->db, "NOPE", "2025-07-01", &e), RL_ENOTFOUND);
}

static void test_history_periods_and_border(void **state)
{
	struct fx *f = *state;
	struct unit_version v = { .name_local = "Nghệ An mới", .name_en = "New Nghe An" };
	struct unit u;
	bool b;

	assert_int_equal(db_begin(f->db), 0);
	assert_int_equal(unit_store_set_from(f->db, f->prov, "2026-01-01", UNIT_F_NAMES, &v), 0);
	assert_int_equal(unit_store_set_border_timeline(f->db, f->lao, true, "2020-05-01"), 0);
	assert_int_equal(db_commit(f->db), 0);

	assert_int_equal(unit_store_find(f->db, "VN-22", "2025-12-31", &u), 0);
	assert_string_equal(u.name_local, "Nghệ An");
	assert_string_equal(u.version_to, "2025-12-31");
	assert_int_equal(unit_store_find(f->db, "VN-22", "2026-01-01", &u), 0);
	assert_string_equal(u.name_en, "New Nghe An");
	assert_string_equal(u.version_from, "2026-01-01");

	assert_int_equal(unit_store_border_on(f->db, "LA-XI", "2020-04-30", &b), 0);
	assert_false(b);
	assert_int_equal(unit_store_border_on(f->db, "LA-XI", "2020-05-01", &b), 0);
	assert_true(b);
	assert_int_equal(unit_store_find(f->db, "LA-XI", "2021-01-01", &u), 0);
	assert_string_equal(u.border_from, "2020-05-01");
	/* a unit that no longer exists has no border on that date */
	assert_int_equal(unit_store_border_on(f->db, "VN-22-C0101", "2025-07-01", &b), 0);
	assert_false(b);
}

struct seen {
	char codes[8][RL_CODE_MAX + 1];
	int depth[8];
	int n;
};

static int seen_cb(const struct unit *u, void *data)
{
	struct seen *s = data;
	if (s->n < 8)
		snprintf(s->codes[s->n++], RL_CODE_MAX + 1, "%s", u->code);
	return 0;
}

static int seen_tree_cb(const struct unit *u, int depth, void *data)
{
	struct seen *s = data;
	if (s->n < 8) {
		s->depth[s->n] = depth;
		snprintf(s->codes[s->n++], RL_CODE_MAX + 1, "%s", u->code);
	}
	return 0;
}

static void test_ancestors_and_subtree(void **state)
{
	struct fx *f = *state;
	struct seen s = { 0 };

	assert_int_equal(unit_store_ancestors(f->db, f->comm, "2024-01-01", seen_cb, &s), 0);
	assert_int_equal(s.n, 3);
	assert_string_equal(s.codes[0], "VN-22-D01");
	assert_string_equal(s.codes[2], "VN-MPS");

	memset(&s, 0, sizeof(s));
	assert_int_equal(unit_store_subtree(f->db, f->mps, "2024-01-01", seen_tree_cb, &s), 0);
	assert_int_equal(s.n, 4);
	assert_string_equal(s.codes[3], "VN-22-C0101");
	assert_int_equal(s.depth[3], 3);

	memset(&s, 0, sizeof(s));
	assert_int_equal(unit_store_subtree(f->db, f->mps, "2025-07-01", seen_tree_cb, &s), 0);
	assert_int_equal(s.n, 2);
}

static int link_cb(const struct unit_link *l, void *data)
{
	return seen_cb(&l->other, data);
}

static void test_links_by_date(void **state)
{
	struct fx *f = *state;
	struct seen s = { 0 };
	bool linked;
	int n;

	assert_int_equal(db_begin(f->db), 0);
	assert_int_equal(unit_store_link(f->db, f->lao, f->prov, "2010-01-01", NULL), 0);
	assert_int_equal(unit_store_unlink(f->db, f->prov, f->lao, "2020-01-01", &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(db_commit(f->db), 0);
	assert_int_equal(unit_store_linked(f->db, f->prov, f->lao, "2019-12-31", &linked), 0);
	assert_true(linked);
	assert_int_equal(unit_store_linked(f->db, f->prov, f->lao, "2020-01-01", &linked), 0);
	assert_false(linked);
	assert_int_equal(unit_store_links(f->db, f->prov, "2015-01-01", link_cb, &s), 0);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.codes[0], "LA-XI");
	memset(&s, 0, sizeof(s));
	assert_int_equal(unit_store_links(f->db, f->prov, "2021-01-01", link_cb, &s), 0);
	assert_int_equal(s.n, 0);
}

static void test_list_filters(void **state)
{
	struct fx *f = *state;
	struct seen s = { 0 };
	struct unit_filter fl = { .level = -1, .border = 1, .demo = -1, .on = "2024-01-01", .country = "VNM" };

	assert_int_equal(unit_store_list(f->db, &fl, seen_cb, &s), 0);
	assert_int_equal(s.n, 3);
	memset(&s, 0, sizeof(s));
	fl.q = "nam can"; /* folded */
	assert_int_equal(unit_store_list(f->db, &fl, seen_cb, &s), 0);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.codes[0], "VN-22-C0101");
	memset(&s, 0, sizeof(s));
	fl.on = "2025-07-01";
	assert_int_equal(unit_store_list(f->db, &fl, seen_cb, &s), 0);
	assert_int_equal(s.n, 0);
}

static void test_level_rules(void **state)
{
	struct fx *f = *state;
	int r;
	assert_int_equal(unit_store_parent_rank(f->db, "VNM", 3, "2025-06-30", &r), 0);
	assert_int_equal(r, 2);
	assert_int_equal(unit_store_parent_rank(f->db, "VNM", 3, "2025-07-01", &r), 0);
	assert_int_equal(r, 1);
	assert_int_equal(unit_store_parent_rank(f->db, "LAO", 3, "2030-01-01", &r), 0);
	assert_int_equal(r, 2);
	assert_int_equal(unit_store_parent_rank(f->db, "LAO", 0, "2030-01-01", &r), 0);
	assert_int_equal(r, -1);
	assert_int_equal(unit_store_level_parse(f->db, "LAO", "village", &r), 0);
	assert_int_equal(r, 3);
	assert_int_equal(unit_store_level_parse(f->db, "VNM", "village", &r), RL_EINVAL);
}

static void test_duplicate_code_is_conflict(void **state)
{
	struct fx *f = *state;
	struct unit_new n = { .code = "VN-22", .country = "VNM", .level = 1,
			      .v = { .parent_id = f->mps, .name_local = "x", .name_en = "x" } };
	char id[RL_ID_LEN + 1];
	assert_int_equal(db_begin(f->db), 0);
	assert_int_equal(unit_store_insert(f->db, &n, id), RL_ECONFLICT);
	db_rollback(f->db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_find_by_code_and_id, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exists_on_dates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_history_periods_and_border, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ancestors_and_subtree, setup, teardown),
		cmocka_unit_test_setup_teardown(test_links_by_date, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_level_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_code_is_conflict, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
