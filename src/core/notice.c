/*
 * notice.c: the rules of notices (see notice.h): validation, the life
 * cycle, visibility through policy.c, import and export, demo notices.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit_log.h"
#include "core/country_code.h"
#include "core/notice.h"
#include "core/screen.h"
#include "match/match.h"
#include "store/audit.h"
#include "store/case_store.h"
#include "store/meta.h"
#include "store/unit_store.h"
#include "util/clock.h"
#include "util/csv.h"
#include "util/id.h"
#include "util/status.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

static const char *const kinds[] = { "wanted", "fugitive", "missing", "trafficking_victim", "vehicle", NULL };
static const char *const actions[] = { "arrest", "discreet_check", "protect_inform", "seize", NULL };
static const char *const tlps[] = { "CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED", NULL };
static const char *const sharings[] = { "own_country", "both", NULL };

static int in_list(const char *const *list, const char *s)
{
	for (int i = 0; list[i]; i++)
		if (!strcmp(list[i], s))
			return i;
	return -1;
}

static bool empty(const char *s)
{
	return !s || !*s;
}

/* ---- validation ---- */

/* Copies s trimmed of ASCII white space into buf (size bytes); checks
 * UTF-8, control characters and the length. */
static int text_field(const char *field, const char *s, char *buf, size_t size, size_t max,
		      bool required)
{
	size_t len;

	if (!s)
		s = "";
	while (*s == ' ' || *s == '\t')
		s++;
	len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r' || s[len - 1] == '\n'))
		len--;
	if (!rl_utf8_valid(s, len))
		return rl_error(RL_EINVAL, "%s is not valid UTF-8", field);
	if (!len && required)
		return rl_error(RL_EINVAL, "%s is empty", field);
	if (len > max)
		return rl_error(RL_ETOOBIG, "%s is longer than %zu bytes", field, max);
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 && s[i] != '\n' && s[i] != '\t')
			return rl_error(RL_EINVAL, "%s holds a control character", field);
	if (buf) {
		if (len >= size)
			return rl_error(RL_ETOOBIG, "%s is too long", field);
		memcpy(buf, s, len);
		buf[len] = '\0';
	}
	return 0;
}

/* A name: one line, no '|' (the alias separator). */
static int name_field(const char *field, const char *s, char *buf, bool required)
{
	int rc = text_field(field, s, buf, RL_NAME_MAX + 1, RL_NAME_MAX, required);

	if (rc)
		return rc;
	if (strpbrk(buf, "|\n\t"))
		return rl_error(RL_EINVAL, "%s may not hold '|', tabs or line breaks", field);
	return 0;
}

int notice_check_birth(const char *field, const char *s, const char *today)
{
	char full[RL_DATE_LEN + 1];
	size_t len = s ? strlen(s) : 0;

	if (!len)
		return 0;
	bool shape = len == 4 || len == 7 || len == 10;
	for (size_t i = 0; shape && i < len; i++)
		shape = (i == 4 || i == 7) ? s[i] == '-' : (s[i] >= '0' && s[i] <= '9');
	if (!shape)
		return rl_error(RL_EINVAL, "%s '%.20s' is not YYYY, YYYY-MM or YYYY-MM-DD", field, s);
	memcpy(full, s, len);
	memcpy(full + len, "-01-01" + (len - 4), RL_DATE_LEN - len + 1);
	if (!rl_date_valid(full))
		return rl_error(RL_EINVAL, "%s '%s' is not a real date", field, s);
	if (strncmp(full, "1900", 4) < 0)
		return rl_error(RL_EINVAL, "%s '%s' is before 1900", field, s);
	if (today && strncmp(s, today, len) > 0)
		return rl_error(RL_EINVAL, "%s '%s' is in the future", field, s);
	return 0;
}

static int sex_field(const char *s, char out[2])
{
	out[0] = out[1] = '\0';
	if (empty(s) || !strcasecmp(s, "U") || !strcasecmp(s, "X") || !strcasecmp(s, "unknown"))
		return 0;
	if (!strcasecmp(s, "M") || !strcasecmp(s, "male"))
		out[0] = 'M';
	else if (!strcasecmp(s, "F") || !strcasecmp(s, "female"))
		out[0] = 'F';
	else
		return rl_error(RL_EINVAL, "sex '%.20s' is not M, F or unknown", s);
	return 0;
}

static int country_field(const char *field, const char *s, char out[4])
{
	char up[4];

	out[0] = '\0';
	if (empty(s))
		return 0;
	if (strlen(s) != 3)
		return rl_error(RL_EINVAL, "%s '%.20s' is not an ISO 3166 alpha-3 code", field, s);
	for (int i = 0; i < 3; i++)
		up[i] = (char)toupper((unsigned char)s[i]);
	up[3] = '\0';
	if (!country_code_valid(up))
		return rl_error(RL_EINVAL, "unknown %s code '%s'", field, s);
	memcpy(out, up, 4);
	return 0;
}

/* Splits a '|'-list into items checked by `one`, joined again into out. */
static int list_field(const char *field, const char *s, int max_items, size_t item_max,
		      bool names, char *out, size_t outsz)
{
	char item[RL_NAME_MAX + 1];
	const char *p = s ? s : "";
	int n = 0;
	size_t used = 0;

	out[0] = '\0';
	while (*p) {
		const char *e = strchr(p, '|');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char raw[RL_NAME_MAX * 2 + 2];
		int rc;

		if (len >= sizeof(raw))
			return rl_error(RL_ETOOBIG, "%s: an item is longer than %zu bytes", field, item_max);
		memcpy(raw, p, len);
		raw[len] = '\0';
		p += len + (e ? 1 : 0);
		if (names)
			rc = name_field(field, raw, item, false);
		else
			rc = text_field(field, raw, item, sizeof(item), item_max, false);
		if (rc)
			return rc;
		if (!*item)
			continue;
		if (!names)
			for (char *c = item; *c; c++)
				if (!isalnum((unsigned char)*c) && !strchr(" -/.", *c))
					return rl_error(RL_EINVAL, "%s '%.40s' may hold only letters, digits, spaces and -/.",
							field, item);
		if (++n > max_items)
			return rl_error(RL_ETOOBIG, "%s: more than %d items", field, max_items);
		if (used + strlen(item) + 2 > outsz)
			return rl_error(RL_ETOOBIG, "%s is too long", field);
		used += (size_t)snprintf(out + used, outsz - used, "%s%s", n > 1 ? "|" : "", item);
	}
	return 0;
}

