/*
 * report.c: computing statistics (store/report_store.c does the SQL) and
 * writing them as text, JSON, CSV or a self-contained HTML page, and the
 * bilateral conference report in four languages.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/policy.h"
#include "core/report.h"
#include "core/unitref.h"
#include "store/report_store.h"
#include "util/clock.h"
#include "util/csv.h"
#include "util/status.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

int report_by_parse(const char *s)
{
	static const char *const names[] = { "none", "unit", "month", "quarter", "category", "drug",
		"nationality" };
	for (int i = 0; i < 7; i++)
		if (s && !strcmp(s, names[i]))
			return i;
	return -1;
}

int report_format_parse(const char *s)
{
	if (!s)
		return -1;
	if (!strcmp(s, "text") || !strcmp(s, "table"))
		return RFMT_TEXT;
	if (!strcmp(s, "json"))
		return RFMT_JSON;
	if (!strcmp(s, "csv"))
		return RFMT_CSV;
	if (!strcmp(s, "html"))
		return RFMT_HTML;
	return -1;
}

/* ---- numbers ---- */

void report_fmt_int(int64_t v, enum vocab_lang lang, char *buf, size_t size)
{
	const char *sep = lang == LANG_FR ? "\xE2\x80\xAF" : lang == LANG_VI ? "." : ",";
	char digits[32], out[96];
	size_t n, o = 0;
	bool neg = v < 0;

	snprintf(digits, sizeof(digits), "%" PRIu64, neg ? (uint64_t)0 - (uint64_t)v : (uint64_t)v);
	n = strlen(digits);
	if (neg)
		out[o++] = '-';
	for (size_t i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			for (const char *s = sep; *s; s++)
				out[o++] = *s;
		out[o++] = digits[i];
	}
	out[o] = '\0';
	snprintf(buf, size, "%s", out);
}

void report_fmt_kg(int64_t mg, enum vocab_lang lang, char *buf, size_t size)
{
	char whole[64], frac[8];
	int64_t kg = mg / 1000000, rest = mg % 1000000;
	int g = (int)((rest + 500) / 1000);   /* grams, rounded */
	int n;

	if (g == 1000) {
		kg++;
		g = 0;
	}
	report_fmt_int(kg, lang, whole, sizeof(whole));
	if (!g) {
		snprintf(buf, size, "%s", whole);
		return;
	}
	n = snprintf(frac, sizeof(frac), "%03d", g);
	while (n > 0 && frac[n - 1] == '0')
		frac[--n] = '\0';
	snprintf(buf, size, "%s%s%s", whole, lang == LANG_EN || lang == LANG_LO ? "." : ",", frac);
}

/* ---- running ---- */

static int check_query(struct rl_db *db, const struct report_query *q)
{
	(void)db;
	if (!q->from || !rl_date_valid(q->from))
		return rl_error(RL_EINVAL, "--from needs a date YYYY-MM-DD");
	if (!q->to || !rl_date_valid(q->to))
		return rl_error(RL_EINVAL, "--to needs a date YYYY-MM-DD");
	if (strcmp(q->from, q->to) > 0)
		return rl_error(RL_EINVAL, "the period ends (%s) before it starts (%s)", q->to, q->from);
	if (q->country && strcmp(q->country, "VNM") && strcmp(q->country, "LAO"))
		return rl_error(RL_EINVAL, "unknown country '%s' (VNM or LAO)", q->country);
	if (q->category && strcmp(q->category, "drugs") && !vocab_find(vocab_categories, q->category))
		return rl_error(RL_EINVAL, "unknown category '%s' (drugs, or a category code)", q->category);
	return 0;
}

static struct report_group *group_for(struct report_result *r, const char *key)
{
	for (size_t i = 0; i < r->ngroups; i++)
		if (!strcmp(r->groups[i].key, key))
			return &r->groups[i];
	r->groups = xrealloc(r->groups, (r->ngroups + 1) * sizeof(*r->groups));
	memset(&r->groups[r->ngroups], 0, sizeof(r->groups[0]));
	snprintf(r->groups[r->ngroups].key, sizeof(r->groups[0].key), "%s", key);
	return &r->groups[r->ngroups++];
}

static int take_figs(const char *key, const struct report_figs *g, void *data)
{
	struct report_figures *f = data;
	(void)key;
	f->cases += g->cases;
	f->suspects += g->suspects;
	f->foreign += g->foreign;
	f->mass_mg += g->mass_mg;
	f->volume_ml += g->volume_ml;
	f->tablets += g->tablets;
	f->plants_poppy += g->plants_poppy;
	f->plants_cannabis += g->plants_cannabis;
	f->plants_other += g->plants_other;
	return 0;
}

static void add_figures(struct report_figures *t, const struct report_figures *g)
{
	t->cases += g->cases;
	t->suspects += g->suspects;
	t->foreign += g->foreign;
	t->mass_mg += g->mass_mg;
	t->volume_ml += g->volume_ml;
	t->tablets += g->tablets;
	t->plants_poppy += g->plants_poppy;
	t->plants_cannabis += g->plants_cannabis;
	t->plants_other += g->plants_other;
}

static int group_figs(const char *key, const struct report_figs *g, void *data)
{
	return take_figs(key, g, &group_for(data, key)->f);
}

static int cmp_group(const void *a, const void *b)
{
	return strcmp(((const struct report_group *)a)->key, ((const struct report_group *)b)->key);
}

