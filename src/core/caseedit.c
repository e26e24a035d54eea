/*
 * caseedit.c: changing a stored case (see caseedit.h).
 */
#include <stdio.h>
#include <string.h>

#include "core/caseedit.h"
#include "core/casefile.h"
#include "core/policy.h"
#include "core/unitref.h"
#include "core/vocab.h"
#include "store/audit.h"
#include "store/case_edit.h"
#include "store/case_store.h"
#include "util/id.h"
#include "util/status.h"
#include "util/banned.h"

struct found {
	bool seen;
	char country[4];
	char unit[RL_CODE_MAX + 1];
	char opened[RL_DATE_LEN + 1];
	char ref[RL_CASE_REF_MAX + 1];
};

static int found_case(const struct case_row *c, void *data)
{
	struct found *f = data;

	f->seen = true;
	snprintf(f->country, sizeof(f->country), "%s", c->country);
	snprintf(f->unit, sizeof(f->unit), "%s", c->unit_code);
	snprintf(f->opened, sizeof(f->opened), "%s", c->opened);
	snprintf(f->ref, sizeof(f->ref), "%s", c->ref);
	return 0;
}

int caseedit_apply(struct rl_db *db, const struct actor *a, const char *case_id,
		   const struct case_edit *e)
{
	struct case_fields cf = { e->status, e->summary, e->category, e->place_unit, e->place_text };
	struct casefile_import_stats st = { 0 };
	struct case_scope scope = { 0 };
	struct found f = { 0 };
	char summary[RL_AUDIT_SUMMARY_MAX];
	size_t np = e->add_persons ? json_array_size(e->add_persons) : 0;
	size_t ns = e->add_seizures ? json_array_size(e->add_seizures) : 0;
	int rc;

	if (!e->status && !e->summary && !e->category && !e->place_unit && !e->place_text && !np && !ns)
		return rl_error(RL_EINVAL, "nothing to change");
	/* The scope first: a role without case files is refused alike for
	 * every id. Out of scope answers as unknown; in scope but read only
	 * is denied. */
	if ((rc = policy_case_scope(db, a, &scope)))
		goto scoped;
	if ((rc = case_store_get_by_id(db, case_id, found_case, &f)) && rc != RL_ENOTFOUND)
		goto scoped;
	if (!f.seen)
		rc = rl_error(RL_ENOTFOUND, "no such case");
	else if (!(rc = policy_case_check(&scope, f.country, f.unit, true, "no such case")) && np)
		rc = casefile_check_person_ids(db, &scope, e->add_persons);
scoped:
	policy_case_scope_release(&scope);
	if (rc)
		return rc;
	if (e->status && !vocab_find(vocab_statuses, e->status))
		return rl_error(RL_EINVAL, "unknown status '%s' (open, under_investigation, "
				"transferred_to_prosecution or closed)", e->status);
	if (e->category && !vocab_find(vocab_categories, e->category))
		return rl_error(RL_EINVAL, "unknown category '%s'", e->category);
	if (e->place_unit && *e->place_unit) {
		struct unitref pu;
		if ((rc = unitref_on(db, e->place_unit, f.opened, &pu))) {
			/* rl_error() must not read the buffer it writes. */
			char why[256];
			snprintf(why, sizeof(why), "%s", rl_errmsg());
			return rl_error(RL_EINVAL, "place_unit: %s", why);
		}
	}
	if ((rc = db_begin(db)))
		return rc;
	if ((rc = case_store_update_fields(db, case_id, &cf)) ||
	    ((np || ns) && (rc = casefile_add_parts(db, case_id, np ? e->add_persons : NULL,
						     ns ? e->add_seizures : NULL, &st))))
		goto fail;
	snprintf(summary, sizeof(summary), "changed case %s:%s%s%s%s%s; %zu persons and %zu seizures added",
		 f.ref, e->status ? " status" : "", e->summary ? " summary" : "",
		 e->category ? " category" : "", e->place_unit ? " place_unit" : "",
		 e->place_text ? " place_text" : "", np, ns);
	if ((rc = audit_append(db, a->audit_name, "case.edit", "case", case_id, summary)))
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc;
}

