/*
 * config.c: the deployment settings (see config.h): the table of known
 * keys, duration text, and the audited changes.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/config.h"
#include "core/policy.h"
#include "store/audit.h"
#include "util/clock.h"
#include "util/status.h"
#include "util/strbuf.h"
#include "util/banned.h"

#define SEC_MS 1000LL
#define MIN_MS (60 * SEC_MS)
#define HOUR_MS (60 * MIN_MS)
#define DAY_MS (24 * HOUR_MS)
#define WEEK_MS (7 * DAY_MS)

struct config_def {
	const char *key;
	int64_t def_ms, min_ms, max_ms;
	const char *help;
};

/* The defaults (EU Directive 2023/977 for replies), in the order
 * they are listed. */
static const struct config_def defs[] = {
	{ "hotline.ack.flash", 15 * MIN_MS, RL_ACK_DEADLINE_MIN_MS, RL_ACK_DEADLINE_MAX_MS,
	  "time to acknowledge a flash message before it escalates" },
	{ "hotline.ack.urgent", HOUR_MS, RL_ACK_DEADLINE_MIN_MS, RL_ACK_DEADLINE_MAX_MS,
	  "time to acknowledge an urgent message before it escalates" },
	{ "hotline.ack.routine", DAY_MS, RL_ACK_DEADLINE_MIN_MS, RL_ACK_DEADLINE_MAX_MS,
	  "time to acknowledge a routine message before it escalates" },
	{ "hotline.reply.flash", 8 * HOUR_MS, RL_REPLY_DEADLINE_MIN_MS, RL_REPLY_DEADLINE_MAX_MS,
	  "time to reply to a flash request before it escalates" },
	{ "hotline.reply.urgent", 3 * DAY_MS, RL_REPLY_DEADLINE_MIN_MS, RL_REPLY_DEADLINE_MAX_MS,
	  "time to reply to an urgent request before it escalates" },
	{ "hotline.reply.routine", 7 * DAY_MS, RL_REPLY_DEADLINE_MIN_MS, RL_REPLY_DEADLINE_MAX_MS,
	  "time to reply to a routine request before it escalates" },
	{ NULL, 0, 0, 0, NULL },
};

static const struct { char unit; int64_t ms; } units[] = {
	{ 'w', WEEK_MS }, { 'd', DAY_MS }, { 'h', HOUR_MS }, { 'm', MIN_MS }, { 's', SEC_MS },
};
#define NUNITS (sizeof(units) / sizeof(units[0]))

int config_parse_duration(const char *s, int64_t *ms)
{
	size_t next = 0;  /* units before this index are used up */
	int64_t total = 0;
	const char *p = s;

	*ms = 0;
	if (!s || !*s)
		return rl_error(RL_EINVAL, "a duration is empty (write e.g. 15m, 1h, 3d)");
	while (*p) {
		int64_t n = 0;
		int digits = 0;
		size_t u;

		while (isdigit((unsigned char)*p)) {
			if (++digits > 6)
				return rl_error(RL_EINVAL, "duration '%.32s' is too long", s);
			n = n * 10 + (*p++ - '0');
		}
		if (!digits)
			return rl_error(RL_EINVAL, "malformed duration '%.32s' (write e.g. 15m, 1h, 3d, 1h30m)", s);
		if (!*p)
			return rl_error(RL_EINVAL, "duration '%.32s' needs a unit (w, d, h, m or s)", s);
		for (u = next; u < NUNITS && units[u].unit != *p; u++)
			;
		if (u == NUNITS)
			return rl_error(RL_EINVAL, "malformed duration '%.32s' (units w, d, h, m, s, largest first, "
					"each once)", s);
		total += n * units[u].ms;
		next = u + 1;
		p++;
	}
	*ms = total;
	return 0;
}

void config_format_duration(int64_t ms, char *buf, size_t size)
{
	struct strbuf sb = STRBUF_INIT;

	if (ms <= 0) {
		snprintf(buf, size, "0s");
		return;
	}
	/* Weeks are left out: "7d" reads better than "1w" next to "3d". */
	for (size_t u = 1; u < NUNITS; u++) {
		int64_t n = ms / units[u].ms;
		if (n) {
			strbuf_addf(&sb, "%" PRId64 "%c", n, units[u].unit);
			ms -= n * units[u].ms;
		}
	}
	if (ms)  /* below a second: never stored, but say so */
		strbuf_addf(&sb, "%" PRId64 "ms", ms);
	snprintf(buf, size, "%s", sb.buf);
	strbuf_release(&sb);
}

static const struct config_def *find_def(const char *key)
{
	struct strbuf sb = STRBUF_INIT;

	if (key)
		for (const struct config_def *d = defs; d->key; d++)
			if (!strcmp(d->key, key))
				return d;
	for (const struct config_def *d = defs; d->key; d++)
		strbuf_addf(&sb, "%s%s", d == defs ? "" : ", ", d->key);
	rl_error(RL_ENOTFOUND, "unknown setting '%.*s' (known: %s)", RL_SETTING_KEY_MAX,
		 key ? key : "", sb.buf);
	strbuf_release(&sb);
	return NULL;
}

/* The value of a stored text, if it is still valid for d. */
static bool stored_ms(const struct config_def *d, const char *text, int64_t *ms)
{
	int64_t v;

	if (config_parse_duration(text, &v)) {
		rl_error_clear();
		return false;
	}
	if (v < d->min_ms || v > d->max_ms)
		return false;
	*ms = v;
	return true;
}