static void label_groups(struct rl_db *db, struct report_result *r)
{
	for (size_t i = 0; i < r->ngroups; i++) {
		struct report_group *g = &r->groups[i];
		const char *l = g->key;
		switch (r->q.by) {
		case BY_UNIT:
			if (*g->key)
				unitref_name(db, g->key, vocab_lang_code(r->lang), g->label, sizeof(g->label));
			else
				snprintf(g->label, sizeof(g->label), "-");
			continue;
		case BY_CATEGORY: l = vocab_label(vocab_categories, g->key, r->lang); break;
		case BY_DRUG: l = vocab_label(vocab_drugs, g->key, r->lang); break;
		case BY_NATIONALITY: l = *g->key ? g->key : "?"; break;
		default: break;
		}
		snprintf(g->label, sizeof(g->label), "%s", l);
	}
}

/*
 * Statistics of a unit scope (policy_stats_scope): no unit asked means the
 * actor's own; another country or a unit outside the scope is refused,
 * naming the scope, rather than silently narrowed, so a figure is never
 * taken for more than it counts. Sets r->q.unit to the scope's unit, and
 * *own when it is the actor's whole scope (no unit asked).
 */
static int stats_in_scope(const struct case_scope *sc, struct report_result *r, bool *own)
{
	*own = false;
	if (sc->read != CASE_SCOPE_UNITS)
		return 0;
	if (r->q.country && strcmp(r->q.country, sc->country))
		return rl_error(RL_EDENIED, "statistics of %s are outside your scope (%s and the units below it)",
				r->q.country, sc->unit);
	if (!r->q.unit) {
		snprintf(r->unit_buf, sizeof(r->unit_buf), "%s", sc->unit);
		r->q.unit = r->unit_buf;
		*own = true;
		return 0;
	}
	if (!policy_case_in(sc, sc->country, r->q.unit, false))
		return rl_error(RL_EDENIED, "statistics of unit '%s' are outside your scope (%s and the units below it)",
				r->q.unit, sc->unit);
	return 0;
}

/* The units of sc into l (emptied first). */
static void units_take_scope(struct unitref_list *l, const struct case_scope *sc)
{
	unitref_list_free(l);
	l->code = xcalloc(sc->n ? sc->n : 1, sizeof(*l->code));
	for (size_t i = 0; i < sc->n; i++)
		l->code[l->n++] = xstrdup(sc->codes[i]);
}

/* Keeps the codes of l that are in sc. */
static void units_keep_scope(struct unitref_list *l, const struct case_scope *sc)
{
	size_t k = 0;

	for (size_t i = 0; i < l->n; i++) {
		if (policy_case_in(sc, sc->country, l->code[i], false))
			l->code[k++] = l->code[i];
		else
			free(l->code[i]);
	}
	l->n = k;
}

int report_run(struct rl_db *db, const struct actor *a, const struct report_query *q,
	       enum vocab_lang lang, struct report_result *out)
{
	static const enum report_key keys[] = { RKEY_NONE, RKEY_PROVINCE, RKEY_MONTH, RKEY_QUARTER,
		RKEY_CATEGORY, RKEY_DRUG, RKEY_NATIONALITY };
	struct report_sql_filter f;
	struct unitref_list units = { 0 };
	struct case_scope sc;
	int level = -1;
	bool own;
	int rc;

	memset(out, 0, sizeof(*out));
	out->q = *q;
	out->lang = lang;
	if ((rc = policy_stats_scope(db, a, &sc)) || (rc = check_query(db, q)) ||
	    (rc = stats_in_scope(&sc, out, &own)))
		goto fail;
	q = &out->q;
	f = (struct report_sql_filter){ q->from, q->to, q->country, q->border_only, q->category, 0, NULL };
	if (q->unit && !own) {
		/* A ministry is its country; a province is matched by the
		 * province each case had on its date (exact through mergers);
		 * lower units by their subtree during the period. */
		char country[4];
		if ((rc = unitref_level(db, q->unit, &level, country)))
			goto fail;
		if (q->country && strcmp(q->country, country)) {
			rc = rl_error(RL_EINVAL, "unit '%s' is not in %s", q->unit, q->country);
			goto fail;
		}
		if (level == 0) {
			snprintf(out->country_buf, sizeof(out->country_buf), "%s", country);
			f.country = out->country_buf;
		} else if (level == 1) {
			if ((rc = unitref_subtree(db, q->unit, q->from, q->to, &units)))
				goto fail;
			unitref_list_free(&units);
			f.province = q->unit;
		} else {
			if ((rc = unitref_subtree(db, q->unit, q->from, q->to, &units)))
				goto fail;
			f.units = 1;
		}
	}
	/* A scope of units: only their cases, whatever units stood under the
	 * asked one during the period; with no unit asked, all of them (the
	 * cases the actor sees, those of units merged into theirs included). */
	if (sc.read == CASE_SCOPE_UNITS) {
		if (own || level == 1)
			units_take_scope(&units, &sc);
		else
			units_keep_scope(&units, &sc);
		f.units = 1;
		if (!f.country)  /* a subtree is in one country: scan only its cases */
			f.country = sc.country;
	}
	if ((rc = db_begin_read(db)))
		goto fail;
	if (f.units && (rc = report_store_set_units(db, (const char *const *)units.code, units.n)))
		goto done;
	/* Groups that partition the cases add up to the total, which saves a
	 * second pass; by drug and by nationality a case may be in several. */
	if (q->by == BY_NONE || q->by == BY_DRUG || q->by == BY_NATIONALITY)
		if ((rc = report_store_figures(db, &f, RKEY_NONE, take_figs, &out->total)))
			goto done;
	if (q->by != BY_NONE) {
		if ((rc = report_store_figures(db, &f, keys[q->by], group_figs, out)))
			goto done;
		if (q->by != BY_DRUG && q->by != BY_NATIONALITY)
			for (size_t i = 0; i < out->ngroups; i++)
				add_figures(&out->total, &out->groups[i].f);
		qsort(out->groups, out->ngroups, sizeof(*out->groups), cmp_group);
		label_groups(db, out);
	}
done:
	db_rollback(db);
fail:
	policy_case_scope_release(&sc);
	unitref_list_free(&units);
	if (rc)
		report_result_release(out);
	return rc;
}

