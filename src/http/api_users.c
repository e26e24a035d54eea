/*
 * api_users.c: user accounts over the API:
 *   GET    /api/v1/users                  list (admins): ?unit=&role=&disabled=&limit=&cursor=
 *   POST   /api/v1/users                  add (admins)
 *   GET    /api/v1/users/{login}          one (admins, or the user themselves)
 *   PATCH  /api/v1/users/{login}          {full_name?, roles?, unit?, disabled?} (admins)
 *   POST   /api/v1/users/{login}/password {password, old_password?}: an admin
 *          resets another user's; anyone changes their own with old_password.
 * Decode, call core/account.h, encode; every rule is core's.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "core/account.h"
#include "core/session.h"
#include "http/api.h"
#include "util/clock.h"
#include "util/status.h"
#include "util/banned.h"

/* {id, login, full_name, unit:{code,name_en,name_local}, roles:[...],
 * disabled, created_at} */
static json_t *user_json(const struct user_rec *u)
{
	json_t *roles = json_array();

	for (unsigned bit = 1; bit <= ROLE_ALL; bit <<= 1)
		if (u->roles & bit)
			json_array_append_new(roles, json_string(role_name((enum role)bit)));
	return json_pack("{s:s,s:s,s:s,s:{s:s,s:s,s:s},s:o,s:b,s:s}",
			 "id", u->id, "login", u->login, "full_name", u->full_name,
			 "unit", "code", u->unit_code, "name_en", u->unit_name_en,
			 "name_local", u->unit_name_local,
			 "roles", roles, "disabled", u->disabled, "created_at", u->created_at);
}

static int reply_user(struct http_resp *out, int status, const struct user_rec *u)
{
	json_t *j = user_json(u);

	if (!j)
		return rl_error(RL_ENOMEM, "out of memory building a reply");
	return http_reply_json(out, status, j);
}

/* roles: an array of role names, at least one. */
static int roles_of(json_t *arr, unsigned *out)
{
	size_t i;
	json_t *v;

	*out = 0;
	json_array_foreach(arr, i, v) {
		unsigned r;
		if (!json_is_string(v))
			return rl_error(RL_EINVAL, "field 'roles' must be an array of role names");
		if (!(r = role_parse(json_string_value(v))))
			return rl_error(RL_EINVAL, "field 'roles': unknown role '%.32s'", json_string_value(v));
		*out |= r;
	}
	if (!*out)
		return rl_error(RL_EINVAL, "field 'roles' needs at least one role");
	return 0;
}

struct page_ctx {
	json_t *items;
	int want;                      /* the page size */
	int got;                       /* users seen (want + 1 means more) */
	char last[RL_LOGIN_MAX + 1];   /* login of the page's last item */
};

static int add_item(const struct user_rec *u, void *data)
{
	struct page_ctx *c = data;

	if (++c->got > c->want)
		return 0;
	json_array_append_new(c->items, user_json(u));
	snprintf(c->last, sizeof(c->last), "%s", u->login);
	return 0;
}

int api_users_list(struct http_req *r, struct http_resp *out)
{
	struct account_filter f = { .disabled = -1 };
	struct http_page pg;
	struct page_ctx c = { 0 };
	const char *unit, *role, *disabled;
	int rc = 0;

	if ((rc = http_page(r, &pg)))
		return rc;
	unit = http_query(r, "unit", &rc);
	if (rc)
		return rc;
	role = http_query(r, "role", &rc);
	if (rc)
		return rc;
	disabled = http_query(r, "disabled", &rc);
	if (rc)
		return rc;
	if (role && !(f.roles = role_parse(role)))
		return rl_error(RL_EINVAL, "unknown role '%s'", role);
	if (disabled) {
		if (!strcmp(disabled, "true"))
			f.disabled = 1;
		else if (!strcmp(disabled, "false"))
			f.disabled = 0;
		else
			return rl_error(RL_EINVAL, "parameter 'disabled' must be true or false");
	}
	if (pg.cursor && account_check_login(pg.cursor))
		return rl_error(RL_EINVAL, "bad cursor");
	f.unit_code = unit;
	f.after = pg.cursor;
	/* One more than the page, to know whether another page follows. */
	f.limit = pg.limit + 1;
	c.want = pg.limit;
	c.items = json_array();
	if ((rc = account_list(r->db, &r->actor, &f, add_item, &c))) {
		json_decref(c.items);
		return rc;
	}
	return http_reply_page(out, c.items, c.got > c.want ? c.last : NULL);
}

