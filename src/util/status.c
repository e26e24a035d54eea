/*
 * status.c: the thread-local last-error message behind rl_error().
 */
#include <stdarg.h>
#include <stdio.h>

#include "util/limit.h"
#include "util/status.h"

static _Thread_local char last_msg[RL_ERRMSG_MAX];
static _Thread_local int last_code;

int rl_error(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_msg, sizeof(last_msg), fmt, ap);
	va_end(ap);
	last_code = code;
	return code;
}

const char *rl_errmsg(void)
{
	return last_msg;
}

int rl_errcode(void)
{
	return last_code;
}

void rl_error_clear(void)
{
	last_msg[0] = '\0';
	last_code = RL_OK;
}

const char *rl_status_name(int code)
{
	switch (code) {
	case RL_OK: return "ok";
	case RL_EINVAL: return "invalid";
	case RL_ENOTFOUND: return "not_found";
	case RL_ECONFLICT: return "conflict";
	case RL_EDENIED: return "forbidden";
	case RL_EAUTH: return "unauthorized";
	case RL_ETOOBIG: return "too_large";
	case RL_ELIMIT: return "too_many_requests";
	case RL_EIO: return "storage";
	case RL_ENOMEM: return "out_of_memory";
	default: return "internal";
	}
}
