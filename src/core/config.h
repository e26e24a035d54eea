/*
 * config.h: deployment settings an administrator changes at run time,
 * stored in the database (store/settings_store.c, migration 0008).
 *
 * Each key is declared once in config.c with its type, default and
 * bounds. Today they are the hotline's deadlines (durations such as
 * "15m", "1h", "3d"). Readers (core/hotline.c when it sends and escalates)
 * call config_duration() when they need a value, so a server picks up a
 * change made by `redline config set` in another process without a
 * restart. Reading and changing the settings is for administrators and
 * the system actor (policy.c: POLICY_CONFIG_READ, POLICY_CONFIG_ADMIN);
 * every change is one transaction with its audit record.
 *
 * Ownership: a struct config_item is filled by value (no pointers to
 * free); its key and help point to static strings. Input strings are
 * borrowed.
 */
#ifndef RL_CORE_CONFIG_H
#define RL_CORE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/actor.h"
#include "store/settings_store.h"

/* One setting as an administrator sees it. */
struct config_item {
	const char *key;                       /* static: "hotline.ack.flash" */
	const char *type;                      /* static: "duration" */
	const char *help;                      /* static: one English line */
	char value[RL_SETTING_VALUE_MAX + 1];  /* in force: the stored text or the default */
	char default_value[RL_SETTING_VALUE_MAX + 1];
	char min[RL_SETTING_VALUE_MAX + 1], max[RL_SETTING_VALUE_MAX + 1];
	int64_t ms, default_ms, min_ms, max_ms; /* durations in milliseconds */
	bool is_set;                           /* a stored value (else the default) */
	int64_t updated_ms;                    /* 0 unless is_set */
	char updated_by[RL_LOGIN_MAX + 16];    /* "" unless is_set */
};

typedef int (*config_item_cb)(const struct config_item *it, void *data);

/* Every known setting, by key (stored or default). */
int config_list(struct rl_db *db, const struct actor *a, config_item_cb cb, void *data);
/* One setting; an unknown key is RL_ENOTFOUND naming the known ones. */
int config_get(struct rl_db *db, const struct actor *a, const char *key, struct config_item *out);
/* Validates value (type, bounds) and stores its canonical text with an
 * audit record; *out (may be NULL) is the setting afterwards. */
int config_set(struct rl_db *db, const struct actor *a, const char *key, const char *value,
	       struct config_item *out);
/* Back to the default (nothing is written if it had no stored value). */
int config_unset(struct rl_db *db, const struct actor *a, const char *key, struct config_item *out);

/* The duration in force for key, in milliseconds, for core's own use (no
 * policy check: the value is not shown to anyone). A stored text that no
 * longer parses or is out of bounds counts as the default. */
int config_duration(struct rl_db *db, const char *key, int64_t *ms);

/* "1h30m" -> 5400000. Groups of digits and a unit w, d, h, m, s, largest
 * first, each once; at least one; whole seconds. RL_EINVAL if malformed. */
int config_parse_duration(const char *s, int64_t *ms);
/* 5400000 -> "1h30m" (the canonical text); "0s" for 0. */
void config_format_duration(int64_t ms, char *buf, size_t size);

#endif
