/*
 * report_store.c: aggregate queries over cases and seizures. The SQL text
 * of each grouping is a separate literal (the statement cache is keyed by
 * the literal), built from the shared filter below. The country is always
 * bound (both countries when none is asked for), so SQLite ranges over the
 * index cases_period by (country, opened).
 */
#include <stddef.h>

#include "store/db_internal.h"
#include "store/report_store.h"
#include "util/status.h"
#include "util/banned.h"

#define FILTER \
	" WHERE c.country IN (?3, ?8) AND c.opened >= ?1 AND c.opened <= ?2" \
	" AND (?4 = 0 OR c.border = 1)" \
	" AND (?5 IS NULL OR c.category = ?5 OR (?5 = 'drugs' AND c.category LIKE 'drug\\_%' ESCAPE '\\'))" \
	" AND (?6 = 0 OR c.unit_code IN (SELECT code FROM temp.report_units))" \
	" AND (?7 IS NULL OR c.province = ?7)"

#define K_NONE "''"
#define K_PROVINCE "c.province"
#define K_MONTH "substr(c.opened, 1, 7)"
#define K_QUARTER "substr(c.opened, 1, 4) || '-Q' || ((CAST(substr(c.opened, 6, 2) AS INTEGER) + 2) / 3)"
#define K_CATEGORY "c.category"

#define FIGS_SQL(K) \
	"SELECT " K ", COUNT(*), SUM(c.n_suspects), SUM(c.n_foreign), SUM(c.mass_mg)," \
	" SUM(c.volume_ml), SUM(c.tablets), SUM(c.plants_poppy), SUM(c.plants_cannabis)," \
	" SUM(c.plants_other) FROM cases c INDEXED BY cases_period" FILTER " GROUP BY 1 ORDER BY 1"

/*
 * Groups computed from days first: the inner GROUP BY follows the order of
 * cases_period (country, opened, ...), so it streams without sorting, and
 * only its per-day rows (a few thousand over years, not a million cases)
 * are sorted into the outer groups. The sums are the same. G is the
 * prefix of cases_period the key K needs, P the same columns named as in
 * cases, so K reads the inner rows as c.<column>.
 */
#define DAY_SUMS \
	" COUNT(*) AS n, SUM(c.n_suspects) AS n_suspects, SUM(c.n_foreign) AS n_foreign," \
	" SUM(c.mass_mg) AS mass_mg, SUM(c.volume_ml) AS volume_ml, SUM(c.tablets) AS tablets," \
	" SUM(c.plants_poppy) AS plants_poppy, SUM(c.plants_cannabis) AS plants_cannabis," \
	" SUM(c.plants_other) AS plants_other"
#define FIGS_BY_DAY_SQL(K, P, G) \
	"SELECT " K ", SUM(c.n), SUM(c.n_suspects), SUM(c.n_foreign), SUM(c.mass_mg)," \
	" SUM(c.volume_ml), SUM(c.tablets), SUM(c.plants_poppy), SUM(c.plants_cannabis)," \
	" SUM(c.plants_other) FROM (SELECT " P "," DAY_SUMS " FROM cases c INDEXED BY cases_period" \
	FILTER " GROUP BY " G ") c GROUP BY 1 ORDER BY 1"
#define P_DAY "c.country AS country, c.opened AS opened"
#define G_DAY "c.country, c.opened"
#define P_DAY_CATEGORY P_DAY ", c.border AS border, c.category AS category"
#define G_DAY_CATEGORY G_DAY ", c.border, c.category"

/*
 * By drug, from the bit set of drugs on each case (migration 0009): the
 * cases with seizures are grouped by their bit set (a handful of groups),
 * and each group counts for every drug in it. A case with one drug gives
 * that drug all its seizure totals; the totals of cases with several drugs
 * are split by drug_multi_sql below.
 */
#define IF_ONE(col) "SUM(CASE WHEN g.drugs = b.bit THEN g." col " ELSE 0 END)"
#define DRUG_SQL \
	"SELECT b.drug, SUM(g.n), SUM(g.n_suspects), SUM(g.n_foreign), " IF_ONE("mass_mg") ", " \
	IF_ONE("volume_ml") ", " IF_ONE("tablets") ", " IF_ONE("plants_poppy") ", " \
	IF_ONE("plants_cannabis") ", " IF_ONE("plants_other") \
	" FROM (SELECT c.drugs AS drugs," DAY_SUMS " FROM cases c INDEXED BY cases_drugs" FILTER \
	" AND c.drugs <> 0 GROUP BY c.drugs) g JOIN drug_bits b ON (g.drugs & b.bit) <> 0" \
	" GROUP BY 1 ORDER BY 1"

