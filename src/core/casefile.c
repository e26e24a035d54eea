/*
 * casefile.c: validating case records and storing them; imports in JSON
 * Lines and CSV (CSV rows are turned into the same JSON objects, so both
 * formats share one validator), exports, and merges of persons.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/casefile.h"
#include "core/policy.h"
#include "core/unitref.h"
#include "core/vocab.h"
#include "store/audit.h"
#include "store/person_store.h"
#include "util/clock.h"
#include "util/csv.h"
#include "util/id.h"
#include "util/status.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

/* ---- a set of strings (refs seen in one file) ---- */

struct strset {
	size_t n, cap;      /* cap is a power of two, or 0 */
	char **key;         /* owned, NULL for empty slots */
	long *val;          /* the line the key was first seen on */
};

static uint64_t fnv(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

static long *strset_find(struct strset *s, const char *k)
{
	if (!s->cap)
		return NULL;
	for (size_t i = fnv(k) & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
		if (!s->key[i])
			return NULL;
		if (!strcmp(s->key[i], k))
			return &s->val[i];
	}
}

static void strset_put(struct strset *s, const char *k, long v);

static void strset_grow(struct strset *s)
{
	struct strset n = { 0, s->cap ? s->cap * 2 : 1024, NULL, NULL };
	n.key = xcalloc(n.cap, sizeof(*n.key));
	n.val = xcalloc(n.cap, sizeof(*n.val));
	for (size_t i = 0; i < s->cap; i++)
		if (s->key[i]) {
			strset_put(&n, s->key[i], s->val[i]);
			free(s->key[i]);
		}
	free(s->key);
	free(s->val);
	*s = n;
}

static void strset_put(struct strset *s, const char *k, long v)
{
	if ((s->n + 1) * 2 > s->cap)
		strset_grow(s);
	for (size_t i = fnv(k) & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
		if (!s->key[i]) {
			s->key[i] = xstrdup(k);
			s->val[i] = v;
			s->n++;
			return;
		}
		if (!strcmp(s->key[i], k)) {
			s->val[i] = v;
			return;
		}
	}
}

static void strset_free(struct strset *s)
{
	for (size_t i = 0; i < s->cap; i++)
		free(s->key[i]);
	free(s->key);
	free(s->val);
	memset(s, 0, sizeof(*s));
}

/* ---- need to know (the rule is core/policy.c's) ---- */

/* Why a case of unit `unit` may not be recorded by this actor. */
static void not_yours(const struct case_scope *s, const char *country, const char *unit,
		      char *buf, size_t size)
{
	if (s->write == CASE_SCOPE_COUNTRY || strcmp(country, s->country))
		snprintf(buf, size, "unit '%s' is not one whose cases you may record (only %s's)",
			 unit, s->country);
	else
		snprintf(buf, size, "unit '%s' is not one whose cases you may record (%s and the units "
			 "below it)", unit, s->unit);
}

int casefile_check_person_ids(struct rl_db *db, const struct case_scope *s, json_t *persons)
{
	struct case_scope_sql q = policy_scope_sql(s, s->read);

	for (size_t i = 0; json_is_array(persons) && i < json_array_size(persons); i++) {
		json_t *id = json_object_get(json_array_get(persons, i), "id");
		const char *v = json_is_string(id) ? json_string_value(id) : NULL;
		bool in;
		int rc;

		if (!v || !rl_id_valid(v))
			continue;  /* the validator reports it */
		if ((rc = case_store_person_in_scope(db, &q, v, &in)))
			return rc;
		if (!in)
			return rl_error(RL_EINVAL, "persons[%zu]: unknown person '%s'", i, v);
	}
	return 0;
}

/* ---- validation ---- */

struct cf_person {
	const char *existing;        /* id of a stored person, or NULL */
	const char *ref, *role;
	struct person_row row;       /* for a new person */
	struct name_row names[RL_PERSON_NAMES_MAX];
	char *folds[RL_PERSON_NAMES_MAX]; /* owned */
	struct doc_row docs[RL_PERSON_DOCS_MAX];
};

struct cf_seizure {
	struct seizure_row row;
};

struct cf_case {
	struct case_row row;
	struct unitref unit;
	size_t npersons;
	struct cf_person *persons;   /* owned */
	size_t nseizures;
	struct cf_seizure *seizures; /* owned */
};

static void cf_case_release(struct cf_case *c)
{
	for (size_t i = 0; i < c->npersons; i++)
		for (size_t k = 0; k < c->persons[i].row.nnames; k++)
			free(c->persons[i].folds[k]);
	free(c->persons);
	free(c->seizures);
	memset(c, 0, sizeof(*c));
}

/* Messages name the field; `at` prefixes the element ("persons[2]"). */
static int bad(const char *at, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int bad(const char *at, const char *fmt, ...)
{
	char msg[RL_ERRMSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (at && *at)
		return rl_error(RL_EINVAL, "%s: %s", at, msg);
	return rl_error(RL_EINVAL, "%s", msg);
}

static bool known_key(const char *k, const char *const *allowed)
{
	if (k[0] == '_')  /* "_where": added by the CSV reader */
		return true;
	for (; *allowed; allowed++)
		if (!strcmp(k, *allowed))
			return true;
	return false;
}

static int check_keys(json_t *o, const char *at, const char *const *allowed)
{
	const char *k;
	json_t *v;

	json_object_foreach(o, k, v) {
		(void)v;
		if (!known_key(k, allowed))
			return bad(at, "unknown field '%s'", k);
	}
	return 0;
}

/* A string field: required or not, bounded; NULL if absent and optional. */
static int get_str(json_t *o, const char *at, const char *key, bool required, size_t max,
		   const char **out)
{
	json_t *v = json_object_get(o, key);

	*out = NULL;
	if (!v || json_is_null(v)) {
		if (required)
			return bad(at, "missing field '%s'", key);
		return 0;
	}
	if (!json_is_string(v))
		return bad(at, "field '%s' must be a string", key);
	if (json_string_length(v) > max)
		return bad(at, "field '%s' is longer than %zu bytes", key, max);
	if (strlen(json_string_value(v)) != json_string_length(v))
		return bad(at, "field '%s' holds a NUL byte", key);
	if (required && !json_string_length(v))
		return bad(at, "field '%s' is empty", key);
	*out = json_string_value(v);
	return 0;
}

int casefile_check_birth_date(const char *s)
{
	char full[RL_DATE_LEN + 1], today[RL_DATE_LEN + 1];
	size_t n = strlen(s);

	if (n == 4)
		snprintf(full, sizeof(full), "%s-01-01", s);
	else if (n == 7)
		snprintf(full, sizeof(full), "%s-01", s);
	else if (n == 10)
		snprintf(full, sizeof(full), "%s", s);
	else
		return rl_error(RL_EINVAL, "birth date '%s' is not YYYY, YYYY-MM or YYYY-MM-DD", s);
	if (!rl_date_valid(full))
		return rl_error(RL_EINVAL, "birth date '%s' is not a real date", s);
	if (strtol(full, NULL, 10) < RL_BIRTH_YEAR_MIN)
		return rl_error(RL_EINVAL, "birth date '%s' is before %d", s, RL_BIRTH_YEAR_MIN);
	rl_today(today);
	if (strncmp(s, today, n) > 0)
		return rl_error(RL_EINVAL, "birth date '%s' is in the future", s);
	return 0;
}

int casefile_quantity_to_base(const char *drug, const char *unit, double q, int64_t *amount,
			      const char **measure)
{
	static const char *const mnames[] = { "mass", "volume", "tablet", "plant" };
	enum measure kind;
	long long base, maxbase;
	double x;

	if (!vocab_find(vocab_drugs, drug))
		return rl_error(RL_EINVAL, "unknown drug '%s'", drug);
	if (vocab_unit_measure(unit, &kind, &base))
		return rl_error(RL_EINVAL, "unknown unit of measure '%s' (g, kg, l, tablet or plant)", unit);
	if (!vocab_drug_unit_ok(drug, unit))
		return rl_error(RL_EINVAL, "%s cannot be measured in '%s' (use %s)", drug, unit,
				vocab_drug_units_text(drug));
	if (!isfinite(q) || q <= 0)
		return rl_error(RL_EINVAL, "quantity must be a positive number");
	switch (kind) {
	case MEASURE_MASS: maxbase = RL_SEIZURE_MASS_MAX_KG * 1000000LL; break;
	case MEASURE_VOLUME: maxbase = RL_SEIZURE_VOLUME_MAX_L * 1000LL; break;
	case MEASURE_TABLET: maxbase = RL_SEIZURE_TABLETS_MAX; break;
	default: maxbase = RL_SEIZURE_PLANTS_MAX; break;
	}
	x = q * (double)base;
	if (x > (double)maxbase) {
		if (kind == MEASURE_MASS)
			return rl_error(RL_EINVAL, "quantity %g %s is over the limit of %lld kg for one seizure",
					q, unit, (long long)RL_SEIZURE_MASS_MAX_KG);
		if (kind == MEASURE_VOLUME)
			return rl_error(RL_EINVAL, "quantity %g l is over the limit of %lld l for one seizure",
					q, (long long)RL_SEIZURE_VOLUME_MAX_L);
		return rl_error(RL_EINVAL, "quantity %g %s is over the limit of %lld for one seizure",
				q, unit, maxbase);
	}
	*amount = llround(x);
	if (fabs(x - (double)*amount) > 1e-6 * (x > 1 ? x : 1) + 1e-9) {
		if (kind == MEASURE_TABLET || kind == MEASURE_PLANT)
			return rl_error(RL_EINVAL, "a count of %s must be a whole number", unit);
		return rl_error(RL_EINVAL, "quantity %g %s is more precise than %s", q, unit,
				kind == MEASURE_MASS ? "a milligram" : "a millilitre");
	}
	if (*amount < 1)
		return rl_error(RL_EINVAL, "quantity %g %s is less than %s", q, unit,
				kind == MEASURE_MASS ? "a milligram" : "a millilitre");
	*measure = mnames[kind];
	return 0;
}

static const char *const case_keys[] = { "ref", "country", "unit", "category", "opened", "status",
	"summary", "place_unit", "place_text", "persons", "seizures", NULL };
static const char *const person_keys[] = { "ref", "id", "role", "full_name", "names", "birth_date",
	"sex", "nationality", "documents", NULL };
static const char *const name_keys[] = { "name", "script", "alias", NULL };
static const char *const doc_keys[] = { "type", "number", "country", NULL };
static const char *const seizure_keys[] = { "drug", "quantity", "unit", NULL };

static void where_of(json_t *o, const char *dflt, char *buf, size_t size)
{
	json_t *w = json_object_get(o, "_where");
	snprintf(buf, size, "%s", w && json_is_string(w) ? json_string_value(w) : dflt);
}

static int add_name(struct cf_person *p, const char *at, const char *name, const char *script, int alias)
{
	size_t k = p->row.nnames;
	char *f;

	if (k >= RL_PERSON_NAMES_MAX)
		return bad(at, "more than %d names", RL_PERSON_NAMES_MAX);
	if (!rl_utf8_valid(name, strlen(name)))
		return bad(at, "name is not valid UTF-8");
	f = rl_fold(name);
	if (!f || !*f) {
		free(f);
		return bad(at, "name '%s' has no letters", name);
	}
	p->names[k].name = name;
	p->names[k].fold = f;
	p->folds[k] = f;
	/* Unlabelled names are labelled by their letters: Lao or Latin. */
	if (!script || !*script) {
		const unsigned char *u = (const unsigned char *)name;
		script = "Latn";
		for (; *u; u++)
			if (u[0] == 0xE0 && (u[1] == 0xBA || u[1] == 0xBB)) {  /* U+0E80..U+0EFF */
				script = "Laoo";
				break;
			}
	}
	p->names[k].script = script;
	p->names[k].alias = alias;
	p->row.nnames++;
	return 0;
}

static int validate_person(struct rl_db *db, json_t *o, const char *at0, struct cf_person *p)
{
	char at[96];
	const char *full = NULL, *s;
	json_t *arr;
	int rc;

	where_of(o, at0, at, sizeof(at));
	if (!json_is_object(o))
		return bad(at, "a person must be an object");
	if ((rc = check_keys(o, at, person_keys)))
		return rc;
	if ((rc = get_str(o, at, "ref", false, RL_CASE_REF_MAX, &p->ref)) ||
	    (rc = get_str(o, at, "role", true, 32, &p->role)) ||
	    (rc = get_str(o, at, "id", false, RL_ID_LEN, &p->existing)))
		return rc;
	if (!vocab_find(vocab_roles, p->role))
		return bad(at, "unknown role '%s' (suspect, arrested, victim or witness)", p->role);
	if (p->existing && *p->existing) {
		if (!rl_id_valid(p->existing))
			return bad(at, "'%s' is not a person id", p->existing);
		if (json_object_get(o, "full_name") || json_object_get(o, "names") ||
		    json_object_get(o, "birth_date") || json_object_get(o, "nationality") ||
		    json_object_get(o, "sex") || json_object_get(o, "documents"))
			return bad(at, "a person given by id takes only 'ref' and 'role'");
		if ((rc = case_store_person_exists(db, p->existing)))
			return rc == RL_ENOTFOUND ? bad(at, "unknown person '%s'", p->existing) : rc;
		return 0;
	}
	p->existing = NULL;
	rl_id_new(p->row.id);
	p->row.names = p->names;
	p->row.docs = p->docs;
	if ((rc = get_str(o, at, "full_name", false, RL_NAME_MAX, &full)))
		return rc;
	if (full && *full && (rc = add_name(p, at, full, "", 0)))
		return rc;
	arr = json_object_get(o, "names");
	if (arr && !json_is_array(arr))
		return bad(at, "field 'names' must be an array");
	for (size_t i = 0; arr && i < json_array_size(arr); i++) {
		json_t *n = json_array_get(arr, i);
		const char *name, *script;
		json_t *al;
		char nat[128];

		snprintf(nat, sizeof(nat), "%s.names[%zu]", at, i);
		if (!json_is_object(n))
			return bad(nat, "a name must be an object");
		if ((rc = check_keys(n, nat, name_keys)) ||
		    (rc = get_str(n, nat, "name", true, RL_NAME_MAX, &name)) ||
		    (rc = get_str(n, nat, "script", false, 16, &script)))
			return rc;
		al = json_object_get(n, "alias");
		if (al && !json_is_boolean(al))
			return bad(nat, "field 'alias' must be true or false");
		if ((rc = add_name(p, nat, name, script, al && json_is_true(al))))
			return rc;
	}
	if (!p->row.nnames)
		return bad(at, "a person needs a name ('full_name' or 'names')");
	if ((rc = get_str(o, at, "birth_date", false, 10, &s)))
		return rc;
	p->row.birth_date = s ? s : "";
	if (*p->row.birth_date && casefile_check_birth_date(p->row.birth_date))
		return bad(at, "%s", rl_errmsg());
	if ((rc = get_str(o, at, "sex", false, 1, &s)))
		return rc;
	p->row.sex = s && *s ? s : "U";
	if (!vocab_find(vocab_sexes, p->row.sex))
		return bad(at, "sex must be M, F or U, not '%s'", p->row.sex);
	if ((rc = get_str(o, at, "nationality", false, 3, &s)))
		return rc;
	p->row.nationality = s ? s : "";
	if (*p->row.nationality && !vocab_country_valid(p->row.nationality))
		return bad(at, "unknown nationality '%s' (ISO 3166 alpha-3, such as VNM or LAO)",
			   p->row.nationality);
	arr = json_object_get(o, "documents");
	if (arr && !json_is_array(arr))
		return bad(at, "field 'documents' must be an array");
	if (arr && json_array_size(arr) > RL_PERSON_DOCS_MAX)
		return bad(at, "more than %d documents", RL_PERSON_DOCS_MAX);
	for (size_t i = 0; arr && i < json_array_size(arr); i++) {
		json_t *d = json_array_get(arr, i);
		struct doc_row *dr = &p->docs[i];
		char dat[128];

		snprintf(dat, sizeof(dat), "%s.documents[%zu]", at, i);
		if (!json_is_object(d))
			return bad(dat, "a document must be an object");
		if ((rc = check_keys(d, dat, doc_keys)) ||
		    (rc = get_str(d, dat, "type", true, 32, &dr->type)) ||
		    (rc = get_str(d, dat, "number", true, 64, &dr->number)) ||
		    (rc = get_str(d, dat, "country", false, 3, &dr->country)))
			return rc;
		if (dr->country && *dr->country && !vocab_country_valid(dr->country))
			return bad(dat, "unknown country '%s'", dr->country);
		p->row.ndocs++;
	}
	return 0;
}

static int validate_seizure(json_t *o, const char *at0, struct cf_seizure *s)
{
	char at[96];
	json_t *q;
	double qv;
	int rc;

	where_of(o, at0, at, sizeof(at));
	if (!json_is_object(o))
		return bad(at, "a seizure must be an object");
	if ((rc = check_keys(o, at, seizure_keys)) ||
	    (rc = get_str(o, at, "drug", true, 64, &s->row.drug)) ||
	    (rc = get_str(o, at, "unit", true, 16, &s->row.unit)))
		return rc;
	q = json_object_get(o, "quantity");
	if (!q)
		return bad(at, "missing field 'quantity'");
	if (!json_is_number(q))
		return bad(at, "field 'quantity' must be a number");
	qv = json_number_value(q);
	if (casefile_quantity_to_base(s->row.drug, s->row.unit, qv, &s->row.amount, &s->row.measure))
		return bad(at, "%s", rl_errmsg());
	return 0;
}

static int validate_parts(struct rl_db *db, json_t *o, struct cf_case *c);

static int validate_case(struct rl_db *db, json_t *o, struct cf_case *c)
{
	char today[RL_DATE_LEN + 1];
	int rc;

	memset(c, 0, sizeof(*c));
	if (!json_is_object(o))
		return bad(NULL, "a case must be a JSON object");
	if ((rc = check_keys(o, NULL, case_keys)) ||
	    (rc = get_str(o, NULL, "ref", true, RL_CASE_REF_MAX, &c->row.ref)) ||
	    (rc = get_str(o, NULL, "country", true, 3, &c->row.country)) ||
	    (rc = get_str(o, NULL, "unit", true, RL_CODE_MAX, &c->row.unit_code)) ||
	    (rc = get_str(o, NULL, "category", true, 32, &c->row.category)) ||
	    (rc = get_str(o, NULL, "opened", true, RL_DATE_LEN, &c->row.opened)) ||
	    (rc = get_str(o, NULL, "status", false, 32, &c->row.status)) ||
	    (rc = get_str(o, NULL, "summary", false, RL_TEXT_MAX, &c->row.summary)) ||
	    (rc = get_str(o, NULL, "place_unit", false, RL_CODE_MAX, &c->row.place_unit)) ||
	    (rc = get_str(o, NULL, "place_text", false, RL_SHORT_MAX, &c->row.place_text)))
		return rc;
	for (const char *p = c->row.ref; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("-_/.", *p))
			return bad(NULL, "reference '%s' may hold only letters, digits and - _ / .", c->row.ref);
	if (strcmp(c->row.country, "VNM") && strcmp(c->row.country, "LAO"))
		return bad(NULL, "unknown country '%s' (VNM or LAO)", c->row.country);
	if (!vocab_find(vocab_categories, c->row.category))
		return bad(NULL, "unknown category '%s'", c->row.category);
	if (!c->row.status)
		c->row.status = "open";
	if (!vocab_find(vocab_statuses, c->row.status))
		return bad(NULL, "unknown status '%s' (open, under_investigation, "
			   "transferred_to_prosecution or closed)", c->row.status);
	if (!rl_date_valid(c->row.opened))
		return bad(NULL, "'opened' must be a date YYYY-MM-DD, not '%s'", c->row.opened);
	rl_today(today);
	if (strcmp(c->row.opened, today) > 0)
		return bad(NULL, "'opened' %s is in the future", c->row.opened);
	if ((rc = unitref_on(db, c->row.unit_code, c->row.opened, &c->unit)))
		return rc;
	if (strcmp(c->unit.country, c->row.country))
		return bad(NULL, "unit '%s' belongs to %s, not %s", c->row.unit_code, c->unit.country,
			   c->row.country);
	c->row.province = c->unit.province;
	c->row.border = c->unit.border;
	if (c->row.place_unit && *c->row.place_unit) {
		struct unitref pu;
		if ((rc = unitref_on(db, c->row.place_unit, c->row.opened, &pu)))
			return bad(NULL, "place_unit: %s", rl_errmsg());
	}
	if (!c->row.summary)
		c->row.summary = "";
	if (!c->row.place_text)
		c->row.place_text = "";
	if (!c->row.place_unit)
		c->row.place_unit = "";
	return validate_parts(db, o, c);
}

/* The persons and seizures of o into c. */
static int validate_parts(struct rl_db *db, json_t *o, struct cf_case *c)
{
	json_t *arr;
	int rc;

	arr = json_object_get(o, "persons");
	if (arr && !json_is_array(arr))
		return bad(NULL, "field 'persons' must be an array");
	if (arr && json_array_size(arr) > RL_CASE_PERSONS_MAX)
		return bad(NULL, "more than %d persons in one case", RL_CASE_PERSONS_MAX);
	if (arr && json_array_size(arr)) {
		c->persons = xcalloc(json_array_size(arr), sizeof(*c->persons));
		for (size_t i = 0; i < json_array_size(arr); i++) {
			char at[32];
			snprintf(at, sizeof(at), "persons[%zu]", i);
			rc = validate_person(db, json_array_get(arr, i), at, &c->persons[i]);
			c->npersons = i + 1;
			if (rc)
				return rc;
			for (size_t k = 0; k < i; k++) {
				struct cf_person *x = &c->persons[k], *y = &c->persons[i];
				if (x->ref && y->ref && *x->ref && !strcmp(x->ref, y->ref) &&
				    !strcmp(x->role, y->role))
					return bad(at, "person '%s' appears twice as %s", y->ref, y->role);
				if (x->existing && y->existing && !strcmp(x->existing, y->existing) &&
				    !strcmp(x->role, y->role))
					return bad(at, "person '%s' appears twice as %s", y->existing, y->role);
			}
		}
	}
	arr = json_object_get(o, "seizures");
	if (arr && !json_is_array(arr))
		return bad(NULL, "field 'seizures' must be an array");
	if (arr && json_array_size(arr) > RL_CASE_SEIZURES_MAX)
		return bad(NULL, "more than %d seizures in one case", RL_CASE_SEIZURES_MAX);
	if (arr && json_array_size(arr)) {
		c->seizures = xcalloc(json_array_size(arr), sizeof(*c->seizures));
		for (size_t i = 0; i < json_array_size(arr); i++) {
			char at[32];
			snprintf(at, sizeof(at), "seizures[%zu]", i);
			if ((rc = validate_seizure(json_array_get(arr, i), at, &c->seizures[i])))
				return rc;
			c->nseizures = i + 1;
		}
	}
	return 0;
}

/* The derived figures of a case whose persons are all new: who counts as
 * a suspect once, who of them is foreign, and the seizure totals. */
static bool derive_figures(struct cf_case *c, const char *const *pids)
{
	struct case_row *r = &c->row;

	r->n_suspects = r->n_foreign = 0;
	for (size_t i = 0; i < c->npersons; i++) {
		const struct cf_person *p = &c->persons[i];
		bool seen = false;
		if (p->existing)
			return false;   /* a stored person: let the store count */
		if (strcmp(p->role, "suspect") && strcmp(p->role, "arrested"))
			continue;
		for (size_t k = 0; k < i && !seen; k++)
			seen = !strcmp(pids[k], pids[i]) && (!strcmp(c->persons[k].role, "suspect") ||
							      !strcmp(c->persons[k].role, "arrested"));
		if (seen)
			continue;
		r->n_suspects++;
		if (*p->row.nationality && strcmp(p->row.nationality, r->country))
			r->n_foreign++;
	}
	r->mass_mg = r->volume_ml = r->tablets = 0;
	r->plants_poppy = r->plants_cannabis = r->plants_other = 0;
	for (size_t i = 0; i < c->nseizures; i++) {
		const struct seizure_row *z = &c->seizures[i].row;
		if (!strcmp(z->measure, "mass"))
			r->mass_mg += z->amount;
		else if (!strcmp(z->measure, "volume"))
			r->volume_ml += z->amount;
		else if (!strcmp(z->measure, "tablet"))
			r->tablets += z->amount;
		else if (!strcmp(z->drug, "opium_poppy"))
			r->plants_poppy += z->amount;
		else if (!strcmp(z->drug, "cannabis_plant"))
			r->plants_cannabis += z->amount;
		else
			r->plants_other += z->amount;
	}
	return true;
}

/* Stores a validated case: the case, new persons (a person with a ref
 * appearing in several roles is one person), links, seizures. */
static int store_case(struct rl_db *db, struct cf_case *c, const char *now,
		      struct casefile_import_stats *st)
{
	const char **pids = xcalloc(c->npersons ? c->npersons : 1, sizeof(*pids));
	bool derived;
	int rc;

	rl_id_new(c->row.id);
	c->row.created_at = now;
	for (size_t i = 0; i < c->npersons; i++) {
		struct cf_person *p = &c->persons[i];
		pids[i] = p->existing;
		/* The same ref earlier in this case: the same person. */
		for (size_t k = 0; k < i && !pids[i]; k++)
			if (p->ref && *p->ref && c->persons[k].ref && !strcmp(c->persons[k].ref, p->ref))
				pids[i] = pids[k];
		if (!pids[i])
			pids[i] = p->row.id;
	}
	derived = derive_figures(c, pids);
	if ((rc = case_store_insert_case(db, &c->row)))
		goto out;
	for (size_t i = 0; i < c->npersons; i++) {
		struct cf_person *p = &c->persons[i];
		if (pids[i] == p->row.id) {
			if ((rc = case_store_insert_person(db, &p->row)))
				goto out;
			if (st)
				st->persons++;
		}
		if ((rc = case_store_link(db, c->row.id, pids[i], p->role, p->ref))) {
			if (rc == RL_ECONFLICT)
				rc = rl_error(RL_EINVAL, "persons[%zu]: the person is linked twice as %s", i, p->role);
			goto out;
		}
		if (st)
			st->links++;
	}
	for (size_t i = 0; i < c->nseizures; i++) {
		if ((rc = case_store_insert_seizure(db, c->row.id, &c->seizures[i].row)))
			goto out;
		if (st)
			st->seizures++;
	}
	if (!derived)
		rc = case_store_update_counts(db, c->row.id);
out:
	free(pids);
	return rc;
}

int casefile_add_parts(struct rl_db *db, const char *case_id, json_t *persons, json_t *seizures,
		       struct casefile_import_stats *st)
{
	struct cf_case c;
	json_t *o = json_object();
	int rc;

	/* Validate the parts as a case holding only them, then store them
	 * as store_case() does, on the existing case. */
	memset(&c, 0, sizeof(c));
	if (persons)
		json_object_set(o, "persons", persons);
	if (seizures)
		json_object_set(o, "seizures", seizures);
	rc = validate_parts(db, o, &c);
	json_decref(o);
	if (rc)
		goto out;
	for (size_t i = 0; i < c.npersons; i++) {
		struct cf_person *p = &c.persons[i];
		const char *pid = p->existing;

		for (size_t k = 0; k < i && !pid; k++)
			if (p->ref && *p->ref && c.persons[k].ref && !strcmp(c.persons[k].ref, p->ref))
				pid = c.persons[k].existing ? c.persons[k].existing : c.persons[k].row.id;
		if (!pid) {
			if ((rc = case_store_insert_person(db, &p->row)))
				goto out;
			pid = p->row.id;
			if (st)
				st->persons++;
		}
		if ((rc = case_store_link(db, case_id, pid, p->role, p->ref))) {
			if (rc == RL_ECONFLICT)
				rc = rl_error(RL_EINVAL, "persons[%zu]: the person is already linked as %s", i, p->role);
			goto out;
		}
		if (st)
			st->links++;
	}
	for (size_t i = 0; i < c.nseizures; i++) {
		if ((rc = case_store_insert_seizure(db, case_id, &c.seizures[i].row)))
			goto out;
		if (st)
			st->seizures++;
	}
	rc = case_store_update_counts(db, case_id);
out:
	cf_case_release(&c);
	return rc;
}

/* ---- imports ---- */

struct importer {
	struct rl_db *db;
	const struct actor *a;
	const struct casefile_import_opts *o;
	struct casefile_import_stats *st;
	struct strset seen;          /* "COUNTRY|ref" -> line */
	struct case_scope scope;     /* whose cases the actor may record */
	char now[RL_TIME_LEN + 1];
	bool failed;                 /* a bad record seen without skip_bad */
};

static void reject(struct importer *im, const char *where, const char *why)
{
	im->st->rejected++;
	if (!im->o->skip_bad)
		im->failed = true;
	if (im->o->reject)
		im->o->reject(im->o->cbdata, where, why);
}

/* Validates and (unless the import already failed) stores one record.
 * Returns 0, or a storage error that ends the import. */
static int import_one(struct importer *im, json_t *obj, long line, const char *where)
{
	struct cf_case c;
	char key[8 + RL_CASE_REF_MAX], id[RL_ID_LEN + 1];
	long *first;
	int rc;

	im->st->records++;
	rc = validate_case(im->db, obj, &c);
	if (rc) {
		if (rc == RL_EIO || rc == RL_ENOMEM || rc == RL_EINTERNAL) {
			cf_case_release(&c);
			return rc;
		}
		reject(im, where, rl_errmsg());
		cf_case_release(&c);
		return 0;
	}
	snprintf(key, sizeof(key), "%s|%s", c.row.country, c.row.ref);
	first = strset_find(&im->seen, key);
	if (first) {
		char why[RL_ERRMSG_MAX];
		snprintf(why, sizeof(why), "duplicate reference '%s' (first on line %ld)", c.row.ref, *first);
		reject(im, where, why);
		cf_case_release(&c);
		return 0;
	}
	strset_put(&im->seen, key, line);
	/* Out of scope before "already present", so a ref of another unit
	 * cannot be probed by importing it. */
	if (!policy_case_in(&im->scope, c.row.country, c.row.unit_code, true)) {
		char why[RL_ERRMSG_MAX];
		not_yours(&im->scope, c.row.country, c.row.unit_code, why, sizeof(why));
		reject(im, where, why);
		cf_case_release(&c);
		return 0;
	}
	if ((rc = casefile_check_person_ids(im->db, &im->scope, json_object_get(obj, "persons")))) {
		if (rc == RL_EIO || rc == RL_ENOMEM || rc == RL_EINTERNAL) {
			cf_case_release(&c);
			return rc;
		}
		reject(im, where, rl_errmsg());
		cf_case_release(&c);
		return 0;
	}
	rc = case_store_find_ref(im->db, c.row.country, c.row.ref, id);
	if (!rc) {
		im->st->present++;
		cf_case_release(&c);
		return 0;
	}
	if (rc != RL_ENOTFOUND) {
		cf_case_release(&c);
		return rc;
	}
	if (im->failed) {   /* nothing will be stored: only validate */
		cf_case_release(&c);
		return 0;
	}
	if ((rc = case_store_savepoint(im->db)))
		goto out;
	rc = store_case(im->db, &c, im->now, im->st);
	if (rc) {
		case_store_rollback_to(im->db);
		if (rc == RL_EIO || rc == RL_ENOMEM || rc == RL_EINTERNAL)
			goto out;
		reject(im, where, rl_errmsg());
		rc = 0;
		goto out;
	}
	rc = case_store_release(im->db);
	if (!rc)
		im->st->imported++;
out:
	cf_case_release(&c);
	return rc;
}

static int import_begin(struct importer *im, struct rl_db *db, const struct actor *a,
			const struct casefile_import_opts *o, struct casefile_import_stats *st)
{
	int rc;

	memset(im, 0, sizeof(*im));
	memset(st, 0, sizeof(*st));
	im->db = db;
	im->a = a;
	im->o = o;
	im->st = st;
	rl_time_format(rl_now_ms(), im->now);
	if ((rc = policy_check(a, POLICY_CASE_WRITE, NULL)) || (rc = policy_case_scope(db, a, &im->scope)) ||
	    (rc = db_begin(db)))
		policy_case_scope_release(&im->scope);
	return rc;
}

static int import_end(struct importer *im, int rc)
{
	char summary[RL_AUDIT_SUMMARY_MAX];
	struct casefile_import_stats *st = im->st;

	strset_free(&im->seen);
	policy_case_scope_release(&im->scope);
	if (rc) {
		db_rollback(im->db);
		return rc;
	}
	if (im->failed) {
		db_rollback(im->db);
		return rl_error(RL_EINVAL, "%lld bad record%s in %s; nothing imported "
				"(fix them, or use --skip-bad to import the rest)",
				st->rejected, st->rejected == 1 ? "" : "s",
				im->o->source ? im->o->source : "the input");
	}
	if (!st->imported) {
		db_rollback(im->db);
		return 0;
	}
	snprintf(summary, sizeof(summary),
		 "imported %lld cases (%lld persons, %lld links, %lld seizures) from %s; "
		 "%lld already present, %lld rejected",
		 st->imported, st->persons, st->links, st->seizures,
		 im->o->source ? im->o->source : "input", st->present, st->rejected);
	if ((rc = audit_append(im->db, im->a->audit_name, "case.import", "case", NULL, summary))) {
		db_rollback(im->db);
		return rc;
	}
	return db_commit(im->db);
}

/* Reads one line (without the newline) into sb, up to max bytes; longer
 * lines are consumed and flagged. Returns 0 at the end of input. */
static int read_line(FILE *in, struct strbuf *sb, size_t max, bool *too_long, long long *bytes)
{
	int c;
	bool any = false;

	strbuf_reset(sb);
	*too_long = false;
	while ((c = getc(in)) != EOF) {
		any = true;
		(*bytes)++;
		if (c == '\n')
			break;
		if (sb->len < max)
			strbuf_addch(sb, c);
		else
			*too_long = true;
	}
	if (sb->len && sb->buf[sb->len - 1] == '\r')
		strbuf_setlen(sb, sb->len - 1);
	return any;
}

int casefile_import_jsonl(struct rl_db *db, const struct actor *a, FILE *in, long long total,
			  const struct casefile_import_opts *o, struct casefile_import_stats *st)
{
	struct importer im;
	struct strbuf line = STRBUF_INIT;
	long long bytes = 0;
	long lineno = 0;
	bool too_long;
	int rc;

	if ((rc = import_begin(&im, db, a, o, st)))
		return rc;
	while (!rc && read_line(in, &line, RL_CASE_LINE_MAX, &too_long, &bytes)) {
		char where[32], why[RL_ERRMSG_MAX];
		json_error_t jerr;
		json_t *obj;
		size_t skip = 0;

		lineno++;
		snprintf(where, sizeof(where), "line %ld", lineno);
		if (lineno == 1 && line.len >= 3 && !memcmp(line.buf, "\xEF\xBB\xBF", 3))
			skip = 3;
		if (o->progress && lineno % 1000 == 0)
			o->progress(o->cbdata, bytes, total);
		{
			bool blank = true;
			for (size_t i = skip; i < line.len && blank; i++)
				blank = isspace((unsigned char)line.buf[i]);
			if (blank)
				continue;
		}
		if (too_long) {
			snprintf(why, sizeof(why), "line longer than %d bytes", RL_CASE_LINE_MAX);
			st->records++;
			reject(&im, where, why);
			continue;
		}
		if (!rl_utf8_valid(line.buf + skip, line.len - skip)) {
			st->records++;
			reject(&im, where, "not valid UTF-8");
			continue;
		}
		obj = json_loadb(line.buf + skip, line.len - skip, JSON_REJECT_DUPLICATES, &jerr);
		if (!obj) {
			snprintf(why, sizeof(why), "malformed JSON at column %d: %s", jerr.column, jerr.text);
			st->records++;
			reject(&im, where, why);
			continue;
		}
		rc = import_one(&im, obj, lineno, where);
		json_decref(obj);
	}
	if (o->progress)
		o->progress(o->cbdata, bytes, total);
	strbuf_release(&line);
	if (!rc && ferror(in))
		rc = rl_error(RL_EIO, "reading %s failed", o->source ? o->source : "the input");
	return import_end(&im, rc);
}

/* ---- CSV ---- */

static json_t *csv_field(struct csv_reader *r, int col)
{
	if (col < 0 || (size_t)col >= r->nfields || !*r->field[col])
		return NULL;
	return json_string(r->field[col]);
}

static void set_opt(json_t *o, const char *key, struct csv_reader *r, int col)
{
	json_t *v = csv_field(r, col);
	if (v)
		json_object_set_new(o, key, v);
}

static int need_col(struct csv_reader *r, const char *file, const char *name, int *col)
{
	*col = csv_column(r, name);
	if (*col < 0)
		return rl_error(RL_EINVAL, "%s: missing column '%s'", file, name);
	return 0;
}

/*
 * The case object a line of persons.csv or seizures.csv (file) adds to, or
 * NULL when the line is rejected: unreadable (rc < 0) or naming no case of
 * the cases file in its case_ref column (col). where names the line.
 */
static json_t *child_case_of(struct importer *im, struct casefile_import_stats *st,
			     struct csv_reader *r, int rc, int col, struct strset *byref,
			     json_t *objs, const char *file, const char *where)
{
	char why[RL_ERRMSG_MAX];
	long *idx;

	if (rc < 0) {
		snprintf(why, sizeof(why), "%s", rl_errmsg());
		st->records++;
		reject(im, file, why);
		return NULL;
	}
	idx = (size_t)col < r->nfields ? strset_find(byref, r->field[col]) : NULL;
	if (!idx) {
		snprintf(why, sizeof(why), "no case '%s' in the cases file",
			 (size_t)col < r->nfields ? r->field[col] : "");
		st->records++;
		reject(im, where, why);
		return NULL;
	}
	return json_array_get(objs, (size_t)*idx);
}

int casefile_import_csv(struct rl_db *db, const struct actor *a, FILE *cases, FILE *persons,
			FILE *seizures, const struct casefile_import_opts *o,
			struct casefile_import_stats *st)
{
	struct importer im;
	struct csv_reader r;
	struct strset byref = { 0 };   /* case ref -> index in objs */
	json_t *objs = json_array();
	json_t *lines = json_array();
	int rc, c_ref, c_country, c_unit, cols[9];
	static const char *const optcols[] = { "category", "opened", "status", "summary",
		"place_unit", "place_text" };

	memset(st, 0, sizeof(*st));
	if ((rc = import_begin(&im, db, a, o, st))) {
		json_decref(objs);
		json_decref(lines);
		return rc;
	}
	/* cases.csv */
	csv_reader_init(&r, cases);
	rc = csv_read(&r);
	if (rc <= 0) {
		rc = rc ? rc : rl_error(RL_EINVAL, "cases file is empty (it needs a header line)");
		goto done;
	}
	if ((rc = need_col(&r, "cases", "ref", &c_ref)) || (rc = need_col(&r, "cases", "country", &c_country)) ||
	    (rc = need_col(&r, "cases", "unit", &c_unit)))
		goto done;
	for (size_t i = 0; i < 6; i++)
		cols[i] = csv_column(&r, optcols[i]);
	while ((rc = csv_read(&r)) != 0) {
		char where[48];
		json_t *obj;

		if (rc < 0) {
			char why[RL_ERRMSG_MAX];
			snprintf(why, sizeof(why), "%s", rl_errmsg());
			st->records++;
			reject(&im, "cases", why);
			continue;
		}
		snprintf(where, sizeof(where), "cases line %ld", r.line);
		obj = json_object();
		set_opt(obj, "ref", &r, c_ref);
		set_opt(obj, "country", &r, c_country);
		set_opt(obj, "unit", &r, c_unit);
		for (size_t i = 0; i < 6; i++)
			set_opt(obj, optcols[i], &r, cols[i]);
		json_object_set_new(obj, "persons", json_array());
		json_object_set_new(obj, "seizures", json_array());
		{
			const char *ref = json_string_value(json_object_get(obj, "ref"));
			long *prev = ref ? strset_find(&byref, ref) : NULL;
			if (prev) {
				char why[RL_ERRMSG_MAX];
				snprintf(why, sizeof(why), "duplicate reference '%s' (first on line %ld)", ref,
					 (long)json_integer_value(json_array_get(lines, (size_t)*prev)));
				st->records++;
				reject(&im, where, why);
				json_decref(obj);
				continue;
			}
			if (ref)
				strset_put(&byref, ref, (long)json_array_size(objs));
		}
		json_array_append_new(objs, obj);
		json_array_append_new(lines, json_integer(r.line));
	}
	csv_reader_release(&r);

	/* persons.csv */
	if (persons) {
		int p_case, p_ref, p_role, p_name, p_bd, p_sex, p_nat, p_id;
		csv_reader_init(&r, persons);
		rc = csv_read(&r);
		if (rc < 0)
			goto done;
		if (rc > 0) {
			if ((rc = need_col(&r, "persons", "case_ref", &p_case)) ||
			    (rc = need_col(&r, "persons", "role", &p_role)))
				goto done;
			p_ref = csv_column(&r, "ref");
			p_name = csv_column(&r, "full_name");
			p_bd = csv_column(&r, "birth_date");
			p_sex = csv_column(&r, "sex");
			p_nat = csv_column(&r, "nationality");
			p_id = csv_column(&r, "id");
			while ((rc = csv_read(&r)) != 0) {
				char where[48];
				json_t *pobj, *owner;

				snprintf(where, sizeof(where), "persons line %ld", r.line);
				if (!(owner = child_case_of(&im, st, &r, rc, p_case, &byref, objs, "persons", where)))
					continue;
				pobj = json_object();
				json_object_set_new(pobj, "_where", json_string(where));
				set_opt(pobj, "ref", &r, p_ref);
				set_opt(pobj, "role", &r, p_role);
				set_opt(pobj, "full_name", &r, p_name);
				set_opt(pobj, "birth_date", &r, p_bd);
				set_opt(pobj, "sex", &r, p_sex);
				set_opt(pobj, "nationality", &r, p_nat);
				set_opt(pobj, "id", &r, p_id);
				json_array_append_new(json_object_get(owner, "persons"), pobj);
			}
		}
		csv_reader_release(&r);
	}
	/* seizures.csv */
	if (seizures) {
		int s_case, s_drug, s_q, s_unit;
		csv_reader_init(&r, seizures);
		rc = csv_read(&r);
		if (rc < 0)
			goto done;
		if (rc > 0) {
			if ((rc = need_col(&r, "seizures", "case_ref", &s_case)) ||
			    (rc = need_col(&r, "seizures", "drug", &s_drug)) ||
			    (rc = need_col(&r, "seizures", "quantity", &s_q)) ||
			    (rc = need_col(&r, "seizures", "unit", &s_unit)))
				goto done;
			while ((rc = csv_read(&r)) != 0) {
				char where[48];
				json_t *sobj, *owner;

				snprintf(where, sizeof(where), "seizures line %ld", r.line);
				if (!(owner = child_case_of(&im, st, &r, rc, s_case, &byref, objs, "seizures", where)))
					continue;
				sobj = json_object();
				json_object_set_new(sobj, "_where", json_string(where));
				set_opt(sobj, "drug", &r, s_drug);
				set_opt(sobj, "unit", &r, s_unit);
				if ((size_t)s_q < r.nfields && *r.field[s_q]) {
					char *end;
					double q = strtod(r.field[s_q], &end);
					if (*end || end == r.field[s_q]) {
						char why[RL_ERRMSG_MAX];
						snprintf(why, sizeof(why), "quantity '%s' is not a number", r.field[s_q]);
						st->records++;
						reject(&im, where, why);
						json_decref(sobj);
						continue;
					}
					json_object_set_new(sobj, "quantity", json_real(q));
				}
				json_array_append_new(json_object_get(owner, "seizures"), sobj);
			}
		}
		csv_reader_release(&r);
	}
	rc = 0;
	for (size_t i = 0; i < json_array_size(objs) && !rc; i++) {
		char where[48];
		long line = (long)json_integer_value(json_array_get(lines, i));
		snprintf(where, sizeof(where), "cases line %ld", line);
		if (o->progress && i % 1000 == 0)
			o->progress(o->cbdata, (long long)i, (long long)json_array_size(objs));
		rc = import_one(&im, json_array_get(objs, i), line, where);
	}
	if (o->progress)
		o->progress(o->cbdata, (long long)json_array_size(objs), (long long)json_array_size(objs));
	goto finish;
done:
	csv_reader_release(&r);
finish:
	strset_free(&byref);
	json_decref(objs);
	json_decref(lines);
	return import_end(&im, rc);
}

int casefile_add_json(struct rl_db *db, const struct actor *a, const char *json,
		      char id_out[RL_ID_LEN + 1])
{
	struct cf_case c;
	struct case_scope scope = { 0 };
	json_error_t jerr;
	json_t *obj;
	char id[RL_ID_LEN + 1], summary[RL_AUDIT_SUMMARY_MAX];
	char now[RL_TIME_LEN + 1];
	int rc;

	if ((rc = policy_check(a, POLICY_CASE_WRITE, NULL)))
		return rc;
	if (!rl_utf8_valid(json, strlen(json)))
		return rl_error(RL_EINVAL, "the case is not valid UTF-8");
	obj = json_loads(json, JSON_REJECT_DUPLICATES, &jerr);
	if (!obj)
		return rl_error(RL_EINVAL, "malformed JSON at line %d column %d: %s", jerr.line, jerr.column, jerr.text);
	rc = validate_case(db, obj, &c);
	if (rc == RL_ENOTFOUND) {  /* an unknown unit: the directory is public, this is bad input */
		char m[RL_ERRMSG_MAX];
		snprintf(m, sizeof(m), "%s", rl_errmsg());
		rc = rl_error(RL_EINVAL, "%s", m);
	}
	if (rc)
		goto out;
	/* Another unit's case answers as policy says for one out of scope
	 * (not found), before its ref is looked up. */
	if ((rc = policy_case_scope(db, a, &scope)))
		goto out;
	if (!policy_case_in(&scope, c.row.country, c.row.unit_code, true)) {
		char why[RL_ERRMSG_MAX];
		not_yours(&scope, c.row.country, c.row.unit_code, why, sizeof(why));
		rc = rl_error(policy_case_in(&scope, c.row.country, c.row.unit_code, false) ?
			      RL_EDENIED : RL_ENOTFOUND, "%s", why);
		goto out;
	}
	if ((rc = casefile_check_person_ids(db, &scope, json_object_get(obj, "persons"))))
		goto out;
	if (!(rc = case_store_find_ref(db, c.row.country, c.row.ref, id))) {
		rc = rl_error(RL_ECONFLICT, "case '%s' already exists in %s", c.row.ref, c.row.country);
		goto out;
	}
	if (rc != RL_ENOTFOUND)
		goto out;
	rl_time_format(rl_now_ms(), now);
	if ((rc = db_begin(db)))
		goto out;
	if ((rc = store_case(db, &c, now, NULL))) {
		db_rollback(db);
		goto out;
	}
	snprintf(summary, sizeof(summary), "added case %s (%s, %s, %s; %zu persons, %zu seizures)",
		 c.row.ref, c.row.country, c.row.unit_code, c.row.category, c.npersons, c.nseizures);
	if ((rc = audit_append(db, a->audit_name, "case.add", "case", c.row.id, summary))) {
		db_rollback(db);
		goto out;
	}
	if ((rc = db_commit(db)))
		goto out;
	if (id_out)
		snprintf(id_out, RL_ID_LEN + 1, "%s", c.row.id);
out:
	policy_case_scope_release(&scope);
	cf_case_release(&c);
	json_decref(obj);
	return rc;
}

/* ---- export, list, show ---- */

void casefile_quantity_text(const struct seizure_row *s, char *buf, size_t size)
{
	enum measure k;
	long long base;

	if (vocab_unit_measure(s->unit, &k, &base) || base == 1) {
		snprintf(buf, size, "%lld", (long long)s->amount);
		return;
	}
	{
		long long whole = s->amount / base, frac = s->amount % base;
		int digits = base == 1000000 ? 6 : 3;
		char f[16];
		int n;

		if (!frac) {
			snprintf(buf, size, "%lld", whole);
			return;
		}
		n = snprintf(f, sizeof(f), "%0*lld", digits, frac);
		while (n > 0 && f[n - 1] == '0')
			f[--n] = '\0';
		snprintf(buf, size, "%lld.%s", whole, f);
	}
}

static int check_filter(struct rl_db *db, const struct case_filter *f)
{
	(void)db;
	if (f->country && strcmp(f->country, "VNM") && strcmp(f->country, "LAO"))
		return rl_error(RL_EINVAL, "unknown country '%s' (VNM or LAO)", f->country);
	if (f->from && !rl_date_valid(f->from))
		return rl_error(RL_EINVAL, "'%s' is not a date YYYY-MM-DD", f->from);
	if (f->to && !rl_date_valid(f->to))
		return rl_error(RL_EINVAL, "'%s' is not a date YYYY-MM-DD", f->to);
	if (f->category && strcmp(f->category, "drugs") && !vocab_find(vocab_categories, f->category))
		return rl_error(RL_EINVAL, "unknown category '%s'", f->category);
	if (f->status && !vocab_find(vocab_statuses, f->status))
		return rl_error(RL_EINVAL, "unknown status '%s'", f->status);
	return 0;
}

/* f restricted to the actor's read scope, into g; false if nothing of
 * f is in scope (another country's cases). */
static bool scoped_filter(const struct case_scope *s, const struct case_filter *f,
			  struct case_filter *g)
{
	*g = *f;
	g->scope = policy_scope_sql(s, s->read);
	if (g->scope.country && f->country && strcmp(f->country, g->scope.country))
		return false;
	return s->read != CASE_SCOPE_NONE;
}

int casefile_list(struct rl_db *db, const struct actor *a, const struct case_filter *f,
		  case_row_cb cb, void *data)
{
	struct case_scope s;
	struct case_filter g;
	int rc;

	if (!(rc = policy_case_scope(db, a, &s)) && !(rc = check_filter(db, f)) &&
	    scoped_filter(&s, f, &g))
		rc = case_store_list(db, &g, cb, data);
	policy_case_scope_release(&s);
	return rc;
}

struct show_ctx {
	case_row_cb cb;
	void *data;
	char id[RL_ID_LEN + 1];
	const struct case_scope *scope;
};

static int show_case(const struct case_row *c, void *data)
{
	struct show_ctx *sc = data;

	/* Out of scope: the store's answer for an unknown ref, word for word. */
	if (!policy_case_in(sc->scope, c->country, c->unit_code, false))
		return rl_error(RL_ENOTFOUND, "unknown case '%s'", c->ref);
	snprintf(sc->id, sizeof(sc->id), "%s", c->id);
	return sc->cb(c, sc->data);
}

int casefile_show(struct rl_db *db, const struct actor *a, const char *country, const char *ref,
		  case_row_cb case_cb, link_row_cb link_cb, seizure_row_cb seizure_cb, void *data)
{
	struct case_scope s;
	struct show_ctx sc = { case_cb, data, "", &s };
	int rc;

	if ((rc = policy_case_scope(db, a, &s)))
		goto out;
	if (country && strcmp(country, "VNM") && strcmp(country, "LAO")) {
		rc = rl_error(RL_EINVAL, "unknown country '%s' (VNM or LAO)", country);
		goto out;
	}
	/* A scope holds one country's cases: a ref is looked up there only, so
	 * "exists in both countries" never tells of the other's. */
	if (s.read != CASE_SCOPE_ALL) {
		if (country && strcmp(country, s.country)) {
			rc = rl_error(RL_ENOTFOUND, "unknown case '%s'", ref);
			goto out;
		}
		country = s.country;
	}
	if ((rc = case_store_get(db, country, ref, show_case, &sc)) ||
	    (rc = case_store_links(db, sc.id, link_cb, data)))
		goto out;
	rc = case_store_seizures(db, sc.id, seizure_cb, data);
out:
	policy_case_scope_release(&s);
	return rc;
}

struct export_ctx {
	struct rl_db *db;
	FILE *out, *pout, *sout;
	bool csv;
	long long count;
	json_t *cur;            /* the case being built (JSON Lines) */
	const char *ref;        /* its ref (CSV) */
	struct strbuf sb;
	int err;
};

static void put_str(json_t *o, const char *k, const char *v)
{
	json_object_set_new(o, k, json_string(v ? v : ""));
}

static int export_link(const struct link_row *l, void *data)
{
	struct export_ctx *x = data;
	if (x->csv) {
		if (!x->pout)
			return 0;
		strbuf_reset(&x->sb);
		csv_quote(&x->sb, x->ref); strbuf_addch(&x->sb, ',');
		csv_quote(&x->sb, l->ref); strbuf_addch(&x->sb, ',');
		csv_quote(&x->sb, l->role); strbuf_addch(&x->sb, ',');
		csv_quote(&x->sb, l->name); strbuf_addch(&x->sb, ',');
		csv_quote(&x->sb, l->birth_date); strbuf_addch(&x->sb, ',');
		csv_quote(&x->sb, l->sex); strbuf_addch(&x->sb, ',');
		csv_quote(&x->sb, l->nationality);
		strbuf_addstr(&x->sb, "\r\n");
		fwrite(x->sb.buf, 1, x->sb.len, x->pout);
		return 0;
	}
	{
		json_t *p = json_object();
		put_str(p, "ref", l->ref);
		put_str(p, "full_name", l->name);
		if (l->birth_date && *l->birth_date)
			put_str(p, "birth_date", l->birth_date);
		put_str(p, "sex", l->sex);
		if (l->nationality && *l->nationality)
			put_str(p, "nationality", l->nationality);
		put_str(p, "role", l->role);
		json_array_append_new(json_object_get(x->cur, "persons"), p);
	}
	return 0;
}

static int export_seizure(const struct seizure_row *s, void *data)
{
	struct export_ctx *x = data;
	char q[48];

	casefile_quantity_text(s, q, sizeof(q));
	if (x->csv) {
		if (!x->sout)
			return 0;
		strbuf_reset(&x->sb);
		csv_quote(&x->sb, x->ref);
		strbuf_addf(&x->sb, ",%s,%s,%s\r\n", s->drug, q, s->unit);
		fwrite(x->sb.buf, 1, x->sb.len, x->sout);
		return 0;
	}
	{
		json_t *o = json_object();
		put_str(o, "drug", s->drug);
		if (strchr(q, '.'))
			json_object_set_new(o, "quantity", json_real(strtod(q, NULL)));
		else
			json_object_set_new(o, "quantity", json_integer(strtoll(q, NULL, 10)));
		put_str(o, "unit", s->unit);
		json_array_append_new(json_object_get(x->cur, "seizures"), o);
	}
	return 0;
}

/* Cases are gathered first (ids and refs), then each is written with its
 * children: the store's statements are not re-entrant within a walk. */
struct idref {
	char id[RL_ID_LEN + 1];
};

static int collect_ids(const struct case_row *c, void *data)
{
	struct { size_t n, alloc; struct idref *v; } *l = data;
	ALLOC_GROW(l->v, l->n + 1, l->alloc);
	snprintf(l->v[l->n++].id, RL_ID_LEN + 1, "%s", c->id);
	return 0;
}

static int export_case(const struct case_row *c, void *data)
{
	struct export_ctx *x = data;
	int rc;

	x->count++;
	if (x->csv) {
		strbuf_reset(&x->sb);
		csv_quote(&x->sb, c->ref); strbuf_addch(&x->sb, ',');
		csv_quote(&x->sb, c->country); strbuf_addch(&x->sb, ',');
		csv_quote(&x->sb, c->unit_code); strbuf_addch(&x->sb, ',');
		csv_quote(&x->sb, c->category); strbuf_addch(&x->sb, ',');
		csv_quote(&x->sb, c->opened); strbuf_addch(&x->sb, ',');
		csv_quote(&x->sb, c->status); strbuf_addch(&x->sb, ',');
		csv_quote(&x->sb, c->summary); strbuf_addch(&x->sb, ',');
		csv_quote(&x->sb, c->place_unit); strbuf_addch(&x->sb, ',');
		csv_quote(&x->sb, c->place_text);
		strbuf_addstr(&x->sb, "\r\n");
		fwrite(x->sb.buf, 1, x->sb.len, x->out);
		x->ref = c->ref;
		if ((rc = case_store_links(x->db, c->id, export_link, x)))
			return rc;
		return case_store_seizures(x->db, c->id, export_seizure, x);
	}
	x->cur = json_object();
	put_str(x->cur, "ref", c->ref);
	put_str(x->cur, "country", c->country);
	put_str(x->cur, "unit", c->unit_code);
	put_str(x->cur, "category", c->category);
	put_str(x->cur, "opened", c->opened);
	put_str(x->cur, "status", c->status);
	put_str(x->cur, "summary", c->summary);
	if (c->place_unit && *c->place_unit)
		put_str(x->cur, "place_unit", c->place_unit);
	if (c->place_text && *c->place_text)
		put_str(x->cur, "place_text", c->place_text);
	json_object_set_new(x->cur, "persons", json_array());
	json_object_set_new(x->cur, "seizures", json_array());
	if (!(rc = case_store_links(x->db, c->id, export_link, x)) &&
	    !(rc = case_store_seizures(x->db, c->id, export_seizure, x))) {
		char *s = json_dumps(x->cur, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
		fputs(s, x->out);
		fputc('\n', x->out);
		free(s);
	}
	json_decref(x->cur);
	x->cur = NULL;
	return rc;
}

static int export_all(struct rl_db *db, const struct case_scope *s, const struct case_filter *f,
		      struct export_ctx *x)
{
	struct { size_t n, alloc; struct idref *v; } l = { 0, 0, NULL };
	struct case_filter g;
	int rc;

	if ((rc = check_filter(db, f)))
		return rc;
	if (!scoped_filter(s, f, &g))
		return 0;
	if ((rc = db_begin_read(db)))
		return rc;
	rc = case_store_list(db, &g, collect_ids, &l);
	for (size_t i = 0; i < l.n && !rc; i++) {
		rc = case_store_get_by_id(db, l.v[i].id, export_case, x);
	}
	free(l.v);
	db_rollback(db);
	return rc;
}

int casefile_export_jsonl(struct rl_db *db, const struct actor *a, const struct case_filter *f,
			  FILE *out, long long *count)
{
	struct export_ctx x = { .db = db, .out = out, .sb = STRBUF_INIT };
	struct case_scope s;
	int rc;

	*count = 0;
	if ((rc = policy_case_scope(db, a, &s)))
		return rc;
	rc = export_all(db, &s, f, &x);
	policy_case_scope_release(&s);
	strbuf_release(&x.sb);
	*count = x.count;
	return rc;
}

int casefile_export_csv(struct rl_db *db, const struct actor *a, const struct case_filter *f,
			FILE *cases, FILE *persons, FILE *seizures, long long *count)
{
	struct export_ctx x = { .db = db, .out = cases, .pout = persons, .sout = seizures,
				.csv = true, .sb = STRBUF_INIT };
	struct case_scope s;
	int rc;

	*count = 0;
	if ((rc = policy_case_scope(db, a, &s)))
		return rc;
	fputs("ref,country,unit,category,opened,status,summary,place_unit,place_text\r\n", cases);
	if (persons)
		fputs("case_ref,ref,role,full_name,birth_date,sex,nationality\r\n", persons);
	if (seizures)
		fputs("case_ref,drug,quantity,unit\r\n", seizures);
	rc = export_all(db, &s, f, &x);
	policy_case_scope_release(&s);
	strbuf_release(&x.sb);
	*count = x.count;
	return rc;
}

/* ---- persons ---- */

int casefile_person_search(struct rl_db *db, const struct actor *a, const char *name,
			   int64_t limit, person_row_cb cb, void *data)
{
	struct case_scope s;
	struct case_scope_sql q;
	char *f;
	int rc;

	if ((rc = policy_check(a, POLICY_CASE_READ, NULL)))
		return rc;
	if (!name || !rl_utf8_valid(name, strlen(name)))
		return rl_error(RL_EINVAL, "the name is not valid UTF-8");
	if (strlen(name) > RL_NAME_MAX)
		return rl_error(RL_ETOOBIG, "the name is longer than %d bytes", RL_NAME_MAX);
	f = rl_fold(name);
	if (!f || !*f) {
		free(f);
		return rl_error(RL_EINVAL, "give a name with at least one letter");
	}
	if (!(rc = policy_case_scope(db, a, &s))) {
		q = policy_scope_sql(&s, s.read);
		rc = case_store_person_search_in(db, &q, f, limit, cb, data);
	}
	policy_case_scope_release(&s);
	free(f);
	return rc;
}

struct pfacts {
	char bd[16], sex[2], nat[4];
	char name[RL_NAME_MAX + 1];   /* main name, for the listing */
};

/* Birth dates agree when one is a prefix of the other ("1990" and
 * "1990-01-02"); either unknown is neutral. */
static int score_pair(const struct pfacts *x, const struct pfacts *y, char *why, size_t size)
{
	int score = 50;
	struct strbuf w = STRBUF_INIT;

	strbuf_addstr(&w, "same name");
	if (*x->bd && *y->bd) {
		size_t n = strlen(x->bd) < strlen(y->bd) ? strlen(x->bd) : strlen(y->bd);
		if (strncmp(x->bd, y->bd, n)) {
			strbuf_release(&w);
			return 0;
		}
		score += n == 10 ? 30 : n == 7 ? 20 : 10;
		strbuf_addstr(&w, ", birth date");
	}
	if (*x->nat && *y->nat) {
		if (strcmp(x->nat, y->nat)) {
			strbuf_release(&w);
			return 0;
		}
		score += 10;
		strbuf_addstr(&w, ", nationality");
	}
	if (strcmp(x->sex, "U") && strcmp(y->sex, "U")) {
		if (strcmp(x->sex, y->sex)) {
			strbuf_release(&w);
			return 0;
		}
		score += 10;
		strbuf_addstr(&w, ", sex");
	}
	snprintf(why, size, "%s", w.buf);
	strbuf_release(&w);
	return score;
}

/* Comparisons made at most: a name shared by thousands of people (common
 * Vietnamese names) makes its pairs quadratic. Each is a few string
 * compares in memory, so the bound is generous. */
#define DUP_COMPARISONS_MAX 20000000LL

/* A person of the fold group being read. */
struct dup_member {
	char id[RL_ID_LEN + 1];
	struct pfacts f;
};

/* A pair found, in the order found (fold, then ids). */
struct dup_found {
	char a[RL_ID_LEN + 1], b[RL_ID_LEN + 1];
	int score;
	size_t seq;
	char why[96];
	char *name;               /* a's main name, owned */
};

struct dup_scan {
	int min_score;
	char fold[RL_NAME_MAX * 4 + 1];   /* the group's fold (folding may grow text) */
	struct dup_member *g;     /* the group */
	size_t ng, galloc;
	struct dup_found *v;      /* pairs found */
	size_t n, alloc;
	long long comparisons;
};

/* Whether score_pair() can score x and y above 0: the same tests without
 * building the explanation, for the millions of pairs a common name
 * makes, most of which disagree. */
static bool may_pair(const struct pfacts *x, const struct pfacts *y)
{
	size_t lx = strlen(x->bd), ly = strlen(y->bd);

	if (lx && ly && strncmp(x->bd, y->bd, lx < ly ? lx : ly))
		return false;
	if (*x->nat && *y->nat && strcmp(x->nat, y->nat))
		return false;
	return !strcmp(x->sex, "U") || !strcmp(y->sex, "U") || !strcmp(x->sex, y->sex);
}

static void dup_flush(struct dup_scan *d)
{
	for (size_t i = 0; i < d->ng; i++)
		for (size_t k = i + 1; k < d->ng && d->comparisons < DUP_COMPARISONS_MAX; k++) {
			char why[96];
			int score;
			d->comparisons++;
			if (!may_pair(&d->g[i].f, &d->g[k].f))
				continue;
			score = score_pair(&d->g[i].f, &d->g[k].f, why, sizeof(why));
			if (score <= 0 || score < d->min_score)
				continue;
			ALLOC_GROW(d->v, d->n + 1, d->alloc);
			snprintf(d->v[d->n].a, RL_ID_LEN + 1, "%s", d->g[i].id);
			snprintf(d->v[d->n].b, RL_ID_LEN + 1, "%s", d->g[k].id);
			d->v[d->n].score = score;
			d->v[d->n].seq = d->n;
			snprintf(d->v[d->n].why, sizeof(d->v[0].why), "%s", why);
			d->v[d->n].name = xstrdup(d->g[i].f.name);
			d->n++;
		}
	d->ng = 0;
}

static int dup_fact(const struct name_fact *f, void *data)
{
	struct dup_scan *d = data;
	struct dup_member *m;

	if (strcmp(f->fold, d->fold)) {
		dup_flush(d);
		snprintf(d->fold, sizeof(d->fold), "%s", f->fold);
	}
	ALLOC_GROW(d->g, d->ng + 1, d->galloc);
	m = &d->g[d->ng++];
	snprintf(m->id, sizeof(m->id), "%s", f->person_id);
	snprintf(m->f.name, sizeof(m->f.name), "%s", f->name ? f->name : "");
	snprintf(m->f.bd, sizeof(m->f.bd), "%s", f->birth_date ? f->birth_date : "");
	snprintf(m->f.sex, sizeof(m->f.sex), "%s", f->sex ? f->sex : "U");
	snprintf(m->f.nat, sizeof(m->f.nat), "%s", f->nationality ? f->nationality : "");
	return 0;
}

static int cmp_dup_ids(const void *x, const void *y)
{
	const struct dup_found *a = x, *b = y;
	int c = strcmp(a->a, b->a);
	if (!c)
		c = strcmp(a->b, b->b);
	return c ? c : (a->seq > b->seq) - (a->seq < b->seq);
}

/* Best first; equal scores in the order found (by fold, then ids). */
static int cmp_dup_rank(const void *x, const void *y)
{
	const struct dup_found *a = x, *b = y;
	if (a->score != b->score)
		return b->score - a->score;
	return (a->seq > b->seq) - (a->seq < b->seq);
}

int casefile_person_duplicates(struct rl_db *db, const struct actor *a, int min_score,
			       person_pair_cb cb, void *data)
{
	struct dup_scan d = { .min_score = min_score };
	struct case_scope scope;
	struct case_scope_sql q;
	size_t n = 0;
	int rc;

	if ((rc = policy_check(a, POLICY_PERSON_MERGE, NULL)))
		return rc;
	/* Pairs a supervisor could merge: both persons in their scope. */
	rc = policy_case_scope(db, a, &scope);
	q = policy_scope_sql(&scope, scope.write);
	if (rc || (rc = db_begin_read(db))) {
		policy_case_scope_release(&scope);
		return rc;
	}
	rc = person_store_name_facts_in(db, &q, dup_fact, &d);
	policy_case_scope_release(&scope);
	db_rollback(db);
	if (!rc)
		dup_flush(&d);
	/* Two persons sharing two folded names (a Lao name and its
	 * romanization) are one pair: keep the first found. */
	if (d.n)
		qsort(d.v, d.n, sizeof(*d.v), cmp_dup_ids);
	for (size_t i = 0; i < d.n; i++) {
		if (n && !strcmp(d.v[n - 1].a, d.v[i].a) && !strcmp(d.v[n - 1].b, d.v[i].b)) {
			free(d.v[i].name);
			continue;
		}
		d.v[n++] = d.v[i];
	}
	if (n)
		qsort(d.v, n, sizeof(*d.v), cmp_dup_rank);
	for (size_t i = 0; i < n && !rc; i++) {
		struct person_pair p = { d.v[i].a, d.v[i].b, d.v[i].name, d.v[i].score, d.v[i].why };
		rc = cb(&p, data);
	}
	for (size_t i = 0; i < n; i++)
		free(d.v[i].name);
	free(d.v);
	free(d.g);
	return rc;
}

static int persons_mergeable_for(struct rl_db *db, const struct actor *a, const char *x,
				 const char *y, const char *merge_id)
{
	struct case_scope s;
	struct case_scope_sql q;
	bool in = false;
	const char *ids[2] = { x, y };
	int rc;

	if ((rc = policy_case_scope(db, a, &s)))
		return rc;
	q = policy_scope_sql(&s, s.merge ? s.write : CASE_SCOPE_NONE);
	for (int i = 0; i < 2 && !rc; i++) {
		if ((rc = case_store_person_in_scope(db, &q, ids[i], &in)))
			break;
		if (!in)
			rc = merge_id ? rl_error(RL_ENOTFOUND, "unknown merge '%s'", merge_id)
				      : rl_error(RL_ENOTFOUND, "unknown person '%s'", ids[i]);
	}
	policy_case_scope_release(&s);
	return rc;
}

struct merged_state {
	char merged_into[RL_ID_LEN + 1];
};

static int read_merged(const struct person_row *p, void *data)
{
	struct merged_state *m = data;
	snprintf(m->merged_into, sizeof(m->merged_into), "%s", p->merged_into ? p->merged_into : "");
	return 0;
}

/* Whether both persons are in the actor's scope for merging: a person out
 * of it answers as an unknown one (the store's words), or for a merge
 * `merge_id` (not NULL) as an unknown merge. */
static int persons_mergeable(struct rl_db *db, const struct actor *a, const char *x, const char *y)
{
	return persons_mergeable_for(db, a, x, y, NULL);
}

int casefile_person_merge(struct rl_db *db, const struct actor *a, const char *survivor,
			  const char *merged, char merge_id[RL_ID_LEN + 1])
{
	struct merged_state ms, mm;
	char now[RL_TIME_LEN + 1], summary[RL_AUDIT_SUMMARY_MAX];
	int rc;

	if ((rc = policy_check(a, POLICY_PERSON_MERGE, NULL)))
		return rc;
	if (!rl_id_valid(survivor))
		return rl_error(RL_EINVAL, "'%s' is not a person id", survivor);
	if (!rl_id_valid(merged))
		return rl_error(RL_EINVAL, "'%s' is not a person id", merged);
	if (!strcmp(survivor, merged))
		return rl_error(RL_EINVAL, "cannot merge a person into itself");
	if ((rc = db_begin(db)))
		return rc;
	if ((rc = persons_mergeable(db, a, survivor, merged)) ||
	    (rc = case_store_person_get(db, survivor, read_merged, &ms)) ||
	    (rc = case_store_person_get(db, merged, read_merged, &mm)))
		goto fail;
	if (*ms.merged_into) {
		rc = rl_error(RL_ECONFLICT, "person %s is already merged into %s", survivor, ms.merged_into);
		goto fail;
	}
	if (*mm.merged_into) {
		rc = rl_error(RL_ECONFLICT, "person %s is already merged into %s", merged, mm.merged_into);
		goto fail;
	}
	if ((rc = case_store_has_merged_into(db, merged)) != 0) {
		if (rc > 0)
			rc = rl_error(RL_ECONFLICT, "other persons are merged into %s; merge them into %s "
				      "first, or merge %s the other way", merged, survivor, merged);
		goto fail;
	}
	rl_id_new(merge_id);
	rl_time_format(rl_now_ms(), now);
	snprintf(summary, sizeof(summary), "merged person %s into %s (undo: person unmerge %s)",
		 merged, survivor, merge_id);
	if ((rc = case_store_merge(db, merge_id, survivor, merged, now, a->audit_name)) ||
	    (rc = audit_append(db, a->audit_name, "person.merge", "person", survivor, summary)))
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc;
}

int casefile_person_unmerge(struct rl_db *db, const struct actor *a, const char *merge_id)
{
	char now[RL_TIME_LEN + 1], summary[RL_AUDIT_SUMMARY_MAX];
	char survivor[RL_ID_LEN + 1], merged[RL_ID_LEN + 1];
	int rc;

	if ((rc = policy_check(a, POLICY_PERSON_MERGE, NULL)))
		return rc;
	if (!rl_id_valid(merge_id))
		return rl_error(RL_EINVAL, "'%s' is not a merge id", merge_id);
	rl_time_format(rl_now_ms(), now);
	if ((rc = db_begin(db)))
		return rc;
	if ((rc = case_store_merge_persons(db, merge_id, survivor, merged)) ||
	    (rc = persons_mergeable_for(db, a, survivor, merged, merge_id)) ||
	    (rc = case_store_unmerge(db, merge_id, now, survivor, merged)))
		goto fail;
	snprintf(summary, sizeof(summary), "undid merge %s: person %s is separate from %s again",
		 merge_id, merged, survivor);
	if ((rc = audit_append(db, a->audit_name, "person.unmerge", "person", survivor, summary)))
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc;
}
