/*
 * unitref.c: unit facts for cases and reports, read from the directory
 * (store/unit_store.h). A unit's province is its level-1 ancestor on the
 * date; a case is "on the border" when that province's border flag was set
 * on the date.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/unitref.h"
#include "store/unit_store.h"
#include "util/clock.h"
#include "util/status.h"
#include "util/xalloc.h"
#include "util/banned.h"

struct find_prov {
	char code[RL_CODE_MAX + 1];
};

static int take_province(const struct unit *u, void *data)
{
	struct find_prov *f = data;
	if (u->level == 1) {
		snprintf(f->code, sizeof(f->code), "%s", u->code);
		return 1;
	}
	return 0;
}

int unitref_on(struct rl_db *db, const char *code, const char *date, struct unitref *out)
{
	struct unit u;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!code || !*code || strlen(code) > RL_CODE_MAX)
		return rl_error(RL_EINVAL, "unit code missing or too long");
	if ((rc = unit_store_find(db, code, date, &u)))
		return rc;
	if (!u.exists) {
		if (*u.valid_from && strcmp(date, u.valid_from) < 0)
			return rl_error(RL_EINVAL, "unit '%s' did not exist yet on %s (it exists from %s)",
					code, date, u.valid_from);
		if (*u.successor_code)
			return rl_error(RL_EINVAL, "unit '%s' no longer existed on %s (it ended on %s; "
					"its successor is '%s')", code, date, u.valid_to, u.successor_code);
		return rl_error(RL_EINVAL, "unit '%s' no longer existed on %s (it ended on %s)",
				code, date, u.valid_to);
	}
	snprintf(out->code, sizeof(out->code), "%s", u.code);
	snprintf(out->country, sizeof(out->country), "%s", u.country);
	if (u.level == 0) {
		out->province[0] = '\0';
		out->border = false;
		return 0;
	}
	if (u.level == 1) {
		snprintf(out->province, sizeof(out->province), "%s", u.code);
		out->border = u.border;
		return 0;
	}
	{
		struct find_prov f = { "" };
		bool border = false;
		rc = unit_store_ancestors(db, u.id, date, take_province, &f);
		if (rc < 0)
			return rc;
		if (!*f.code)
			return rl_error(RL_EINTERNAL, "unit '%s' has no province on %s", code, date);
		snprintf(out->province, sizeof(out->province), "%s", f.code);
		if ((rc = unit_store_border_on(db, f.code, date, &border)))
			return rc;
		out->border = border;
	}
	return 0;
}

static void list_add(struct unitref_list *l, const char *code)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->code[i], code))
			return;
	l->code = xrealloc(l->code, (l->n + 1) * sizeof(*l->code));
	l->code[l->n++] = xstrdup(code);
}

static int cmp_code(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The dates a period is looked at: its ends, and every 1 January and
 * 1 July in it, the dates reorganisations take effect (Viet Nam's 2025
 * reform on 1 July). A unit that joined and left a subtree between two
 * such dates would be missed; the directory records no such change.
 */
#define SAMPLE_MAX 64

static size_t sample_dates(const char *from, const char *to, char out[SAMPLE_MAX][RL_DATE_LEN + 1])
{
	size_t n = 0;
	int y0 = (int)strtol(from, NULL, 10), y1 = (int)strtol(to, NULL, 10);

	snprintf(out[n++], RL_DATE_LEN + 1, "%s", from);
	for (int y = y0; y <= y1 && n + 2 < SAMPLE_MAX; y++) {
		char d[2][RL_DATE_LEN + 1];
		if (y < 1 || y > 9999)
			continue;
		snprintf(d[0], sizeof(d[0]), "%04d-01-01", y % 10000);
		snprintf(d[1], sizeof(d[1]), "%04d-07-01", y % 10000);
		for (int k = 0; k < 2; k++)
			if (strcmp(d[k], from) > 0 && strcmp(d[k], to) <= 0)
				memcpy(out[n++], d[k], RL_DATE_LEN + 1);
	}
	if (strcmp(to, from))
		snprintf(out[n++], RL_DATE_LEN + 1, "%s", to);
	return n;
}

static int take_tree(const struct unit *u, int depth, void *data)
{
	(void)depth;
	list_add(data, u->code);
	return 0;
}

int unitref_subtree(struct rl_db *db, const char *code, const char *from, const char *to,
		    struct unitref_list *out)
{
	char dates[SAMPLE_MAX][RL_DATE_LEN + 1];
	size_t nd = sample_dates(from, to, dates);
	struct unit u;
	int rc, existed = 0;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < nd; i++) {
		if ((rc = unit_store_find(db, code, dates[i], &u)))
			goto fail;
		if (!u.exists)
			continue;
		existed = 1;
		if ((rc = unit_store_subtree(db, u.id, dates[i], take_tree, out)))
			goto fail;
	}
	if (!existed) {
		rc = rl_error(RL_EINVAL, "unit '%s' did not exist between %s and %s", code, from, to);
		goto fail;
	}
	qsort(out->code, out->n, sizeof(*out->code), cmp_code);
	return 0;
fail:
	unitref_list_free(out);
	return rc;
}

int unitref_level(struct rl_db *db, const char *code, int *level, char country[4])
{
	struct unit u;
	int rc = unit_store_find(db, code, NULL, &u);
	if (rc)
		return rc;
	*level = u.level;
	snprintf(country, 4, "%s", u.country);
	return 0;
}

static int take_unit(const struct unit *u, void *data)
{
	list_add(data, u->code);
	return 0;
}

int unitref_border_provinces(struct rl_db *db, const char *country, const char *from,
			     const char *to, struct unitref_list *out)
{
	char dates[SAMPLE_MAX][RL_DATE_LEN + 1];
	size_t nd = sample_dates(from, to, dates);
	int rc;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < nd; i++) {
		struct unit_filter f = { .country = country, .level = 1, .on = dates[i], .border = 1,
					 .demo = -1 };
		if ((rc = unit_store_list(db, &f, take_unit, out))) {
			unitref_list_free(out);
			return rc;
		}
	}
	qsort(out->code, out->n, sizeof(*out->code), cmp_code);
	return 0;
}

void unitref_name(struct rl_db *db, const char *code, const char *lang, char *buf, size_t size)
{
	struct unit u;
	const char *n;

	if (unit_store_find(db, code, NULL, &u)) {
		snprintf(buf, size, "%s", code);
		return;
	}
	if (!strcmp(lang, "vi"))
		n = !strcmp(u.country, "VNM") ? u.name_local : u.name_other;
	else if (!strcmp(lang, "lo"))
		n = !strcmp(u.country, "LAO") ? u.name_local : u.name_other;
	else
		n = u.name_en;
	snprintf(buf, size, "%s", *n ? n : u.name_en);
}

void unitref_list_free(struct unitref_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->code[i]);
	free(l->code);
	l->code = NULL;
	l->n = 0;
}