static int fill_item(struct rl_db *db, const struct config_def *d, struct config_item *it)
{
	struct setting_rec s;
	int rc;

	memset(it, 0, sizeof(*it));
	it->key = d->key;
	it->type = "duration";
	it->help = d->help;
	it->default_ms = d->def_ms;
	it->min_ms = d->min_ms;
	it->max_ms = d->max_ms;
	config_format_duration(d->def_ms, it->default_value, sizeof(it->default_value));
	config_format_duration(d->min_ms, it->min, sizeof(it->min));
	config_format_duration(d->max_ms, it->max, sizeof(it->max));
	it->ms = d->def_ms;
	rc = settings_store_get(db, d->key, &s);
	if (rc == RL_ENOTFOUND) {
		snprintf(it->value, sizeof(it->value), "%s", it->default_value);
		return 0;
	}
	if (rc)
		return rc;
	if (stored_ms(d, s.value, &it->ms)) {
		it->is_set = true;
		config_format_duration(it->ms, it->value, sizeof(it->value));
		it->updated_ms = s.updated_ms;
		snprintf(it->updated_by, sizeof(it->updated_by), "%s", s.updated_by);
	} else {
		snprintf(it->value, sizeof(it->value), "%s", it->default_value);
	}
	return 0;
}

int config_duration(struct rl_db *db, const char *key, int64_t *ms)
{
	const struct config_def *d = find_def(key);
	struct setting_rec s;
	int rc;

	*ms = 0;
	if (!d)
		return rl_error(RL_EINTERNAL, "unknown setting '%s'", key);
	*ms = d->def_ms;
	rc = settings_store_get(db, key, &s);
	if (rc == RL_ENOTFOUND)
		return 0;
	if (rc)
		return rc;
	if (!stored_ms(d, s.value, ms))
		*ms = d->def_ms;
	return 0;
}

int config_list(struct rl_db *db, const struct actor *a, config_item_cb cb, void *data)
{
	struct config_item it;
	int rc;

	if ((rc = policy_check(a, POLICY_CONFIG_READ, NULL)))
		return rc;
	for (const struct config_def *d = defs; d->key; d++) {
		if ((rc = fill_item(db, d, &it)) || (rc = cb(&it, data)))
			return rc;
	}
	return 0;
}

int config_get(struct rl_db *db, const struct actor *a, const char *key, struct config_item *out)
{
	const struct config_def *d;
	int rc;

	if ((rc = policy_check(a, POLICY_CONFIG_READ, NULL)))
		return rc;
	if (!(d = find_def(key)))
		return RL_ENOTFOUND;
	return fill_item(db, d, out);
}

int config_set(struct rl_db *db, const struct actor *a, const char *key, const char *value,
	       struct config_item *out)
{
	const struct config_def *d;
	struct config_item before;
	char canon[RL_SETTING_VALUE_MAX + 1], sum[256];
	int64_t ms;
	int rc;

	if ((rc = policy_check(a, POLICY_CONFIG_ADMIN, NULL)))
		return rc;
	if (!(d = find_def(key)))
		return RL_ENOTFOUND;
	if (!value || strlen(value) > RL_SETTING_VALUE_MAX)
		return rl_error(RL_EINVAL, "the value of %s must be a duration of at most %d characters",
				d->key, RL_SETTING_VALUE_MAX);
	if ((rc = config_parse_duration(value, &ms)))
		return rc;
	if (ms < d->min_ms || ms > d->max_ms) {
		char lo[RL_SETTING_VALUE_MAX + 1], hi[RL_SETTING_VALUE_MAX + 1];

		config_format_duration(d->min_ms, lo, sizeof(lo));
		config_format_duration(d->max_ms, hi, sizeof(hi));
		return rl_error(RL_EINVAL, "%s must be from %s to %s (got %s)", d->key, lo, hi, value);
	}
	config_format_duration(ms, canon, sizeof(canon));
	if ((rc = db_begin(db)))
		return rc;
	if ((rc = fill_item(db, d, &before)))
		goto fail;
	snprintf(sum, sizeof(sum), "%s: %s%s -> %s", d->key, before.value, before.is_set ? "" : " (default)",
		 canon);
	if ((rc = settings_store_set(db, d->key, canon, rl_now_ms(), a->audit_name)) ||
	    (rc = audit_append(db, a->audit_name, "config.set", "setting", d->key, sum)))
		goto fail;
	if ((rc = db_commit(db)))
		return rc;
	return out ? fill_item(db, d, out) : 0;
fail:
	db_rollback(db);
	return rc;
}

int config_unset(struct rl_db *db, const struct actor *a, const char *key, struct config_item *out)
{
	const struct config_def *d;
	struct config_item before;
	char sum[256];
	int rc, n = 0;

	if ((rc = policy_check(a, POLICY_CONFIG_ADMIN, NULL)))
		return rc;
	if (!(d = find_def(key)))
		return RL_ENOTFOUND;
	if ((rc = db_begin(db)))
		return rc;
	if ((rc = fill_item(db, d, &before)) || (rc = settings_store_unset(db, d->key, &n)))
		goto fail;
	if (n) {
		snprintf(sum, sizeof(sum), "%s: %s -> %s (default)", d->key, before.value, before.default_value);
		if ((rc = audit_append(db, a->audit_name, "config.unset", "setting", d->key, sum)))
			goto fail;
		if ((rc = db_commit(db)))
			return rc;
	} else {
		db_rollback(db);  /* already the default: nothing to record */
	}
	return out ? fill_item(db, d, out) : 0;
fail:
	db_rollback(db);
	return rc;
}
