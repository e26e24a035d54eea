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

int person_view(struct rl_db *db, const struct actor *a, const char *id, person_row_cb pcb,
		person_case_cb ccb, void *data)
{
	int rc;

	if ((rc = policy_check(a, POLICY_CASE_READ, NULL)))
		return rc;
	if (!id || !rl_id_valid(id))
		return rl_error(RL_ENOTFOUND, "unknown person '%.40s'", id ? id : "");
	if ((rc = db_begin_read(db)))
		return rc;
	if (!(rc = case_store_person_get(db, id, pcb, data)))
		rc = person_store_cases(db, id, PERSON_CASES_MAX, ccb, data);
	db_rollback(db);
	return rc;
}

int person_merge_log(struct rl_db *db, const struct actor *a, int64_t limit, merge_row_cb cb,
		     void *data)
{
	int rc;

	if ((rc = policy_check(a, POLICY_PERSON_MERGE, NULL)))
		return rc;
	if (limit < 1 || limit > RL_PAGE_MAX)
		return rl_error(RL_EINVAL, "the limit must be a number from 1 to %d", RL_PAGE_MAX);
	return person_store_merges(db, limit, cb, data);
}
