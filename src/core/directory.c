/*
 * directory.c: the rules of the hotline directory (see directory.h):
 * validation, history-keeping writes with their audit records, the CSV
 * import, and the reference and demo seeds.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/directory.h"
#include "core/policy.h"
#include "store/audit.h"
#include "util/asset.h"
#include "util/clock.h"
#include "util/csv.h"
#include "util/status.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

/* data/reference_units.csv and data/demo_units.csv, embedded at build time. */
extern const struct rl_asset rl_directory_data[];

#define SINCE_ALWAYS "0001-01-01"
#define STILL_VALID "9999-12-31"

static const char *lo(const char *d)
{
	return d && *d ? d : SINCE_ALWAYS;
}

static const char *hi(const char *d)
{
	return d && *d ? d : STILL_VALID;
}

static int check_date(const char *d, const char *what)
{
	if (!rl_date_valid(d))
		return rl_error(RL_EINVAL, "invalid date '%s' for %s (YYYY-MM-DD)", d, what);
	return 0;
}

/* `on` or today into buf; checks the date. */
static int date_or_today(const char *d, const char *what, char buf[RL_DATE_LEN + 1])
{
	if (!d || !*d) {
		rl_today(buf);
		return 0;
	}
	if (check_date(d, what))
		return RL_EINVAL;
	snprintf(buf, RL_DATE_LEN + 1, "%s", d);
	return 0;
}

static int check_opt_date(const char *d, const char *what)
{
	return d && *d ? check_date(d, what) : 0;
}

static void day_before(const char *d, char out[RL_DATE_LEN + 1])
{
	rl_days_to_date(rl_date_to_days(d) - 1, out);
}

static int check_text(const char *s, const char *what, size_t max, bool required)
{
	if (!s || !*s)
		return required ? rl_error(RL_EINVAL, "%s must not be empty", what) : 0;
	if (!rl_utf8_valid(s, strlen(s)))
		return rl_error(RL_EINVAL, "%s is not valid UTF-8", what);
	if (strlen(s) > max)
		return rl_error(RL_ETOOBIG, "%s is longer than %zu bytes", what, max);
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p < 0x20)
			return rl_error(RL_EINVAL, "%s holds a control character", what);
	return 0;
}

