/*
 * hotline.c: sending, reading and answering hotline messages, deadlines
 * and escalation (see hotline.h). Authorisation is asked of policy.c;
 * SQL lives in store/message_store.c.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/hotline.h"
#include "core/hotline_link.h"
#include "core/hotline_reason.h"
#include "core/hotline_template.h"
#include "core/policy.h"
#include "store/audit.h"
#include "store/unit_store.h"
#include "store/user_store.h"
#include "util/clock.h"
#include "util/id.h"
#include "util/jsonw.h"
#include "util/status.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define MIN_MS (60LL * 1000)
#define HOUR_MS (60 * MIN_MS)
#define DAY_MS (24 * HOUR_MS)

void hotline_settings_default(struct hotline_settings *s)
{
	s->ack_ms[HL_ROUTINE] = DAY_MS;
	s->ack_ms[HL_URGENT] = HOUR_MS;
	s->ack_ms[HL_FLASH] = 15 * MIN_MS;
	s->reply_ms[HL_ROUTINE] = 7 * DAY_MS;
	s->reply_ms[HL_URGENT] = 3 * DAY_MS;
	s->reply_ms[HL_FLASH] = 8 * HOUR_MS;
}

static const char *const deadline_keys[2][HL_NPRIO] = {
	{ "hotline.ack.routine", "hotline.ack.urgent", "hotline.ack.flash" },
	{ "hotline.reply.routine", "hotline.reply.urgent", "hotline.reply.flash" },
};

int hotline_settings_load(struct rl_db *db, struct hotline_settings *s)
{
	int rc;

	hotline_settings_default(s);
	for (int p = 0; p < HL_NPRIO; p++)
		if ((rc = config_duration(db, deadline_keys[0][p], &s->ack_ms[p])) ||
		    (rc = config_duration(db, deadline_keys[1][p], &s->reply_ms[p])))
			return rc;
	return 0;
}

/* ---- live notices ---- */

static hotline_notify_fn notifier;
static void *notifier_data;

void hotline_set_notifier(hotline_notify_fn fn, void *data)
{
	notifier = fn;
	notifier_data = data;
}

/* Notices gathered during a transaction, sent after its commit. */
struct pending {
	struct pend {
		char unit_id[RL_ID_LEN + 1];
		char msg_id[RL_ID_LEN + 1];
		char code[MSG_CODE_MAX + 1];
		char kind[16], priority[12], what[16];
		char from[RL_CODE_MAX + 1];
		char *subject;
	} *v;
	size_t n, alloc;
};

static void pend_add(struct pending *p, const char *unit_id, const struct msg_rec *m, const char *what)
{
	struct pend *e;

	if (p->n == p->alloc) {
		p->alloc = p->alloc ? 2 * p->alloc : 8;
		p->v = xrealloc(p->v, p->alloc * sizeof(*p->v));
	}
	e = &p->v[p->n++];
	memset(e, 0, sizeof(*e));
	snprintf(e->unit_id, sizeof(e->unit_id), "%s", unit_id);
	snprintf(e->msg_id, sizeof(e->msg_id), "%s", m->id);
	snprintf(e->code, sizeof(e->code), "%s", m->code);
	snprintf(e->kind, sizeof(e->kind), "%s", m->kind);
	snprintf(e->priority, sizeof(e->priority), "%s", m->priority);
	snprintf(e->what, sizeof(e->what), "%s", what);
	snprintf(e->from, sizeof(e->from), "%s", m->sender_unit_code);
	e->subject = xstrdup(m->subject ? m->subject : "");
}

static void pend_flush(struct pending *p, bool send)
{
	for (size_t i = 0; i < p->n; i++) {
		struct pend *e = &p->v[i];

		if (send && notifier) {
			struct hotline_notice n = {
				.unit_id = e->unit_id, .msg_id = e->msg_id, .code = e->code,
				.kind = e->kind, .priority = e->priority, .subject = e->subject,
				.what = e->what, .from_unit_code = e->from,
			};
			notifier(&n, notifier_data);
		}
		free(e->subject);
	}
	free(p->v);
	memset(p, 0, sizeof(*p));
}

/* ---- validation helpers ---- */

static const char *const kinds[] = { "information", "request", "alert", NULL };
static const char *const subtypes[] = { "investigate", "verify", "collect_evidence", "locate_person",
					"arrest_handover", "other", NULL };
static const char *const priorities[] = { "routine", "urgent", "flash", NULL };
static const char *const tlps[] = { "clear", "green", "amber", "amber_strict", "red", NULL };
static const char *const langs[] = { "vi", "lo", "en", "fr", NULL };
static const char *const states[] = { "sent", "delivered", "read", "acknowledged", "answered",
				      "closed", NULL };

static int one_of(const char *v, const char *const *set)
{
	for (int i = 0; set[i]; i++)
		if (!strcmp(v, set[i]))
			return i;
	return -1;
}

static int check_choice(const char *what, const char *v, const char *const *set)
{
	struct strbuf sb = STRBUF_INIT;
	int rc;

	if (one_of(v, set) >= 0)
		return 0;
	for (int i = 0; set[i]; i++)
		strbuf_addf(&sb, "%s%s", i ? ", " : "", set[i]);
	rc = rl_error(RL_EINVAL, "unknown %s '%s' (%s)", what, v, sb.buf);
	strbuf_release(&sb);
	return rc;
}

static int check_text(const char *what, const char *s, size_t max, bool required, bool oneline)
{
	size_t n = s ? strlen(s) : 0;

	if (!n) {
		if (required)
			return rl_error(RL_EINVAL, "%s is empty", what);
		return 0;
	}
	if (n > max)
		return rl_error(RL_ETOOBIG, "%s longer than %zu bytes", what, max);
	if (!rl_utf8_valid(s, n))
		return rl_error(RL_EINVAL, "%s is not valid UTF-8", what);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && (oneline || (c != '\n' && c != '\t' && c != '\r'))) || c == 0x7f)
			return rl_error(RL_EINVAL, "%s holds a control character", what);
	}
	return 0;
}

static void today(char out[RL_DATE_LEN + 1])
{
	rl_today(out);
}

/* A unit by code or id, as today; unknown is RL_EINVAL naming it. */
static int find_unit(struct rl_db *db, const char *code, struct unit *u)
{
	char d[RL_DATE_LEN + 1];
	int rc;

	today(d);
	if (!code || !*code)
		return rl_error(RL_EINVAL, "a unit is needed");
	rc = unit_store_find(db, code, d, u);
	if (rc == RL_ENOTFOUND)
		return rl_error(RL_EINVAL, "unknown unit '%s'", code);
	return rc;
}

static int64_t prio_ack(const struct hotline_settings *s, const char *priority)
{
	int p = one_of(priority, priorities);
	return s->ack_ms[p < 0 ? 0 : p];
}

static int64_t prio_reply(const struct hotline_settings *s, const char *priority)
{
	int p = one_of(priority, priorities);
	return s->reply_ms[p < 0 ? 0 : p];
}

/* The search text of a message: subject, body and field values, folded. */
static char *search_text(const char *subject, const char *body, const char *kind,
			 const char *subtype, const char *fields)
{
	struct strbuf sb = STRBUF_INIT;
	char *f;

	strbuf_addstr(&sb, subject);
	strbuf_addch(&sb, ' ');
	strbuf_addstr(&sb, body);
	hotline_fields_text(kind, subtype, fields, &sb);
	f = rl_fold(sb.buf);
	strbuf_release(&sb);
	return f ? f : xstrdup("");
}

static int actor_user(const struct actor *a)
{
	if (a->system || !*a->user_id)
		return rl_error(RL_EDENIED, "the hotline acts only as a user (use --as LOGIN)");
	return policy_hotline_user(a);
}

const char *hotline_lang_of(struct rl_db *db, const struct actor *a)
{
	char country[4];

	/* One lookup: every inbox page without ?lang= asks. */
	if (a->system || unit_store_country_of(db, a->unit_id, country))
		return "en";
	return !strcmp(country, "LAO") ? "lo" : "vi";
}

/* A timeline event with its reason as data (core/hotline_reason.h);
 * params is stolen. */
static int event_coded(struct rl_db *db, int64_t seq, int64_t now, const char *actor, const char *unit_id,
		       const char *what, const char *detail, const char *code, json_t *params)
{
	char *p = params ? json_dumps(params, JSON_COMPACT) : NULL;
	int rc = msg_store_event_add_coded(db, seq, now, actor, unit_id, what, detail, code, p);

	free(p);
	json_decref(params);
	return rc;
}

/* ---- send ---- */