static int ref_field(const char *s, char out[RL_NOTICE_REF_MAX + 1])
{
	size_t len = strlen(s);

	if (!len || len > RL_NOTICE_REF_MAX)
		return rl_error(RL_EINVAL, "ref must be 1 to %d characters", RL_NOTICE_REF_MAX);
	for (size_t i = 0; i < len; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr("._-", s[i]))
			return rl_error(RL_EINVAL, "ref '%.40s' may hold only letters, digits and . _ -", s);
	memcpy(out, s, len + 1);
	return 0;
}

static const char *default_action(const char *kind)
{
	if (!strcmp(kind, "wanted") || !strcmp(kind, "fugitive"))
		return "arrest";
	if (!strcmp(kind, "vehicle"))
		return "seize";
	return "protect_inform";
}

/*
 * Checks every field of in except ref and unit, and fills n with them
 * (marks and reason point into in: not owned). fold receives the search
 * key of the names.
 */
static int build(const struct notice_input *in, const char *today, struct notice *n,
		 struct strbuf *fold)
{
	int rc;

	if (empty(in->kind))
		return rl_error(RL_EINVAL, "kind is missing (wanted, fugitive, missing, trafficking_victim or vehicle)");
	if (in_list(kinds, in->kind) < 0)
		return rl_error(RL_EINVAL, "unknown kind '%.40s' (wanted, fugitive, missing, trafficking_victim or vehicle)",
				in->kind);
	snprintf(n->kind, sizeof(n->kind), "%s", in->kind);
	bool vehicle = !strcmp(n->kind, "vehicle");
	if ((rc = name_field("full_name", in->full_name, n->full_name, !vehicle)) ||
	    (rc = list_field("aliases", in->aliases, RL_NOTICE_ALIASES_MAX, RL_NAME_MAX, true,
			     n->aliases, sizeof(n->aliases))) ||
	    (rc = notice_check_birth("birth_date", in->birth_date, today)) ||
	    (rc = sex_field(in->sex, n->sex)) ||
	    (rc = country_field("nationality", in->nationality, n->nationality)) ||
	    (rc = list_field("document", in->documents, RL_NOTICE_DOCS_MAX, RL_NOTICE_DOC_MAX, false,
			     n->documents, sizeof(n->documents))) ||
	    (rc = text_field("marks", in->marks, NULL, 0, RL_TEXT_MAX, false)) ||
	    (rc = text_field("reason", in->reason, NULL, 0, RL_TEXT_MAX, false)) ||
	    (rc = text_field("make", in->make, n->make, sizeof(n->make), RL_SHORT_MAX, false)) ||
	    (rc = text_field("colour", in->colour, n->colour, sizeof(n->colour), RL_SHORT_MAX, false)) ||
	    (rc = country_field("plate_country", in->plate_country, n->plate_country)))
		return rc;
	if (!empty(in->aliases) && !*n->full_name)
		return rl_error(RL_EINVAL, "aliases need a full_name");
	snprintf(n->birth_date, sizeof(n->birth_date), "%s", in->birth_date ? in->birth_date : "");
	if (!empty(in->plate)) {
		if ((rc = text_field("plate", in->plate, n->plate, sizeof(n->plate), RL_PLATE_MAX, true)))
			return rc;
		if (match_plate_key(n->plate, n->plate_key, sizeof(n->plate_key)))
			return rl_error(RL_EINVAL, "plate '%s' has no letter or digit", n->plate);
	} else if (vehicle) {
		return rl_error(RL_EINVAL, "plate is missing (a vehicle notice needs one)");
	}
	snprintf(n->action, sizeof(n->action), "%s", empty(in->action) ? default_action(n->kind) : in->action);
	if (in_list(actions, n->action) < 0)
		return rl_error(RL_EINVAL, "unknown action '%.40s' (arrest, discreet_check, protect_inform or seize)",
				in->action);
	snprintf(n->tlp, sizeof(n->tlp), "%s", empty(in->tlp) ? "AMBER" : in->tlp);
	for (char *c = n->tlp; *c; c++)
		*c = (char)toupper((unsigned char)*c);
	if (in_list(tlps, n->tlp) < 0)
		return rl_error(RL_EINVAL, "unknown tlp '%.40s' (CLEAR, GREEN, AMBER, AMBER+STRICT or RED)", in->tlp);
	snprintf(n->sharing, sizeof(n->sharing), "%s", empty(in->sharing) ? "own_country" : in->sharing);
	if (in_list(sharings, n->sharing) < 0)
		return rl_error(RL_EINVAL, "unknown sharing '%.40s' (own_country or both)", in->sharing);
	if (!empty(in->valid_from) && !rl_date_valid(in->valid_from))
		return rl_error(RL_EINVAL, "valid_from '%.20s' is not a date YYYY-MM-DD", in->valid_from);
	if (!empty(in->valid_to) && !rl_date_valid(in->valid_to))
		return rl_error(RL_EINVAL, "valid_to '%.20s' is not a date YYYY-MM-DD", in->valid_to);
	snprintf(n->valid_from, sizeof(n->valid_from), "%s", empty(in->valid_from) ? today : in->valid_from);
	snprintf(n->valid_to, sizeof(n->valid_to), "%s", empty(in->valid_to) ? "" : in->valid_to);
	if (*n->valid_to && strcmp(n->valid_to, n->valid_from) < 0)
		return rl_error(RL_EINVAL, "valid_to is before valid_from");
	n->marks = empty(in->marks) ? NULL : (char *)in->marks;
	n->reason = empty(in->reason) ? NULL : (char *)in->reason;

	strbuf_reset(fold);
	if (*n->full_name) {
		char *f = rl_fold(n->full_name);
		char *al = rl_fold(n->aliases);
		strbuf_addf(fold, "%s%s%s", f ? f : "", al && *al ? " | " : "", al ? al : "");
		free(f);
		free(al);
	}
	return 0;
}

/* ---- who sees what ---- */

struct anc_find {
	const char *id;
	bool found;
};

