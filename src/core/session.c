/*
 * session.c: sign-in with throttling, session tokens, expiry, sign-out.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "core/account.h"
#include "core/session.h"
#include "store/audit.h"
#include "store/session_store.h"
#include "store/user_store.h"
#include "util/clock.h"
#include "util/id.h"
#include "util/status.h"
#include "util/utf8.h"
#include "util/banned.h"

/* An Argon2id hash (INTERACTIVE limits, like every stored hash) of a
 * random password nobody knows: verifying against it makes a sign-in with
 * an unknown login cost what one with a known login costs. */
static const char dummy_hash[] =
	"$argon2id$v=19$m=65536,t=2,p=1$GYdhB55KyUa3JjofklHPBA$"
	"sJvhlnhdz5iDY11anGO7l9x77KlFKMe2UAQh21SeXpw";

static const char msg_auth[] = "wrong login or password";
static const char msg_limit[] = "too many failed sign-ins; try again later";
static const char fail_actor[] = "system:signin";

static struct session_settings settings = {
	.idle_ms = RL_SESSION_IDLE_MS,
	.absolute_ms = RL_SESSION_ABSOLUTE_MS,
	.account_fails = RL_SIGNIN_ACCOUNT_FAILS,
	.ip_fails = RL_SIGNIN_IP_FAILS,
	.window_ms = RL_SIGNIN_WINDOW_MS,
	.lock_ms = RL_SIGNIN_LOCK_MS,
};

void session_settings_default(struct session_settings *s)
{
	s->idle_ms = RL_SESSION_IDLE_MS;
	s->absolute_ms = RL_SESSION_ABSOLUTE_MS;
	s->account_fails = RL_SIGNIN_ACCOUNT_FAILS;
	s->ip_fails = RL_SIGNIN_IP_FAILS;
	s->window_ms = RL_SIGNIN_WINDOW_MS;
	s->lock_ms = RL_SIGNIN_LOCK_MS;
}

void session_configure(const struct session_settings *s)
{
	struct session_settings d;

	session_settings_default(&d);
	settings.idle_ms = s->idle_ms > 0 ? s->idle_ms : d.idle_ms;
	settings.absolute_ms = s->absolute_ms > 0 ? s->absolute_ms : d.absolute_ms;
	settings.account_fails = s->account_fails > 0 ? s->account_fails : d.account_fails;
	settings.ip_fails = s->ip_fails > 0 ? s->ip_fails : d.ip_fails;
	settings.window_ms = s->window_ms > 0 ? s->window_ms : d.window_ms;
	settings.lock_ms = s->lock_ms > 0 ? s->lock_ms : d.lock_ms;
}

void session_token_hash(const char *token, char out[SESSION_HASH_HEX + 1])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(out, SESSION_HASH_HEX + 1, h, sizeof(h));
}

static void random_token(char out[SESSION_TOKEN_LEN + 1])
{
	unsigned char raw[32];

	_Static_assert(SESSION_TOKEN_LEN + 1 ==
		       sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
		       "token length");
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, SESSION_TOKEN_LEN + 1, raw, sizeof(raw),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

static bool token_wellformed(const char *t)
{
	size_t n = 0;

	if (!t)
		return false;
	for (; t[n]; n++) {
		char c = t[n];
		if (n >= SESSION_TOKEN_LEN)
			return false;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_'))
			return false;
	}
	return n == SESSION_TOKEN_LEN;
}

static bool ip_wellformed(const char *ip)
{
	size_t n = strlen(ip);

	if (!n || n > RL_CLIENT_IP_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)ip[i] <= 0x20 || (unsigned char)ip[i] >= 0x7f)
			return false;
	return true;
}

/* Counts one failure for key; locks it when the count reaches max. */
static int count_failure(struct rl_db *db, const char *kind, const char *key, int max,
			 int64_t now)
{
	struct throttle_rec t;
	int rc;

	if ((rc = throttle_store_get(db, kind, key, &t)))
		return rc;
	if (!t.failures || now - t.window_ms >= settings.window_ms) {
		t.failures = 0;
		t.window_ms = now;
	}
	if (++t.failures >= max) {
		/* A new window starts once the lock is over. */
		t.locked_ms = now + settings.lock_ms;
		t.failures = 0;
		t.window_ms = now;
	}
	return throttle_store_put(db, kind, key, &t);
}

static bool locked(struct rl_db *db, const char *kind, const char *key, int64_t now, int *rc)
{
	struct throttle_rec t;

	if ((*rc = throttle_store_get(db, kind, key, &t)))
		return false;
	return t.locked_ms > now;
}