static int load_sent(struct rl_db *db, const char *id, struct hotline_sent *out)
{
	struct msg_rec m;
	int rc;

	if ((rc = msg_store_get(db, id, &m)))
		return rc;
	snprintf(out->id, sizeof(out->id), "%s", m.id);
	snprintf(out->code, sizeof(out->code), "%s", m.code);
	snprintf(out->thread_id, sizeof(out->thread_id), "%s", m.thread_id);
	out->replayed = true;
	msg_rec_release(&m);
	return 0;
}

/* Deadlines from s, the settings read when the act began. */
static int insert_addressee(struct rl_db *db, const struct hotline_settings *s, const struct msg_rec *m,
			    const char *unit_id, const char *role, int level, const char *chain, int64_t now)
{
	bool deadlines = strcmp(role, "copy") && strcmp(m->kind, "reply");
	struct addr_new an = {
		.unit_id = unit_id, .role = role, .state = "delivered", .chain_unit = chain,
		.now = now, .level = level,
		.ack_due_ms = deadlines ? now + prio_ack(s, m->priority) : 0,
		.reply_due_ms = deadlines && !strcmp(m->kind, "request") ? now + prio_reply(s, m->priority) : 0,
	};
	return msg_store_addr_insert(db, m->seq, &an);
}

/* A send, validated, waiting to be stored (directly or by the group
 * committer). Strings are owned copies or borrowed from the caller, who
 * waits until `done`. */
struct send_job {
	struct send_job *next;
	const struct actor *a;
	struct unit from;
	struct unit to[RL_ADDRESSEES_MAX];
	int nto;
	const char *kind, *subtype, *priority, *tlp, *lang, *subject, *body, *idem_key;
	struct strbuf fields;
	char *fold;
	int64_t now;
	struct hotline_settings dl;   /* deadlines in force when the send was validated */
	struct hotline_link_target *links; /* nlinks resolved records to link, owned */
	int nlinks;
	/* results */
	struct hotline_sent out;
	struct pending pend;
	int rc;
	char errmsg[RL_ERRMSG_MAX];
	bool done;
};

static int send_validate(struct rl_db *db, const struct actor *a, const struct hotline_msg_input *in,
			 struct send_job *j)
{
	int rc;

	j->a = a;
	j->priority = in->priority && *in->priority ? in->priority : "routine";
	j->tlp = in->tlp && *in->tlp ? in->tlp : "amber";
	j->subtype = in->subtype ? in->subtype : "";
	j->lang = in->lang;
	j->kind = in->kind ? in->kind : "";
	j->subject = in->subject;
	j->body = in->body ? in->body : "";
	j->idem_key = in->idem_key && *in->idem_key ? in->idem_key : NULL;
	j->now = rl_now_ms();
	if ((rc = in->hit ? policy_msg_hit(a) : actor_user(a)))
		return rc;
	if ((rc = find_unit(db, a->unit_id, &j->from)))
		return rc;
	if (in->from && *in->from) {
		struct unit claimed;
		if ((rc = find_unit(db, in->from, &claimed)))
			return rc;
		if (strcmp(claimed.id, j->from.id))
			return rl_error(RL_EDENIED, "you can only send from your own unit (%s)", j->from.code);
	}
	if (j->idem_key && (rc = check_text("idempotency key", j->idem_key, RL_IDEM_KEY_MAX, false, true)))
		return rc;
	if (!*j->kind)
		return rl_error(RL_EINVAL, "a message needs a kind (information, request or alert)");
	if ((rc = check_choice("kind", j->kind, kinds)) ||
	    (rc = check_choice("priority", j->priority, priorities)) ||
	    (rc = check_choice("tlp", j->tlp, tlps)))
		return rc;
	if (!strcmp(j->kind, "request")) {
		if (!*j->subtype)
			return rl_error(RL_EINVAL, "a request needs a subtype (investigate, verify, "
					"collect_evidence, locate_person, arrest_handover or other)");
		if ((rc = check_choice("request subtype", j->subtype, subtypes)))
			return rc;
	} else if (*j->subtype) {
		return rl_error(RL_EINVAL, "only requests have a subtype");
	}
	if (!j->lang || !*j->lang)
		j->lang = !strcmp(j->from.country, "LAO") ? "lo" : "vi";
	if ((rc = check_choice("language", j->lang, langs)) ||
	    (rc = check_text("subject", j->subject, RL_SUBJECT_MAX, true, true)) ||
	    (rc = check_text("body", j->body, RL_TEXT_MAX, false, false)) ||
	    (rc = hotline_fields_check(j->kind, j->subtype, in->fields, &j->fields)))
		return rc;
	if (in->nto < 1)
		return rl_error(RL_EINVAL, "a message needs at least one addressee");
	if (in->nto > RL_ADDRESSEES_MAX)
		return rl_error(RL_ETOOBIG, "more than %d addressees", RL_ADDRESSEES_MAX);
	for (int i = 0; i < in->nto; i++) {
		bool dup = false;

		if ((rc = find_unit(db, in->to[i], &j->to[j->nto])) ||
		    (!in->hit && (rc = policy_msg_route(db, &j->from, &j->to[j->nto], NULL))))
			return rc;
		for (int k = 0; k < j->nto; k++)
			dup |= !strcmp(j->to[k].id, j->to[j->nto].id);
		if (!dup)
			j->nto++;
	}
	if (in->nlinks < 0 || in->nlinks > RL_MSG_LINKS_MAX)
		return rl_error(RL_ETOOBIG, "a message links to at most %d records", RL_MSG_LINKS_MAX);
	if (in->nlinks)
		j->links = xcalloc((size_t)in->nlinks, sizeof(*j->links));
	for (int i = 0; i < in->nlinks; i++) {
		bool dup = false;

		if ((rc = hotline_link_resolve(db, a, &in->links[i], &j->links[j->nlinks])))
			return rc;
		for (int k = 0; k < j->nlinks; k++)
			dup |= !strcmp(j->links[k].kind, j->links[j->nlinks].kind) &&
			       !strcmp(j->links[k].id, j->links[j->nlinks].id);
		if (!dup)
			j->nlinks++;
	}
	/* Read per send, so a change of the settings applies at once. */
	if ((rc = hotline_settings_load(db, &j->dl)))
		return rc;
	j->fold = search_text(j->subject, j->body, j->kind, j->subtype, j->fields.buf);
	return 0;
}

/* Stores a validated send inside the caller's transaction. */
static int send_apply(struct rl_db *db, struct send_job *j)
{
	struct strbuf summary = STRBUF_INIT;
	char id[RL_ID_LEN + 1];
	struct msg_rec m;
	int rc;

	memset(&m, 0, sizeof(m));
	/* Inside the write lock, so two retries racing cannot both store. */
	if (j->idem_key) {
		rc = msg_store_find_idem(db, j->a->user_id, j->idem_key, id);
		if (!rc)
			return load_sent(db, id, &j->out);
		if (rc != RL_ENOTFOUND)
			return rc;
	}
	rl_id_new(id);
	{
		struct msg_new n = {
			.id = id, .thread_id = id, .kind = j->kind, .subtype = j->subtype,
			.priority = j->priority, .tlp = j->tlp, .lang = j->lang, .subject = j->subject,
			.body = j->body, .fields = j->fields.buf,
			.sender_unit = j->from.id, .sender_user = j->a->user_id, .idem_key = j->idem_key,
			.fold = j->fold, .created_ms = j->now,
		};
		if ((rc = msg_store_insert(db, &n, &m.seq, m.code)))
			return rc;
	}
	snprintf(m.id, sizeof(m.id), "%s", id);
	snprintf(m.kind, sizeof(m.kind), "%s", j->kind);
	snprintf(m.priority, sizeof(m.priority), "%s", j->priority);
	snprintf(m.sender_unit_code, sizeof(m.sender_unit_code), "%s", j->from.code);
	m.subject = (char *)j->subject;
	if ((rc = msg_store_event_add(db, m.seq, j->now, j->a->audit_name, j->from.id, "sent", "")))
		goto out;
	strbuf_addf(&summary, "%s %s %s/%s tlp %s from %s to", m.code, j->priority, j->kind,
		    *j->subtype ? j->subtype : "-", j->tlp, j->from.code);
	for (int i = 0; i < j->nto; i++) {
		if ((rc = insert_addressee(db, &j->dl, &m, j->to[i].id, "to", 0, j->to[i].id, j->now)) ||
		    (rc = msg_store_event_add(db, m.seq, j->now, j->a->audit_name, j->to[i].id, "delivered", "")))
			goto out;
		strbuf_addf(&summary, " %s", j->to[i].code);
		pend_add(&j->pend, j->to[i].id, &m, "new");
	}
	for (int i = 0; i < j->nlinks; i++) {
		if ((rc = hotline_link_store(db, j->a, &m, &j->links[i], j->now)))
			goto out;
		strbuf_addf(&summary, "%s %s %s", i ? "," : "; links", j->links[i].kind, j->links[i].ref);
	}
	if ((rc = audit_append(db, j->a->audit_name, "message.send", "message", id, summary.buf)))
		goto out;
	snprintf(j->out.id, sizeof(j->out.id), "%s", id);
	snprintf(j->out.code, sizeof(j->out.code), "%s", m.code);
	snprintf(j->out.thread_id, sizeof(j->out.thread_id), "%s", id);
out:
	strbuf_release(&summary);
	return rc;
}