static int anc_cb(const struct unit *u, void *data)
{
	struct anc_find *f = data;

	if (!strcmp(u->id, f->id)) {
		f->found = true;
		return 1;
	}
	return 0;
}

int notice_viewer_init(struct notice_viewer *v, struct rl_db *db, const struct actor *a)
{
	struct unit u;
	int rc;

	memset(v, 0, sizeof(*v));
	v->db = db;
	v->a = a;
	if (a->system || !a->unit_id[0])
		return 0;
	if ((rc = unit_store_find(db, a->unit_id, NULL, &u)))
		return rc;
	memcpy(v->country, u.country, sizeof(v->country));
	return 0;
}

/* Whether the actor's unit is unit_id, or above it (cached). */
static int viewer_relation(struct notice_viewer *v, const char *unit_id, bool *in, bool *above)
{
	struct anc_find f;
	char today[RL_DATE_LEN + 1];
	int rc, slot;

	*in = *above = false;
	if (v->a->system || !v->a->unit_id[0])
		return 0;
	for (int i = 0; i < v->ncache; i++)
		if (!strcmp(v->cache[i].unit_id, unit_id)) {
			*in = v->cache[i].in;
			*above = v->cache[i].above;
			return 0;
		}
	*in = !strcmp(unit_id, v->a->unit_id);
	if (!*in) {
		f.id = v->a->unit_id;
		f.found = false;
		rl_today(today);
		rc = unit_store_ancestors(v->db, unit_id, today, anc_cb, &f);
		if (rc < 0)
			return rc;
		*above = f.found;
	}
	slot = v->ncache < 32 ? v->ncache++ : 0;
	snprintf(v->cache[slot].unit_id, sizeof(v->cache[slot].unit_id), "%s", unit_id);
	v->cache[slot].in = *in;
	v->cache[slot].above = *above;
	return 0;
}

int notice_viewer_check(struct notice_viewer *v, const struct notice *n, enum policy_action act)
{
	struct policy_target t = { 0 };
	int rc;

	if ((rc = viewer_relation(v, n->unit_id, &t.actor_in_unit, &t.actor_above)))
		return rc;
	t.unit_id = n->unit_id;
	t.country = n->country;
	t.actor_country = v->country;
	t.tlp = (enum policy_tlp)(in_list(tlps, n->tlp) < 0 ? TLP_RED : in_list(tlps, n->tlp));
	t.shared = !strcmp(n->sharing, "both");
	t.draft = !strcmp(n->state, "draft");
	return policy_check(v->a, act, &t);
}

/* ---- writes ---- */

static int finish(struct rl_db *db, int rc)
{
	if (rc) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db);
}

/* The issuing unit: a code, or the actor's unit. */
static int issuing_unit(struct rl_db *db, const struct actor *a, const char *code, struct unit *u)
{
	char ministry[8];
	char country[8];
	int rc;

	if (!empty(code)) {
		if ((rc = unit_store_find(db, code, NULL, u)))
			return rc;
		if (!u->exists)
			return rl_error(RL_EINVAL, "unit '%s' does not exist today", code);
		return 0;
	}
	if (a->unit_id[0])
		return unit_store_find(db, a->unit_id, NULL, u);
	/* The system actor: the node's ministry. */
	if ((rc = meta_get(db, "country", country, sizeof(country))))
		return rc;
	snprintf(ministry, sizeof(ministry), "%s", strcmp(country, "LAO") ? "VN-MPS" : "LA-MPS");
	if ((rc = unit_store_find(db, ministry, NULL, u)))
		return rl_error(RL_EINVAL, "give the issuing unit (the node's ministry %s is not in the directory)",
				ministry);
	return 0;
}

/* A fresh ref ISSUER-YYYY-NNNN (inside the transaction). */
static int new_ref(struct rl_db *db, const struct unit *u, const char *today, char out[RL_NOTICE_REF_MAX + 1])
{
	char prefix[RL_NOTICE_REF_MAX + 1];
	int64_t n;
	struct notice tmp;
	int rc;

	snprintf(prefix, sizeof(prefix), "%.20s-%.4s-", u->code, today);
	if ((rc = notice_store_count_prefix(db, prefix, &n)))
		return rc;
	for (int tries = 0; tries < 1000; tries++) {
		char num[24];
		snprintf(num, sizeof(num), "%04lld", (long long)(n + 1 + tries) % 1000000);
		if (strlen(prefix) + strlen(num) > RL_NOTICE_REF_MAX)
			return rl_error(RL_EINTERNAL, "no room for a notice reference under %s", prefix);
		memcpy(out, prefix, strlen(prefix));
		memcpy(out + strlen(prefix), num, strlen(num) + 1);
		rc = notice_store_get(db, out, &tmp);
		if (rc == RL_ENOTFOUND) {
			rl_error_clear();
			return 0;
		}
		if (rc)
			return rc;
		notice_release(&tmp);
	}
	return rl_error(RL_EINTERNAL, "no free notice reference under %s", prefix);
}

/* Inserts n (already built, unit set) with its audit record, inside the caller's transaction. */
static int insert_audited(struct rl_db *db, const struct actor *a, struct notice *n, const char *fold)
{
	char sum[256];
	int rc;

	if ((rc = notice_store_insert(db, n, fold)))
		return rc;
	snprintf(sum, sizeof(sum), "%s %s notice %s issued by %s", !strcmp(n->state, "draft") ? "drafted" : "added active",
		 n->kind, n->ref, n->unit_code);
	return audit_append(db, a->audit_name, "notice.add", "notice", n->id, sum);
}

int notice_create(struct rl_db *db, const struct actor *a, const struct notice_input *in,
		  struct notice *out)
{
	struct notice n;
	struct notice_viewer v;
	struct strbuf fold = STRBUF_INIT;
	struct unit u;
	char today[RL_DATE_LEN + 1];
	int rc;

