/*
 * personview.c: a person with its cases, and the merge log (see
 * personview.h).
 */
#include "core/personview.h"
#include "core/policy.h"
#include "util/id.h"
#include "util/limit.h"
#include "util/status.h"
#include "util/banned.h"

/* Hands on the person's cases that are in the actor's scope only: the
 * others are not hinted at (their number included). */
struct scoped_cases {
	const struct case_scope *s;
	person_case_cb cb;
	void *data;
};

static int scoped_case(const struct person_case_row *r, void *data)
{
	struct scoped_cases *x = data;

	if (!policy_case_in(x->s, r->country, r->unit_code, false))
		return 0;
	return x->cb(r, x->data);
}

int person_view(struct rl_db *db, const struct actor *a, const char *id, person_row_cb pcb,
		person_case_cb ccb, void *data)
{
	struct case_scope s;
	struct case_scope_sql q;
	struct scoped_cases x;
	bool in = false;
	int rc;

	if ((rc = policy_case_scope(db, a, &s)))
		goto out;
	if (!id || !rl_id_valid(id)) {
		rc = rl_error(RL_ENOTFOUND, "unknown person '%.40s'", id ? id : "");
		goto out;
	}
	if ((rc = db_begin_read(db)))
		goto out;
	/* A person out of scope is an unknown person, word for word. */
	q = policy_scope_sql(&s, s.read);
	if (!(rc = case_store_person_in_scope(db, &q, id, &in)) && !in)
		rc = rl_error(RL_ENOTFOUND, "unknown person '%s'", id);
	x = (struct scoped_cases){ &s, ccb, data };
	if (!rc && !(rc = case_store_person_get(db, id, pcb, data)))
		rc = person_store_cases(db, id, PERSON_CASES_MAX, scoped_case, &x);
	db_rollback(db);
out:
	policy_case_scope_release(&s);
	return rc;
}

int person_merge_log(struct rl_db *db, const struct actor *a, int64_t limit, merge_row_cb cb,
		     void *data)
{
	struct case_scope s;
	struct case_scope_sql q;
	int rc;

	if ((rc = policy_check(a, POLICY_PERSON_MERGE, NULL)))
		return rc;
	if (limit < 1 || limit > RL_PAGE_MAX)
		return rl_error(RL_EINVAL, "the limit must be a number from 1 to %d", RL_PAGE_MAX);
	/* The merges a supervisor could have made or may undo: both persons
	 * in their scope. */
	if (!(rc = policy_case_scope(db, a, &s))) {
		q = policy_scope_sql(&s, s.write);
		rc = person_store_merges_in(db, &q, limit, cb, data);
	}
	policy_case_scope_release(&s);
	return rc;
}