static void send_job_release(struct send_job *j)
{
	pend_flush(&j->pend, false);
	strbuf_release(&j->fields);
	free(j->fold);
	free(j->links);
}

/*
 * Group commit: with the committer running (the server starts it), sends
 * from every worker thread queue up and one thread stores them in one
 * transaction, one savepoint each, so one fsync covers a whole batch and
 * a failing send does not take the others with it. Without it (the CLI),
 * each send is its own transaction.
 */
#define GROUP_BATCH_MAX 256

static pthread_mutex_t g_q_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_q_work = PTHREAD_COND_INITIALIZER;
static pthread_cond_t g_q_done = PTHREAD_COND_INITIALIZER;
static struct send_job *g_q_head, **g_q_tail = &g_q_head;
static bool g_q_running, g_q_stopping;
static pthread_t g_q_thread;
static struct rl_db *g_q_db;

static void job_fail(struct send_job *j, int rc)
{
	j->rc = rc;
	snprintf(j->errmsg, sizeof(j->errmsg), "%s", rl_errmsg());
}

static void *group_committer(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&g_q_lock);
	for (;;) {
		struct send_job *batch, *j;
		int n = 0, rc;

		while (!g_q_head && !g_q_stopping)
			pthread_cond_wait(&g_q_work, &g_q_lock);
		if (!g_q_head && g_q_stopping)
			break;
		batch = g_q_head;
		for (j = batch; j->next && n < GROUP_BATCH_MAX - 1; j = j->next)
			n++;
		g_q_head = j->next;
		j->next = NULL;
		if (!g_q_head)
			g_q_tail = &g_q_head;
		pthread_mutex_unlock(&g_q_lock);

		if ((rc = db_begin(g_q_db))) {
			for (j = batch; j; j = j->next)
				job_fail(j, rc);
		} else {
			for (j = batch; j; j = j->next) {
				if ((rc = msg_store_savepoint(g_q_db, "send", 0))) {
					job_fail(j, rc);
					continue;
				}
				if ((rc = send_apply(g_q_db, j))) {
					job_fail(j, rc);
					msg_store_savepoint(g_q_db, "send", -1);
				}
				msg_store_savepoint(g_q_db, "send", 1);
			}
			if ((rc = db_commit(g_q_db)))
				for (j = batch; j; j = j->next)
					if (!j->rc)
						job_fail(j, rc);
		}
		for (j = batch; j; j = j->next)
			if (!j->rc)
				pend_flush(&j->pend, true);
		pthread_mutex_lock(&g_q_lock);
		for (j = batch; j; ) {
			struct send_job *next = j->next;
			j->done = true;
			j = next;
		}
		pthread_cond_broadcast(&g_q_done);
	}
	pthread_mutex_unlock(&g_q_lock);
	return NULL;
}

int hotline_group_start(struct rl_db *db)
{
	pthread_mutex_lock(&g_q_lock);
	if (g_q_running) {
		pthread_mutex_unlock(&g_q_lock);
		return rl_error(RL_EINTERNAL, "the group committer is already running");
	}
	g_q_db = db;
	g_q_stopping = false;
	if (pthread_create(&g_q_thread, NULL, group_committer, NULL)) {
		pthread_mutex_unlock(&g_q_lock);
		return rl_error(RL_EINTERNAL, "cannot start the group committer");
	}
	g_q_running = true;
	pthread_mutex_unlock(&g_q_lock);
	return 0;
}

void hotline_group_stop(void)
{
	pthread_mutex_lock(&g_q_lock);
	if (!g_q_running) {
		pthread_mutex_unlock(&g_q_lock);
		return;
	}
	g_q_stopping = true;
	pthread_cond_signal(&g_q_work);
	pthread_mutex_unlock(&g_q_lock);
	pthread_join(g_q_thread, NULL);
	pthread_mutex_lock(&g_q_lock);
	g_q_running = false;
	g_q_db = NULL;
	pthread_mutex_unlock(&g_q_lock);
}

int hotline_send(struct rl_db *db, const struct actor *a, const struct hotline_msg_input *in,
		 struct hotline_sent *out)
{
	struct send_job j;
	int rc;

	memset(out, 0, sizeof(*out));
	memset(&j, 0, sizeof(j));
	strbuf_init(&j.fields, 0);
	if ((rc = send_validate(db, a, in, &j)))
		goto out;
	pthread_mutex_lock(&g_q_lock);
	if (g_q_running && !g_q_stopping) {
		*g_q_tail = &j;
		g_q_tail = &j.next;
		pthread_cond_signal(&g_q_work);
		while (!j.done)
			pthread_cond_wait(&g_q_done, &g_q_lock);
		pthread_mutex_unlock(&g_q_lock);
		if (j.rc)
			rc = rl_error(j.rc, "%s", j.errmsg);
	} else {
		pthread_mutex_unlock(&g_q_lock);
		if ((rc = db_begin(db)))
			goto out;
		if ((rc = send_apply(db, &j))) {
			db_rollback(db);
			goto out;
		}
		if ((rc = db_commit(db)))
			goto out;
		pend_flush(&j.pend, true);
	}
	if (!rc)
		*out = j.out;
out:
	send_job_release(&j);
	return rc;
}

/* Loads a message the actor may act on (RL_ENOTFOUND otherwise). */
static int load_for(struct rl_db *db, const struct actor *a, const char *id, struct msg_rec *m,
		    int act)
{
	int rc;

	if (!id || !*id)
		return rl_error(RL_EINVAL, "a message id or code is needed");
	if ((rc = msg_store_get(db, id, m)))
		return rc;
	rc = act < 0 ? policy_msg_read(db, a, m) : policy_msg_act(db, a, m, (enum policy_msg_action)act);
	if (rc) {
		msg_rec_release(m);
		if (rc == RL_ENOTFOUND)
			return rl_error(RL_ENOTFOUND, "no such message '%s'", id);
	}
	return rc;
}

/* ---- acknowledge, reply, forward, close ---- */

static int state_rank(const char *s)
{
	return one_of(s, states);
}

int hotline_ack(struct rl_db *db, const struct actor *a, const char *id)
{
	struct msg_rec m;
	struct addr_rec ad;
	int64_t now = rl_now_ms();
	int rc;

	if ((rc = load_for(db, a, id, &m, PMSG_ACK)))
		return rc;
	if (m.closed_ms) {
		rc = rl_error(RL_ECONFLICT, "message %s is closed", m.code);
		goto out;
	}
	if ((rc = db_begin(db)))
		goto out;
	if ((rc = msg_store_addr_get(db, m.seq, a->unit_id, &ad)))
		goto fail;
	if (state_rank(ad.state) >= state_rank("acknowledged")) {
		rc = rl_error(RL_ECONFLICT, "message %s is already %s by %s", m.code, ad.state, ad.unit_code);
		goto fail;
	}
	if ((rc = msg_store_addr_state(db, m.seq, a->unit_id, "acknowledged", now)) ||
	    (rc = msg_store_mark(db, m.seq, MSG_MARK_ACKED, now)) ||
	    (rc = msg_store_event_add(db, m.seq, now, a->audit_name, a->unit_id, "acknowledged", "")) ||
	    (rc = audit_append(db, a->audit_name, "message.ack", "message", m.id, m.code)))
		goto fail;
	rc = db_commit(db);
	goto out;
fail:
	db_rollback(db);
out:
	msg_rec_release(&m);
	return rc;
}