void report_result_release(struct report_result *r)
{
	free(r->groups);
	r->groups = NULL;
	r->ngroups = 0;
}

/* ---- formatting ---- */

enum { H_TITLE, H_GROUP, H_CASES, H_SUSPECTS, H_FOREIGN, H_MASS, H_TABLETS, H_PLANTS, H_TOTAL,
       H_PERIOD, H_VOLUME, H_COUNT };

static const char *const headings[LANG_COUNT][H_COUNT] = {
	{ "Thống kê vụ án", "Nhóm", "Số vụ", "Đối tượng", "Người nước ngoài", "Ma túy (kg)", "Viên",
	  "Cây", "Tổng", "Thời gian", "Chất lỏng (lít)" },
	{ "ສະຖິຕິຄະດີ", "ກຸ່ມ", "ຄະດີ", "ຜູ້ຕ້ອງສົງໄສ", "ຄົນຕ່າງປະເທດ", "ຢາເສບຕິດ (ກິໂລ)", "ເມັດ", "ຕົ້ນ",
	  "ລວມ", "ໄລຍະ", "ຂອງແຫຼວ (ລິດ)" },
	{ "Case statistics", "Group", "Cases", "Suspects", "Foreign", "Drugs (kg)", "Tablets", "Plants",
	  "Total", "Period", "Liquids (l)" },
	{ "Statistiques des affaires", "Groupe", "Affaires", "Suspects", "Étrangers", "Drogues (kg)",
	  "Comprimés", "Plants", "Total", "Période", "Liquides (l)" },
};

static const char *H(enum vocab_lang lang, int h)
{
	return headings[(unsigned)lang < LANG_COUNT ? lang : LANG_EN][h];
}

static void pad(struct strbuf *out, const char *s, size_t width, bool right)
{
	size_t n = rl_utf8_valid(s, strlen(s)) ? rl_utf8_len(s) : strlen(s);
	if (right)
		for (size_t i = n; i < width; i++)
			strbuf_addch(out, ' ');
	strbuf_addstr(out, s);
	if (!right)
		for (size_t i = n; i < width; i++)
			strbuf_addch(out, ' ');
}

/* Cells of one row of figures, formatted for lang. */
static void row_cells(const struct report_figures *f, enum vocab_lang lang, char cells[6][64])
{
	report_fmt_int(f->cases, lang, cells[0], 64);
	report_fmt_int(f->suspects, lang, cells[1], 64);
	report_fmt_int(f->foreign, lang, cells[2], 64);
	report_fmt_kg(f->mass_mg, lang, cells[3], 64);
	report_fmt_int(f->tablets, lang, cells[4], 64);
	report_fmt_int(report_plants(f), lang, cells[5], 64);
}

/* A text table: first column labels, then the six figures. */
static void text_table(struct strbuf *out, const char *first, const struct report_group *g, size_t n,
		       const struct report_figures *total, enum vocab_lang lang)
{
	const char *hdr[7] = { first, H(lang, H_CASES), H(lang, H_SUSPECTS), H(lang, H_FOREIGN),
		H(lang, H_MASS), H(lang, H_TABLETS), H(lang, H_PLANTS) };
	size_t w[7];
	char cells[6][64];

	for (int c = 0; c < 7; c++)
		w[c] = rl_utf8_len(hdr[c]);
	for (size_t i = 0; i <= n; i++) {
		const char *label = i < n ? g[i].label : H(lang, H_TOTAL);
		size_t l;
		char key_label[RL_NAME_MAX + 64];
		if (i < n && strcmp(g[i].key, g[i].label))
			snprintf(key_label, sizeof(key_label), "%s %s", g[i].key, g[i].label);
		else
			snprintf(key_label, sizeof(key_label), "%s", label);
		l = rl_utf8_len(key_label);
		if (l > w[0])
			w[0] = l;
		row_cells(i < n ? &g[i].f : total, lang, cells);
		for (int c = 0; c < 6; c++)
			if (rl_utf8_len(cells[c]) > w[c + 1])
				w[c + 1] = rl_utf8_len(cells[c]);
	}
	for (int c = 0; c < 7; c++) {
		pad(out, hdr[c], w[c], c > 0);
		strbuf_addstr(out, c < 6 ? "  " : "\n");
	}
	for (size_t i = 0; i <= n; i++) {
		char key_label[RL_NAME_MAX + 64];
		if (i < n && strcmp(g[i].key, g[i].label))
			snprintf(key_label, sizeof(key_label), "%s %s", g[i].key, g[i].label);
		else
			snprintf(key_label, sizeof(key_label), "%s", i < n ? g[i].label : H(lang, H_TOTAL));
		row_cells(i < n ? &g[i].f : total, lang, cells);
		pad(out, key_label, w[0], false);
		for (int c = 0; c < 6; c++) {
			strbuf_addstr(out, "  ");
			pad(out, cells[c], w[c + 1], true);
		}
		strbuf_addch(out, '\n');
	}
}

