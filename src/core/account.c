/*
 * account.c: the rules of user accounts: validation, authorisation,
 * password hashing, and one audited transaction per change.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "core/account.h"
#include "core/policy.h"
#include "store/audit.h"
#include "store/session_store.h"
#include "store/unit_store.h"
#include "store/user_store.h"
#include "util/clock.h"
#include "util/id.h"
#include "util/status.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/banned.h"

int account_check_login(const char *login)
{
	size_t n = login ? strlen(login) : 0;

	if (!n)
		return rl_error(RL_EINVAL, "login is empty");
	if (n > RL_LOGIN_MAX)
		return rl_error(RL_ETOOBIG, "login longer than %d characters", RL_LOGIN_MAX);
	for (size_t i = 0; i < n; i++) {
		char c = login[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
			return rl_error(RL_EINVAL, "login may only hold a-z, 0-9, '.', '_' and '-'");
	}
	return 0;
}

int account_check_name(const char *name)
{
	size_t n = name ? strlen(name) : 0;

	if (!n)
		return rl_error(RL_EINVAL, "full name is empty");
	if (n > RL_NAME_MAX)
		return rl_error(RL_ETOOBIG, "full name longer than %d bytes", RL_NAME_MAX);
	if (!rl_utf8_valid(name, n))
		return rl_error(RL_EINVAL, "full name is not valid UTF-8");
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
			return rl_error(RL_EINVAL, "full name holds a control character");
	return 0;
}

int account_check_password(const char *pw, size_t len)
{
	size_t chars = len;

	if (!pw || !len)
		return rl_error(RL_EINVAL, "password is empty");
	if (len > RL_PASSWORD_MAX)
		return rl_error(RL_ETOOBIG, "password longer than %d bytes", RL_PASSWORD_MAX);
	if (memchr(pw, '\0', len))
		return rl_error(RL_EINVAL, "password holds a NUL byte");
	/* Count characters, not bytes, when the password is text, so a Lao
	 * password is held to the same length as a Latin one. */
	if (rl_utf8_valid(pw, len)) {
		chars = 0;
		for (size_t i = 0; i < len; i++)
			chars += ((unsigned char)pw[i] & 0xc0) != 0x80;
	}
	if (chars < RL_PASSWORD_MIN)
		return rl_error(RL_EINVAL, "password shorter than %d characters", RL_PASSWORD_MIN);
	return 0;
}

int account_hash_password(const char *pw, size_t len, char out[USER_HASH_MAX])
{
	_Static_assert(USER_HASH_MAX == crypto_pwhash_STRBYTES, "USER_HASH_MAX is crypto_pwhash_STRBYTES");
	if (sodium_init() < 0)
		return rl_error(RL_EINTERNAL, "libsodium failed to start");
	if (crypto_pwhash_str(out, pw, len, crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE))
		return rl_error(RL_ENOMEM, "not enough memory to hash the password");
	return 0;
}

/* The id of an existing unit by its code; valid today if need_valid
 * (new members), or at any time (listing members of a merged unit). */
static int unit_lookup(struct rl_db *db, const char *code, bool need_valid,
		       char id[RL_ID_LEN + 1])
{
	struct unit un;
	int rc;

	if (!code || !*code)
		return rl_error(RL_EINVAL, "unit is empty");
	if (strlen(code) > RL_CODE_MAX || !rl_utf8_valid(code, strlen(code)))
		return rl_error(RL_ENOTFOUND, "unknown unit");
	if ((rc = unit_store_find(db, code, NULL, &un)))
		return rc;
	if (need_valid && !un.exists)
		return rl_error(RL_EINVAL, "unit '%s' is not valid today", un.code);
	memcpy(id, un.id, RL_ID_LEN + 1);
	return 0;
}

static int unit_resolve(struct rl_db *db, const char *code, char id[RL_ID_LEN + 1])
{
	return unit_lookup(db, code, true, id);
}

/* Fills the unit_* fields of u from its unit as it is today (or was last:
 * a user may still belong to a unit merged away since). */
static int fill_unit(struct rl_db *db, struct user_rec *u)
{
	struct unit un;
	int rc;

	if ((rc = unit_store_find(db, u->unit_id, NULL, &un)))
		return rc;
	snprintf(u->unit_code, sizeof(u->unit_code), "%s", un.code);
	snprintf(u->unit_name_en, sizeof(u->unit_name_en), "%s", un.name_en);
	snprintf(u->unit_name_local, sizeof(u->unit_name_local), "%s", un.name_local);
	return 0;
}