/* The case case_id into f, if the actor may change it: the same check as
 * caseedit_apply (policy's case scope; a role without case files is
 * refused before the case is looked up). */
static int case_for_write(struct rl_db *db, const struct actor *a, const char *case_id, struct found *f)
{
	int rc;

	if ((rc = policy_check(a, POLICY_CASE_READ, NULL)))
		return rc;
	if ((rc = case_store_get_by_id(db, case_id, found_case, f)) && rc != RL_ENOTFOUND)
		return rc;
	if (!f->seen)
		return rl_error(RL_ENOTFOUND, "no such case");
	return policy_case_access(db, a, f->country, f->unit, true, "no such case");
}

int caseedit_remove_person(struct rl_db *db, const struct actor *a, const char *case_id,
			   const char *person_id, const char *role, int64_t *removed)
{
	struct found f = { 0 };
	char summary[RL_AUDIT_SUMMARY_MAX];
	int64_t n = 0;
	int rc;

	if (removed)
		*removed = 0;
	if ((rc = case_for_write(db, a, case_id, &f)))
		return rc;
	if (!person_id || !rl_id_valid(person_id))
		return rl_error(RL_ENOTFOUND, "no person '%.40s' in case %s", person_id ? person_id : "",
				f.ref);
	if (role && !vocab_find(vocab_roles, role))
		return rl_error(RL_EINVAL, "unknown role '%.40s' (suspect, arrested, victim or witness)", role);
	if ((rc = db_begin(db)))
		return rc;
	rc = case_store_unlink_person(db, case_id, person_id, role, &n);
	if (rc == RL_ENOTFOUND) {
		db_rollback(db);
		return rl_error(RL_ENOTFOUND, "no person %s in case %s%s%s", person_id, f.ref,
				role ? " as " : "", role ? role : "");
	}
	if (rc || (rc = case_store_update_counts(db, case_id)))
		goto fail;
	snprintf(summary, sizeof(summary), "removed person %s from case %s (%lld %s)", person_id, f.ref,
		 (long long)n, role ? role : (n == 1 ? "role" : "roles"));
	if ((rc = audit_append(db, a->audit_name, "case.person_remove", "case", case_id, summary)))
		goto fail;
	if ((rc = db_commit(db)))
		return rc;
	if (removed)
		*removed = n;
	return 0;
fail:
	db_rollback(db);
	return rc;
}

int caseedit_remove_seizure(struct rl_db *db, const struct actor *a, const char *case_id,
			    int64_t seizure_id)
{
	struct found f = { 0 };
	char summary[RL_AUDIT_SUMMARY_MAX];
	char drug[RL_CODE_MAX + 1] = "";
	int rc;

	if ((rc = case_for_write(db, a, case_id, &f)))
		return rc;
	if (seizure_id <= 0)
		return rl_error(RL_ENOTFOUND, "no seizure %lld in case %s", (long long)seizure_id, f.ref);
	if ((rc = db_begin(db)))
		return rc;
	rc = case_store_delete_seizure(db, case_id, seizure_id, drug, sizeof(drug));
	if (rc == RL_ENOTFOUND) {
		db_rollback(db);
		return rl_error(RL_ENOTFOUND, "no seizure %lld in case %s", (long long)seizure_id, f.ref);
	}
	if (rc || (rc = case_store_update_counts(db, case_id)))
		goto fail;
	snprintf(summary, sizeof(summary), "removed seizure %lld (%s) from case %s", (long long)seizure_id,
		 drug, f.ref);
	if ((rc = audit_append(db, a->audit_name, "case.seizure_remove", "case", case_id, summary)))
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc;
}