int hotline_reply(struct rl_db *db, const struct actor *a, const char *id, const char *body,
		  const char *lang, const char *idem_key, struct hotline_sent *out)
{
	struct msg_rec m, r;
	struct addr_rec ad;
	struct unit mine;
	struct pending pend = { 0 };
	struct strbuf subject = STRBUF_INIT;
	struct hotline_settings dl;
	char rid[RL_ID_LEN + 1], *fold = NULL;
	int64_t now = rl_now_ms();
	int rc;

	memset(out, 0, sizeof(*out));
	memset(&r, 0, sizeof(r));
	if ((rc = load_for(db, a, id, &m, PMSG_REPLY)))
		return rc;
	if ((rc = find_unit(db, a->unit_id, &mine)))
		goto out;
	if (m.closed_ms) {
		rc = rl_error(RL_ECONFLICT, "message %s is closed", m.code);
		goto out;
	}
	if (!lang || !*lang)
		lang = !strcmp(mine.country, "LAO") ? "lo" : "vi";
	if ((rc = check_choice("language", lang, langs)) ||
	    (rc = check_text("reply", body, RL_TEXT_MAX, true, false)) ||
	    (idem_key && *idem_key && (rc = check_text("idempotency key", idem_key, RL_IDEM_KEY_MAX, false, true))))
		goto out;
	strbuf_addf(&subject, "Re: %s", m.subject);
	if (subject.len > RL_SUBJECT_MAX)
		strbuf_setlen(&subject, RL_SUBJECT_MAX);
	while (subject.len && !rl_utf8_valid(subject.buf, subject.len))
		strbuf_setlen(&subject, subject.len - 1);
	fold = search_text(subject.buf, body, "reply", "", "{}");
	if ((rc = hotline_settings_load(db, &dl)) || (rc = db_begin(db)))
		goto out;
	if (idem_key && *idem_key) {
		rc = msg_store_find_idem(db, a->user_id, idem_key, rid);
		if (!rc) {
			db_rollback(db);
			rc = load_sent(db, rid, out);
			goto out;
		}
		if (rc != RL_ENOTFOUND)
			goto fail;
	}
	if ((rc = msg_store_addr_get(db, m.seq, a->unit_id, &ad)))
		goto fail;
	rl_id_new(rid);
	{
		struct msg_new n = {
			.id = rid, .thread_id = m.thread_id, .parent_id = m.id, .kind = "reply",
			.subtype = "", .priority = m.priority, .tlp = m.tlp, .lang = lang,
			.subject = subject.buf, .body = body, .fields = "{}",
			.sender_unit = mine.id, .sender_user = a->user_id, .idem_key = idem_key,
			.fold = fold, .created_ms = now,
		};
		if ((rc = msg_store_insert(db, &n, &r.seq, r.code)))
			goto fail;
	}
	snprintf(r.id, sizeof(r.id), "%s", rid);
	snprintf(r.kind, sizeof(r.kind), "reply");
	snprintf(r.priority, sizeof(r.priority), "%s", m.priority);
	snprintf(r.sender_unit_code, sizeof(r.sender_unit_code), "%s", mine.code);
	r.subject = subject.buf;
	if ((rc = insert_addressee(db, &dl, &r, m.sender_unit, "to", 0, m.sender_unit, now)) ||
	    (rc = msg_store_event_add(db, r.seq, now, a->audit_name, mine.id, "sent", "")) ||
	    (rc = msg_store_event_add(db, r.seq, now, a->audit_name, m.sender_unit, "delivered", "")) ||
	    (rc = msg_store_addr_state(db, m.seq, a->unit_id, "answered", now)) ||
	    (rc = msg_store_mark(db, m.seq, MSG_MARK_ANSWERED, now)) ||
	    (rc = msg_store_mark(db, m.seq, MSG_MARK_ACKED, now)) ||
	    (rc = msg_store_event_add(db, m.seq, now, a->audit_name, a->unit_id, "answered", r.code)))
		goto fail;
	{
		struct strbuf s = STRBUF_INIT;
		strbuf_addf(&s, "%s replies to %s", r.code, m.code);
		rc = audit_append(db, a->audit_name, "message.reply", "message", rid, s.buf);
		strbuf_release(&s);
		if (rc)
			goto fail;
	}
	pend_add(&pend, m.sender_unit, &r, "reply");
	if ((rc = db_commit(db)))
		goto out;
	snprintf(out->id, sizeof(out->id), "%s", rid);
	snprintf(out->code, sizeof(out->code), "%s", r.code);
	snprintf(out->thread_id, sizeof(out->thread_id), "%s", m.thread_id);
	pend_flush(&pend, true);
	goto out;
fail:
	db_rollback(db);
out:
	pend_flush(&pend, false);
	free(fold);
	strbuf_release(&subject);
	msg_rec_release(&m);
	return rc;
}

int hotline_forward(struct rl_db *db, const struct actor *a, const char *id, const char *to,
		    const char *note)
{
	struct msg_rec m;
	struct unit target;
	struct addr_rec ad;
	struct pending pend = { 0 };
	struct strbuf detail = STRBUF_INIT;
	struct hotline_settings dl;
	int64_t now = rl_now_ms();
	int rc;

	if ((rc = load_for(db, a, id, &m, PMSG_FORWARD)))
		return rc;
	if ((rc = check_text("note", note, RL_SHORT_MAX, false, true)) ||
	    (rc = find_unit(db, to, &target)) ||
	    (rc = policy_msg_forward(db, a, &m, &target)))
		goto out;
	if (m.closed_ms) {
		rc = rl_error(RL_ECONFLICT, "message %s is closed", m.code);
		goto out;
	}
	rc = msg_store_addr_get(db, m.seq, target.id, &ad);
	if (!rc) {
		rc = rl_error(RL_ECONFLICT, "%s already has message %s", target.code, m.code);
		goto out;
	}
	if (rc != RL_ENOTFOUND)
		goto out;
	strbuf_addf(&detail, "to %s%s%s", target.code, note && *note ? ": " : "", note ? note : "");
	if ((rc = hotline_settings_load(db, &dl)) || (rc = db_begin(db)))
		goto out;
	if ((rc = insert_addressee(db, &dl, &m, target.id, "forward", 0, target.id, now)) ||
	    (rc = event_coded(db, m.seq, now, a->audit_name, target.id, "forwarded", detail.buf,
			      note && *note ? "forwarded_note" : "forwarded",
			      note && *note ? json_pack("{s:s, s:s}", "to", target.code, "note", note)
					    : json_pack("{s:s}", "to", target.code))) ||
	    (rc = audit_append(db, a->audit_name, "message.forward", "message", m.id, detail.buf)))
		goto fail;
	pend_add(&pend, target.id, &m, "forward");
	if ((rc = db_commit(db)))
		goto out;
	pend_flush(&pend, true);
	goto out;
fail:
	db_rollback(db);
out:
	pend_flush(&pend, false);
	strbuf_release(&detail);
	msg_rec_release(&m);
	return rc;
}

int hotline_close(struct rl_db *db, const struct actor *a, const char *id, const char *note)
{
	struct msg_rec m;
	int64_t now = rl_now_ms();
	int rc;

	if ((rc = load_for(db, a, id, &m, PMSG_CLOSE)))
		return rc;
	if ((rc = check_text("note", note, RL_SHORT_MAX, false, true)))
		goto out;
	if (m.closed_ms) {
		rc = rl_error(RL_ECONFLICT, "message %s is already closed", m.code);
		goto out;
	}
	if ((rc = db_begin(db)))
		goto out;
	if ((rc = msg_store_mark(db, m.seq, MSG_MARK_CLOSED, now)) ||
	    (rc = msg_store_addr_close_all(db, m.seq, now)) ||
	    (rc = event_coded(db, m.seq, now, a->audit_name, a->unit_id, "closed", note ? note : "",
			      note && *note ? "closed_note" : "closed",
			      note && *note ? json_pack("{s:s}", "note", note) : json_object())) ||
	    (rc = audit_append(db, a->audit_name, "message.close", "message", m.id, m.code)))
		goto fail;
	rc = db_commit(db);
	goto out;
fail:
	db_rollback(db);
out:
	msg_rec_release(&m);
	return rc;
}

/* ---- reading ---- */

static json_t *ms_json(int64_t ms)
{
	char t[RL_TIME_LEN + 1];

	if (!ms)
		return json_null();
	rl_time_format(ms, t);
	return json_string(t);
}

static json_t *label_of(const char *key, const char *lang)
{
	const struct tpl_label *l = hotline_word(key);
	return json_string(l ? tpl_label_in(l, lang) : key);
}