void account_actor_from(const struct user_rec *u, struct actor *out)
{
	memset(out, 0, sizeof(*out));
	out->system = false;
	snprintf(out->audit_name, sizeof(out->audit_name), "user:%s", u->login);
	memcpy(out->user_id, u->id, sizeof(out->user_id));
	memcpy(out->login, u->login, sizeof(out->login));
	memcpy(out->unit_id, u->unit_id, sizeof(out->unit_id));
	out->roles = u->roles;
}

int account_actor(struct rl_db *db, const char *login, struct actor *out)
{
	struct user_rec u;
	int rc;

	if (account_check_login(login))
		return rl_error(RL_ENOTFOUND, "no such user");
	if ((rc = user_store_get_by_login(db, login, &u, NULL)))
		return rc;
	if (u.disabled)
		return rl_error(RL_EDENIED, "user '%s' is disabled", login);
	account_actor_from(&u, out);
	return 0;
}

/* Reads a user the actor may see, answering "no such user" for logins
 * that are malformed, unknown or out of reach alike. */
static int load_user(struct rl_db *db, const struct actor *a, const char *login,
		     struct user_rec *u, char *hash)
{
	struct policy_target t = { 0 };
	int rc;

	/* A malformed login cannot exist; it is not echoed, as it may hold
	 * anything (even a password typed in the wrong field). */
	if (!login || account_check_login(login))
		return rl_error(RL_ENOTFOUND, "no such user");
	if ((rc = user_store_get_by_login(db, login, u, hash)))
		return rc == RL_ENOTFOUND ? rl_error(RL_ENOTFOUND, "no such user '%s'", login) : rc;
	t.unit_id = u->unit_id;
	t.user_id = u->id;
	if ((rc = policy_check(a, POLICY_USER_READ, &t)))
		return rc == RL_ENOTFOUND ? rl_error(RL_ENOTFOUND, "no such user '%s'", login) : rc;
	return fill_unit(db, u);
}

/* Loads the target of an admin change: readable, then writable. */
static int load_for_admin(struct rl_db *db, const struct actor *a, const char *login,
			  struct user_rec *u)
{
	struct policy_target t = { 0 };
	int rc;

	if ((rc = load_user(db, a, login, u, NULL)))
		return rc;
	t.unit_id = u->unit_id;
	t.user_id = u->id;
	return policy_check(a, POLICY_USER_ADMIN, &t);
}

static void now_text(char out[RL_TIME_LEN + 1])
{
	rl_time_format(rl_now_ms(), out);
}

int account_add(struct rl_db *db, const struct actor *a, const struct account_new *n,
		struct user_rec *out)
{
	struct user_rec u;
	struct policy_target t = { 0 };
	char hash[USER_HASH_MAX];
	char roles[64];
	struct strbuf sum = STRBUF_INIT;
	int rc;

	if ((rc = policy_check(a, POLICY_USER_ADMIN, NULL)))
		return rc;
	if ((rc = account_check_login(n->login)) || (rc = account_check_name(n->full_name)))
		return rc;
	if (!n->roles || (n->roles & ~(unsigned)ROLE_ALL))
		return rl_error(RL_EINVAL, "a user needs at least one role");
	if (!n->password_hash && (rc = account_check_password(n->password, n->password_len)))
		return rc;
	memset(&u, 0, sizeof(u));
	if ((rc = unit_resolve(db, n->unit_code, u.unit_id)))
		return rc;
	t.unit_id = u.unit_id;
	if ((rc = policy_check(a, POLICY_USER_ADMIN, &t)))
		return rc;
	if (!user_store_get_by_login(db, n->login, &u, NULL))
		return rl_error(RL_ECONFLICT, "login '%s' is already taken", n->login);
	rl_id_new(u.id);
	snprintf(u.login, sizeof(u.login), "%s", n->login);
	snprintf(u.full_name, sizeof(u.full_name), "%s", n->full_name);
	u.roles = n->roles;
	u.demo = n->demo;
	now_text(u.created_at);
	memcpy(u.updated_at, u.created_at, sizeof(u.updated_at));
	memcpy(u.password_changed_at, u.created_at, sizeof(u.password_changed_at));
	if (n->password_hash) {
		if (strlen(n->password_hash) >= sizeof(hash))
			return rl_error(RL_EINVAL, "password hash too long");
		snprintf(hash, sizeof(hash), "%s", n->password_hash);
	} else if ((rc = account_hash_password(n->password, n->password_len, hash))) {
		return rc;
	}
	roles_format(u.roles, roles, sizeof(roles));
	strbuf_addf(&sum, "added user %s (%s) at unit %s with roles %s",
		    u.login, u.full_name, n->unit_code, roles);
	if ((rc = db_begin(db)))
		goto out;
	if ((rc = user_store_insert(db, &u, hash)) ||
	    (rc = audit_append(db, a->audit_name, "user.add", "user", u.id, sum.buf))) {
		db_rollback(db);
		goto out;
	}
	if ((rc = db_commit(db)))
		goto out;
	if (out && !(rc = user_store_get_by_id(db, u.id, out, NULL)))
		rc = fill_unit(db, out);
out:
	sodium_memzero(hash, sizeof(hash));
	strbuf_release(&sum);
	return rc;
}