	memset(&n, 0, sizeof(n));
	rl_today(today);
	if ((rc = build(in, today, &n, &fold)))
		goto out;
	if (!empty(in->ref) && (rc = ref_field(in->ref, n.ref)))
		goto out;
	if ((rc = issuing_unit(db, a, in->unit, &u)))
		goto out;
	memcpy(n.unit_id, u.id, sizeof(n.unit_id));
	memcpy(n.unit_code, u.code, sizeof(n.unit_code));
	memcpy(n.country, u.country, sizeof(n.country));
	snprintf(n.state, sizeof(n.state), "draft");
	if ((rc = notice_viewer_init(&v, db, a)) || (rc = notice_viewer_check(&v, &n, POLICY_NOTICE_CREATE)))
		goto out;
	rl_id_new(n.id);
	snprintf(n.created_by, sizeof(n.created_by), "%s", a->audit_name);
	rl_time_format(rl_now_ms(), n.created_at);
	memcpy(n.updated_at, n.created_at, sizeof(n.updated_at));
	if ((rc = db_begin(db)))
		goto out;
	if (!n.ref[0] && (rc = new_ref(db, &u, today, n.ref))) {
		db_rollback(db);
		goto out;
	}
	if ((rc = finish(db, insert_audited(db, a, &n, fold.buf))))
		goto out;
	if (out)
		rc = notice_store_get(db, n.id, out);
out:
	strbuf_release(&fold);
	return rc;
}

/* Reads a notice the actor may see (RL_ENOTFOUND otherwise). */
static int get_visible(struct rl_db *db, struct notice_viewer *v, const char *ref, struct notice *n)
{
	int rc;

	if (empty(ref))
		return rl_error(RL_EINVAL, "no notice given");
	if ((rc = notice_store_get(db, ref, n)))
		return rc;
	if ((rc = notice_viewer_check(v, n, POLICY_NOTICE_READ))) {
		notice_release(n);
		if (rc == RL_ENOTFOUND)
			return rl_error(RL_ENOTFOUND, "no such notice '%.64s'", ref);
		return rc;
	}
	return 0;
}

/* Moves a notice from one of `from` states to `to`, audited. */
static int transition(struct rl_db *db, const struct actor *a, const char *ref,
		      const char *const *from, const char *to, const char *action, const char *reason,
		      struct notice *out)
{
	struct notice_viewer v;
	struct notice n;
	char now[RL_TIME_LEN + 1], sum[512];
	int64_t gen = 0;
	int rc;

	if ((rc = text_field("reason", reason, NULL, 0, RL_SHORT_MAX, false)))
		return rc;
	if ((rc = notice_viewer_init(&v, db, a)) || (rc = get_visible(db, &v, ref, &n)))
		return rc;
	if ((rc = notice_viewer_check(&v, &n, POLICY_NOTICE_APPROVE)))
		goto done;
	if (in_list(from, n.state) < 0) {
		rc = rl_error(RL_ECONFLICT, "notice %s is %s, it cannot be %s", n.ref, n.state,
			      !strcmp(to, "active") ? "approved" : to);
		goto done;
	}
	rl_time_format(rl_now_ms(), now);
	snprintf(sum, sizeof(sum), "%s notice %s (%s -> %s)%s%.200s", action, n.ref, n.state, to,
		 empty(reason) ? "" : ": ", empty(reason) ? "" : reason);
	if ((rc = db_begin(db)))
		goto done;
	rc = notice_store_set_state(db, n.id, to, a->audit_name, now, reason);
	if (!rc)
		rc = notice_store_bump_gen(db, &gen);
	if (!rc)
		rc = audit_append(db, a->audit_name, !strcmp(to, "active") ? "notice.approve" : "notice.withdraw",
				  "notice", n.id, sum);
	if ((rc = finish(db, rc)))
		goto done;
	notice_release(&n);
	if ((rc = notice_store_get(db, ref, &n)))
		return rc;
	screen_index_update(&n);
	screen_index_changed(gen);
	if (out) {
		*out = n;
		return 0;
	}
done:
	notice_release(&n);
	return rc;
}

int notice_approve(struct rl_db *db, const struct actor *a, const char *ref, struct notice *out)
{
	static const char *const from[] = { "draft", NULL };
	return transition(db, a, ref, from, "active", "approved", NULL, out);
}

int notice_withdraw(struct rl_db *db, const struct actor *a, const char *ref,
		    const char *reason, struct notice *out)
{
	static const char *const from[] = { "draft", "active", NULL };
	return transition(db, a, ref, from, "withdrawn", "withdrew", reason, out);
}

struct collect_ids {
	struct notice_viewer *v;
	char (*ids)[RL_ID_LEN + 1];
	size_t n, alloc;
};

static int collect_due(const struct notice *n, void *data)
{
	struct collect_ids *c = data;

	if (notice_viewer_check(c->v, n, POLICY_NOTICE_APPROVE)) {
		rl_error_clear();
		return 0;
	}
	ALLOC_GROW(c->ids, c->n + 1, c->alloc);
	memcpy(c->ids[c->n++], n->id, RL_ID_LEN + 1);
	return 0;
}

int notice_expire_due(struct rl_db *db, const struct actor *a, int *count)
{
	struct notice_viewer v;
	struct notice_store_filter f = { 0 };
	struct collect_ids c = { .v = &v };
	char today[RL_DATE_LEN + 1], now[RL_TIME_LEN + 1], sum[128];
	int64_t gen = 0;
	int rc;

	*count = 0;
	rl_today(today);
	f.expired_before = today;
	if ((rc = notice_viewer_init(&v, db, a)) || (rc = notice_store_list(db, &f, collect_due, &c)))
		goto out;
	if (!c.n)
		goto out;
	rl_time_format(rl_now_ms(), now);
	if ((rc = db_begin(db)))
		goto out;
	for (size_t i = 0; i < c.n && !rc; i++)
		rc = notice_store_set_state(db, c.ids[i], "expired", a->audit_name, now, "past valid_to");
	snprintf(sum, sizeof(sum), "expired %zu notices past their valid_to", c.n);
	if (!rc)
		rc = notice_store_bump_gen(db, &gen);
	if (!rc)
		rc = audit_append(db, a->audit_name, "notice.expire", "notice", NULL, sum);
	if ((rc = finish(db, rc)))
		goto out;
	*count = (int)c.n;
	for (size_t i = 0; i < c.n; i++) {
		struct notice n;
		if (!notice_store_get(db, c.ids[i], &n)) {
			screen_index_update(&n);
			notice_release(&n);
		}
	}
	screen_index_changed(gen);
out:
	free(c.ids);
	return rc;
}