static json_t *figs_json(const struct report_figures *f)
{
	json_t *o = json_object(), *p = json_object();
	json_object_set_new(o, "cases", json_integer(f->cases));
	json_object_set_new(o, "suspects", json_integer(f->suspects));
	json_object_set_new(o, "foreign_suspects", json_integer(f->foreign));
	json_object_set_new(o, "mass_kg", json_real((double)f->mass_mg / 1e6));
	json_object_set_new(o, "volume_l", json_real((double)f->volume_ml / 1e3));
	json_object_set_new(o, "tablets", json_integer(f->tablets));
	json_object_set_new(o, "plants", json_integer(report_plants(f)));
	json_object_set_new(p, "opium_poppy", json_integer(f->plants_poppy));
	json_object_set_new(p, "cannabis_plant", json_integer(f->plants_cannabis));
	json_object_set_new(p, "other", json_integer(f->plants_other));
	json_object_set_new(o, "plants_by_drug", p);
	return o;
}

static const char *by_name(enum report_by b)
{
	static const char *const names[] = { NULL, "unit", "month", "quarter", "category", "drug",
		"nationality" };
	return (unsigned)b < 7 ? names[b] : NULL;
}

static void opt_str(json_t *o, const char *k, const char *v)
{
	json_object_set_new(o, k, v ? json_string(v) : json_null());
}

static void html_escape(struct strbuf *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': strbuf_addstr(out, "&lt;"); break;
		case '>': strbuf_addstr(out, "&gt;"); break;
		case '&': strbuf_addstr(out, "&amp;"); break;
		case '"': strbuf_addstr(out, "&quot;"); break;
		case '\'': strbuf_addstr(out, "&#39;"); break;
		default: strbuf_addch(out, *s);
		}
	}
}

static const char html_css[] =
	"body{font-family:system-ui,sans-serif;margin:2em auto;max-width:60em;color:#222}"
	"h1{color:#a00;border-bottom:2px solid #a00}h2{margin-top:1.5em}"
	"table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #bbb;padding:.3em .6em}"
	"th{background:#f3e6e6;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}"
	"tr.total td{font-weight:bold;background:#fafafa}p.lead{font-size:1.1em;line-height:1.5}"
	".up{color:#a00}.down{color:#070}svg text{font:12px sans-serif}";

static void html_head(struct strbuf *out, const char *title, enum vocab_lang lang)
{
	strbuf_addf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
		    vocab_lang_code(lang));
	html_escape(out, title);
	strbuf_addf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n", html_css);
}

static void html_table(struct strbuf *out, const char *first, const struct report_group *g, size_t n,
		       const struct report_figures *total, enum vocab_lang lang)
{
	const char *hdr[7] = { first, H(lang, H_CASES), H(lang, H_SUSPECTS), H(lang, H_FOREIGN),
		H(lang, H_MASS), H(lang, H_TABLETS), H(lang, H_PLANTS) };
	char cells[6][64];

	strbuf_addstr(out, "<table>\n<tr>");
	for (int c = 0; c < 7; c++) {
		strbuf_addstr(out, "<th>");
		html_escape(out, hdr[c]);
		strbuf_addstr(out, "</th>");
	}
	strbuf_addstr(out, "</tr>\n");
	for (size_t i = 0; i <= n; i++) {
		strbuf_addstr(out, i < n ? "<tr><td>" : "<tr class=\"total\"><td>");
		if (i < n) {
			html_escape(out, g[i].key);
			if (strcmp(g[i].key, g[i].label)) {
				strbuf_addch(out, ' ');
				html_escape(out, g[i].label);
			}
		} else {
			html_escape(out, H(lang, H_TOTAL));
		}
		strbuf_addstr(out, "</td>");
		row_cells(i < n ? &g[i].f : total, lang, cells);
		for (int c = 0; c < 6; c++) {
			strbuf_addstr(out, "<td class=\"n\">");
			html_escape(out, cells[c]);
			strbuf_addstr(out, "</td>");
		}
		strbuf_addstr(out, "</tr>\n");
	}
	strbuf_addstr(out, "</table>\n");
}

/* A horizontal bar chart of cases per group, as inline SVG. */
static void html_chart(struct strbuf *out, const struct report_group *g, size_t n, enum vocab_lang lang)
{
	int64_t max = 1;
	int row = 22, left = 170, width = 360;

	if (!n)
		return;
	for (size_t i = 0; i < n; i++)
		if (g[i].f.cases > max)
			max = g[i].f.cases;
	strbuf_addf(out, "<svg width=\"%d\" height=\"%d\" role=\"img\">\n",
		    left + width + 80, (int)n * row + 10);
	for (size_t i = 0; i < n; i++) {
		int y = (int)i * row + 5;
		int w = (int)((double)g[i].f.cases * width / (double)max);
		char num[64];
		report_fmt_int(g[i].f.cases, lang, num, sizeof(num));
		strbuf_addf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", left - 6, y + 14);
		html_escape(out, g[i].label);
		strbuf_addf(out, "</text><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#b33\"/>"
			    "<text x=\"%d\" y=\"%d\">", left, y + 2, w > 0 ? w : 1, row - 6, left + w + 4, y + 14);
		html_escape(out, num);
		strbuf_addstr(out, "</text>\n");
	}
	strbuf_addstr(out, "</svg>\n");
}