int account_get(struct rl_db *db, const struct actor *a, const char *login,
		struct user_rec *out)
{
	return load_user(db, a, login, out, NULL);
}

struct list_ctx {
	struct rl_db *db;
	account_cb cb;
	void *data;
};

static int list_one(const struct user_rec *u, void *data)
{
	struct list_ctx *c = data;
	struct user_rec full = *u;
	int rc;

	if ((rc = fill_unit(c->db, &full)))
		return rc;
	return c->cb(&full, c->data);
}

int account_list(struct rl_db *db, const struct actor *a, const struct account_filter *f,
		 account_cb cb, void *data)
{
	struct user_store_filter sf = { .disabled = f->disabled, .demo = f->demo_only ? 1 : -1,
					.roles = f->roles, .after = f->after };
	struct list_ctx c = { db, cb, data };
	char unit_id[RL_ID_LEN + 1];
	int rc;

	if ((rc = policy_check(a, POLICY_USER_ADMIN, NULL)))
		return rc;
	/* RL_PAGE_MAX + 1: a page's caller may ask for one more row to learn
	 * whether another page follows. */
	if (f->limit < -1 || f->limit > RL_PAGE_MAX + 1)
		return rl_error(RL_EINVAL, "limit must be from 1 to %d", RL_PAGE_MAX);
	sf.limit = f->limit == 0 ? RL_PAGE_DEFAULT : f->limit;
	if (f->disabled < -1 || f->disabled > 1)
		return rl_error(RL_EINTERNAL, "bad disabled filter");
	if (f->roles & ~(unsigned)ROLE_ALL)
		return rl_error(RL_EINVAL, "unknown role");
	if (f->unit_code) {
		if ((rc = unit_lookup(db, f->unit_code, false, unit_id)))
			return rc;
		sf.unit_id = unit_id;
	}
	return user_store_list(db, &sf, list_one, &c);
}

/* Runs one change of user u and its audit record in a transaction,
 * ending the user's sessions (except keep) when end_sessions is set. */
enum change_kind { CH_PASSWORD, CH_DISABLED, CH_ROLES, CH_UNIT, CH_NAME };

struct change {
	enum change_kind kind;
	const char *hash;       /* CH_PASSWORD */
	bool disabled;          /* CH_DISABLED */
	unsigned roles;         /* CH_ROLES */
	const char *text;       /* CH_UNIT: unit id; CH_NAME: name */
	bool end_sessions;
	const char *keep_session;
	const char *action;     /* audit action */
	const char *summary;    /* audit summary */
};

static int apply_change(struct rl_db *db, const struct actor *a, const struct user_rec *u,
			const struct change *ch)
{
	char now[RL_TIME_LEN + 1];
	int64_t now_ms = rl_now_ms();
	int rc;

	rl_time_format(now_ms, now);
	if ((rc = db_begin(db)))
		return rc;
	switch (ch->kind) {
	case CH_PASSWORD: rc = user_store_set_password(db, u->id, ch->hash, now); break;
	case CH_DISABLED: rc = user_store_set_disabled(db, u->id, ch->disabled, now); break;
	case CH_ROLES: rc = user_store_set_roles(db, u->id, ch->roles, now); break;
	case CH_UNIT: rc = user_store_set_unit(db, u->id, ch->text, now); break;
	case CH_NAME: rc = user_store_set_name(db, u->id, ch->text, now); break;
	}
	if (!rc && ch->end_sessions)
		rc = session_store_end_user(db, u->id, ch->keep_session, now_ms, NULL);
	if (!rc)
		rc = audit_append(db, a->audit_name, ch->action, "user", u->id, ch->summary);
	if (rc) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db);
}

static int set_password(struct rl_db *db, const struct actor *a, const struct user_rec *u,
			const char *pw, size_t len, const char *keep, const char *summary)
{
	char hash[USER_HASH_MAX];
	struct change ch = { .kind = CH_PASSWORD, .hash = hash, .end_sessions = true,
			     .keep_session = keep, .action = "user.passwd", .summary = summary };
	int rc;

	if ((rc = account_check_password(pw, len)))
		return rc;
	if ((rc = account_hash_password(pw, len, hash)))
		return rc;
	rc = apply_change(db, a, u, &ch);
	sodium_memzero(hash, sizeof(hash));
	return rc;
}