/* The fields with their labels: [{name, label, value, value_label}]. */
static json_t *fields_labeled(const struct msg_rec *m, const char *lang)
{
	const struct hotline_template *t = hotline_template_find(m->kind, m->subtype);
	json_t *arr = json_array(), *obj = json_loads(m->fields ? m->fields : "{}", 0, NULL);

	if (!t || !obj) {
		json_decref(obj);
		return arr;
	}
	for (const struct tpl_field *f = t->fields; f->name; f++) {
		json_t *v = json_object_get(obj, f->name), *e;

		if (!v)
			continue;
		e = json_pack("{s:s, s:s, s:s, s:O}", "name", f->name, "label", tpl_label_in(&f->label, lang),
			      "type", tpl_type_name(f->type), "value", v);
		if (f->type == TPL_CODE && json_is_string(v))
			for (const struct tpl_code *c = f->codes; c->code; c++)
				if (!strcmp(c->code, json_string_value(v)))
					json_object_set_new(e, "value_label", json_string(tpl_label_in(&c->label, lang)));
		json_array_append_new(arr, e);
	}
	json_decref(obj);
	return arr;
}

static json_t *addr_json(const struct addr_rec *ad, const char *lang)
{
	return json_pack("{s:s, s:s, s:s, s:o, s:i, s:b, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
			 "unit", ad->unit_code, "role", ad->role, "state", ad->state,
			 "state_label", label_of(ad->state, lang), "level", ad->level,
			 "escalated", ad->escalated, "created_at", ms_json(ad->created_ms),
			 "delivered_at", ms_json(ad->delivered_ms), "read_at", ms_json(ad->read_ms),
			 "acknowledged_at", ms_json(ad->acked_ms), "answered_at", ms_json(ad->answered_ms),
			 "closed_at", ms_json(ad->closed_ms), "ack_due", ms_json(ad->ack_due_ms),
			 "reply_due", ms_json(ad->reply_due_ms));
}

static bool addr_overdue(const struct addr_rec *ad, int64_t now)
{
	int r = state_rank(ad->state);
	return (ad->ack_due_ms && ad->ack_due_ms <= now && r <= state_rank("read")) ||
	       (ad->reply_due_ms && ad->reply_due_ms <= now && r <= state_rank("acknowledged"));
}

json_t *hotline_msg_json(const struct msg_rec *m, const struct addr_rec *ad, const char *lang)
{
	json_t *o = hotline_msg_line_json(m, ad, lang);
	json_t *fields = json_loads(m->fields ? m->fields : "{}", 0, NULL);

	json_object_set_new(o, "thread_id", json_string(m->thread_id));
	json_object_set_new(o, "parent_id", *m->parent_id ? json_string(m->parent_id) : json_null());
	json_object_set_new(o, "tlp_label", label_of(m->tlp, lang));
	json_object_set_new(o, "body", json_string(m->body ? m->body : ""));
	json_object_set_new(o, "lang", json_string(m->lang));
	json_object_set_new(o, "sender", json_string(m->sender_login));
	json_object_set_new(o, "fields", fields ? fields : json_object());
	json_object_set_new(o, "fields_labeled", fields_labeled(m, lang));
	json_object_set_new(o, "acknowledged_at", ms_json(m->acked_ms));
	json_object_set_new(o, "answered_at", ms_json(m->answered_ms));
	if (ad)
		json_object_set_new(o, "box", addr_json(ad, lang));
	return o;
}

static const char *word_in(const char *key, const char *lang)
{
	const struct tpl_label *l = hotline_word(key);
	return l ? tpl_label_in(l, lang) : key;
}

static void ms_write(struct jsonw *w, const char *key, int64_t ms)
{
	char t[RL_TIME_LEN + 1];

	jsonw_key(w, key);
	if (!ms) {
		jsonw_null(w);
		return;
	}
	rl_time_format(ms, t);
	jsonw_str(w, t);
}

/* A line of a list: what an inbox row shows, and the unit's deadlines.
 * Written straight as text: inbox pages are the hot path, and this is
 * the one definition of a line (hotline_msg_line_json() reads it back). */
void hotline_msg_line_write(struct jsonw *w, const struct msg_rec *m, const struct addr_rec *ad,
			    const char *lang, int64_t now)
{
	const struct hotline_template *t = hotline_template_find(m->kind, m->subtype);

	jsonw_obj_begin(w);
	jsonw_key(w, "id");
	jsonw_str(w, m->id);
	jsonw_key(w, "code");
	jsonw_str(w, m->code);
	jsonw_key(w, "kind");
	jsonw_str(w, m->kind);
	jsonw_key(w, "kind_label");
	jsonw_str(w, word_in(m->kind, lang));
	jsonw_key(w, "subtype");
	jsonw_str(w, m->subtype);
	jsonw_key(w, "priority");
	jsonw_str(w, m->priority);
	jsonw_key(w, "priority_label");
	jsonw_str(w, word_in(m->priority, lang));
	jsonw_key(w, "tlp");
	jsonw_str(w, m->tlp);
	jsonw_key(w, "subject");
	jsonw_str(w, m->subject ? m->subject : "");
	jsonw_key(w, "from");
	jsonw_str(w, m->sender_unit_code);
	ms_write(w, "created_at", m->created_ms);
	ms_write(w, "closed_at", m->closed_ms);
	if (t) {
		jsonw_key(w, "template_label");
		jsonw_str(w, tpl_label_in(&t->title, lang));
	}
	if (ad) {
		jsonw_key(w, "box");
		jsonw_obj_begin(w);
		jsonw_key(w, "role");
		jsonw_str(w, ad->role);
		jsonw_key(w, "state");
		jsonw_str(w, ad->state);
		jsonw_key(w, "level");
		jsonw_int(w, ad->level);
		jsonw_key(w, "escalated");
		jsonw_bool(w, ad->escalated);
		ms_write(w, "ack_due", ad->ack_due_ms);
		ms_write(w, "reply_due", ad->reply_due_ms);
		jsonw_obj_end(w);
		jsonw_key(w, "state");
		jsonw_str(w, ad->state);
		jsonw_key(w, "overdue");
		jsonw_bool(w, addr_overdue(ad, now));
	}
	jsonw_obj_end(w);
}

json_t *hotline_msg_line_json(const struct msg_rec *m, const struct addr_rec *ad, const char *lang)
{
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;
	json_t *o;

	jsonw_init(&w, &sb);
	hotline_msg_line_write(&w, m, ad, lang, rl_now_ms());
	o = json_loadb(sb.buf, sb.len, 0, NULL);
	strbuf_release(&sb);
	/* The writer always writes a valid object: NULL only without memory. */
	return o ? o : json_object();
}

struct show_ctx {
	struct rl_db *db;
	const struct actor *a;
	const char *lang;
	json_t *msgs;
	json_t *addrs;
	json_t *files;
	int rc;
};

static int show_addr_cb(const struct addr_rec *ad, void *data)
{
	struct show_ctx *c = data;
	json_array_append_new(c->addrs, addr_json(ad, c->lang));
	return 0;
}

static int show_file_cb(const struct attach_rec *f, void *data)
{
	struct show_ctx *c = data;
	json_array_append_new(c->files, json_pack("{s:s, s:s, s:s, s:I}", "id", f->id, "filename", f->filename,
						  "content_type", f->content_type, "size", (json_int_t)f->size));
	return 0;
}

/* Collected first, so no statement is held while checking each one. */
struct seq_list {
	int64_t *v;
	size_t n, alloc;
};

static int thread_seq_cb(struct msg_rec *m, void *data)
{
	struct seq_list *l = data;

	if (l->n == l->alloc) {
		l->alloc = l->alloc ? 2 * l->alloc : 8;
		l->v = xrealloc(l->v, l->alloc * sizeof(*l->v));
	}
	l->v[l->n++] = m->seq;
	return 0;
}

/* Whether the reader may see the record a linked/unlinked event names. */
static bool link_visible(struct show_ctx *c, json_t *params)
{
	struct hotline_link_ref r = { .kind = json_string_value(json_object_get(params, "kind")),
				      .ref = json_string_value(json_object_get(params, "id")) };
	struct hotline_link_target t;
	int rc;

	if (!r.kind || !r.ref)
		return false;
	rc = hotline_link_resolve(c->db, c->a, &r, &t);
	if (rc)
		rl_error_clear();
	return !rc;
}