void report_format(const struct report_result *r, enum report_format fmt, struct strbuf *out)
{
	enum vocab_lang lang = r->lang;
	const char *first = H(lang, H_GROUP);

	if (fmt == RFMT_JSON) {
		json_t *o = json_object(), *scope = json_object(), *groups = json_array();
		json_t *t = figs_json(&r->total);
		char *s;

		json_object_set_new(o, "from", json_string(r->q.from));
		json_object_set_new(o, "to", json_string(r->q.to));
		opt_str(scope, "country", r->q.country);
		opt_str(scope, "unit", r->q.unit);
		json_object_set_new(scope, "border_only", json_boolean(r->q.border_only));
		opt_str(scope, "category", r->q.category);
		json_object_set_new(o, "scope", scope);
		opt_str(o, "by", by_name(r->q.by));
		json_object_update(o, t);
		json_decref(t);
		for (size_t i = 0; i < r->ngroups; i++) {
			json_t *g = json_object(), *f = figs_json(&r->groups[i].f);
			json_object_set_new(g, "key", json_string(r->groups[i].key));
			json_object_set_new(g, "label", json_string(r->groups[i].label));
			json_object_update(g, f);
			json_decref(f);
			json_array_append_new(groups, g);
		}
		json_object_set_new(o, "groups", groups);
		s = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
		strbuf_addstr(out, s);
		strbuf_addch(out, '\n');
		free(s);
		json_decref(o);
		return;
	}
	if (fmt == RFMT_CSV) {
		strbuf_addstr(out, "key,label,cases,suspects,foreign_suspects,mass_kg,volume_l,tablets,plants\r\n");
		for (size_t i = 0; i <= r->ngroups; i++) {
			const struct report_figures *f = i < r->ngroups ? &r->groups[i].f : &r->total;
			char kg[64];
			report_fmt_kg(f->mass_mg, LANG_EN, kg, sizeof(kg));
			/* CSV is for machines: no thousands separators. */
			for (char *p = kg, *q = kg;; p++) {
				if (*p != ',')
					*q++ = *p;
				if (!*p)
					break;
			}
			csv_quote(out, i < r->ngroups ? r->groups[i].key : "total");
			strbuf_addch(out, ',');
			csv_quote(out, i < r->ngroups ? r->groups[i].label : H(lang, H_TOTAL));
			strbuf_addf(out, ",%" PRId64 ",%" PRId64 ",%" PRId64 ",%s,%" PRId64 ".%03" PRId64
				    ",%" PRId64 ",%" PRId64 "\r\n", f->cases, f->suspects, f->foreign, kg,
				    f->volume_ml / 1000, f->volume_ml % 1000, f->tablets, report_plants(f));
		}
		return;
	}
	if (fmt == RFMT_HTML) {
		html_head(out, H(lang, H_TITLE), lang);
		strbuf_addstr(out, "<h1>");
		html_escape(out, H(lang, H_TITLE));
		strbuf_addf(out, "</h1>\n<p>%s: %s – %s", H(lang, H_PERIOD), r->q.from, r->q.to);
		if (r->q.country) strbuf_addf(out, " · %s", r->q.country);
		if (r->q.unit) { strbuf_addstr(out, " · "); html_escape(out, r->q.unit); }
		if (r->q.border_only) strbuf_addstr(out, " · border");
		if (r->q.category) { strbuf_addstr(out, " · "); html_escape(out, r->q.category); }
		strbuf_addstr(out, "</p>\n");
		html_table(out, first, r->groups, r->ngroups, &r->total, lang);
		html_chart(out, r->groups, r->ngroups, lang);
		strbuf_addstr(out, "</body>\n</html>\n");
		return;
	}
	strbuf_addf(out, "%s, %s %s – %s", H(lang, H_TITLE), H(lang, H_PERIOD), r->q.from, r->q.to);
	if (r->q.country) strbuf_addf(out, ", %s", r->q.country);
	if (r->q.unit) strbuf_addf(out, ", %s", r->q.unit);
	if (r->q.border_only) strbuf_addstr(out, ", border");
	if (r->q.category) strbuf_addf(out, ", %s", r->q.category);
	strbuf_addstr(out, "\n\n");
	text_table(out, first, r->groups, r->ngroups, &r->total, lang);
}

/* ---- the conference report ---- */

static void period_phrase(const char *from, const char *to, enum vocab_lang lang, struct strbuf *out)
{
	int y1 = (int)strtol(from, NULL, 10), m1 = (int)strtol(from + 5, NULL, 10);
	int y2 = (int)strtol(to, NULL, 10), m2 = (int)strtol(to + 5, NULL, 10);

	switch (lang) {
	case LANG_FR: {
		const char *a = vocab_month_name(m1, LANG_FR);
		bool vowel = strchr("aeiou", a[0]) != NULL;
		strbuf_addf(out, "%s%s %d à %s %d", vowel ? "D'" : "De ", a, y1, vocab_month_name(m2, LANG_FR), y2);
		break;
	}
	case LANG_VI:
		strbuf_addf(out, "Từ tháng %d/%d đến tháng %d/%d", m1, y1, m2, y2);
		break;
	case LANG_LO:
		strbuf_addf(out, "ແຕ່ເດືອນ%s %d ຫາ ເດືອນ%s %d", vocab_month_name(m1, LANG_LO), y1,
			    vocab_month_name(m2, LANG_LO), y2);
		break;
	default:
		strbuf_addf(out, "From %s %d to %s %d", vocab_month_name(m1, LANG_EN), y1,
			    vocab_month_name(m2, LANG_EN), y2);
	}
}