int account_set_password(struct rl_db *db, const struct actor *a, const char *login,
			 const char *pw, size_t len, const char *keep_session_id)
{
	struct user_rec u;
	char sum[RL_LOGIN_MAX + 64];
	int rc;

	if ((rc = load_for_admin(db, a, login, &u)))
		return rc;
	snprintf(sum, sizeof(sum), "set the password of %s", u.login);
	return set_password(db, a, &u, pw, len, keep_session_id, sum);
}

int account_change_own_password(struct rl_db *db, const struct actor *a,
				const char *old_pw, size_t old_len,
				const char *new_pw, size_t new_len,
				const char *keep_session_id)
{
	struct user_rec u;
	char hash[USER_HASH_MAX];
	char sum[RL_LOGIN_MAX + 64];
	int rc, ok;

	if (a->system || !a->user_id[0])
		return rl_error(RL_EINVAL, "only a signed-in user changes their own password");
	if ((rc = user_store_get_by_id(db, a->user_id, &u, hash)))
		return rc;
	if (u.disabled)
		return rl_error(RL_EAUTH, "wrong password");
	if (sodium_init() < 0)
		return rl_error(RL_EINTERNAL, "libsodium failed to start");
	ok = old_pw && old_len <= RL_PASSWORD_MAX &&
	     !crypto_pwhash_str_verify(hash, old_pw, old_len);
	sodium_memzero(hash, sizeof(hash));
	if (!ok)
		return rl_error(RL_EAUTH, "wrong password");
	snprintf(sum, sizeof(sum), "%s changed their own password", u.login);
	return set_password(db, a, &u, new_pw, new_len, keep_session_id, sum);
}

int account_set_disabled(struct rl_db *db, const struct actor *a, const char *login,
			 bool disabled)
{
	struct user_rec u;
	char sum[RL_LOGIN_MAX + 64];
	struct change ch = { .kind = CH_DISABLED, .disabled = disabled, .end_sessions = disabled,
			     .action = disabled ? "user.disable" : "user.enable", .summary = sum };
	int rc;

	if ((rc = load_for_admin(db, a, login, &u)))
		return rc;
	if (u.disabled == disabled)
		return rl_error(RL_ECONFLICT, "user '%s' is already %s", u.login,
				disabled ? "disabled" : "enabled");
	if (disabled && !a->system && !strcmp(a->user_id, u.id))
		return rl_error(RL_ECONFLICT, "you cannot disable your own account");
	snprintf(sum, sizeof(sum), "%s user %s", disabled ? "disabled" : "enabled", u.login);
	return apply_change(db, a, &u, &ch);
}

int account_set_roles(struct rl_db *db, const struct actor *a, const char *login,
		      unsigned roles)
{
	struct user_rec u;
	char oldr[64], newr[64];
	char sum[RL_LOGIN_MAX + 192];
	struct change ch = { .kind = CH_ROLES, .roles = roles, .action = "user.roles", .summary = sum };
	int rc;

	if ((rc = load_for_admin(db, a, login, &u)))
		return rc;
	if (!roles || (roles & ~(unsigned)ROLE_ALL))
		return rl_error(RL_EINVAL, "a user needs at least one role");
	if (!a->system && !strcmp(a->user_id, u.id) && !(roles & ROLE_ADMIN))
		return rl_error(RL_ECONFLICT, "you cannot take the admin role from yourself");
	roles_format(u.roles, oldr, sizeof(oldr));
	roles_format(roles, newr, sizeof(newr));
	snprintf(sum, sizeof(sum), "roles of %s: %s -> %s", u.login, oldr, newr);
	return apply_change(db, a, &u, &ch);
}

int account_set_unit(struct rl_db *db, const struct actor *a, const char *login,
		     const char *unit_code)
{
	struct user_rec u;
	struct policy_target t = { 0 };
	char unit_id[RL_ID_LEN + 1];
	char sum[RL_LOGIN_MAX + 2 * RL_CODE_MAX + 64];
	struct change ch = { .kind = CH_UNIT, .text = unit_id, .action = "user.unit", .summary = sum };
	int rc;

	if ((rc = load_for_admin(db, a, login, &u)))
		return rc;
	if ((rc = unit_resolve(db, unit_code, unit_id)))
		return rc;
	t.unit_id = unit_id;
	t.user_id = u.id;
	if ((rc = policy_check(a, POLICY_USER_ADMIN, &t)))
		return rc;
	snprintf(sum, sizeof(sum), "unit of %s: %s -> %s", u.login, u.unit_code, unit_code);
	return apply_change(db, a, &u, &ch);
}