static const char *const figs_sql[RKEY_COUNT] = {
	[RKEY_NONE] = FIGS_SQL(K_NONE),
	[RKEY_PROVINCE] = FIGS_SQL(K_PROVINCE),
	[RKEY_MONTH] = FIGS_BY_DAY_SQL(K_MONTH, P_DAY, G_DAY),
	[RKEY_QUARTER] = FIGS_BY_DAY_SQL(K_QUARTER, P_DAY, G_DAY),
	[RKEY_CATEGORY] = FIGS_BY_DAY_SQL(K_CATEGORY, P_DAY_CATEGORY, G_DAY_CATEGORY),
	[RKEY_DRUG] = DRUG_SQL,
	[RKEY_NATIONALITY] = "SELECT COALESCE(s.nationality, p.nationality), COUNT(DISTINCT c.id),"
		" COUNT(DISTINCT c.id || COALESCE(p.merged_into, p.id)),"
		" COUNT(DISTINCT CASE WHEN COALESCE(s.nationality, p.nationality) NOT IN ('', c.country)"
		"   THEN c.id || COALESCE(p.merged_into, p.id) END), 0, 0, 0, 0, 0, 0"
		" FROM cases c JOIN case_persons cp ON cp.case_id = c.id AND cp.role IN ('suspect', 'arrested')"
		" JOIN persons p ON p.id = cp.person_id LEFT JOIN persons s ON s.id = p.merged_into"
		FILTER " GROUP BY 1 ORDER BY 1",
};

/* The seizure totals of cases with several drugs, by drug: the rest of a
 * report by drug. Few cases, each joined to its seizures. */
static const char drug_multi_sql[] =
	"SELECT z.drug, 0, 0, 0,"
	" SUM(CASE WHEN z.measure = 'mass' THEN z.amount ELSE 0 END),"
	" SUM(CASE WHEN z.measure = 'volume' THEN z.amount ELSE 0 END),"
	" SUM(CASE WHEN z.measure = 'tablet' THEN z.amount ELSE 0 END),"
	" SUM(CASE WHEN z.measure = 'plant' AND z.drug = 'opium_poppy' THEN z.amount ELSE 0 END),"
	" SUM(CASE WHEN z.measure = 'plant' AND z.drug = 'cannabis_plant' THEN z.amount ELSE 0 END),"
	" SUM(CASE WHEN z.measure = 'plant' AND z.drug NOT IN ('opium_poppy', 'cannabis_plant')"
	"   THEN z.amount ELSE 0 END)"
	" FROM cases c INDEXED BY cases_multidrug JOIN seizures z ON z.case_id = c.id" FILTER
	" AND (c.drugs & (c.drugs - 1)) <> 0 GROUP BY 1 ORDER BY 1";

static int ensure_units_table(struct rl_db *db)
{
	sqlite3_stmt *st = db_stmt(db, "CREATE TEMP TABLE IF NOT EXISTS report_units (code TEXT PRIMARY KEY)");
	if (!st)
		return rl_errcode();
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "preparing the report");
	return 0;
}

int report_store_set_units(struct rl_db *db, const char *const *codes, size_t n)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = ensure_units_table(db)))
		return rc;
	if (!(st = db_stmt(db, "DELETE FROM temp.report_units")))
		return rl_errcode();
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "preparing the report");
	for (size_t i = 0; i < n; i++) {
		if (!(st = db_stmt(db, "INSERT OR IGNORE INTO temp.report_units (code) VALUES (?1)")))
			return rl_errcode();
		db_bind_text(st, 1, codes[i]);
		if (sqlite3_step(st) != SQLITE_DONE)
			return db_fail(db, "preparing the report");
	}
	return 0;
}

static int run(struct rl_db *db, const char *sql, const struct report_sql_filter *f,
	       report_figs_cb cb, void *data)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = ensure_units_table(db)))
		return rc;
	if (!(st = db_stmt(db, sql)))
		return rl_errcode();
	db_bind_text(st, 1, f->from);
	db_bind_text(st, 2, f->to);
	db_bind_text(st, 3, f->country ? f->country : "VNM");
	sqlite3_bind_int(st, 4, f->border_only ? 1 : 0);
	db_bind_text(st, 5, f->category);
	sqlite3_bind_int(st, 6, f->units ? 1 : 0);
	db_bind_text(st, 7, f->province);
	db_bind_text(st, 8, f->country ? f->country : "LAO");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *key = sqlite3_column_text(st, 0);
		struct report_figs g = {
			.cases = sqlite3_column_int64(st, 1),
			.suspects = sqlite3_column_int64(st, 2),
			.foreign = sqlite3_column_int64(st, 3),
			.mass_mg = sqlite3_column_int64(st, 4),
			.volume_ml = sqlite3_column_int64(st, 5),
			.tablets = sqlite3_column_int64(st, 6),
			.plants_poppy = sqlite3_column_int64(st, 7),
			.plants_cannabis = sqlite3_column_int64(st, 8),
			.plants_other = sqlite3_column_int64(st, 9),
		};
		int r = cb(key ? (const char *)key : "", &g, data);
		if (r)
			return r;
	}
	return rc == SQLITE_DONE ? 0 : db_fail(db, "computing the report");
}

int report_store_figures(struct rl_db *db, const struct report_sql_filter *f, enum report_key k,
			 report_figs_cb cb, void *data)
{
	int rc;

	if ((unsigned)k >= RKEY_COUNT)
		return rl_error(RL_EINTERNAL, "bad report grouping");
	if ((rc = run(db, figs_sql[k], f, cb, data)))
		return rc;
	if (k == RKEY_DRUG)
		return run(db, drug_multi_sql, f, cb, data);
	return 0;
}