static void vn_sentence(struct strbuf *out, const char *from, const char *to, size_t nprov,
			const struct report_figures *f, enum vocab_lang lang)
{
	char cases[64], sus[64], kg[64], tab[64], pl[64], np[16];

	report_fmt_int(f->cases, lang, cases, sizeof(cases));
	report_fmt_int(f->suspects, lang, sus, sizeof(sus));
	report_fmt_int((f->mass_mg + 500000) / 1000000, lang, kg, sizeof(kg));
	report_fmt_int(f->tablets, lang, tab, sizeof(tab));
	report_fmt_int(f->plants_poppy, lang, pl, sizeof(pl));
	snprintf(np, sizeof(np), "%zu", nprov);
	period_phrase(from, to, lang, out);
	switch (lang) {
	case LANG_FR:
		strbuf_addf(out, ", la police des %s provinces frontalières du Laos a traité %s affaires "
			    "impliquant %s suspects, et saisi %s kg de drogues de divers types, %s comprimés "
			    "de drogues de synthèse et %s plants de pavot.", np, cases, sus, kg, tab, pl);
		break;
	case LANG_VI:
		strbuf_addf(out, ", công an %s tỉnh biên giới với Lào đã phát hiện, bắt giữ %s vụ, %s đối "
			    "tượng, thu giữ %s kg ma túy các loại, %s viên ma túy tổng hợp và %s cây thuốc "
			    "phiện.", np, cases, sus, kg, tab, pl);
		break;
	case LANG_LO:
		strbuf_addf(out, ", ຕຳຫຼວດ %s ແຂວງຂອງຫວຽດນາມ ທີ່ມີຊາຍແດນຕິດກັບລາວ ໄດ້ດຳເນີນຄະດີ %s ຄະດີ, "
			    "ຜູ້ຕ້ອງສົງໄສ %s ຄົນ, ຍຶດຢາເສບຕິດປະເພດຕ່າງໆ %s ກິໂລ, ຢາເສບຕິດສັງເຄາະ %s ເມັດ "
			    "ແລະ ຕົ້ນຝິ່ນ %s ຕົ້ນ.", np, cases, sus, kg, tab, pl);
		break;
	default:
		strbuf_addf(out, ", the police of the %s provinces bordering Laos handled %s cases involving "
			    "%s suspects, and seized %s kg of drugs of various kinds, %s synthetic-drug tablets "
			    "and %s opium poppy plants.", np, cases, sus, kg, tab, pl);
	}
}

static void la_sentence(struct strbuf *out, const struct report_figures *f, enum vocab_lang lang)
{
	char cases[64], sus[64], fo[64];

	report_fmt_int(f->cases, lang, cases, sizeof(cases));
	report_fmt_int(f->suspects, lang, sus, sizeof(sus));
	report_fmt_int(f->foreign, lang, fo, sizeof(fo));
	switch (lang) {
	case LANG_FR:
		strbuf_addf(out, "Au Laos, %s affaires liées à la drogue, %s suspects arrêtés, dont %s "
			    "étrangers.", cases, sus, fo);
		break;
	case LANG_VI:
		strbuf_addf(out, "Tại Lào, %s vụ án về ma túy, bắt giữ %s đối tượng, trong đó có %s người "
			    "nước ngoài.", cases, sus, fo);
		break;
	case LANG_LO:
		strbuf_addf(out, "ຢູ່ ສປປ ລາວ, %s ຄະດີຢາເສບຕິດ, ຈັບກຸມຜູ້ຕ້ອງສົງໄສ %s ຄົນ, ໃນນັ້ນມີ"
			    "ຄົນຕ່າງປະເທດ %s ຄົນ.", cases, sus, fo);
		break;
	default:
		strbuf_addf(out, "In Laos, %s drug cases, %s suspects arrested, %s of them foreigners.",
			    cases, sus, fo);
	}
}

enum { C_TITLE, C_PERIOD, C_VN, C_LA, C_VNPROV, C_LAPROV, C_TREND, C_FIGURE, C_NOW, C_BEFORE,
       C_CHANGE, C_PROVINCE, C_COUNT };

static const char *const conf_words[LANG_COUNT][C_COUNT] = {
	{ "Hội nghị song phương Việt Nam – Lào: báo cáo công tác phòng, chống ma túy", "Thời gian",
	  "Phía Việt Nam", "Phía Lào", "Các tỉnh biên giới của Việt Nam", "Các tỉnh biên giới của Lào",
	  "So với kỳ trước", "Chỉ tiêu", "Kỳ này", "Kỳ trước", "Thay đổi", "Tỉnh" },
	{ "ກອງປະຊຸມສອງຝ່າຍ ຫວຽດນາມ – ລາວ: ບົດລາຍງານການຕ້ານຢາເສບຕິດ", "ໄລຍະ", "ຝ່າຍຫວຽດນາມ", "ຝ່າຍລາວ",
	  "ແຂວງຊາຍແດນຂອງຫວຽດນາມ", "ແຂວງຊາຍແດນຂອງລາວ", "ທຽບກັບໄລຍະກ່ອນ", "ຕົວເລກ", "ໄລຍະນີ້",
	  "ໄລຍະກ່ອນ", "ປ່ຽນແປງ", "ແຂວງ" },
	{ "Viet Nam – Laos bilateral conference: report on drug control", "Period", "Viet Nam", "Laos",
	  "Viet Nam's border provinces", "Laos' border provinces", "Trend against the previous period",
	  "Figure", "This period", "Previous period", "Change", "Province" },
	{ "Conférence bilatérale Viet Nam – Laos : rapport sur la lutte contre la drogue", "Période",
	  "Viet Nam", "Laos", "Provinces frontalières du Viet Nam", "Provinces frontalières du Laos",
	  "Évolution par rapport à la période précédente", "Indicateur", "Cette période",
	  "Période précédente", "Évolution", "Province" },
};