int account_set_name(struct rl_db *db, const struct actor *a, const char *login,
		     const char *full_name)
{
	struct user_rec u;
	struct strbuf sum = STRBUF_INIT;
	struct change ch = { .kind = CH_NAME, .text = full_name, .action = "user.name" };
	int rc;

	if ((rc = load_for_admin(db, a, login, &u)))
		return rc;
	if ((rc = account_check_name(full_name)))
		return rc;
	strbuf_addf(&sum, "name of %s: %s -> %s", u.login, u.full_name, full_name);
	ch.summary = sum.buf;
	rc = apply_change(db, a, &u, &ch);
	strbuf_release(&sum);
	return rc;
}

int account_update(struct rl_db *db, const struct actor *a, const char *login,
		   const struct account_patch *p, struct user_rec *out)
{
	struct user_rec u;
	struct policy_target t = { 0 };
	char unit_id[RL_ID_LEN + 1] = "";
	char now[RL_TIME_LEN + 1], oldr[64], newr[64];
	struct strbuf sum = STRBUF_INIT;
	int64_t now_ms = rl_now_ms();
	bool self;
	int rc;

	if ((rc = load_for_admin(db, a, login, &u)))
		return rc;
	self = !a->system && !strcmp(a->user_id, u.id);
	if (p->full_name && (rc = account_check_name(p->full_name)))
		return rc;
	if (p->set_roles) {
		if (!p->roles || (p->roles & ~(unsigned)ROLE_ALL))
			return rl_error(RL_EINVAL, "a user needs at least one role");
		if (self && !(p->roles & ROLE_ADMIN))
			return rl_error(RL_ECONFLICT, "you cannot take the admin role from yourself");
	}
	if (p->set_disabled && p->disabled && self)
		return rl_error(RL_ECONFLICT, "you cannot disable your own account");
	if (p->unit_code) {
		if ((rc = unit_resolve(db, p->unit_code, unit_id)))
			return rc;
		t.unit_id = unit_id;
		t.user_id = u.id;
		if ((rc = policy_check(a, POLICY_USER_ADMIN, &t)))
			return rc;
	}
	rl_time_format(now_ms, now);
	if ((rc = db_begin(db)))
		return rc;
	if (p->full_name && strcmp(p->full_name, u.full_name)) {
		strbuf_reset(&sum);
		strbuf_addf(&sum, "name of %s: %s -> %s", u.login, u.full_name, p->full_name);
		if ((rc = user_store_set_name(db, u.id, p->full_name, now)) ||
		    (rc = audit_append(db, a->audit_name, "user.name", "user", u.id, sum.buf)))
			goto fail;
	}
	if (p->unit_code && strcmp(unit_id, u.unit_id)) {
		strbuf_reset(&sum);
		strbuf_addf(&sum, "unit of %s: %s -> %s", u.login, u.unit_code, p->unit_code);
		if ((rc = user_store_set_unit(db, u.id, unit_id, now)) ||
		    (rc = audit_append(db, a->audit_name, "user.unit", "user", u.id, sum.buf)))
			goto fail;
	}
	if (p->set_roles && p->roles != u.roles) {
		roles_format(u.roles, oldr, sizeof(oldr));
		roles_format(p->roles, newr, sizeof(newr));
		strbuf_reset(&sum);
		strbuf_addf(&sum, "roles of %s: %s -> %s", u.login, oldr, newr);
		if ((rc = user_store_set_roles(db, u.id, p->roles, now)) ||
		    (rc = audit_append(db, a->audit_name, "user.roles", "user", u.id, sum.buf)))
			goto fail;
	}
	if (p->set_disabled && p->disabled != u.disabled) {
		strbuf_reset(&sum);
		strbuf_addf(&sum, "%s user %s", p->disabled ? "disabled" : "enabled", u.login);
		if ((rc = user_store_set_disabled(db, u.id, p->disabled, now)) ||
		    (p->disabled && (rc = session_store_end_user(db, u.id, NULL, now_ms, NULL))) ||
		    (rc = audit_append(db, a->audit_name, p->disabled ? "user.disable" : "user.enable",
				       "user", u.id, sum.buf)))
			goto fail;
	}
	strbuf_release(&sum);
	if ((rc = db_commit(db)))
		return rc;
	if (out && !(rc = user_store_get_by_id(db, u.id, out, NULL)))
		rc = fill_unit(db, out);
	return rc;
fail:
	db_rollback(db);
	strbuf_release(&sum);
	return rc;
}