int api_users_create(struct http_req *r, struct http_resp *out)
{
	struct account_new n = { 0 };
	struct user_rec u;
	json_t *roles = NULL;
	const char *password = NULL;
	int rc;

	if ((rc = http_body_str(r, "login", true, RL_LOGIN_MAX, &n.login)) ||
	    (rc = http_body_str(r, "full_name", true, RL_NAME_MAX, &n.full_name)) ||
	    (rc = http_body_str(r, "unit", true, RL_CODE_MAX, &n.unit_code)) ||
	    (rc = http_body_array(r, "roles", true, 8, &roles)) ||
	    (rc = roles_of(roles, &n.roles)) ||
	    (rc = http_body_str(r, "password", true, RL_PASSWORD_MAX, &password)))
		return rc;
	n.password = password;
	n.password_len = strlen(password);
	rc = account_add(r->db, &r->actor, &n, &u);
	sodium_memzero((char *)password, n.password_len);
	if (rc)
		return rc;
	return reply_user(out, 201, &u);
}

int api_users_get(struct http_req *r, struct http_resp *out)
{
	struct user_rec u;
	int rc;

	if ((rc = account_get(r->db, &r->actor, http_param(r, "login"), &u)))
		return rc;
	return reply_user(out, 200, &u);
}

int api_users_patch(struct http_req *r, struct http_resp *out)
{
	struct account_patch p = { 0 };
	struct user_rec u;
	json_t *roles = NULL;
	int rc;

	if (!r->body || !json_object_size(r->body))
		return rl_error(RL_EINVAL, "nothing to change: give full_name, roles, unit or disabled");
	{
		const char *key;
		json_t *v;
		json_object_foreach(r->body, key, v) {
			(void)v;
			if (strcmp(key, "full_name") && strcmp(key, "roles") && strcmp(key, "unit") &&
			    strcmp(key, "disabled"))
				return rl_error(RL_EINVAL, "unknown field '%.64s'", key);
		}
	}
	if ((rc = http_body_str(r, "full_name", false, RL_NAME_MAX, &p.full_name)) ||
	    (rc = http_body_str(r, "unit", false, RL_CODE_MAX, &p.unit_code)) ||
	    (rc = http_body_array(r, "roles", false, 8, &roles)))
		return rc;
	if (roles) {
		if ((rc = roles_of(roles, &p.roles)))
			return rc;
		p.set_roles = true;
	}
	if (json_object_get(r->body, "disabled") && !json_is_null(json_object_get(r->body, "disabled"))) {
		if ((rc = http_body_bool(r, "disabled", true, &p.disabled)))
			return rc;
		p.set_disabled = true;
	}
	if ((rc = account_update(r->db, &r->actor, http_param(r, "login"), &p, &u)))
		return rc;
	return reply_user(out, 200, &u);
}

int api_users_password(struct http_req *r, struct http_resp *out)
{
	const char *login = http_param(r, "login");
	const char *password = NULL, *old = NULL;
	const char *keep = NULL;
	int rc;

	if ((rc = http_body_str(r, "password", true, RL_PASSWORD_MAX, &password)) ||
	    (rc = http_body_str(r, "old_password", false, RL_PASSWORD_MAX, &old)))
		goto out;
	/* The caller's own session survives the change; their others end. */
	if (r->authn != HTTP_AUTHN_NONE && r->session.id[0])
		keep = r->session.id;
	if (!strcmp(login, r->actor.login)) {
		if (!old) {
			rc = rl_error(RL_EINVAL, "missing field 'old_password'");
			goto out;
		}
		rc = account_change_own_password(r->db, &r->actor, old, strlen(old),
						 password, strlen(password), keep);
	} else {
		rc = account_set_password(r->db, &r->actor, login, password, strlen(password), NULL);
	}
out:
	if (password)
		sodium_memzero((char *)password, strlen(password));
	if (old)
		sodium_memzero((char *)old, strlen(old));
	return rc ? rc : http_reply_empty(out, 204);
}