static const char *CW(enum vocab_lang lang, int w)
{
	return conf_words[(unsigned)lang < LANG_COUNT ? lang : LANG_EN][w];
}

static void change_text(int64_t now, int64_t before, enum vocab_lang lang, char *buf, size_t size)
{
	if (!before) {
		snprintf(buf, size, "%s", now ? "+∞" : "0");
		return;
	}
	{
		double pct = ((double)now - (double)before) * 100.0 / (double)before;
		char s[32];
		snprintf(s, sizeof(s), "%+.1f %%", pct);
		if (lang == LANG_FR || lang == LANG_VI)
			for (char *p = s; *p; p++)
				if (*p == '.')
					*p = ',';
		snprintf(buf, size, "%s", s);
	}
}

struct trend_row {
	const char *name;
	int64_t now, before;
	bool kg;
};

static void trend_rows(const struct report_figures *a, const struct report_figures *b,
		       enum vocab_lang lang, struct trend_row rows[6])
{
	rows[0] = (struct trend_row){ H(lang, H_CASES), a->cases, b->cases, false };
	rows[1] = (struct trend_row){ H(lang, H_SUSPECTS), a->suspects, b->suspects, false };
	rows[2] = (struct trend_row){ H(lang, H_FOREIGN), a->foreign, b->foreign, false };
	rows[3] = (struct trend_row){ H(lang, H_MASS), a->mass_mg, b->mass_mg, true };
	rows[4] = (struct trend_row){ H(lang, H_TABLETS), a->tablets, b->tablets, false };
	rows[5] = (struct trend_row){ H(lang, H_PLANTS), report_plants(a), report_plants(b), false };
}

static void fmt_val(const struct trend_row *r, int64_t v, enum vocab_lang lang, char *buf, size_t size)
{
	if (r->kg)
		report_fmt_kg(v, lang, buf, size);
	else
		report_fmt_int(v, lang, buf, size);
}

static void trend_text(struct strbuf *out, const char *side, const struct report_figures *a,
		       const struct report_figures *b, enum vocab_lang lang)
{
	struct trend_row rows[6];
	size_t w0 = rl_utf8_len(CW(lang, C_FIGURE));

	trend_rows(a, b, lang, rows);
	for (int i = 0; i < 6; i++)
		if (rl_utf8_len(rows[i].name) > w0)
			w0 = rl_utf8_len(rows[i].name);
	strbuf_addf(out, "%s\n", side);
	pad(out, CW(lang, C_FIGURE), w0, false);
	strbuf_addstr(out, "  ");
	pad(out, CW(lang, C_NOW), 16, true);
	strbuf_addstr(out, "  ");
	pad(out, CW(lang, C_BEFORE), 16, true);
	strbuf_addstr(out, "  ");
	pad(out, CW(lang, C_CHANGE), 10, true);
	strbuf_addch(out, '\n');
	for (int i = 0; i < 6; i++) {
		char x[64], y[64], c[32];
		fmt_val(&rows[i], rows[i].now, lang, x, sizeof(x));
		fmt_val(&rows[i], rows[i].before, lang, y, sizeof(y));
		change_text(rows[i].now, rows[i].before, lang, c, sizeof(c));
		pad(out, rows[i].name, w0, false);
		strbuf_addstr(out, "  ");
		pad(out, x, 16, true);
		strbuf_addstr(out, "  ");
		pad(out, y, 16, true);
		strbuf_addstr(out, "  ");
		pad(out, c, 10, true);
		strbuf_addch(out, '\n');
	}
}

static void trend_html(struct strbuf *out, const char *side, const struct report_figures *a,
		       const struct report_figures *b, enum vocab_lang lang)
{
	struct trend_row rows[6];

	trend_rows(a, b, lang, rows);
	strbuf_addstr(out, "<h3>");
	html_escape(out, side);
	strbuf_addstr(out, "</h3>\n<table>\n<tr>");
	for (int w = C_FIGURE; w <= C_CHANGE; w++) {
		strbuf_addstr(out, "<th>");
		html_escape(out, CW(lang, w));
		strbuf_addstr(out, "</th>");
	}
	strbuf_addstr(out, "</tr>\n");
	for (int i = 0; i < 6; i++) {
		char x[64], y[64], c[32];
		fmt_val(&rows[i], rows[i].now, lang, x, sizeof(x));
		fmt_val(&rows[i], rows[i].before, lang, y, sizeof(y));
		change_text(rows[i].now, rows[i].before, lang, c, sizeof(c));
		strbuf_addstr(out, "<tr><td>");
		html_escape(out, rows[i].name);
		strbuf_addstr(out, "</td><td class=\"n\">");
		html_escape(out, x);
		strbuf_addstr(out, "</td><td class=\"n\">");
		html_escape(out, y);
		strbuf_addf(out, "</td><td class=\"n %s\">", rows[i].now > rows[i].before ? "up" :
			    rows[i].now < rows[i].before ? "down" : "");
		html_escape(out, c);
		strbuf_addstr(out, "</td></tr>\n");
	}
	strbuf_addstr(out, "</table>\n");
}

int report_conference(struct rl_db *db, const struct actor *a, const char *from, const char *to,
		      enum vocab_lang lang, enum report_format fmt, struct strbuf *out)
{
	struct report_query q = { .from = from, .to = to, .category = "drugs" };
	struct report_result vn = { 0 }, vnp = { 0 }, la = { 0 }, lap = { 0 }, lab = { 0 };
	struct unitref_list bp = { 0 };
	char pfrom[RL_DATE_LEN + 1], pto[RL_DATE_LEN + 1];
	struct strbuf s1 = STRBUF_INIT, s2 = STRBUF_INIT;
	int64_t d0, d1;
	int rc;