static int event_cb(const struct msg_event *e, void *data)
{
	struct show_ctx *c = data;
	struct strbuf text = STRBUF_INIT;
	const char *detail = e->detail ? e->detail : "";
	char code[32];
	json_t *params = NULL, *o;

	if (e->code && *e->code) {
		snprintf(code, sizeof(code), "%s", e->code);
		params = json_loads(e->params ? e->params : "{}", 0, NULL);
		if (!json_is_object(params)) {
			json_decref(params);
			params = NULL;
		}
	} else {
		hotline_reason_derive(e->what, detail, code, sizeof(code), &params);
	}
	if (!params)
		params = json_object();
	if ((!strcmp(code, "linked") || !strcmp(code, "unlinked")) && !link_visible(c, params)) {
		/* A record this reader may not see: its kind only. */
		json_t *kind = json_incref(json_object_get(params, "kind"));

		json_object_clear(params);
		if (kind)
			json_object_set_new(params, "kind", kind);
		detail = json_string_value(kind) ? json_string_value(kind) : "";
		snprintf(code, sizeof(code), "%s_hidden", e->what);
	}
	if (!hotline_reason_text(code, params, c->lang, &text))
		strbuf_addstr(&text, detail);
	o = json_pack("{s:o, s:s, s:s, s:s, s:o, s:s, s:s, s:s, s:O, s:s}",
		      "at", ms_json(e->at_ms), "message", e->msg_code,
		      "message_id", e->msg_id, "actor", e->actor ? e->actor : "",
		      "unit", *e->unit_code ? json_string(e->unit_code) : json_null(),
		      "what", e->what ? e->what : "", "detail", detail, "code", code,
		      "params", params, "text", text.buf);
	json_array_append_new(c->msgs, o);
	json_decref(params);
	strbuf_release(&text);
	return 0;
}

int hotline_show(struct rl_db *db, const struct actor *a, const char *id, const char *lang,
		 bool mark_read, json_t **out)
{
	struct msg_rec m;
	struct seq_list seqs = { 0 };
	struct show_ctx c = { .db = db, .a = a, .lang = lang };
	json_t *res = NULL, *list = NULL, *timeline = NULL;
	int64_t now = rl_now_ms();
	int rc;

	*out = NULL;
	if ((rc = load_for(db, a, id, &m, -1)))
		return rc;
	if (!lang || !*lang)
		lang = hotline_lang_of(db, a);
	c.lang = lang;
	/* The first open by a user of an addressee unit marks it read. */
	if (mark_read && !a->system) {
		struct addr_rec ad;

		rc = msg_store_addr_get(db, m.seq, a->unit_id, &ad);
		if (!rc && (!strcmp(ad.state, "sent") || !strcmp(ad.state, "delivered"))) {
			if ((rc = db_begin(db)))
				goto out;
			if ((rc = msg_store_addr_state(db, m.seq, a->unit_id, "read", now)) ||
			    (rc = msg_store_event_add(db, m.seq, now, a->audit_name, a->unit_id, "read", "")) ||
			    (rc = audit_append(db, a->audit_name, "message.read", "message", m.id, m.code))) {
				db_rollback(db);
				goto out;
			}
			if ((rc = db_commit(db)))
				goto out;
		} else if (rc && rc != RL_ENOTFOUND) {
			goto out;
		}
	}
	if ((rc = msg_store_thread(db, m.thread_id, thread_seq_cb, &seqs)))
		goto out;
	list = json_array();
	for (size_t i = 0; i < seqs.n; i++) {
		struct msg_rec t;
		json_t *o;

		if ((rc = msg_store_get_seq(db, seqs.v[i], &t)))
			goto out;
		rc = policy_msg_read(db, a, &t);
		if (rc == RL_ENOTFOUND) {
			msg_rec_release(&t);
			continue;
		}
		if (rc) {
			msg_rec_release(&t);
			goto out;
		}
		o = hotline_msg_json(&t, NULL, lang);
		c.addrs = json_array();
		c.files = json_array();
		if ((rc = msg_store_addrs(db, t.seq, show_addr_cb, &c)) ||
		    (rc = msg_store_attachments(db, t.seq, show_file_cb, &c))) {
			json_decref(c.addrs);
			json_decref(c.files);
			json_decref(o);
			msg_rec_release(&t);
			goto out;
		}
		json_object_set_new(o, "addressees", c.addrs);
		json_object_set_new(o, "attachments", c.files);
		{
			json_t *links;

			if ((rc = hotline_links_json(db, a, t.seq, &links))) {
				json_decref(o);
				msg_rec_release(&t);
				goto out;
			}
			json_object_set_new(o, "links", links);
		}
		json_array_append_new(list, o);
		msg_rec_release(&t);
	}
	timeline = json_array();
	c.msgs = timeline;
	if ((rc = msg_store_events(db, m.thread_id, event_cb, &c)))
		goto out;
	res = json_pack("{s:s, s:s, s:O, s:O}", "thread_id", m.thread_id, "id", m.id,
			"messages", list, "timeline", timeline);
	rc = 0;
	*out = res;
out:
	json_decref(list);
	json_decref(timeline);
	free(seqs.v);
	msg_rec_release(&m);
	return rc;
}

/* ---- boxes ---- */

static int parse_cursor(const char *s, int64_t *ms, int64_t *seq)
{
	char *end;
	long long a, b;

	a = strtoll(s, &end, 10);
	if (end == s || *end != '.')
		return rl_error(RL_EINVAL, "malformed cursor");
	s = end + 1;
	b = strtoll(s, &end, 10);
	if (end == s || *end || a <= 0 || b <= 0)
		return rl_error(RL_EINVAL, "malformed cursor");
	*ms = a;
	*seq = b;
	return 0;
}

struct box_ctx {
	msg_box_cb cb;
	void *data;
	int64_t last_ms, last_seq;
	int n;
};

static int box_cb(struct msg_rec *m, const struct addr_rec *ad, int64_t sort_ms, void *data)
{
	struct box_ctx *c = data;

	c->last_ms = sort_ms;
	c->last_seq = m->seq;
	c->n++;
	return c->cb(m, ad, sort_ms, c->data);
}

int hotline_box(struct rl_db *db, const struct actor *a, const struct hotline_box_query *q,
		msg_box_cb cb, void *data, char *next_cursor, size_t cursor_size)
{
	struct msg_box_filter f = { 0 };
	struct box_ctx c = { .cb = cb, .data = data };
	struct unit u, other;
	const char *box = q->box && *q->box ? q->box : "inbox";
	int rc;

	if (next_cursor && cursor_size)
		*next_cursor = '\0';
	if ((rc = policy_hotline_user(a)))
		return rc;
	if (!strcmp(box, "inbox"))
		f.box = MSG_BOX_INBOX;
	else if (!strcmp(box, "outbox"))
		f.box = MSG_BOX_OUTBOX;
	else if (!strcmp(box, "escalated"))
		f.box = MSG_BOX_ESCALATED;
	else
		return rl_error(RL_EINVAL, "unknown box '%s' (inbox, outbox or escalated)", box);
	if (a->system) {
		if (!q->unit || !*q->unit)
			return rl_error(RL_EINVAL, "whose box? (--unit CODE, or --as LOGIN)");
		if ((rc = find_unit(db, q->unit, &u)))
			return rc;
	} else {
		if (q->unit && *q->unit) {
			if ((rc = find_unit(db, q->unit, &u)))
				return rc;
			if (strcmp(u.id, a->unit_id))
				return rl_error(RL_EDENIED, "you can only list your own unit's messages");
		}
		/* A user's unit exists (a foreign key): its id is all the box
		 * needs, and looking the unit up again costs every page. */
		snprintf(u.id, sizeof(u.id), "%s", a->unit_id);
	}
	f.unit_id = u.id;
	if (q->state && *q->state) {
		if ((rc = check_choice("state", q->state, states)))
			return rc;
		f.state = q->state;
	}
	if (q->priority && *q->priority) {
		if ((rc = check_choice("priority", q->priority, priorities)))
			return rc;
		f.priority = q->priority;
	}
	if (q->kind && *q->kind) {
		static const char *const all_kinds[] = { "information", "request", "alert", "reply", NULL };
		if ((rc = check_choice("kind", q->kind, all_kinds)))
			return rc;
		f.kind = q->kind;
	}
	if (q->counterpart && *q->counterpart) {
		if ((rc = find_unit(db, q->counterpart, &other)))
			return rc;
		f.other_unit = other.id;
	}
	if (q->since && *q->since) {
		if (!rl_date_valid(q->since))
			return rl_error(RL_EINVAL, "since needs a date YYYY-MM-DD");
		f.since_ms = rl_date_to_days(q->since) * DAY_MS;
	}
	if (q->until && *q->until) {
		if (!rl_date_valid(q->until))
			return rl_error(RL_EINVAL, "until needs a date YYYY-MM-DD");
		f.until_ms = (rl_date_to_days(q->until) + 1) * DAY_MS;
	}
	if (q->cursor && *q->cursor && (rc = parse_cursor(q->cursor, &f.before_ms, &f.before_seq)))
		return rc;
	if (q->limit < 0 || q->limit > RL_PAGE_MAX)
		return rl_error(RL_EINVAL, "limit must be from 1 to %d", RL_PAGE_MAX);
	f.limit = q->limit ? q->limit : RL_PAGE_DEFAULT;
	f.overdue = q->overdue;
	f.now = rl_now_ms();
	if ((rc = msg_store_box(db, &f, box_cb, &c)))
		return rc;
	if (c.n == f.limit && next_cursor)
		snprintf(next_cursor, cursor_size, "%" PRId64 ".%" PRId64, c.last_ms, c.last_seq);
	return 0;
}