int notice_get(struct rl_db *db, const struct actor *a, const char *ref, struct notice *out)
{
	struct notice_viewer v;
	int rc;

	if ((rc = notice_viewer_init(&v, db, a)) || (rc = get_visible(db, &v, ref, out)))
		return rc;
	if ((rc = audit_read(db, a, "notice", out->id, out->ref))) {
		notice_release(out);
		return rc;
	}
	return 0;
}

/* A case found for a link: its key "COUNTRY/REF" and owning unit. */
struct found_case {
	char key[4 + RL_CASE_REF_MAX + 1];
	char unit_code[RL_CODE_MAX + 1];
};

static int found_case_cb(const struct case_row *c, void *data)
{
	struct found_case *f = data;

	snprintf(f->key, sizeof(f->key), "%s/%s", c->country, c->ref);
	snprintf(f->unit_code, sizeof(f->unit_code), "%s", c->unit_code);
	return 0;
}

/*
 * The case a link names: "COUNTRY/REF", a REF only one country has, or
 * the case's id. The actor must be allowed to read it, as when reading a
 * case: policy.c's case scope (policy_case_access, need to know); a case out of scope answers exactly
 * as an unknown one, so links cannot probe for cases.
 */
/* 0 if the actor may read the records of the found case's unit; a case
 * out of scope is RL_ENOTFOUND, as an unknown one. */
static int case_readable(struct rl_db *db, const struct actor *a, const struct found_case *f,
			 const char *spec)
{
	/* The case scope of policy.c (need to know), as when reading the case. */
	char country[4];
	int rc;

	snprintf(country, sizeof(country), "%.3s", f->key);
	rc = policy_case_access(db, a, country, f->unit_code, false, "unknown case");

	if (rc == RL_ENOTFOUND || rc == RL_EDENIED)
		return rl_error(RL_ENOTFOUND, "unknown case '%.80s'", spec);
	return rc;
}

/*
 * The case a link names: "COUNTRY/REF", a REF only one country has, or
 * the case's id. The actor must be allowed to read it, as when reading a
 * case: policy.c's case scope (policy_case_access, need to know); a case out of scope answers exactly
 * as an unknown one, so links cannot probe for cases (a REF both
 * countries use is ambiguous only if the actor may read both).
 */
static int find_case(struct rl_db *db, const struct actor *a, const char *spec, struct found_case *f)
{
	static const char *const countries[] = { "VNM", "LAO" };
	char country[4] = "";
	const char *ref = spec, *slash = strchr(spec, '/');
	int rc, readable = 0;

	if ((rc = policy_check(a, POLICY_CASE_READ, NULL)))
		return rc;
	memset(f, 0, sizeof(*f));
	if (slash) {
		if (slash - spec != 3)
			return rl_error(RL_ENOTFOUND, "unknown case '%.80s'", spec);
		memcpy(country, spec, 3);
		ref = slash + 1;
		rc = case_store_get(db, country, ref, found_case_cb, f);
		if (rc == RL_ENOTFOUND)
			return rl_error(RL_ENOTFOUND, "unknown case '%.80s'", spec);
		return rc ? rc : case_readable(db, a, f, spec);
	}
	if (rl_id_valid(spec)) {
		rc = case_store_get_by_id(db, spec, found_case_cb, f);
		if (rc != RL_ENOTFOUND)
			return rc ? rc : case_readable(db, a, f, spec);
	}
	/* A bare ref: each country's case of that ref, if the actor may read it. */
	for (size_t i = 0; i < sizeof(countries) / sizeof(countries[0]); i++) {
		struct found_case c;
		rc = case_store_get(db, countries[i], ref, found_case_cb, &c);
		if (!rc)
			rc = case_readable(db, a, &c, spec);
		if (rc == RL_ENOTFOUND)
			continue;
		if (rc)
			return rc;
		if (readable++)
			return rl_error(RL_EINVAL, "case '%.80s' exists in both countries: give it as "
					"COUNTRY/REF (%s or %s)", spec, f->key, c.key);
		*f = c;
	}
	rl_error_clear();
	return readable ? 0 : rl_error(RL_ENOTFOUND, "unknown case '%.80s'", spec);
}

int notice_link(struct rl_db *db, const struct actor *a, const char *ref, const char *kind,
		const char *target)
{
	struct notice_viewer v;
	struct notice n;
	struct found_case fc;
	char now[RL_TIME_LEN + 1], sum[256], spec[RL_SHORT_MAX + 1];
	int rc;

	/* Only cases can be checked, so only cases are linked. */
	if (empty(kind) || strcmp(kind, "case"))
		return rl_error(RL_EINVAL, "unknown link kind '%.32s' (case)", kind ? kind : "");
	if ((rc = text_field("case", target, spec, sizeof(spec), RL_SHORT_MAX, true)))
		return rc;
	if ((rc = notice_viewer_init(&v, db, a)) || (rc = get_visible(db, &v, ref, &n)))
		return rc;
	if ((rc = notice_viewer_check(&v, &n, POLICY_NOTICE_CREATE)) ||
	    (rc = find_case(db, a, spec, &fc)))
		goto out;
	rl_time_format(rl_now_ms(), now);
	snprintf(sum, sizeof(sum), "linked notice %s to case %s", n.ref, fc.key);
	if ((rc = db_begin(db)))
		goto out;
	rc = notice_store_link_add(db, n.id, kind, fc.key, a->audit_name, now);
	if (!rc)
		rc = audit_append(db, a->audit_name, "notice.link", "notice", n.id, sum);
	rc = finish(db, rc);
out:
	notice_release(&n);
	return rc;
}

int notice_links(struct rl_db *db, const struct actor *a, const char *ref,
		 int (*cb)(const char *kind, const char *target, void *), void *data)
{
	struct notice_viewer v;
	struct notice n;
	int rc;

	if ((rc = notice_viewer_init(&v, db, a)) || (rc = get_visible(db, &v, ref, &n)))
		return rc;
	rc = notice_store_links(db, n.id, cb, data);
	notice_release(&n);
	return rc;
}

struct list_ctx {
	struct notice_viewer *v;
	notice_cb cb;
	void *data;
	int left;       /* rows still wanted; < 0: all */
	int err;
};

