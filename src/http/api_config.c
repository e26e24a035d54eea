/*
 * api_config.c: the deployment's settings over the API (administrators):
 * list, read one, change, return to the default. Thin: core/config.c
 * validates, decides with policy.c and audits.
 */
#include <stdio.h>

#include "core/config.h"
#include "http/api.h"
#include "util/clock.h"
#include "util/status.h"
#include "util/banned.h"

static json_t *item_json(const struct config_item *it)
{
	char at[RL_TIME_LEN + 1];
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:I, s:s, s:I, s:b, s:s, s:s, s:I, s:I}",
			      "key", it->key, "type", it->type, "description", it->help,
			      "value", it->value, "ms", (json_int_t)it->ms,
			      "default", it->default_value, "default_ms", (json_int_t)it->default_ms,
			      "set", it->is_set, "min", it->min, "max", it->max,
			      "min_ms", (json_int_t)it->min_ms, "max_ms", (json_int_t)it->max_ms);

	if (it->updated_ms) {
		rl_time_format(it->updated_ms, at);
		json_object_set_new(o, "updated_at", json_string(at));
		json_object_set_new(o, "updated_by", json_string(it->updated_by));
	} else {
		json_object_set_new(o, "updated_at", json_null());
		json_object_set_new(o, "updated_by", json_null());
	}
	return o;
}

static int list_row(const struct config_item *it, void *data)
{
	json_array_append_new(data, item_json(it));
	return 0;
}

int api_config_list(struct http_req *r, struct http_resp *out)
{
	json_t *items = json_array();
	int rc;

	if ((rc = config_list(r->db, &r->actor, list_row, items))) {
		json_decref(items);
		return rc;
	}
	return http_reply_json(out, 200, json_pack("{s:o}", "items", items));
}

int api_config_get(struct http_req *r, struct http_resp *out)
{
	struct config_item it;
	int rc;

	if ((rc = config_get(r->db, &r->actor, http_param(r, "key"), &it)))
		return rc;
	return http_reply_json(out, 200, item_json(&it));
}

int api_config_put(struct http_req *r, struct http_resp *out)
{
	struct config_item it;
	const char *value = NULL;
	int rc;

	/* Rights first: a non-admin learns nothing about the keys. */
	if ((rc = config_get(r->db, &r->actor, http_param(r, "key"), &it)) ||
	    (rc = http_body_str(r, "value", true, RL_SETTING_VALUE_MAX, &value)) ||
	    (rc = config_set(r->db, &r->actor, http_param(r, "key"), value, &it)))
		return rc;
	return http_reply_json(out, 200, item_json(&it));
}

int api_config_delete(struct http_req *r, struct http_resp *out)
{
	struct config_item it;
	int rc;

	if ((rc = config_unset(r->db, &r->actor, http_param(r, "key"), &it)))
		return rc;
	return http_reply_json(out, 200, item_json(&it));
}
