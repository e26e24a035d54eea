/*
 * actor.h: who is acting. Every core function that reads or writes takes
 * an actor; policy.c decides from it, and audit records name it.
 *
 * The CLI acts as the system actor "system:cli" (the operator who holds
 * the database file owns the node) unless a command takes `--as LOGIN`,
 * which acts as that user with that user's rights. The server acts as the
 * signed-in user.
 */
#ifndef RL_CORE_ACTOR_H
#define RL_CORE_ACTOR_H

#include <stdbool.h>
#include <stddef.h>

#include "util/limit.h"

enum role {
	ROLE_OFFICER = 1 << 0,    /* works the unit's hotline */
	ROLE_SUPERVISOR = 1 << 1, /* an officer who sees the subtree, approves */
	ROLE_ANALYST = 1 << 2,    /* statistics, read-only case data in scope */
	ROLE_CHECKPOINT = 1 << 3, /* screening only */
	ROLE_ADMIN = 1 << 4,      /* users and the directory */
};
#define ROLE_ALL (ROLE_OFFICER | ROLE_SUPERVISOR | ROLE_ANALYST | ROLE_CHECKPOINT | ROLE_ADMIN)

struct actor {
	bool system;                      /* the node operator: all rights */
	char audit_name[RL_LOGIN_MAX + 16]; /* "user:LOGIN" or "system:NAME" */
	char user_id[RL_ID_LEN + 1];      /* "" for the system actor */
	char login[RL_LOGIN_MAX + 1];     /* "" for the system actor */
	char unit_id[RL_ID_LEN + 1];      /* the user's unit; "" for system */
	unsigned roles;                   /* enum role bits */
};

/* The system actor named name ("cli", "escalation", "import"...). */
void actor_system(struct actor *a, const char *name);

/* Role names: "officer", ...; role_parse returns 0 if unknown. */
const char *role_name(enum role r);
unsigned role_parse(const char *name);

/* Parses "officer,supervisor" into bits; returns -1 on an unknown name. */
int roles_parse_list(const char *list, unsigned *out);

/* Writes "officer,supervisor" into buf. */
void roles_format(unsigned roles, char *buf, size_t size);

#endif