static int list_filter(const struct notice *n, void *data)
{
	struct list_ctx *c = data;
	int rc;

	if (!c->left)
		return 1;
	rc = notice_viewer_check(c->v, n, POLICY_NOTICE_READ);
	if (rc == RL_ENOTFOUND) {
		rl_error_clear();
		return 0;
	}
	if (rc) {
		c->err = rc;
		return 1;
	}
	if (c->left > 0)
		c->left--;
	if ((rc = c->cb(n, c->data))) {
		c->err = rc;
		return 1;
	}
	return 0;
}

int notice_list(struct rl_db *db, const struct actor *a, const struct notice_filter *f,
		notice_cb cb, void *data)
{
	struct notice_viewer v;
	struct notice_store_filter sf = { 0 };
	struct list_ctx c = { .v = &v, .cb = cb, .data = data };
	struct unit u;
	char *q = NULL;
	int rc;

	if (f->limit > RL_PAGE_MAX || f->limit < -1)
		return rl_error(RL_EINVAL, "limit must be 1 to %d", RL_PAGE_MAX);
	c.left = f->limit ? f->limit : RL_PAGE_DEFAULT;
	if (f->state && !strcmp(f->state, "all"))
		sf.state = NULL;
	else if (f->state && in_list((const char *const[]){ "draft", "active", "hit", "withdrawn", "expired", NULL },
				     f->state) < 0)
		return rl_error(RL_EINVAL, "unknown state '%.20s' (draft, active, hit, withdrawn, expired)", f->state);
	else
		sf.state = f->state;
	if (f->kind && in_list(kinds, f->kind) < 0)
		return rl_error(RL_EINVAL, "unknown kind '%.40s'", f->kind);
	sf.kind = f->kind;
	if (!empty(f->unit)) {
		if ((rc = unit_store_find(db, f->unit, NULL, &u)))
			return rc;
		sf.unit_id = u.id;
	}
	if (!empty(f->q)) {
		if (!(q = rl_fold(f->q)))
			return rl_error(RL_EINVAL, "search text is not valid UTF-8");
		sf.q = q;
	}
	sf.after_ref = empty(f->after) ? NULL : f->after;
	if (!(rc = notice_viewer_init(&v, db, a)))
		rc = notice_store_list(db, &sf, list_filter, &c);
	free(q);
	if (rc == 1)
		rc = c.err;
	return rc;
}

/* ---- import / export ---- */

/* The columns (required, up to C_DOC), then optional ones: the
 * vehicle's, the notice's settings, and the export's state and issuing
 * unit (ignored on import). */
enum icol { C_REF, C_KIND, C_NAME, C_ALIASES, C_BIRTH, C_SEX, C_NAT, C_DOC, C_PLATE,
	    C_PLATE_COUNTRY, C_MAKE, C_COLOUR, C_ACTION, C_TLP, C_SHARING, C_FROM, C_TO, C_STATE,
	    C_UNIT, C_NCOLS };
static const char *const icol_names[] = { "ref", "kind", "full_name", "aliases", "birth_date", "sex",
					  "nationality", "document_no", "plate", "plate_country",
					  "make", "colour", "action", "tlp", "sharing", "valid_from",
					  "valid_to", "state", "issuing_unit", NULL };

/* Whether the stored subject equals the built one. */
static bool same_subject(const struct notice *a, const struct notice *b)
{
	return !strcmp(a->kind, b->kind) && !strcmp(a->full_name, b->full_name) &&
	       !strcmp(a->aliases, b->aliases) && !strcmp(a->birth_date, b->birth_date) &&
	       !strcmp(a->sex, b->sex) && !strcmp(a->nationality, b->nationality) &&
	       !strcmp(a->documents, b->documents) && !strcmp(a->action, b->action) &&
	       !strcmp(a->plate, b->plate) && !strcmp(a->plate_country, b->plate_country) &&
	       !strcmp(a->make, b->make) && !strcmp(a->colour, b->colour);
}

struct touched {
	char (*ids)[RL_ID_LEN + 1];
	size_t n, alloc;
};

/* One data row; returns 0, or an error to report for the line. */
static int import_row(struct rl_db *db, const struct actor *a, const struct notice_import_opts *o,
		      const struct unit *u, const char *today, const char *now, const char *approver,
		      const char *const *f, struct notice_import_result *res, struct strbuf *fold,
		      struct touched *t)
{
	struct notice_input in = { 0 };
	struct notice n, old;
	int rc;

	memset(&n, 0, sizeof(n));
	in.kind = f[C_KIND];
	in.full_name = f[C_NAME];
	in.aliases = f[C_ALIASES];
	in.birth_date = f[C_BIRTH];
	in.sex = f[C_SEX];
	in.nationality = f[C_NAT];
	in.documents = f[C_DOC];
	in.plate = f[C_PLATE];
	in.plate_country = f[C_PLATE_COUNTRY];
	in.make = f[C_MAKE];
	in.colour = f[C_COLOUR];
	in.action = f[C_ACTION];
	in.tlp = empty(f[C_TLP]) ? o->tlp : f[C_TLP];
	in.sharing = empty(f[C_SHARING]) ? o->sharing : f[C_SHARING];
	in.valid_from = f[C_FROM];
	in.valid_to = f[C_TO];
	if (empty(f[C_REF]))
		return rl_error(RL_EINVAL, "ref is empty");
	if ((rc = ref_field(f[C_REF], n.ref)))
		return rc;
	if ((rc = build(&in, today, &n, fold)))
		return rc;
	rc = notice_store_get(db, n.ref, &old);
	if (!rc) {
		bool same = same_subject(&old, &n);
		bool mine = !strcmp(old.unit_id, u->id);
		memcpy(n.id, old.id, sizeof(n.id));
		memcpy(n.state, old.state, sizeof(n.state));
		notice_release(&old);
		if (!mine)
			return rl_error(RL_ECONFLICT, "notice %s exists and was issued by another unit", n.ref);
		if (same) {
			res->unchanged++;
			return 0;
		}
		memcpy(n.updated_at, now, sizeof(n.updated_at));
		if ((rc = notice_store_update_subject(db, &n, fold->buf)))
			return rc;
		res->updated++;
	} else if (rc == RL_ENOTFOUND) {
		rl_error_clear();
		rl_id_new(n.id);
		memcpy(n.unit_id, u->id, sizeof(n.unit_id));
		memcpy(n.unit_code, u->code, sizeof(n.unit_code));
		memcpy(n.country, u->country, sizeof(n.country));
		snprintf(n.state, sizeof(n.state), "%s", o->draft ? "draft" : "active");
		snprintf(n.created_by, sizeof(n.created_by), "%s", a->audit_name);
		memcpy(n.created_at, now, sizeof(n.created_at));
		memcpy(n.updated_at, now, sizeof(n.updated_at));
		if (!o->draft) {
			snprintf(n.approved_by, sizeof(n.approved_by), "%s", approver);
			memcpy(n.approved_at, now, sizeof(n.approved_at));
		}
		if ((rc = notice_store_insert(db, &n, fold->buf)))
			return rc;
		res->added++;
	} else {
		return rc;
	}
	ALLOC_GROW(t->ids, t->n + 1, t->alloc);
	memcpy(t->ids[t->n++], n.id, RL_ID_LEN + 1);
	return 0;
}