int hotline_counts(struct rl_db *db, const struct actor *a, int64_t *all, int64_t *unread,
		   int64_t *overdue)
{
	int rc;

	*all = *unread = *overdue = 0;
	if ((rc = actor_user(a)))
		return rc;
	return msg_store_inbox_counts(db, a->unit_id, rl_now_ms(), all, unread, overdue);
}

/* ---- search ---- */

struct search_ctx {
	struct rl_db *db;
	const struct actor *a;
	int (*cb)(struct msg_rec *m, void *data);
	void *data;
	int64_t *seqs;
	int n, max;
};

static int search_collect(struct msg_rec *m, void *data)
{
	struct search_ctx *c = data;

	c->seqs[c->n++] = m->seq;
	return c->n >= RL_SEARCH_SCAN_MAX;
}

int hotline_search(struct rl_db *db, const struct actor *a, const char *q, int limit,
		   int (*cb)(struct msg_rec *m, void *data), void *data)
{
	struct search_ctx c = { .db = db, .a = a, .cb = cb, .data = data };
	char *f;
	int rc, found = 0;

	if ((rc = policy_hotline_user(a)))
		return rc;
	if ((rc = check_text("search text", q, RL_SHORT_MAX, true, true)))
		return rc;
	if (limit < 0 || limit > RL_PAGE_MAX)
		return rl_error(RL_EINVAL, "limit must be from 1 to %d", RL_PAGE_MAX);
	if (!limit)
		limit = RL_PAGE_DEFAULT;
	f = rl_fold(q);
	if (!f || rl_utf8_len(f) < 3) {
		free(f);
		return rl_error(RL_EINVAL, "search text needs at least 3 letters");
	}
	c.seqs = xmalloc(RL_SEARCH_SCAN_MAX * sizeof(*c.seqs));
	rc = msg_store_search(db, f, search_collect, &c);
	free(f);
	if (rc < 0)
		goto out;
	rc = 0;
	for (int i = 0; i < c.n && found < limit; i++) {
		struct msg_rec m;
		int r;

		if ((rc = msg_store_get_seq(db, c.seqs[i], &m)))
			break;
		r = policy_msg_read(db, a, &m);
		if (!r) {
			found++;
			rc = cb(&m, data);
		} else if (r != RL_ENOTFOUND) {
			rc = r;
		}
		msg_rec_release(&m);
		if (rc)
			break;
	}
out:
	free(c.seqs);
	return rc;
}

/* ---- compose: who may I write to ---- */

struct route_ctx {
	struct rl_db *db;
	const struct unit *from;
	int (*cb)(const struct unit *u, const char *why, void *data);
	void *data;
	char (*seen)[RL_ID_LEN + 1];
	size_t n, alloc;
};

static int route_try(struct route_ctx *c, const struct unit *u)
{
	const char *why = NULL;

	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->seen[i], u->id))
			return 0;
	if (policy_msg_route(c->db, c->from, u, &why))
		return 0;
	if (c->n == c->alloc) {
		c->alloc = c->alloc ? 2 * c->alloc : 64;
		c->seen = xrealloc(c->seen, c->alloc * sizeof(*c->seen));
	}
	snprintf(c->seen[c->n++], RL_ID_LEN + 1, "%s", u->id);
	return c->cb(u, why, c->data);
}

static int route_unit_cb(const struct unit *u, void *data)
{
	return route_try(data, u);
}

static int route_link_cb(const struct unit_link *l, void *data)
{
	return route_try(data, &l->other);
}

static int route_standing_cb(const char *id, void *data)
{
	struct route_ctx *c = data;
	struct unit u;
	char d[RL_DATE_LEN + 1];

	today(d);
	if (unit_store_find(c->db, id, d, &u))
		return 0;
	return route_try(c, &u);
}

int hotline_addressees(struct rl_db *db, const struct actor *a,
		       int (*cb)(const struct unit *u, const char *why, void *data), void *data)
{
	struct unit from;
	struct route_ctx c = { .db = db, .from = &from, .cb = cb, .data = data };
	char d[RL_DATE_LEN + 1];
	int rc;

	if ((rc = actor_user(a)) || (rc = find_unit(db, a->unit_id, &from)))
		return rc;
	today(d);
	if (*from.parent_id) {
		struct unit p;
		if ((rc = unit_store_find(db, from.parent_id, d, &p)) || (rc = route_try(&c, &p)))
			goto out;
	}
	{
		struct unit_filter f = { .level = -1, .border = -1, .demo = -1, .on = d };
		if (from.level == 0) {
			f.country = from.country;
			if ((rc = unit_store_list(db, &f, route_unit_cb, &c)))
				goto out;
			f.country = NULL;
			f.level = 0;
		} else {
			f.parent_id = from.id;
		}
		if ((rc = unit_store_list(db, &f, route_unit_cb, &c)))
			goto out;
	}
	if ((rc = unit_store_links(db, from.id, d, route_link_cb, &c)) ||
	    (rc = msg_store_links(db, from.id, route_standing_cb, &c)))
		goto out;
out:
	free(c.seen);
	return rc;
}

/* ---- escalation ---- */

/* The sender side's ancestor `steps` levels above unit_id, if any. */
struct nth_ctx {
	int want, at;
	char id[RL_ID_LEN + 1];
};

static int nth_cb(const struct unit *u, void *data)
{
	struct nth_ctx *c = data;

	if (++c->at == c->want) {
		snprintf(c->id, sizeof(c->id), "%s", u->id);
		return 1;
	}
	return 0;
}

static int escalate_one(struct rl_db *db, const struct actor *sys, const struct hotline_settings *dl,
			const struct msg_due *d, int64_t now, struct pending *pend, int *count)
{
	struct msg_rec m;
	struct addr_rec ad, existing;
	struct unit u, parent;
	struct strbuf detail = STRBUF_INIT;
	char dd[RL_DATE_LEN + 1];
	int rc;

	today(dd);
	if ((rc = msg_store_get_seq(db, d->seq, &m)))
		return rc;
	if ((rc = msg_store_addr_get(db, d->seq, d->unit_id, &ad)) ||
	    (rc = unit_store_find(db, d->unit_id, dd, &u)))
		goto out;
	if ((rc = msg_store_addr_set_escalated(db, d->seq, d->unit_id)))
		goto out;
	if (!*u.parent_id) {
		/* Nobody above a ministry: the timeline says so, once. */
		strbuf_addf(&detail, "%s at %s: no level above", d->reason, u.code);
		rc = event_coded(db, d->seq, now, sys->audit_name, u.id, "overdue", detail.buf, "no_level_above",
				 json_pack("{s:s, s:s}", "unit", u.code, "why", d->reason));
		goto out;
	}
	if ((rc = unit_store_find(db, u.parent_id, dd, &parent)))
		goto out;
	strbuf_addf(&detail, "%s: %s -> %s", d->reason, u.code, parent.code);
	rc = msg_store_addr_get(db, d->seq, parent.id, &existing);
	if (rc == RL_ENOTFOUND) {
		if ((rc = insert_addressee(db, dl, &m, parent.id, "escalation", ad.level + 1, ad.chain_unit, now)))
			goto out;
		pend_add(pend, parent.id, &m, "escalated");
	} else if (rc) {
		goto out;
	}
	if ((rc = msg_store_escalation_add(db, d->seq, u.id, parent.id, d->reason, now)) ||
	    (rc = event_coded(db, d->seq, now, sys->audit_name, parent.id, "escalated", detail.buf, d->reason,
			      json_pack("{s:s, s:s}", "from", u.code, "to", parent.code))) ||
	    (rc = audit_append(db, sys->audit_name, "message.escalate", "message", m.id, detail.buf)))
		goto out;
	/* Tell the sender's side at the same height. */
	{
		struct nth_ctx nc = { .want = ad.level + 1 };

		if ((rc = unit_store_ancestors(db, m.sender_unit, dd, nth_cb, &nc)) < 0)
			goto out;
		rc = 0;
		if (*nc.id) {
			rc = msg_store_addr_get(db, d->seq, nc.id, &existing);
			if (rc == RL_ENOTFOUND) {
				struct unit s;
				if ((rc = insert_addressee(db, dl, &m, nc.id, "copy", ad.level + 1, nc.id, now)) ||
				    (rc = unit_store_find(db, nc.id, dd, &s)))
					goto out;
				strbuf_reset(&detail);
				strbuf_addf(&detail, "%s told of the escalation to %s", s.code, parent.code);
				if ((rc = event_coded(db, d->seq, now, sys->audit_name, nc.id, "informed", detail.buf,
						      "informed", json_pack("{s:s, s:s}", "unit", s.code, "to", parent.code))))
					goto out;
				pend_add(pend, nc.id, &m, "escalated");
			}
		}
	}
	(*count)++;
out:
	strbuf_release(&detail);
	msg_rec_release(&m);
	return rc;
}