	if (fmt != RFMT_TEXT && fmt != RFMT_HTML)
		return rl_error(RL_EINVAL, "the conference report is text or html");
	{
		struct case_scope sc;
		bool both;

		rc = policy_stats_scope(db, a, &sc);
		both = sc.read == CASE_SCOPE_ALL;
		policy_case_scope_release(&sc);
		if (rc)
			return rc;
		if (!both)
			return rl_error(RL_EDENIED, "the conference report covers both countries: it needs the "
					"analyst role or an account of a ministry");
	}
	if ((rc = check_query(db, &q)))
		return rc;
	d0 = rl_date_to_days(from);
	d1 = rl_date_to_days(to);
	rl_days_to_date(d0 - 1, pto);
	rl_days_to_date(d0 - (d1 - d0 + 1), pfrom);

	q.country = "VNM";
	q.border_only = true;
	q.by = BY_UNIT;
	if ((rc = report_run(db, a, &q, lang, &vn)))
		goto out;
	q.from = pfrom;
	q.to = pto;
	q.by = BY_NONE;
	if ((rc = report_run(db, a, &q, lang, &vnp)))
		goto out;
	q = (struct report_query){ .from = from, .to = to, .country = "LAO", .category = "drugs" };
	if ((rc = report_run(db, a, &q, lang, &la)))
		goto out;
	q.border_only = true;
	q.by = BY_UNIT;
	if ((rc = report_run(db, a, &q, lang, &lab)))
		goto out;
	q = (struct report_query){ .from = pfrom, .to = pto, .country = "LAO", .category = "drugs" };
	if ((rc = report_run(db, a, &q, lang, &lap)))
		goto out;
	if ((rc = unitref_border_provinces(db, "VNM", from, to, &bp)))
		goto out;

	vn_sentence(&s1, from, to, bp.n, &vn.total, lang);
	la_sentence(&s2, &la.total, lang);
	if (fmt == RFMT_TEXT) {
		const char *colon = lang == LANG_FR ? " :" : ":";
		strbuf_addf(out, "%s\n\n%s%s %s – %s (%s%s %s – %s)\n\n", CW(lang, C_TITLE), CW(lang, C_PERIOD),
			    colon, from, to, CW(lang, C_BEFORE), colon, pfrom, pto);
		strbuf_addf(out, "%s\n%s\n\n%s\n%s\n\n", CW(lang, C_VN), s1.buf, CW(lang, C_LA), s2.buf);
		strbuf_addf(out, "%s\n", CW(lang, C_VNPROV));
		text_table(out, CW(lang, C_PROVINCE), vn.groups, vn.ngroups, &vn.total, lang);
		strbuf_addf(out, "\n%s\n", CW(lang, C_LAPROV));
		text_table(out, CW(lang, C_PROVINCE), lab.groups, lab.ngroups, &lab.total, lang);
		strbuf_addf(out, "\n%s\n", CW(lang, C_TREND));
		trend_text(out, CW(lang, C_VN), &vn.total, &vnp.total, lang);
		strbuf_addch(out, '\n');
		trend_text(out, CW(lang, C_LA), &la.total, &lap.total, lang);
	} else {
		html_head(out, CW(lang, C_TITLE), lang);
		strbuf_addstr(out, "<h1>");
		html_escape(out, CW(lang, C_TITLE));
		strbuf_addf(out, "</h1>\n<p>%s: %s – %s (%s: %s – %s)</p>\n", CW(lang, C_PERIOD), from, to,
			    CW(lang, C_BEFORE), pfrom, pto);
		strbuf_addstr(out, "<h2>");
		html_escape(out, CW(lang, C_VN));
		strbuf_addstr(out, "</h2>\n<p class=\"lead\">");
		html_escape(out, s1.buf);
		strbuf_addstr(out, "</p>\n<h2>");
		html_escape(out, CW(lang, C_LA));
		strbuf_addstr(out, "</h2>\n<p class=\"lead\">");
		html_escape(out, s2.buf);
		strbuf_addstr(out, "</p>\n<h2>");
		html_escape(out, CW(lang, C_VNPROV));
		strbuf_addstr(out, "</h2>\n");
		html_table(out, CW(lang, C_PROVINCE), vn.groups, vn.ngroups, &vn.total, lang);
		html_chart(out, vn.groups, vn.ngroups, lang);
		strbuf_addstr(out, "<h2>");
		html_escape(out, CW(lang, C_LAPROV));
		strbuf_addstr(out, "</h2>\n");
		html_table(out, CW(lang, C_PROVINCE), lab.groups, lab.ngroups, &lab.total, lang);
		html_chart(out, lab.groups, lab.ngroups, lang);
		strbuf_addstr(out, "<h2>");
		html_escape(out, CW(lang, C_TREND));
		strbuf_addstr(out, "</h2>\n");
		trend_html(out, CW(lang, C_VN), &vn.total, &vnp.total, lang);
		trend_html(out, CW(lang, C_LA), &la.total, &lap.total, lang);
		strbuf_addstr(out, "</body>\n</html>\n");
	}
out:
	strbuf_release(&s1);
	strbuf_release(&s2);
	unitref_list_free(&bp);
	report_result_release(&vn);
	report_result_release(&vnp);
	report_result_release(&la);
	report_result_release(&lap);
	report_result_release(&lab);
	return rc;
}