static int check_code(const struct unit_country *c, const char *code)
{
	size_t n = strlen(code);

	if (!n)
		return rl_error(RL_EINVAL, "the unit code must not be empty");
	if (n > RL_CODE_MAX)
		return rl_error(RL_ETOOBIG, "unit code is longer than %d characters", RL_CODE_MAX);
	for (const char *p = code; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return rl_error(RL_EINVAL, "invalid unit code '%.*s': use capitals, digits and '-'",
					RL_CODE_MAX, code);
	if (strncmp(code, c->prefix, 2) || code[2] != '-' || !code[3])
		return rl_error(RL_EINVAL, "unit code '%s' must start with '%s-' for %s", code, c->prefix, c->code);
	return 0;
}

/* The date a unit's structure is checked on: today, clamped into its lifetime. */
static void check_day(const char *valid_from, const char *valid_to, char out[RL_DATE_LEN + 1])
{
	char today[RL_DATE_LEN + 1];
	const char *d = today;

	rl_today(today);
	if (strcmp(d, lo(valid_from)) < 0)
		d = lo(valid_from);
	if (strcmp(d, hi(valid_to)) > 0)
		d = hi(valid_to);
	snprintf(out, RL_DATE_LEN + 1, "%s", d);
}

/* Whether `unit_id` is `p` or one of p's ancestors on `on`. */
struct cycle_check {
	const char *unit_id;
	bool found;
};

static int cycle_cb(const struct unit *u, void *data)
{
	struct cycle_check *c = data;
	if (!strcmp(u->id, c->unit_id))
		c->found = true;
	return 0;
}

/*
 * Checks that `parent` (code or id, may be NULL) may be the parent of a
 * unit of country/level on `on`; writes its id ("" for none) to pid.
 */
static int check_parent(struct rl_db *db, const char *unit_id, const char *country, int level,
			const char *parent, const char *on, char pid[RL_ID_LEN + 1])
{
	struct unit_level want, lv;
	struct unit p;
	int prank, rc;

	pid[0] = '\0';
	if ((rc = unit_store_parent_rank(db, country, level, on, &prank)) ||
	    (rc = unit_store_level(db, country, level, &lv)))
		return rc;
	if (prank < 0) {
		if (parent && *parent)
			return rl_error(RL_EINVAL, "a %s has no parent", lv.key);
		return 0;
	}
	if ((rc = unit_store_level(db, country, prank, &want)))
		return rc;
	if (!parent || !*parent)
		return rl_error(RL_EINVAL, "a %s %s needs a parent %s", country, lv.key, want.key);
	if ((rc = unit_store_find(db, parent, on, &p)))
		return rc;
	if (!p.exists)
		return rl_error(RL_EINVAL, "parent '%s' does not exist on %s", p.code, on);
	if (strcmp(p.country, country))
		return rl_error(RL_EINVAL, "parent '%s' is in %s, not %s", p.code, p.country, country);
	if (unit_id && *unit_id) {
		struct cycle_check cc = { unit_id, !strcmp(p.id, unit_id) };
		if ((rc = unit_store_ancestors(db, p.id, on, cycle_cb, &cc)))
			return rc;
		if (cc.found)
			return rl_error(RL_EINVAL, "parent '%s' would make a cycle", p.code);
	}
	if (p.level != prank)
		return rl_error(RL_EINVAL, "parent '%s' is a %s; a %s %s sits under a %s on %s",
				p.code, p.level_key, country, lv.key, want.key, on);
	memcpy(pid, p.id, RL_ID_LEN + 1);
	return 0;
}

/* The unit's lifetime must lie within its level's. */
static int check_level_lifetime(const struct unit_level *lv, const char *from, const char *to)
{
	if (strcmp(lo(from), lo(lv->valid_from)) < 0)
		return rl_error(RL_EINVAL, "the %s %s level starts on %s; the unit cannot start before",
				lv->country, lv->key, lv->valid_from);
	if (strcmp(hi(to), hi(lv->valid_to)) > 0)
		return rl_error(RL_EINVAL, "the %s %s level ends on %s; the unit must end by then (set valid_to)",
				lv->country, lv->key, lv->valid_to);
	return 0;
}

static int check_lifetime(const char *from, const char *to)
{
	int rc;
	if ((rc = check_opt_date(from, "valid_from")) || (rc = check_opt_date(to, "valid_to")))
		return rc;
	if (strcmp(lo(from), hi(to)) > 0)
		return rl_error(RL_EINVAL, "valid_from %s is after valid_to %s", from, to);
	return 0;
}

static int audit(struct rl_db *db, const struct actor *a, const char *action, const char *record,
		 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int audit(struct rl_db *db, const struct actor *a, const char *action, const char *record,
		 const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	if (sb.len > RL_AUDIT_SUMMARY_MAX)
		strbuf_setlen(&sb, RL_AUDIT_SUMMARY_MAX);
	rc = audit_append(db, a->audit_name, action, "unit", record, sb.buf);
	strbuf_release(&sb);
	return rc;
}

struct unit_vec {
	struct unit *v;
	size_t n, alloc;
};

static int vec_add(const struct unit *u, void *data)
{
	struct unit_vec *vec = data;
	ALLOC_GROW(vec->v, vec->n + 1, vec->alloc);
	vec->v[vec->n++] = *u;
	return 0;
}

/* ---- add ---- */

static int add_tx(struct rl_db *db, const struct actor *a, const struct dir_unit_input *in,
		  struct unit *out)
{
	struct unit_country c;
	struct unit_level lv;
	struct unit_new n = { 0 };
	char pid[RL_ID_LEN + 1], id[RL_ID_LEN + 1], day[RL_DATE_LEN + 1];
	int rank, rc;
	bool taken;

	if (!in->code || !*in->code)
		return rl_error(RL_EINVAL, "the unit code must not be empty");
	if (!in->country || !*in->country)
		return rl_error(RL_EINVAL, "the country must not be empty");
	if ((rc = unit_store_country(db, in->country, &c)) == RL_ENOTFOUND)
		return rl_error(RL_EINVAL, "unknown country '%s'", in->country);
	if (rc || (rc = check_code(&c, in->code)))
		return rc;
	if (!in->level || !*in->level)
		return rl_error(RL_EINVAL, "the level must not be empty");
	if ((rc = unit_store_level_parse(db, c.code, in->level, &rank)) ||
	    (rc = unit_store_level(db, c.code, rank, &lv)))
		return rc;
	if ((rc = check_text(in->name_local, "name_local", RL_NAME_MAX, true)) ||
	    (rc = check_text(in->name_en, "name_en", RL_NAME_MAX, true)) ||
	    (rc = check_text(in->name_other, "name_other", RL_NAME_MAX, false)) ||
	    (rc = check_lifetime(in->valid_from, in->valid_to)) ||
	    (rc = check_level_lifetime(&lv, in->valid_from, in->valid_to)) ||
	    (rc = check_opt_date(in->border_from, "border_from")))
		return rc;
	if (in->border_from && *in->border_from &&
	    (in->border != 1 || strcmp(in->border_from, lo(in->valid_from)) < 0 ||
	     strcmp(in->border_from, hi(in->valid_to)) > 0))
		return rl_error(RL_EINVAL, "border_from needs border yes and a date within the unit's lifetime");
	if ((rc = unit_store_code_taken(db, in->code, &taken)))
		return rc;
	if (taken)
		return rl_error(RL_ECONFLICT, "unit code '%s' already exists", in->code);
	check_day(in->valid_from, in->valid_to, day);
	if (strcmp(day, lo(in->valid_from)) < 0 || strcmp(day, hi(in->valid_to)) > 0)
		snprintf(day, sizeof(day), "%s", lo(in->valid_from));
	/* A unit reaching the border later is checked where it starts. */
	if ((rc = check_parent(db, NULL, c.code, rank, in->parent, in->valid_from && *in->valid_from ? in->valid_from : day, pid)))
		return rc;
	n.code = in->code;
	n.country = c.code;
	n.level = rank;
	n.demo = in->demo;
	n.valid_from = in->valid_from;
	n.valid_to = in->valid_to;
	n.v.parent_id = pid;
	n.v.name_local = in->name_local;
	n.v.name_en = in->name_en;
	n.v.name_other = in->name_other;
	n.v.border = in->border == 1;
	if ((rc = unit_store_insert(db, &n, id)))
		return rc;
	if (in->border_from && *in->border_from &&
	    (rc = unit_store_set_border_timeline(db, id, true, in->border_from)))
		return rc;
	if ((rc = audit(db, a, "unit.add", in->code, "added %s %s %s (%s)%s", c.code, lv.key,
			in->code, in->name_en, in->demo ? " [demo]" : "")))
		return rc;
	return out ? unit_store_find(db, id, day, out) : 0;
}

static int write_begin(struct rl_db *db, const struct actor *a)
{
	int rc;
	if ((rc = policy_check(a, POLICY_UNIT_ADMIN, NULL)))
		return rc;
	return db_begin(db);
}

static int write_end(struct rl_db *db, int rc)
{
	if (rc) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db);
}

int dir_add(struct rl_db *db, const struct actor *a, const struct dir_unit_input *in,
	    struct unit *out)
{
	int rc;
	if ((rc = write_begin(db, a)))
		return rc;
	return write_end(db, add_tx(db, a, in, out));
}

/* ---- edit, rename ---- */

static int edit_tx(struct rl_db *db, const struct actor *a, const char *code, const char *from_arg,
		   const struct dir_unit_input *in)
{
	struct unit u;
	struct unit_version v = { 0 };
	struct unit_level lv;
	struct strbuf what = STRBUF_INIT;
	char from[RL_DATE_LEN + 1], pid[RL_ID_LEN + 1];
	unsigned fields = 0;
	int rc;

	if ((rc = date_or_today(from_arg, "--from", from)))
		return rc;
	if (!code || !*code)
		return rl_error(RL_EINVAL, "the unit code must not be empty");
	if ((rc = unit_store_find(db, code, from, &u)))
		return rc;
	if ((rc = check_text(in->name_local, "name_local", RL_NAME_MAX, false)) ||
	    (rc = check_text(in->name_en, "name_en", RL_NAME_MAX, false)) ||
	    (rc = check_text(in->name_other, "name_other", RL_NAME_MAX, false)) ||
	    (rc = check_opt_date(in->border_from, "border_from")))
		return rc;
	if (in->name_local && !*in->name_local)
		return rl_error(RL_EINVAL, "name_local must not be empty");
	if (in->name_en && !*in->name_en)
		return rl_error(RL_EINVAL, "name_en must not be empty");
	if ((in->parent || in->name_local || in->name_en || in->name_other || in->border >= 0) &&
	    !u.exists && !in->border_from)
		return rl_error(RL_EINVAL, "unit '%s' does not exist on %s", u.code, from);
	v.parent_id = u.parent_id;
	v.name_local = in->name_local ? in->name_local : u.name_local;
	v.name_en = in->name_en ? in->name_en : u.name_en;
	v.name_other = in->name_other ? in->name_other : u.name_other;
	v.border = in->border >= 0 ? in->border == 1 : u.border;
	if (in->parent) {
		if ((rc = check_parent(db, u.id, u.country, u.level, in->parent, from, pid)))
			return rc;
		v.parent_id = pid;
		fields |= UNIT_F_PARENT;
		strbuf_addf(&what, " parent %s;", in->parent);
	}
	if (in->name_local || in->name_en || in->name_other) {
		fields |= UNIT_F_NAMES;
		strbuf_addf(&what, " names '%s' / '%s' / '%s' (were '%s' / '%s' / '%s');", v.name_local,
			    v.name_en, v.name_other, u.name_local, u.name_en, u.name_other);
	}
	if (in->border >= 0 && !in->border_from) {
		fields |= UNIT_F_BORDER;
		strbuf_addf(&what, " border %s;", v.border ? "yes" : "no");
	}
	if (in->valid_from || in->valid_to) {
		const char *vf = in->valid_from ? in->valid_from : u.valid_from;
		const char *vt = in->valid_to ? in->valid_to : u.valid_to;
		struct unit_vec hist = { 0 };
		if ((rc = check_lifetime(vf, vt)) || (rc = unit_store_level(db, u.country, u.level, &lv)) ||
		    (rc = check_level_lifetime(&lv, vf, vt)) || (rc = unit_store_history(db, u.id, vec_add, &hist)))
			goto out;
		/* History periods are never deleted: the start may not pass the
		 * end of the first one. */
		if (hist.n && strcmp(lo(vf), hi(hist.v[0].version_to)) > 0)
			rc = rl_error(RL_EINVAL, "valid_from %s is after the end of the unit's first history period (%s)",
				      vf, hist.v[0].version_to);
		free(hist.v);
		if (rc)
			goto out;
		strbuf_addf(&what, " lifetime %s..%s;", *vf ? vf : "always", *vt ? vt : "open");
	}
	if (!fields && !in->valid_from && !in->valid_to && !in->border_from) {
		rc = rl_error(RL_EINVAL, "nothing to change");
		goto out;
	}
	if (fields && (rc = unit_store_set_from(db, u.id, from, fields, &v)))
		goto out;
	if (in->border_from) {
		if (*in->border_from && in->border == 0) {
			rc = rl_error(RL_EINVAL, "border_from needs border yes");
			goto out;
		}
		if ((rc = unit_store_set_border_timeline(db, u.id, in->border != 0, in->border_from)))
			goto out;
		strbuf_addf(&what, " border from %s;", *in->border_from ? in->border_from : "always");
	}
	if ((in->valid_from || in->valid_to) &&
	    (rc = unit_store_set_lifetime(db, u.id, in->valid_from ? in->valid_from : u.valid_from,
					  in->valid_to ? in->valid_to : u.valid_to)))
		goto out;
	rc = audit(db, a, fields == UNIT_F_NAMES ? "unit.rename" : "unit.edit", u.code,
		   "%s from %s:%s", u.code, from, what.buf);
out:
	strbuf_release(&what);
	return rc;
}

int dir_edit(struct rl_db *db, const struct actor *a, const char *code, const char *from,
	     const struct dir_unit_input *in)
{
	int rc;
	if ((rc = write_begin(db, a)))
		return rc;
	return write_end(db, edit_tx(db, a, code, from, in));
}

int dir_rename(struct rl_db *db, const struct actor *a, const char *code, const char *from,
	       const char *name_local, const char *name_en, const char *name_other)
{
	struct dir_unit_input in = { .name_local = name_local, .name_en = name_en,
				     .name_other = name_other, .border = -1 };
	if (!name_local && !name_en && !name_other)
		return rl_error(RL_EINVAL, "give at least one new name");
	return dir_edit(db, a, code, from, &in);
}

/* ---- counterparts ---- */

struct link_find {
	const char *other_id;
	bool found;
};

static int link_find_cb(const struct unit_link *l, void *data)
{
	struct link_find *f = data;
	if (!strcmp(l->other.id, f->other_id))
		f->found = true;
	return 0;
}

static int check_pair(const struct unit *x, const struct unit *y)
{
	if (!strcmp(x->id, y->id))
		return rl_error(RL_EINVAL, "a unit cannot be its own counterpart");
	if (!strcmp(x->country, y->country))
		return rl_error(RL_EINVAL, "counterparts must be in different countries ('%s' and '%s' are both in %s)",
				x->code, y->code, x->country);
	if (x->level != y->level)
		return rl_error(RL_EINVAL, "counterparts must be at the same level ('%s' is a %s, '%s' a %s)",
				x->code, x->level_key, y->code, y->level_key);
	return 0;
}

static const char *min_to(const char *x, const char *y)
{
	return strcmp(hi(x), hi(y)) <= 0 ? x : y;
}

static int link_tx(struct rl_db *db, const struct actor *a, const char *ca, const char *cb,
		   const char *from_arg)
{
	struct unit x, y;
	char from[RL_DATE_LEN + 1];
	bool linked;
	int rc;

	if ((rc = date_or_today(from_arg, "--from", from)))
		return rc;
	if ((rc = unit_store_find(db, ca, from, &x)) || (rc = unit_store_find(db, cb, from, &y)) ||
	    (rc = check_pair(&x, &y)))
		return rc;
	if (!x.exists || !y.exists)
		return rl_error(RL_EINVAL, "'%s' does not exist on %s", x.exists ? y.code : x.code, from);
	if ((rc = unit_store_linked(db, x.id, y.id, from, &linked)))
		return rc;
	if (linked)
		return rl_error(RL_ECONFLICT, "'%s' and '%s' are already linked on %s", x.code, y.code, from);
	if ((rc = unit_store_link(db, x.id, y.id, from, min_to(x.valid_to, y.valid_to))))
		return rc;
	return audit(db, a, "unit.link", x.code, "linked %s and %s from %s", x.code, y.code, from);
}

int dir_link(struct rl_db *db, const struct actor *a, const char *code_a, const char *code_b,
	     const char *from)
{
	int rc;
	if ((rc = write_begin(db, a)))
		return rc;
	return write_end(db, link_tx(db, a, code_a, code_b, from));
}

static int unlink_tx(struct rl_db *db, const struct actor *a, const char *ca, const char *cb,
		     const char *on_arg)
{
	struct unit x, y;
	char on[RL_DATE_LEN + 1];
	int rc, n = 0;

	if ((rc = date_or_today(on_arg, "--on", on)))
		return rc;
	if ((rc = unit_store_find(db, ca, on, &x)) || (rc = unit_store_find(db, cb, on, &y)))
		return rc;
	if ((rc = unit_store_unlink(db, x.id, y.id, on, &n)))
		return rc;
	if (!n)
		return rl_error(RL_ENOTFOUND, "'%s' and '%s' are not linked on %s", x.code, y.code, on);
	return audit(db, a, "unit.unlink", x.code, "unlinked %s and %s from %s", x.code, y.code, on);
}

int dir_unlink(struct rl_db *db, const struct actor *a, const char *code_a, const char *code_b,
	       const char *on)
{
	int rc;
	if ((rc = write_begin(db, a)))
		return rc;
	return write_end(db, unlink_tx(db, a, code_a, code_b, on));
}

/* ---- merge, dissolve ---- */

struct link_vec {
	struct unit_link *v;
	size_t n, alloc;
};

static int link_vec_add(const struct unit_link *l, void *data)
{
	struct link_vec *vec = data;
	ALLOC_GROW(vec->v, vec->n + 1, vec->alloc);
	vec->v[vec->n++] = *l;
	return 0;
}

/* Ends the links of u valid on `on` (on on-1); passes them to `heir` if
 * given (from `on`, unless heir already has that counterpart then). */
static int end_links(struct rl_db *db, const struct unit *u, const struct unit *heir, const char *on)
{
	struct link_vec links = { 0 };
	int rc, n;

	rc = unit_store_links(db, u->id, on, link_vec_add, &links);
	for (size_t i = 0; !rc && i < links.n; i++) {
		const struct unit *o = &links.v[i].other;
		bool linked = false;
		if ((rc = unit_store_unlink(db, u->id, o->id, on, &n)))
			break;
		if (!heir || !strcmp(o->country, heir->country))
			continue;
		if ((rc = unit_store_linked(db, heir->id, o->id, on, &linked)) || linked)
			continue;
		rc = unit_store_link(db, heir->id, o->id, on, min_to(heir->valid_to, o->valid_to));
	}
	free(links.v);
	return rc;
}

static int merge_tx(struct rl_db *db, const struct actor *a, const char *const *codes, int n,
		    const char *into, const char *on_arg)
{
	struct unit c, *src;
	char on[RL_DATE_LEN + 1], prev[RL_DATE_LEN + 1];
	int rc = 0;

	if (!on_arg || !*on_arg)
		return rl_error(RL_EINVAL, "a merge needs the date it takes effect (--on)");
	if ((rc = date_or_today(on_arg, "--on", on)))
		return rc;
	if (n < 1)
		return rl_error(RL_EINVAL, "name at least one unit to merge");
	if (n > 64)
		return rl_error(RL_ETOOBIG, "at most 64 units merge at once");
	day_before(on, prev);
	if ((rc = unit_store_find(db, into, on, &c)))
		return rc;
	if (!c.exists)
		return rl_error(RL_EINVAL, "'%s' does not exist on %s", c.code, on);
	src = xcalloc((size_t)n, sizeof(*src));
	for (int i = 0; i < n && !rc; i++) {
		if ((rc = unit_store_find(db, codes[i], on, &src[i])))
			break;
		if (!strcmp(src[i].id, c.id))
			rc = rl_error(RL_EINVAL, "'%s' cannot merge into itself", c.code);
		else if (!src[i].exists || strcmp(lo(src[i].valid_from), on) >= 0)
			rc = rl_error(RL_EINVAL, "'%s' must exist before and on %s to merge", src[i].code, on);
		else if (strcmp(src[i].country, c.country) || src[i].level != c.level)
			rc = rl_error(RL_EINVAL, "'%s' and '%s' are not of the same country and level",
				      src[i].code, c.code);
		for (int j = 0; j < i && !rc; j++)
			if (!strcmp(src[j].id, src[i].id))
				rc = rl_error(RL_EINVAL, "'%s' is named twice", src[i].code);
	}
	for (int i = 0; i < n && !rc; i++) {
		struct unit_filter f = { .level = -1, .border = -1, .demo = -1, .on = on, .parent_id = src[i].id };
		struct unit_vec kids = { 0 };
		struct unit_version v = { .parent_id = c.id };

		rc = unit_store_list(db, &f, vec_add, &kids);
		for (size_t k = 0; !rc && k < kids.n; k++)
			rc = unit_store_set_from(db, kids.v[k].id, on, UNIT_F_PARENT, &v);
		if (!rc)
			rc = end_links(db, &src[i], &c, on);
		if (!rc)
			rc = unit_store_close(db, src[i].id, prev, c.id);
		if (!rc)
			rc = audit(db, a, "unit.merge", src[i].code, "merged %s into %s from %s (%zu units moved)",
				   src[i].code, c.code, on, kids.n);
		free(kids.v);
	}
	free(src);
	return rc;
}

int dir_merge(struct rl_db *db, const struct actor *a, const char *const *codes, int n,
	      const char *into, const char *on)
{
	int rc;
	if ((rc = write_begin(db, a)))
		return rc;
	return write_end(db, merge_tx(db, a, codes, n, into, on));
}

static int dissolve_tx(struct rl_db *db, const struct actor *a, const char *code, const char *on_arg)
{
	struct unit u;
	struct unit_vec kids = { 0 };
	struct unit_filter f = { .level = -1, .border = -1, .demo = -1 };
	char on[RL_DATE_LEN + 1], prev[RL_DATE_LEN + 1];
	int rc;

	if ((rc = date_or_today(on_arg, "--on", on)))
		return rc;
	if ((rc = unit_store_find(db, code, on, &u)))
		return rc;
	if (!u.exists || strcmp(lo(u.valid_from), on) >= 0)
		return rl_error(RL_EINVAL, "'%s' must exist before and on %s to dissolve", u.code, on);
	f.on = on;
	f.parent_id = u.id;
	if ((rc = unit_store_list(db, &f, vec_add, &kids)))
		return rc;
	free(kids.v);
	if (kids.n)
		return rl_error(RL_ECONFLICT, "'%s' still has %zu unit(s) under it on %s; move, merge or dissolve them first",
				u.code, kids.n, on);
	day_before(on, prev);
	if ((rc = end_links(db, &u, NULL, on)) || (rc = unit_store_close(db, u.id, prev, NULL)))
		return rc;
	return audit(db, a, "unit.dissolve", u.code, "dissolved %s from %s", u.code, on);
}

int dir_dissolve(struct rl_db *db, const struct actor *a, const char *code, const char *on)
{
	int rc;
	if ((rc = write_begin(db, a)))
		return rc;
	return write_end(db, dissolve_tx(db, a, code, on));
}

/* ---- contacts ---- */

static int check_kind(const char *kind)
{
	static const char *const kinds[] = { "phone", "radio", "email", "hours", "other" };
	for (size_t i = 0; i < sizeof(kinds) / sizeof(*kinds); i++)
		if (kind && !strcmp(kind, kinds[i]))
			return 0;
	return rl_error(RL_EINVAL, "unknown contact kind '%.32s' (phone, radio, email, hours or other)",
			kind ? kind : "");
}

static int contact_add_tx(struct rl_db *db, const struct actor *a, const struct unit *u,
			  const char *kind, const char *value, const char *note, char out_id[RL_ID_LEN + 1])
{
	int rc;
	if ((rc = check_kind(kind)) || (rc = check_text(value, "the contact value", RL_SHORT_MAX, true)) ||
	    (rc = check_text(note, "the note", RL_SHORT_MAX, false)))
		return rc;
	if ((rc = unit_store_contact_add(db, u->id, kind, value, note, out_id)))
		return rc;
	return audit(db, a, "unit.contact.add", u->code, "%s %s: %s", u->code, kind, value);
}

int dir_contact_add(struct rl_db *db, const struct actor *a, const char *code, const char *kind,
		    const char *value, const char *note, char out_id[RL_ID_LEN + 1])
{
	struct unit u;
	int rc;
	if ((rc = write_begin(db, a)))
		return rc;
	if (!(rc = unit_store_find(db, code, NULL, &u)))
		rc = contact_add_tx(db, a, &u, kind, value, note, out_id);
	return write_end(db, rc);
}

int dir_contact_remove(struct rl_db *db, const struct actor *a, const char *code,
		       const char *contact_id)
{
	struct unit u;
	int rc;
	if ((rc = write_begin(db, a)))
		return rc;
	if (!(rc = unit_store_find(db, code, NULL, &u)) &&
	    !(rc = unit_store_contact_remove(db, u.id, contact_id)))
		rc = audit(db, a, "unit.contact.remove", u.code, "%s: removed contact %s", u.code, contact_id);
	return write_end(db, rc);
}

/* ---- reading ---- */

static int read_ok(const struct actor *a)
{
	return policy_check(a, POLICY_UNIT_READ, NULL);
}

int dir_find(struct rl_db *db, const struct actor *a, const char *code, const char *on_arg,
	     struct unit *out)
{
	char on[RL_DATE_LEN + 1];
	int rc;
	if ((rc = read_ok(a)) || (rc = date_or_today(on_arg, "--on", on)))
		return rc;
	if (!code || !*code)
		return rl_error(RL_EINVAL, "the unit code must not be empty");
	return unit_store_find(db, code, on, out);
}

int dir_list(struct rl_db *db, const struct actor *a, const struct unit_filter *f_in,
	     unit_cb cb, void *data)
{
	struct unit_filter f = *f_in;
	char *q = NULL;
	int rc;

	if ((rc = read_ok(a)))
		return rc;
	if (f.on && (rc = check_date(f.on, "--on")))
		return rc;
	if (f.q) {
		if ((rc = check_text(f.q, "the search text", RL_NAME_MAX, false)))
			return rc;
		q = rl_fold(f.q);
		if (!q)
			return rl_error(RL_EINVAL, "the search text is not valid UTF-8");
		f.q = q;
	}
	if (f.parent_id) {
		struct unit p;
		if ((rc = unit_store_find(db, f.parent_id, f.on, &p))) {
			free(q);
			return rc;
		}
		f.parent_id = p.id;
		rc = unit_store_list(db, &f, cb, data);
	} else {
		rc = unit_store_list(db, &f, cb, data);
	}
	free(q);
	return rc;
}

int dir_tree(struct rl_db *db, const struct actor *a, const char *country, const char *on_arg,
	     unit_tree_cb cb, void *data)
{
	struct unit_filter f = { .country = country, .level = 0, .border = -1, .demo = -1 };
	struct unit_vec roots = { 0 };
	char on[RL_DATE_LEN + 1];
	int rc;

	if ((rc = read_ok(a)) || (rc = date_or_today(on_arg, "--on", on)))
		return rc;
	if (country) {
		struct unit_country c;
		if ((rc = unit_store_country(db, country, &c)))
			return rc;
	}
	f.on = on;
	rc = unit_store_list(db, &f, vec_add, &roots);
	for (size_t i = 0; !rc && i < roots.n; i++)
		rc = unit_store_subtree(db, roots.v[i].id, on, cb, data);
	free(roots.v);
	return rc;
}

int dir_ancestors(struct rl_db *db, const struct actor *a, const char *code, const char *on_arg,
		  unit_cb cb, void *data)
{
	char on[RL_DATE_LEN + 1];
	int rc;
	if ((rc = read_ok(a)) || (rc = date_or_today(on_arg, "--on", on)))
		return rc;
	return unit_store_ancestors(db, code, on, cb, data);
}

int dir_links(struct rl_db *db, const struct actor *a, const char *code, const char *on,
	      int (*cb)(const struct unit_link *, void *), void *data)
{
	struct unit u;
	int rc;
	if ((rc = read_ok(a)) || (on && (rc = check_date(on, "--on"))) ||
	    (rc = unit_store_find(db, code, on, &u)))
		return rc;
	return unit_store_links(db, u.id, on, cb, data);
}

int dir_contacts(struct rl_db *db, const struct actor *a, const char *code,
		 int (*cb)(const struct unit_contact *, void *), void *data)
{
	struct unit u;
	int rc;
	if ((rc = read_ok(a)) || (rc = unit_store_find(db, code, NULL, &u)))
		return rc;
	return unit_store_contacts(db, u.id, false, cb, data);
}

int dir_history(struct rl_db *db, const struct actor *a, const char *code, unit_cb cb, void *data)
{
	struct unit u;
	int rc;
	if ((rc = read_ok(a)) || (rc = unit_store_find(db, code, NULL, &u)))
		return rc;
	return unit_store_history(db, u.id, cb, data);
}

int dir_countries(struct rl_db *db, const struct actor *a,
		  int (*cb)(const struct unit_country *, void *), void *data)
{
	int rc;
	if ((rc = read_ok(a)))
		return rc;
	return unit_store_countries(db, cb, data);
}

int dir_levels(struct rl_db *db, const struct actor *a, const char *country,
	       int (*cb)(const struct unit_level *, void *), void *data)
{
	int rc;
	if ((rc = read_ok(a)))
		return rc;
	for (int rank = 0; rank < UNIT_LEVELS; rank++) {
		struct unit_level lv;
		rc = unit_store_level(db, country, rank, &lv);
		if (rc == RL_ENOTFOUND)
			continue;
		if (rc || (rc = cb(&lv, data)))
			return rc;
	}
	return 0;
}

/* ---- CSV import ---- */

enum col {
	C_CODE, C_COUNTRY, C_LEVEL, C_PARENT, C_NAME_LOCAL, C_NAME_EN, C_NAME_OTHER, C_NAME_VI,
	C_NAME_LO, C_BORDER, C_BORDER_FROM, C_VALID_FROM, C_VALID_TO, C_SUCCESSOR, C_NEIGHBOURS,
	C_DEMO, C_CONTACTS, C_N
};

static const char *const col_names[C_N] = {
	"code", "country", "level", "parent", "name_local", "name_en", "name_other", "name_vi",
	"name_lo", "border", "border_from", "valid_from", "valid_to", "successor", "neighbours",
	"demo", "contacts",
};

struct row {
	long line;
	char *f[C_N];            /* owned; "" for absent columns */
	int rank;
	bool border, demo;
	const char *local, *other; /* into f[] */
	bool changed, added;
};

struct rows {
	struct row *v;
	size_t n, alloc;
};

static void rows_release(struct rows *r)
{
	for (size_t i = 0; i < r->n; i++)
		for (int c = 0; c < C_N; c++)
			free(r->v[i].f[c]);
	free(r->v);
}

/* Re-raises the current error with "line N: " in front. */
static int at_line(int rc, long line)
{
	char msg[RL_ERRMSG_MAX];
	if (!strncmp(rl_errmsg(), "line ", 5))
		return rc;
	snprintf(msg, sizeof(msg), "%s", rl_errmsg());
	return rl_error(rc, "line %ld: %s", line, msg);
}

static int parse_yesno(const char *s, const char *what, bool *out)
{
	if (!*s || !strcmp(s, "no") || !strcmp(s, "0")) {
		*out = false;
		return 0;
	}
	if (!strcmp(s, "yes") || !strcmp(s, "1")) {
		*out = true;
		return 0;
	}
	return rl_error(RL_EINVAL, "%s must be yes or no, not '%.32s'", what, s);
}

static int check_row(struct rl_db *db, struct row *r)
{
	struct unit_country c;
	int rc;

	if (!*r->f[C_CODE])
		return rl_error(RL_EINVAL, "the unit code must not be empty");
	if (!*r->f[C_COUNTRY])
		return rl_error(RL_EINVAL, "the country must not be empty");
	if ((rc = unit_store_country(db, r->f[C_COUNTRY], &c)) == RL_ENOTFOUND)
		return rl_error(RL_EINVAL, "unknown country '%.16s'", r->f[C_COUNTRY]);
	if (rc || (rc = check_code(&c, r->f[C_CODE])) ||
	    (rc = unit_store_level_parse(db, c.code, *r->f[C_LEVEL] ? r->f[C_LEVEL] : "province", &r->rank)))
		return rc;
	r->local = *r->f[C_NAME_LOCAL] ? r->f[C_NAME_LOCAL]
		 : !strcmp(c.code, "VNM") ? r->f[C_NAME_VI] : r->f[C_NAME_LO];
	r->other = *r->f[C_NAME_OTHER] ? r->f[C_NAME_OTHER]
		 : !strcmp(c.code, "VNM") ? r->f[C_NAME_LO] : r->f[C_NAME_VI];
	if ((rc = check_text(r->local, "the local name", RL_NAME_MAX, true)) ||
	    (rc = check_text(r->f[C_NAME_EN], "name_en", RL_NAME_MAX, true)) ||
	    (rc = check_text(r->other, "name_other", RL_NAME_MAX, false)) ||
	    (rc = parse_yesno(r->f[C_BORDER], "border", &r->border)) ||
	    (rc = parse_yesno(r->f[C_DEMO], "demo", &r->demo)) ||
	    (rc = check_lifetime(r->f[C_VALID_FROM], r->f[C_VALID_TO])) ||
	    (rc = check_opt_date(r->f[C_BORDER_FROM], "border_from")) ||
	    (rc = check_text(r->f[C_CONTACTS], "contacts", RL_TEXT_MAX, false)))
		return rc;
	if (*r->f[C_BORDER_FROM] && !r->border)
		return rl_error(RL_EINVAL, "border_from needs border yes");
	if (*r->f[C_SUCCESSOR] && !*r->f[C_VALID_TO])
		return rl_error(RL_EINVAL, "a successor needs valid_to");
	return 0;
}

static int read_rows(struct rl_db *db, FILE *in, struct rows *rows)
{
	struct csv_reader rd;
	int map[RL_CSV_FIELDS_MAX];
	size_t ncols = 0;
	int rc;

	csv_reader_init(&rd, in);
	rc = csv_read(&rd);
	if (rc == 0)
		rc = rl_error(RL_EINVAL, "the file is empty (it needs a header line)");
	if (rc < 0)
		goto out;
	rc = 0;
	ncols = rd.nfields;
	for (size_t i = 0; i < ncols && !rc; i++) {
		map[i] = -1;
		for (int c = 0; c < C_N; c++)
			if (!strcmp(rd.field[i], col_names[c]))
				map[i] = c;
		if (map[i] < 0)
			rc = rl_error(RL_EINVAL, "line %ld: unknown column '%.40s'", rd.line, rd.field[i]);
		for (size_t j = 0; j < i && !rc; j++)
			if (map[j] == map[i])
				rc = rl_error(RL_EINVAL, "line %ld: column '%s' appears twice", rd.line, col_names[map[i]]);
	}
	for (int c = C_CODE; c <= C_COUNTRY && !rc; c++) {
		bool have = false;
		for (size_t i = 0; i < ncols; i++)
			have |= map[i] == c;
		if (!have)
			rc = rl_error(RL_EINVAL, "line %ld: missing column '%s'", rd.line, col_names[c]);
	}
	if (!rc) {
		bool have = false;
		for (size_t i = 0; i < ncols; i++)
			have |= map[i] == C_NAME_EN;
		if (!have)
			rc = rl_error(RL_EINVAL, "line %ld: missing column 'name_en'", rd.line);
	}
	while (!rc && (rc = csv_read(&rd)) > 0) {
		struct row *r;

		rc = 0;
		if (rd.nfields != ncols) {
			rc = rl_error(RL_EINVAL, "line %ld: expected %zu fields, found %zu", rd.line, ncols, rd.nfields);
			break;
		}
		ALLOC_GROW(rows->v, rows->n + 1, rows->alloc);
		r = &rows->v[rows->n++];
		memset(r, 0, sizeof(*r));
		r->line = rd.line;
		for (size_t i = 0; i < ncols; i++)
			r->f[map[i]] = xstrdup(rd.field[i]);
		for (int c = 0; c < C_N; c++)
			if (!r->f[c])
				r->f[c] = xstrdup("");
		if ((rc = check_row(db, r)))
			rc = at_line(rc, r->line);
		for (size_t j = 0; !rc && j + 1 < rows->n; j++)
			if (!strcmp(rows->v[j].f[C_CODE], r->f[C_CODE]))
				rc = rl_error(RL_EINVAL, "line %ld: code '%s' appears twice (also line %ld)",
					      r->line, r->f[C_CODE], rows->v[j].line);
	}
out:
	csv_reader_release(&rd);
	return rc < 0 ? rc : 0;
}

static int row_cmp(const void *x, const void *y)
{
	const struct row *a = x, *b = y;
	if (a->rank != b->rank)
		return a->rank - b->rank;
	return a->line < b->line ? -1 : a->line > b->line;
}

/* The parent a row names, or for provinces without one, the ministry. */
static const char *row_parent(const struct row *r, char buf[RL_CODE_MAX + 1])
{
	if (*r->f[C_PARENT] || r->rank != 1)
		return r->f[C_PARENT];
	snprintf(buf, RL_CODE_MAX + 1, "%.2s-MPS", r->f[C_CODE]);
	return buf;
}

static bool same(const char *x, const char *y)
{
	return !strcmp(x ? x : "", y ? y : "");
}

static int update_row(struct rl_db *db, const struct actor *a, struct row *r, const char *on,
		      const char *name)
{
	struct unit u;
	struct strbuf what = STRBUF_INIT;
	char pbuf[RL_CODE_MAX + 1], pid[RL_ID_LEN + 1];
	const char *parent = row_parent(r, pbuf);
	const char *d;
	int rc;

	if ((rc = unit_store_find(db, r->f[C_CODE], on, &u)))
		return rc;
	if (strcmp(u.country, r->f[C_COUNTRY]) || u.level != r->rank)
		return rl_error(RL_EINVAL, "unit '%s' exists as a %s %s; country and level cannot change",
				u.code, u.country, u.level_key);
	/* Changes start on the import date, or for a unit not valid then, on
	 * the period shown (its last one). */
	d = u.exists ? on : u.version_from;
	if (!same(u.name_local, r->local) || !same(u.name_en, r->f[C_NAME_EN]) || !same(u.name_other, r->other)) {
		struct unit_version v = { .name_local = r->local, .name_en = r->f[C_NAME_EN], .name_other = r->other };
		if ((rc = unit_store_set_from(db, u.id, d, UNIT_F_NAMES, &v)))
			goto out;
		strbuf_addf(&what, " names '%s' / '%s' (were '%s' / '%s');", r->local, r->f[C_NAME_EN],
			    u.name_local, u.name_en);
	}
	/* An empty parent keeps the unit where it is. */
	if (*parent) {
		struct unit p;
		if ((rc = unit_store_find(db, parent, *d ? d : SINCE_ALWAYS, &p)))
			goto out;
		if (strcmp(p.id, u.parent_id)) {
			struct unit_version v = { .parent_id = pid };
			char day[RL_DATE_LEN + 1];
			check_day(*d ? d : NULL, u.valid_to, day);
			if (u.exists)
				snprintf(day, sizeof(day), "%s", on);
			if ((rc = check_parent(db, u.id, u.country, u.level, parent, day, pid)) ||
			    (rc = unit_store_set_from(db, u.id, d, UNIT_F_PARENT, &v)))
				goto out;
			strbuf_addf(&what, " parent %s;", parent);
		}
	}
	if (u.border != r->border || !same(u.border_from, r->f[C_BORDER_FROM])) {
		if (*r->f[C_BORDER_FROM] && (strcmp(r->f[C_BORDER_FROM], lo(r->f[C_VALID_FROM])) < 0 ||
					     strcmp(r->f[C_BORDER_FROM], hi(r->f[C_VALID_TO])) > 0)) {
			rc = rl_error(RL_EINVAL, "border_from must lie within the unit's lifetime");
			goto out;
		}
		if ((rc = unit_store_set_border_timeline(db, u.id, r->border, r->f[C_BORDER_FROM])))
			goto out;
		strbuf_addf(&what, " border %s%s%s;", r->border ? "yes" : "no",
			    *r->f[C_BORDER_FROM] ? " from " : "", r->f[C_BORDER_FROM]);
	}
	if (!same(u.valid_from, r->f[C_VALID_FROM]) || !same(u.valid_to, r->f[C_VALID_TO])) {
		struct unit_level lv;
		if ((rc = unit_store_level(db, u.country, u.level, &lv)) ||
		    (rc = check_level_lifetime(&lv, r->f[C_VALID_FROM], r->f[C_VALID_TO])) ||
		    (rc = unit_store_set_lifetime(db, u.id, r->f[C_VALID_FROM], r->f[C_VALID_TO])))
			goto out;
		strbuf_addf(&what, " lifetime %s..%s;", *r->f[C_VALID_FROM] ? r->f[C_VALID_FROM] : "always",
			    *r->f[C_VALID_TO] ? r->f[C_VALID_TO] : "open");
	}
	if (what.len) {
		r->changed = true;
		rc = audit(db, a, "unit.import", u.code, "updated %s from %s line %ld:%s", u.code, name,
			   r->line, what.buf);
	}
out:
	strbuf_release(&what);
	return rc;
}

static int add_row(struct rl_db *db, const struct actor *a, struct row *r)
{
	char pbuf[RL_CODE_MAX + 1];
	struct dir_unit_input in = {
		.code = r->f[C_CODE], .country = r->f[C_COUNTRY],
		.level = *r->f[C_LEVEL] ? r->f[C_LEVEL] : "province",
		.parent = row_parent(r, pbuf), .name_local = r->local, .name_en = r->f[C_NAME_EN],
		.name_other = r->other, .border = r->border ? 1 : 0, .border_from = r->f[C_BORDER_FROM],
		.valid_from = r->f[C_VALID_FROM], .valid_to = r->f[C_VALID_TO], .demo = r->demo,
	};
	r->added = true;
	return add_tx(db, a, &in, NULL);
}

static const char *max_from(const char *x, const char *y)
{
	return strcmp(lo(x), lo(y)) >= 0 ? x : y;
}

struct contact_find {
	const char *kind, *value;
	bool found;
};

static int contact_match(const struct unit_contact *c, void *data)
{
	struct contact_find *cf = data;
	if (!strcmp(c->kind, cf->kind) && !strcmp(c->value, cf->value))
		cf->found = true;
	return 0;
}

/* Successor, counterparts and contacts: after every row's unit exists. */
static int finish_row(struct rl_db *db, const struct actor *a, struct row *r, const char *on,
		      struct dir_import_result *res)
{
	struct unit u;
	char *list, *save = NULL;
	int rc;

	if ((rc = unit_store_find(db, r->f[C_CODE], on, &u)))
		return rc;
	if (*r->f[C_SUCCESSOR] && strcmp(u.successor_code, r->f[C_SUCCESSOR])) {
		struct unit s;
		if ((rc = unit_store_find(db, r->f[C_SUCCESSOR], on, &s)))
			return rc;
		if (strcmp(s.country, u.country) || s.level != u.level || !strcmp(s.id, u.id))
			return rl_error(RL_EINVAL, "successor '%s' must be another %s %s", s.code, u.country, u.level_key);
		if ((rc = unit_store_close(db, u.id, r->f[C_VALID_TO], s.id)) ||
		    (rc = audit(db, a, "unit.import", u.code, "%s ends %s, succeeded by %s", u.code,
				r->f[C_VALID_TO], s.code)))
			return rc;
		r->changed = true;
	}
	list = xstrdup(r->f[C_NEIGHBOURS]);
	for (char *tok = strtok_r(list, "|", &save); tok && !rc; tok = strtok_r(NULL, "|", &save)) {
		struct unit o;
		struct link_find lf = { 0 };
		const char *from, *to;

		if ((rc = unit_store_find(db, tok, on, &o)) || (rc = check_pair(&u, &o)))
			break;
		lf.other_id = o.id;
		if ((rc = unit_store_links(db, u.id, NULL, link_find_cb, &lf)) || lf.found)
			continue;
		/* Linked over the dates both exist and both reach the border. */
		from = max_from(max_from(u.valid_from, o.valid_from), max_from(u.border_from, o.border_from));
		to = min_to(u.valid_to, o.valid_to);
		if (strcmp(lo(from), hi(to)) > 0) {
			rc = rl_error(RL_EINVAL, "'%s' and '%s' never exist at the same time", u.code, o.code);
			break;
		}
		if ((rc = unit_store_link(db, u.id, o.id, from, to)) ||
		    (rc = audit(db, a, "unit.link", u.code, "linked %s and %s from %s", u.code, o.code,
				*from ? from : "always")))
			break;
		res->linked++;
		r->changed = true;
	}
	free(list);
	if (rc)
		return rc;
	list = xstrdup(r->f[C_CONTACTS]);
	for (char *tok = strtok_r(list, ";", &save); tok && !rc; tok = strtok_r(NULL, ";", &save)) {
		char *eq = strchr(tok, '=');
		struct contact_find cf;
		char id[RL_ID_LEN + 1];

		if (!eq) {
			rc = rl_error(RL_EINVAL, "contact '%.40s' is not kind=value", tok);
			break;
		}
		*eq = '\0';
		cf = (struct contact_find){ tok, eq + 1, false };
		if ((rc = check_kind(tok)) || (rc = check_text(eq + 1, "the contact value", RL_SHORT_MAX, true)))
			break;
		if ((rc = unit_store_contacts(db, u.id, false, contact_match, &cf)))
			break;
		if (cf.found)
			continue;
		if ((rc = contact_add_tx(db, a, &u, tok, eq + 1, "", id)))
			break;
		res->contacts++;
		r->changed = true;
	}
	free(list);
	return rc;
}

int dir_import_in_tx(struct rl_db *db, const struct actor *a, FILE *in, const char *name,
		     const char *on_arg, struct dir_import_result *res)
{
	struct rows rows = { 0 };
	char on[RL_DATE_LEN + 1];
	int rc;

	memset(res, 0, sizeof(*res));
	if ((rc = date_or_today(on_arg, "--on", on)))
		return rc;
	if ((rc = read_rows(db, in, &rows)))
		goto out;
	/* Parents before children, whatever order the file has. (A file
	 * with a header only has no array: qsort() must not see NULL.) */
	if (rows.n)
		qsort(rows.v, rows.n, sizeof(*rows.v), row_cmp);
	for (size_t i = 0; i < rows.n && !rc; i++) {
		struct row *r = &rows.v[i];
		bool taken;
		if (!(rc = unit_store_code_taken(db, r->f[C_CODE], &taken)))
			rc = taken ? update_row(db, a, r, on, name) : add_row(db, a, r);
		if (rc)
			rc = at_line(rc, r->line);
	}
	for (size_t i = 0; i < rows.n && !rc; i++)
		if ((rc = finish_row(db, a, &rows.v[i], on, res)))
			rc = at_line(rc, rows.v[i].line);
	for (size_t i = 0; i < rows.n && !rc; i++) {
		if (rows.v[i].added)
			res->added++;
		else if (rows.v[i].changed)
			res->updated++;
		else
			res->unchanged++;
	}
out:
	rows_release(&rows);
	return rc;
}

int dir_import(struct rl_db *db, const struct actor *a, FILE *in, const char *name,
	       const char *on, struct dir_import_result *res)
{
	int rc;
	if ((rc = write_begin(db, a)))
		return rc;
	return write_end(db, dir_import_in_tx(db, a, in, name, on, res));
}

/* ---- seeds ---- */

static int seed_csv(struct rl_db *db, const struct actor *a, const char *asset)
{
	const struct rl_asset *f = rl_asset_find(rl_directory_data, asset);
	struct dir_import_result res;
	FILE *in;
	int rc;

	if (!f)
		return rl_error(RL_EINTERNAL, "embedded file '%s' is missing", asset);
	in = fmemopen((void *)f->data, f->len, "r");
	if (!in)
		return rl_error(RL_ENOMEM, "cannot read embedded file '%s'", asset);
	rc = dir_import_in_tx(db, a, in, asset, NULL, &res);
	fclose(in);
	return rc;
}

int directory_seed_reference(struct rl_db *db, const struct actor *a, bool demo)
{
	struct unit u;
	struct unit_version old = { .name_local = "Thừa Thiên Huế", .name_en = "Thua Thien Hue" };
	struct unit_version now;
	int rc;

	(void)demo;
	if ((rc = seed_csv(db, a, "reference_units.csv")))
		return rc;
	/* Thua Thien Hue province became Hue city on 2025-01-01: same code,
	 * a rename, so earlier dates show the old name. */
	if ((rc = unit_store_find(db, "VN-26", "2025-01-01", &u)))
		return rc;
	now = (struct unit_version){ .name_local = u.name_local, .name_en = u.name_en, .name_other = u.name_other };
	old.name_other = u.name_other;
	if ((rc = unit_store_set_from(db, u.id, NULL, UNIT_F_NAMES, &old)) ||
	    (rc = unit_store_set_from(db, u.id, "2025-01-01", UNIT_F_NAMES, &now)))
		return rc;
	return audit(db, a, "unit.rename", u.code, "%s from 2025-01-01: Thua Thien Hue became %s", u.code, u.name_en);
}

int directory_seed_demo(struct rl_db *db, const struct actor *a, bool demo)
{
	if (!demo)
		return 0;
	return seed_csv(db, a, "demo_units.csv");
}