/* Records a failed or refused sign-in (counting it unless it was refused
 * by a lock), in its own transaction: the failure must be on record even
 * though the sign-in fails. */
static int record_failure(struct rl_db *db, const char *login_key, const char *ip,
			  const char *why, bool count, int64_t now)
{
	char sum[RL_LOGIN_MAX + RL_CLIENT_IP_MAX + 128];
	int rc;

	snprintf(sum, sizeof(sum), "failed sign-in as %s%s%s from %s: %s",
		 login_key ? "'" : "", login_key ? login_key : "a malformed login",
		 login_key ? "'" : "", ip, why);
	if ((rc = db_begin(db)))
		return rc;
	if (count &&
	    ((rc = count_failure(db, "ip", ip, settings.ip_fails, now)) ||
	     (login_key && (rc = count_failure(db, "login", login_key, settings.account_fails, now))) ||
	     (rc = throttle_store_prune(db, now - settings.window_ms))))
		goto fail;
	if ((rc = audit_append(db, fail_actor, "session.fail", "session", NULL, sum)))
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc;
}

int session_sign_in(struct rl_db *db, const char *login, const char *password,
		    const char *client_ip, struct session_new *out)
{
	struct user_rec u;
	struct session_rec s;
	char hash[USER_HASH_MAX];
	const char *login_key = NULL;
	const char *ip = client_ip ? client_ip : "unknown";
	const char *why = NULL;
	size_t pwlen = password ? strnlen(password, RL_PASSWORD_MAX + 1) : 0;
	bool found = false;
	int64_t now;
	int rc, verified;
	char sum[RL_CLIENT_IP_MAX + 64];

	memset(out, 0, sizeof(*out));
	if (sodium_init() < 0)
		return rl_error(RL_EINTERNAL, "libsodium failed to start");
	if (!ip_wellformed(ip))
		return rl_error(RL_EINVAL, "malformed client address");
	if (login && !account_check_login(login))
		login_key = login;
	rl_error_clear();
	now = rl_now_ms();
	/* See session_lookup(): read this request's view, not an old one. */
	db_reset_statements(db);

	/* A lock refuses before any password work: that is what makes
	 * guessing slow. */
	if (locked(db, "ip", ip, now, &rc) || (!rc && login_key && locked(db, "login", login_key, now, &rc))) {
		if ((rc = record_failure(db, login_key, ip, "refused, too many failures", false, now)))
			return rc;
		return rl_error(RL_ELIMIT, "%s", msg_limit);
	}
	if (rc)
		return rc;

	if (login_key) {
		rc = user_store_get_by_login(db, login_key, &u, hash);
		if (!rc)
			found = true;
		else if (rc != RL_ENOTFOUND)
			return rc;
	}
	if (!found)
		snprintf(hash, sizeof(hash), "%s", dummy_hash);
	/* Verify even when the answer is already no (unknown, disabled, too
	 * long), so every path costs one Argon2id run. */
	verified = crypto_pwhash_str_verify(hash, password ? password : "",
					    pwlen > RL_PASSWORD_MAX ? 0 : pwlen) == 0;
	sodium_memzero(hash, sizeof(hash));
	if (!found)
		why = "unknown login";
	else if (pwlen > RL_PASSWORD_MAX || !verified)
		why = "wrong password";
	else if (u.disabled)
		why = "account disabled";
	if (why) {
		if ((rc = record_failure(db, login_key, ip, why, true, now)))
			return rc;
		return rl_error(RL_EAUTH, "%s", msg_auth);
	}

	memset(&s, 0, sizeof(s));
	rl_id_new(s.id);
	random_token(out->token);
	session_token_hash(out->token, s.token_hash);
	memcpy(s.user_id, u.id, sizeof(s.user_id));
	s.created_ms = s.last_seen_ms = now;
	s.idle_until_ms = now + settings.idle_ms;
	s.expires_ms = now + settings.absolute_ms;
	random_token(s.csrf);
	snprintf(s.client_ip, sizeof(s.client_ip), "%s", ip);
	account_actor_from(&u, &out->actor);
	snprintf(sum, sizeof(sum), "signed in from %s", ip);
	if ((rc = db_begin(db)))
		goto fail;
	if ((rc = session_store_insert(db, &s)) ||
	    (rc = throttle_store_clear(db, "login", login_key)) ||
	    (rc = audit_append(db, out->actor.audit_name, "session.start", "session", s.id, sum))) {
		db_rollback(db);
		goto fail;
	}
	if ((rc = db_commit(db)))
		goto fail;
	memcpy(out->info.id, s.id, sizeof(s.id));
	memcpy(out->info.user_id, u.id, sizeof(u.id));
	memcpy(out->info.login, u.login, sizeof(u.login));
	memcpy(out->info.csrf, s.csrf, sizeof(s.csrf));
	out->info.created_ms = s.created_ms;
	out->info.last_seen_ms = s.last_seen_ms;
	out->info.idle_until_ms = s.idle_until_ms;
	out->info.expires_ms = s.expires_ms;
	return 0;
fail:
	sodium_memzero(out, sizeof(*out));
	return rc;
}