static void bad_line(struct notice_import_result *res, long line, const char *msg)
{
	res->bad++;
	strbuf_addf(&res->errors, "line %ld: %s\n", line, msg);
}

int notice_import(struct rl_db *db, const struct actor *a, FILE *in, const char *name,
		  const struct notice_import_opts *o, struct notice_import_result *res)
{
	struct csv_reader rd;
	struct notice_viewer v;
	struct notice probe;
	struct strbuf fold = STRBUF_INIT;
	struct touched t = { 0 };
	struct unit u;
	int map[RL_CSV_FIELDS_MAX];
	bool have[C_NCOLS] = { false };
	char today[RL_DATE_LEN + 1], now[RL_TIME_LEN + 1], sum[512];
	int64_t gen = 0;
	long rows = 0;
	int rc;

	memset(res, 0, sizeof(*res));
	strbuf_init(&res->errors, 0);
	rl_today(today);
	rl_time_format(rl_now_ms(), now);
	if ((rc = issuing_unit(db, a, o->unit, &u)) || (rc = notice_viewer_init(&v, db, a)))
		return rc;
	/* The rights: to issue for the unit, and (for active notices) to approve. */
	memset(&probe, 0, sizeof(probe));
	memcpy(probe.unit_id, u.id, sizeof(probe.unit_id));
	memcpy(probe.country, u.country, sizeof(probe.country));
	snprintf(probe.tlp, sizeof(probe.tlp), "AMBER");
	snprintf(probe.sharing, sizeof(probe.sharing), "own_country");
	snprintf(probe.state, sizeof(probe.state), "draft");
	if ((rc = notice_viewer_check(&v, &probe, POLICY_NOTICE_CREATE)))
		return rc;
	if (!o->draft && (rc = notice_viewer_check(&v, &probe, POLICY_NOTICE_APPROVE))) {
		if (rc == RL_EDENIED)
			return rl_error(RL_EDENIED, "importing active notices needs a supervisor of the unit (or use --draft)");
		return rc;
	}
	if ((o->tlp && in_list(tlps, o->tlp) < 0))
		return rl_error(RL_EINVAL, "unknown tlp '%.40s' (CLEAR, GREEN, AMBER, AMBER+STRICT or RED)", o->tlp);
	if ((o->sharing && in_list(sharings, o->sharing) < 0))
		return rl_error(RL_EINVAL, "unknown sharing '%.40s' (own_country or both)", o->sharing);

	csv_reader_init(&rd, in);
	rc = csv_read(&rd);
	if (rc == 0)
		rc = rl_error(RL_EINVAL, "%s is empty (it needs a header line)", name);
	if (rc < 0)
		goto out;
	rc = 0;
	for (size_t i = 0; i < rd.nfields && !rc; i++) {
		int c = in_list(icol_names, rd.field[i]);
		if (c < 0)
			rc = rl_error(RL_EINVAL, "line %ld: unknown column '%.40s'", rd.line, rd.field[i]);
		else if (have[c])
			rc = rl_error(RL_EINVAL, "line %ld: column '%s' appears twice", rd.line, icol_names[c]);
		else {
			have[c] = true;
			map[i] = c;
		}
	}
	for (int c = 0; c <= C_DOC && !rc; c++)
		if (!have[c])
			rc = rl_error(RL_EINVAL, "line %ld: missing column '%s'", rd.line, icol_names[c]);
	if (rc)
		goto out;
	size_t ncols = rd.nfields;
	if ((rc = db_begin(db)))
		goto out;
	for (;;) {
		const char *f[C_NCOLS] = { NULL };
		int r = csv_read(&rd);

		if (r == 0)
			break;
		if (++rows > RL_NOTICE_IMPORT_MAX) {
			rc = rl_error(RL_ETOOBIG, "%s has more than %d lines", name, RL_NOTICE_IMPORT_MAX);
			break;
		}
		if (r < 0) {
			bad_line(res, rd.line, rl_errmsg());
			continue;
		}
		if (rd.nfields != ncols) {
			char m[96];
			snprintf(m, sizeof(m), "expected %zu fields, found %zu", ncols, rd.nfields);
			bad_line(res, rd.line, m);
			continue;
		}
		for (size_t i = 0; i < ncols; i++)
			f[map[i]] = rd.field[i];
		r = import_row(db, a, o, &u, today, now, a->audit_name, f, res, &fold, &t);
		if (r == RL_EIO || r == RL_EINTERNAL || r == RL_ENOMEM) {
			rc = r;
			break;
		}
		if (r)
			bad_line(res, rd.line, rl_errmsg());
	}
	if (!rc && res->bad && !o->skip_bad)
		rc = rl_error(RL_EINVAL, "%d bad line%s in %s; nothing imported (--skip-bad imports the good ones)",
			      res->bad, res->bad == 1 ? "" : "s", name);
	if (!rc) {
		snprintf(sum, sizeof(sum), "imported %.200s as %s for %s: %d added, %d updated, %d unchanged, %d bad lines skipped",
			 name, o->draft ? "drafts" : "active notices", u.code, res->added, res->updated,
			 res->unchanged, res->bad);
		rc = audit_append(db, a->audit_name, "notice.import", "notice", NULL, sum);
		if (!rc && t.n)
			rc = notice_store_bump_gen(db, &gen);
	}
	if (rc) {
		db_rollback(db);
		if (rc != RL_EINVAL || !res->bad)
			goto out;
		res->added = res->updated = res->unchanged = 0;
		goto out;
	}
	if ((rc = db_commit(db)))
		goto out;
	for (size_t i = 0; i < t.n; i++) {
		struct notice n;
		if (!notice_store_get(db, t.ids[i], &n)) {
			screen_index_update(&n);
			notice_release(&n);
		}
	}
	if (t.n)
		screen_index_changed(gen);
out:
	csv_reader_release(&rd);
	strbuf_release(&fold);
	free(t.ids);
	return rc;
}