int hotline_escalate_due(struct rl_db *db, int64_t now, int *count)
{
	struct msg_due due[RL_ESCALATE_BATCH];
	struct pending pend = { 0 };
	struct hotline_settings dl;
	struct actor sys;
	int n = 0, rc;

	*count = 0;
	actor_system(&sys, "escalation");
	if ((rc = db_begin(db)))
		return rc;
	if ((rc = msg_store_due(db, now, due, RL_ESCALATE_BATCH, &n)) ||
	    (rc = hotline_settings_load(db, &dl)))
		goto fail;
	for (int i = 0; i < n; i++) {
		struct addr_rec ad;
		/* An earlier step of this pass may have covered it. */
		if ((rc = msg_store_addr_get(db, due[i].seq, due[i].unit_id, &ad)))
			goto fail;
		if (ad.escalated)
			continue;
		if ((rc = escalate_one(db, &sys, &dl, &due[i], now, &pend, count)))
			goto fail;
	}
	if (!n) {
		db_rollback(db);
		return 0;
	}
	if ((rc = db_commit(db)))
		goto out;
	pend_flush(&pend, true);
	return 0;
fail:
	db_rollback(db);
out:
	*count = 0;
	pend_flush(&pend, false);
	return rc;
}

/* ---- duty ---- */

int hotline_duty_set(struct rl_db *db, const struct actor *a, bool on)
{
	int rc;

	if ((rc = actor_user(a)))
		return rc;
	if ((rc = db_begin(db)))
		return rc;
	if ((rc = msg_store_duty_set(db, a->user_id, on, rl_now_ms())) ||
	    (rc = audit_append(db, a->audit_name, on ? "duty.on" : "duty.off", "user", a->user_id,
			       on ? "on duty" : "off duty"))) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db);
}

int hotline_duty_list(struct rl_db *db, const struct actor *a, const char *unit,
		      int (*cb)(const struct duty_rec *d, void *data), void *data)
{
	struct unit u;
	int rc;

	if ((rc = policy_check(a, POLICY_UNIT_READ, NULL)))
		return rc;
	if (unit && *unit) {
		if ((rc = find_unit(db, unit, &u)))
			return rc;
		return msg_store_duty_list(db, u.id, cb, data);
	}
	return msg_store_duty_list(db, NULL, cb, data);
}

/* ---- standing links ---- */

int hotline_link(struct rl_db *db, const struct actor *a, const char *unit_a, const char *unit_b,
		 bool add)
{
	struct unit ua, ub;
	struct strbuf s = STRBUF_INIT;
	bool linked;
	int rc, n = 0;

	if ((rc = policy_check(a, POLICY_UNIT_ADMIN, NULL)))
		return rc;
	if ((rc = find_unit(db, unit_a, &ua)) || (rc = find_unit(db, unit_b, &ub)))
		return rc;
	if (!strcmp(ua.id, ub.id))
		return rl_error(RL_EINVAL, "a unit cannot be linked to itself");
	if ((rc = msg_store_linked(db, ua.id, ub.id, &linked)))
		return rc;
	if (add && linked)
		return rl_error(RL_ECONFLICT, "%s and %s are already linked", ua.code, ub.code);
	if (!add && !linked)
		return rl_error(RL_ENOTFOUND, "%s and %s are not linked", ua.code, ub.code);
	strbuf_addf(&s, "%s <-> %s", ua.code, ub.code);
	if ((rc = db_begin(db)))
		goto out;
	rc = add ? msg_store_link_add(db, ua.id, ub.id, rl_now_ms(), a->audit_name)
		 : msg_store_link_remove(db, ua.id, ub.id, &n);
	if (rc || (rc = audit_append(db, a->audit_name, add ? "hotline.link" : "hotline.unlink",
				     "unit", ua.id, s.buf))) {
		db_rollback(db);
		goto out;
	}
	rc = db_commit(db);
out:
	strbuf_release(&s);
	return rc;
}

/* ---- attachments ---- */

int hotline_attach(struct rl_db *db, const struct actor *a, const char *msg_id, const char *filename,
		   const char *content_type, const void *bytes, size_t size, char out_id[RL_ID_LEN + 1])
{
	struct msg_rec m;
	struct strbuf s = STRBUF_INIT;
	int rc, n = 0;

	if ((rc = load_for(db, a, msg_id, &m, PMSG_ATTACH)))
		return rc;
	if ((rc = check_text("filename", filename, RL_NAME_MAX, true, true)) ||
	    (rc = check_text("content type", content_type, RL_SHORT_MAX, true, true)))
		goto out;
	if (strchr(filename, '/') || strchr(filename, '\\')) {
		rc = rl_error(RL_EINVAL, "filename may not hold '/' or '\\'");
		goto out;
	}
	if (size > RL_ATTACHMENT_MAX) {
		rc = rl_error(RL_ETOOBIG, "attachment larger than %d bytes", RL_ATTACHMENT_MAX);
		goto out;
	}
	if (m.closed_ms) {
		rc = rl_error(RL_ECONFLICT, "message %s is closed", m.code);
		goto out;
	}
	if ((rc = db_begin(db)))
		goto out;
	if ((rc = msg_store_attach_count(db, m.seq, &n)))
		goto fail;
	if (n >= RL_ATTACHMENTS_MAX) {
		rc = rl_error(RL_ETOOBIG, "a message holds at most %d attachments", RL_ATTACHMENTS_MAX);
		goto fail;
	}
	rl_id_new(out_id);
	strbuf_addf(&s, "%s: %s (%zu bytes)", m.code, filename, size);
	if ((rc = msg_store_attach_add(db, m.seq, out_id, filename, content_type, bytes, size, rl_now_ms())) ||
	    (rc = event_coded(db, m.seq, rl_now_ms(), a->audit_name, a->unit_id, "attached", filename,
			      "attached", json_pack("{s:s, s:I}", "file", filename, "size", (json_int_t)size))) ||
	    (rc = audit_append(db, a->audit_name, "message.attach", "attachment", out_id, s.buf)))
		goto fail;
	rc = db_commit(db);
	goto out;
fail:
	db_rollback(db);
out:
	strbuf_release(&s);
	msg_rec_release(&m);
	return rc;
}

int hotline_attachment(struct rl_db *db, const struct actor *a, const char *att_id,
		       struct attach_rec *out, void **bytes)
{
	struct msg_rec m;
	int rc;

	*bytes = NULL;
	if (!att_id || !rl_id_valid(att_id))
		return rl_error(RL_ENOTFOUND, "no such attachment");
	if ((rc = msg_store_attach_get(db, att_id, out, bytes)))
		return rc;
	if ((rc = msg_store_get_seq(db, out->msg_seq, &m)))
		goto fail;
	rc = policy_msg_read(db, a, &m);
	msg_rec_release(&m);
	if (!rc)
		return 0;
fail:
	free(*bytes);
	*bytes = NULL;
	return rc == RL_ENOTFOUND ? rl_error(RL_ENOTFOUND, "no such attachment") : rc;
}

/* ---- demo ---- */

struct seed_ctx {
	struct rl_db *db;
	int rc;
};

static int seed_user_cb(const struct user_rec *u, void *data)
{
	struct seed_ctx *c = data;

	if (u->disabled || !(u->roles & (ROLE_OFFICER | ROLE_SUPERVISOR)))
		return 0;
	return (c->rc = msg_store_duty_set(c->db, u->id, true, rl_now_ms()));
}

int hotline_seed_demo(struct rl_db *db, const struct actor *a, bool demo)
{
	struct user_store_filter f;
	struct seed_ctx c = { .db = db };
	int rc;

	(void)a;
	if (!demo)
		return 0;
	memset(&f, 0, sizeof(f));
	f.disabled = 0;
	f.demo = 1;
	f.limit = 0;
	rc = user_store_list(db, &f, seed_user_cb, &c);
	return rc ? rc : c.rc;
}