/* The open, unexpired session of token and its enabled user. */
static int find_session(struct rl_db *db, const char *token, int64_t now,
			struct session_rec *s, struct user_rec *u)
{
	char th[SESSION_HASH_HEX + 1];
	int rc;

	if (!token_wellformed(token))
		return rl_error(RL_EAUTH, "not signed in");
	session_token_hash(token, th);
	if ((rc = session_store_get(db, th, s)))
		return rc == RL_ENOTFOUND ? rl_error(RL_EAUTH, "not signed in") : rc;
	if (s->ended_ms)
		return rl_error(RL_EAUTH, "not signed in");
	if (now >= s->idle_until_ms || now >= s->expires_ms)
		return rl_error(RL_EAUTH, "session expired; sign in again");
	if ((rc = user_store_get_by_id(db, s->user_id, u, NULL)))
		return rc == RL_ENOTFOUND ? rl_error(RL_EAUTH, "not signed in") : rc;
	if (u->disabled)
		return rl_error(RL_EAUTH, "not signed in");
	return 0;
}

int session_lookup(struct rl_db *db, const char *token, struct actor *a,
		   struct session_info *info)
{
	struct session_rec s;
	struct user_rec u;
	int64_t now = rl_now_ms();
	/* Touch at most this often: each touch is a disk write, and the idle
	 * timeout does not need millisecond precision. */
	int64_t every = settings.idle_ms / 10 < 15000 ? settings.idle_ms / 10 : 15000;
	int rc;

	/* A request starts here: drop any read snapshot an earlier request
	 * left on this connection, so a session ended by another thread is
	 * seen as ended. */
	db_reset_statements(db);
	if ((rc = find_session(db, token, now, &s, &u)))
		return rc;
	if (now - s.last_seen_ms >= every) {
		/* Bookkeeping, not a change anyone made: not audited. */
		if ((rc = session_store_touch(db, s.id, now, now + settings.idle_ms)))
			return rc;
		s.last_seen_ms = now;
		s.idle_until_ms = now + settings.idle_ms;
	}
	if (a)
		account_actor_from(&u, a);
	if (info) {
		memset(info, 0, sizeof(*info));
		memcpy(info->id, s.id, sizeof(s.id));
		memcpy(info->user_id, u.id, sizeof(u.id));
		memcpy(info->login, u.login, sizeof(u.login));
		memcpy(info->csrf, s.csrf, sizeof(info->csrf));
		info->created_ms = s.created_ms;
		info->last_seen_ms = s.last_seen_ms;
		info->idle_until_ms = s.idle_until_ms;
		info->expires_ms = s.expires_ms;
	}
	return 0;
}

int session_sign_out(struct rl_db *db, const char *token)
{
	struct session_rec s;
	struct user_rec u;
	char audit_name[RL_LOGIN_MAX + 16];
	int64_t now = rl_now_ms();
	int rc;

	if ((rc = find_session(db, token, now, &s, &u)))
		return rc;
	snprintf(audit_name, sizeof(audit_name), "user:%s", u.login);
	if ((rc = db_begin(db)))
		return rc;
	if ((rc = session_store_end(db, s.id, now)) ||
	    (rc = audit_append(db, audit_name, "session.end", "session", s.id, "signed out"))) {
		db_rollback(db);
		return rc == RL_ENOTFOUND ? rl_error(RL_EAUTH, "not signed in") : rc;
	}
	return db_commit(db);
}

bool session_csrf_ok(const struct session_info *info, const char *header_value)
{
	if (!info || !header_value || !info->csrf[0])
		return false;
	if (strnlen(header_value, SESSION_TOKEN_LEN + 1) != SESSION_TOKEN_LEN ||
	    strlen(info->csrf) != SESSION_TOKEN_LEN)
		return false;
	return sodium_memcmp(info->csrf, header_value, SESSION_TOKEN_LEN) == 0;
}