struct export_ctx {
	FILE *out;
	struct strbuf line;
};

static int export_row(const struct notice *n, void *data)
{
	struct export_ctx *c = data;
	const char *v[] = { n->ref, n->kind, n->full_name, n->aliases, n->birth_date, n->sex,
			    n->nationality, n->documents, n->plate, n->plate_country, n->make,
			    n->colour, n->action, n->tlp, n->sharing, n->valid_from, n->valid_to,
			    n->state, n->unit_code };

	strbuf_reset(&c->line);
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		if (i)
			strbuf_addch(&c->line, ',');
		csv_quote(&c->line, v[i]);
	}
	strbuf_addch(&c->line, '\n');
	fwrite(c->line.buf, 1, c->line.len, c->out);
	return 0;
}

int notice_export(struct rl_db *db, const struct actor *a, const struct notice_filter *f,
		  FILE *out)
{
	struct export_ctx c = { .out = out, .line = STRBUF_INIT };
	struct notice_filter all = *f;
	int rc;

	all.limit = -1;
	fputs("ref,kind,full_name,aliases,birth_date,sex,nationality,document_no,plate,plate_country,"
	      "make,colour,action,tlp,sharing,valid_from,valid_to,state,issuing_unit\n", out);
	rc = notice_list(db, a, &all, export_row, &c);
	strbuf_release(&c.line);
	if (!rc) {
		char sum[64];
		snprintf(sum, sizeof(sum), "exported notices");
		rc = audit_read(db, a, "notice", NULL, sum);
	}
	return rc;
}

/* ---- demo ---- */

int notice_seed_demo(struct rl_db *db, const struct actor *a, bool demo)
{
	static const struct {
		const char *ref, *unit, *state;
		struct notice_input in;
	} demos[] = {
		{ "DEMO-VN-0001", "VN-22", "active", { .kind = "wanted", .full_name = "Nguyễn Văn Long",
		  .aliases = "Long Sẹo|Nguyen Long", .birth_date = "1985-03-12", .sex = "M",
		  .nationality = "VNM", .documents = "C01234567", .marks = "scar on the left cheek",
		  .reason = "heroin trafficking across the Nậm Cắn border (demo)", .tlp = "AMBER",
		  .sharing = "both" } },
		{ "DEMO-VN-0002", "VN-22", "active", { .kind = "trafficking_victim", .full_name = "Lò Thị Mai",
		  .birth_date = "2006-07", .sex = "F", .nationality = "VNM",
		  .reason = "reported taken across the border for forced labour (demo)", .tlp = "GREEN",
		  .sharing = "both" } },
		{ "DEMO-VN-0003", "VN-22", "active", { .kind = "wanted", .full_name = "Trần Quốc Hùng",
		  .birth_date = "1990-11-02", .sex = "M", .nationality = "VNM",
		  .reason = "fraud; a national notice not shared with Laos (demo)", .tlp = "AMBER",
		  .sharing = "own_country" } },
		{ "DEMO-VN-0004", "VN-22", "active", { .kind = "vehicle", .plate = "37C-123.45",
		  .plate_country = "VNM", .make = "Hyundai truck", .colour = "blue",
		  .reason = "used to carry methamphetamine (demo)", .tlp = "GREEN", .sharing = "both" } },
		{ "DEMO-VN-0005", "VN-22", "draft", { .kind = "fugitive", .full_name = "Phạm Văn Tâm",
		  .birth_date = "1978", .sex = "M", .nationality = "VNM",
		  .reason = "escaped from custody (demo draft awaiting approval)", .tlp = "AMBER",
		  .sharing = "both" } },
		{ "DEMO-LA-0001", "LA-XI", "active", { .kind = "wanted", .full_name = "ສົມສັກ ພົມມະວົງ",
		  .aliases = "Somsak Phommavong", .birth_date = "1979", .sex = "M", .nationality = "LAO",
		  .reason = "timber and wildlife smuggling (demo)", .tlp = "AMBER", .sharing = "both" } },
	};
	struct strbuf fold = STRBUF_INIT;
	char today[RL_DATE_LEN + 1], now[RL_TIME_LEN + 1];
	int rc = 0;

	if (!demo)
		return 0;
	rl_today(today);
	rl_time_format(rl_now_ms(), now);
	for (size_t i = 0; i < sizeof(demos) / sizeof(demos[0]) && !rc; i++) {
		struct notice n;
		struct unit u;

		memset(&n, 0, sizeof(n));
		if (unit_store_find(db, demos[i].unit, NULL, &u)) {
			rl_error_clear();   /* a directory without the unit: no such demo notice */
			continue;
		}
		if ((rc = build(&demos[i].in, today, &n, &fold)))
			break;
		rl_id_new(n.id);
		snprintf(n.ref, sizeof(n.ref), "%s", demos[i].ref);
		memcpy(n.unit_id, u.id, sizeof(n.unit_id));
		memcpy(n.unit_code, u.code, sizeof(n.unit_code));
		memcpy(n.country, u.country, sizeof(n.country));
		snprintf(n.state, sizeof(n.state), "%s", demos[i].state);
		snprintf(n.created_by, sizeof(n.created_by), "%s", a->audit_name);
		memcpy(n.created_at, now, sizeof(n.created_at));
		memcpy(n.updated_at, now, sizeof(n.updated_at));
		if (!strcmp(n.state, "active")) {
			snprintf(n.approved_by, sizeof(n.approved_by), "%s", a->audit_name);
			memcpy(n.approved_at, now, sizeof(n.approved_at));
		}
		rc = insert_audited(db, a, &n, fold.buf);
	}
	strbuf_release(&fold);
	return rc;
}
