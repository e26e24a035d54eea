/*
 * screen.c: the process-wide match index of active notices, screening one
 * traveller or plate and manifests, hits and checkpoint counters (see
 * screen.h).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/account.h"
#include "core/country_code.h"
#include "core/hotline.h"
#include "core/notice.h"
#include "core/screen.h"
#include "store/audit.h"
#include "store/meta.h"
#include "store/unit_store.h"
#include "util/clock.h"
#include "util/csv.h"
#include "util/id.h"
#include "util/status.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

/* ---- the index ---- */

static pthread_rwlock_t index_lock = PTHREAD_RWLOCK_INITIALIZER;
static struct match_index *the_index;   /* NULL until screen_index_load() */
static int64_t seen_gen = -1;           /* the notices_gen the index reflects */

/* The matcher's entry of a person notice: names split from aliases, and
 * every document number (a traveller may carry the second passport the
 * notice lists, not the first). */
static int index_add_locked(const struct notice *n)
{
	char aliases[NOTICE_ALIASES_BYTES], docs[NOTICE_DOCS_BYTES];
	const char *names[MATCH_NAMES_MAX], *more[MATCH_DOCS_MAX];
	struct match_entry e = { 0 };
	char *save, *first = NULL;

	if (strcmp(n->state, "active") || !n->full_name[0])
		return 0;
	names[e.nnames++] = n->full_name;
	snprintf(aliases, sizeof(aliases), "%s", n->aliases);
	for (char *p = strtok_r(aliases, "|", &save); p && e.nnames < MATCH_NAMES_MAX;
	     p = strtok_r(NULL, "|", &save))
		names[e.nnames++] = p;
	snprintf(docs, sizeof(docs), "%s", n->documents);
	for (char *p = strtok_r(docs, "|", &save); p; p = strtok_r(NULL, "|", &save)) {
		if (!first)
			first = p;
		else if (e.ndocuments + 1 < MATCH_DOCS_MAX)
			more[e.ndocuments++] = p;
	}
	e.id = n->id;
	e.names = names;
	e.birth = n->birth_date[0] ? n->birth_date : NULL;
	e.sex = n->sex[0];
	e.nationality = n->nationality[0] ? n->nationality : NULL;
	e.document = first;
	e.documents = e.ndocuments ? more : NULL;
	return match_index_add(the_index, &e);
}

static int load_cb(const struct notice *n, void *data)
{
	(void)data;
	if (index_add_locked(n))
		rl_error_clear();   /* a name the matcher refuses is not screened; never fatal */
	return 0;
}

int screen_index_load(struct rl_db *db)
{
	struct notice_store_filter f = { .state = "active" };
	int64_t gen;
	bool fresh;
	int rc;

	/* One cheap read per screening tells whether another process (or a
	 * change this one could not apply in order) moved the notices on. */
	if ((rc = notice_store_gen(db, &gen)))
		return rc;
	pthread_rwlock_rdlock(&index_lock);
	fresh = the_index && gen == seen_gen;
	pthread_rwlock_unlock(&index_lock);
	if (fresh)
		return 0;
	pthread_rwlock_wrlock(&index_lock);
	if (!the_index || gen != seen_gen) {
		struct match_index *old = the_index;

		the_index = match_index_new();
		if ((rc = notice_store_list(db, &f, load_cb, NULL))) {
			match_index_free(the_index);
			the_index = old;
		} else {
			match_index_free(old);
			seen_gen = gen;
		}
	}
	pthread_rwlock_unlock(&index_lock);
	return rc;
}

void screen_index_changed(int64_t gen)
{
	pthread_rwlock_wrlock(&index_lock);
	/* In order: the index now reflects gen. Out of order (another writer
	 * came between): leave it stale, and the next screening rebuilds. */
	if (the_index && seen_gen == gen - 1)
		seen_gen = gen;
	pthread_rwlock_unlock(&index_lock);
}

void screen_index_update(const struct notice *n)
{
	pthread_rwlock_wrlock(&index_lock);
	if (the_index) {
		match_index_remove(the_index, n->id);
		index_add_locked(n);
		rl_error_clear();   /* not there before, or refused: neither is the caller's error */
	}
	pthread_rwlock_unlock(&index_lock);
}

void screen_index_free(void)
{
	pthread_rwlock_wrlock(&index_lock);
	match_index_free(the_index);
	the_index = NULL;
	seen_gen = -1;
	pthread_rwlock_unlock(&index_lock);
}

size_t screen_index_count(void)
{
	size_t n;

	pthread_rwlock_rdlock(&index_lock);
	n = the_index ? match_index_count(the_index) : 0;
	pthread_rwlock_unlock(&index_lock);
	return n;
}

/* ---- the threshold ---- */

int screen_threshold(struct rl_db *db, double *out)
{
	char buf[32], *end;
	int rc = meta_get(db, "screen_threshold", buf, sizeof(buf));

	*out = MATCH_THRESHOLD_DEFAULT;
	if (rc == RL_ENOTFOUND) {
		rl_error_clear();
		return 0;
	}
	if (rc)
		return rc;
	double v = strtod(buf, &end);
	if (!*end && v >= 0 && v <= 1)
		*out = v;
	return 0;
}

int screen_set_threshold(struct rl_db *db, const struct actor *a, double t)
{
	char buf[32], sum[96];
	int rc;

	if ((rc = policy_check(a, POLICY_SCREEN_ADMIN, NULL)))
		return rc;
	if (!(t > 0 && t <= 1))
		return rl_error(RL_EINVAL, "the threshold must be above 0 and at most 1");
	snprintf(buf, sizeof(buf), "%.3f", t);
	snprintf(sum, sizeof(sum), "screening threshold set to %s", buf);
	if ((rc = db_begin(db)))
		return rc;
	if ((rc = meta_set(db, "screen_threshold", buf)) ||
	    (rc = audit_append(db, a->audit_name, "screen.threshold", "setting", "screen_threshold", sum))) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db);
}

/* ---- one screening ---- */

/* The unit a screening counts for: the actor's, or (system) the named one. */
static int count_unit(struct rl_db *db, const struct actor *a, const char *code,
		      char out[RL_ID_LEN + 1])
{
	struct unit u;
	int rc;

	out[0] = '\0';
	if (!a->system) {
		if (code && *code)
			return rl_error(RL_EINVAL, "a user screens for their own unit (no unit option)");
		snprintf(out, RL_ID_LEN + 1, "%s", a->unit_id);
		return 0;
	}
	if (!code || !*code)
		return 0;
	if ((rc = unit_store_find(db, code, NULL, &u)))
		return rc;
	memcpy(out, u.id, RL_ID_LEN + 1);
	return 0;
}

/* Checks a query's fields; plate key into key (or ""). */
static int check_query(const struct screen_query *q, const char *today, char *sex,
		       char nat[4], char key[RL_PLATE_MAX + 1])
{
	size_t len;
	int rc;

	*sex = 0;
	nat[0] = key[0] = '\0';
	if ((!q->name || !*q->name) && (!q->plate || !*q->plate))
		return rl_error(RL_EINVAL, "give a name or a plate to screen");
	if (q->name && *q->name) {
		len = strlen(q->name);
		if (!rl_utf8_valid(q->name, len))
			return rl_error(RL_EINVAL, "name is not valid UTF-8");
		if (len > RL_NAME_MAX)
			return rl_error(RL_ETOOBIG, "name is longer than %d bytes", RL_NAME_MAX);
	}
	if ((rc = notice_check_birth("birth date", q->birth, today)))
		return rc;
	if (q->sex && *q->sex) {
		if (!strcasecmp(q->sex, "M") || !strcasecmp(q->sex, "male"))
			*sex = 'M';
		else if (!strcasecmp(q->sex, "F") || !strcasecmp(q->sex, "female"))
			*sex = 'F';
		else if (strcasecmp(q->sex, "U") && strcasecmp(q->sex, "X"))
			return rl_error(RL_EINVAL, "sex '%.20s' is not M, F or unknown", q->sex);
	}
	if (q->nationality && *q->nationality) {
		if (strlen(q->nationality) != 3)
			return rl_error(RL_EINVAL, "nationality '%.20s' is not an ISO 3166 alpha-3 code", q->nationality);
		for (int i = 0; i < 3; i++)
			nat[i] = (char)(q->nationality[i] >= 'a' && q->nationality[i] <= 'z'
					? q->nationality[i] - 32 : q->nationality[i]);
		nat[3] = '\0';
		if (!country_code_valid(nat))
			return rl_error(RL_EINVAL, "unknown nationality code '%.20s'", q->nationality);
	}
	if (q->document && *q->document) {
		len = strlen(q->document);
		if (!rl_utf8_valid(q->document, len) || len > RL_NOTICE_DOC_MAX)
			return rl_error(RL_EINVAL, "document number must be valid text of at most %d bytes",
					RL_NOTICE_DOC_MAX);
	}
	if (q->plate && *q->plate) {
		if (strlen(q->plate) > RL_PLATE_MAX)
			return rl_error(RL_ETOOBIG, "plate is longer than %d bytes", RL_PLATE_MAX);
		if (match_plate_key(q->plate, key, RL_PLATE_MAX + 1))
			return rl_error(RL_EINVAL, "plate '%.40s' has no letter or digit", q->plate);
	}
	return 0;
}

/* Whether a notice is screened today and the viewer may read it. */
static bool usable(struct notice_viewer *v, const struct notice *n, const char *today)
{
	if (strcmp(n->state, "active") || strcmp(n->valid_from, today) > 0 ||
	    (n->valid_to[0] && strcmp(n->valid_to, today) < 0))
		return false;
	if (notice_viewer_check(v, n, POLICY_NOTICE_READ)) {
		rl_error_clear();
		return false;
	}
	return true;
}

static void fill_cand(struct screen_cand *c, const struct notice *n, double score, const char *why)
{
	memset(c, 0, sizeof(*c));
	memcpy(c->notice_id, n->id, sizeof(c->notice_id));
	memcpy(c->ref, n->ref, sizeof(c->ref));
	memcpy(c->kind, n->kind, sizeof(c->kind));
	memcpy(c->action, n->action, sizeof(c->action));
	memcpy(c->full_name, n->full_name, sizeof(c->full_name));
	memcpy(c->birth_date, n->birth_date, sizeof(c->birth_date));
	memcpy(c->plate, n->plate, sizeof(c->plate));
	memcpy(c->unit_code, n->unit_code, sizeof(c->unit_code));
	memcpy(c->tlp, n->tlp, sizeof(c->tlp));
	c->score = score;
	snprintf(c->why, sizeof(c->why), "%s", why);
}

struct plate_ctx {
	struct notice_viewer *v;
	const char *today;
	const char *plate;
	struct screen_cand *out;
	size_t max, *n;
};

static int plate_cb(const struct notice *n, void *data)
{
	struct plate_ctx *p = data;
	char why[MATCH_EXPLAIN_MAX];

	if (*p->n >= p->max || !usable(p->v, n, p->today))
		return 0;
	snprintf(why, sizeof(why), "plate: %s = %s (key %s)", p->plate, n->plate, n->plate_key);
	fill_cand(&p->out[(*p->n)++], n, 1.0, why);
	return 0;
}

/* The screening itself, with no counting: candidates into out. */
static int screen_core(struct rl_db *db, struct notice_viewer *v, const struct screen_query *q,
		       double threshold, const char *today, struct screen_cand *out, size_t max,
		       size_t *n)
{
	char sex, nat[4], key[RL_PLATE_MAX + 1];
	int rc;

	*n = 0;
	if ((rc = check_query(q, today, &sex, nat, key)))
		return rc;
	if (key[0]) {
		struct notice_store_filter f = { .state = "active", .plate_key = key };
		struct plate_ctx p = { .v = v, .today = today, .plate = q->plate, .out = out,
				       .max = max, .n = n };
		if ((rc = notice_store_list(db, &f, plate_cb, &p)))
			return rc;
	}
	if (q->name && *q->name && *n < max) {
		struct match_query mq = { .name = q->name, .birth = q->birth && *q->birth ? q->birth : NULL,
					  .sex = sex, .nationality = nat[0] ? nat : NULL,
					  .document = q->document && *q->document ? q->document : NULL };
		struct match_result *res = xcalloc(MATCH_RESULTS_MAX, sizeof(*res));
		size_t nres = 0;

		if ((rc = screen_index_load(db))) {
			free(res);
			return rc;
		}
		pthread_rwlock_rdlock(&index_lock);
		rc = match_query(the_index, &mq, threshold, res, MATCH_RESULTS_MAX, &nres);
		pthread_rwlock_unlock(&index_lock);
		for (size_t i = 0; !rc && i < nres && *n < max; i++) {
			struct notice nt;
			if (notice_store_get(db, res[i].id, &nt)) {
				rl_error_clear();  /* gone since: ignore */
				continue;
			}
			if (usable(v, &nt, today))
				fill_cand(&out[(*n)++], &nt, res[i].score, res[i].explanation);
			notice_release(&nt);
		}
		free(res);
		if (rc)
			return rc;
	}
	return 0;
}

static int resolve_threshold(struct rl_db *db, double *t)
{
	if (*t < 0)
		return screen_threshold(db, t);
	if (*t > 1)
		return rl_error(RL_EINVAL, "the threshold must be between 0 and 1");
	return 0;
}

/* Counts and audits, in one transaction. */
static int count(struct rl_db *db, const struct actor *a, const char *unit_id, const char *today,
		 int persons, int vehicles, int hits, const char *action, const char *summary)
{
	int rc;

	if ((rc = db_begin(db)))
		return rc;
	if (unit_id[0] && (rc = checkpoint_store_add(db, unit_id, today, persons, vehicles, hits)))
		goto fail;
	if ((rc = audit_append(db, a->audit_name, action, "checkpoint", unit_id[0] ? unit_id : NULL, summary)))
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc;
}

int screen_one(struct rl_db *db, const struct actor *a, const struct screen_query *q,
	       double threshold, struct screen_cand *out, size_t max, size_t *n)
{
	struct notice_viewer v;
	char unit_id[RL_ID_LEN + 1], today[RL_DATE_LEN + 1];
	struct strbuf sum = STRBUF_INIT;
	int rc;

	*n = 0;
	if ((rc = policy_check(a, POLICY_SCREEN, NULL)))
		return rc;
	if (max < 1 || max > RL_SCREEN_RESULTS_MAX)
		return rl_error(RL_EINVAL, "ask for 1 to %d candidates", RL_SCREEN_RESULTS_MAX);
	if ((rc = resolve_threshold(db, &threshold)) || (rc = count_unit(db, a, q->unit, unit_id)) ||
	    (rc = notice_viewer_init(&v, db, a)))
		return rc;
	rl_today(today);
	if ((rc = screen_core(db, &v, q, threshold, today, out, max, n)))
		return rc;
	bool person = q->name && *q->name, vehicle = q->plate && *q->plate;
	strbuf_addf(&sum, "screened %s%s%s: %zu candidate%s", person ? "a person" : "",
		    person && vehicle ? " and " : "", vehicle ? "a vehicle" : "", *n, *n == 1 ? "" : "s");
	for (size_t i = 0; i < *n && i < 5; i++)
		strbuf_addf(&sum, "%s%s", i ? ", " : " (", out[i].ref);
	if (*n)
		strbuf_addstr(&sum, *n > 5 ? ", ...)" : ")");
	rc = count(db, a, unit_id, today, person, vehicle, 0, "screen.check", sum.buf);
	strbuf_release(&sum);
	return rc;
}

/* ---- manifests ---- */

enum mcol { M_REF, M_NAME, M_BIRTH, M_SEX, M_NAT, M_DOC, M_PLATE, M_NCOLS };
static const char *const mcol_names[] = { "ref", "full_name", "birth_date", "sex", "nationality",
					  "document_no", "plate", NULL };

int screen_batch(struct rl_db *db, const struct actor *a, FILE *in, const char *name,
		 double threshold, const char *unit, screen_row_cb row_cb, screen_bad_cb bad_cb,
		 void *data, struct screen_batch_result *res)
{
	struct notice_viewer v;
	struct csv_reader rd;
	struct screen_cand *cands;
	int map[RL_CSV_FIELDS_MAX];
	bool have[M_NCOLS] = { false };
	char unit_id[RL_ID_LEN + 1], today[RL_DATE_LEN + 1], sum[512];
	int persons = 0, vehicles = 0, rc;
	long rows = 0;

	memset(res, 0, sizeof(*res));
	if ((rc = policy_check(a, POLICY_SCREEN, NULL)))
		return rc;
	if ((rc = resolve_threshold(db, &threshold)) || (rc = count_unit(db, a, unit, unit_id)) ||
	    (rc = notice_viewer_init(&v, db, a)))
		return rc;
	rl_today(today);
	csv_reader_init(&rd, in);
	rc = csv_read(&rd);
	if (rc == 0)
		rc = rl_error(RL_EINVAL, "%s is empty (it needs a header line)", name);
	if (rc < 0) {
		csv_reader_release(&rd);
		return rc;
	}
	rc = 0;
	for (size_t i = 0; i < rd.nfields && !rc; i++) {
		int c = -1;
		for (int k = 0; mcol_names[k]; k++)
			if (!strcmp(mcol_names[k], rd.field[i]))
				c = k;
		if (c < 0)
			rc = rl_error(RL_EINVAL, "line %ld: unknown column '%.40s'", rd.line, rd.field[i]);
		else if (have[c])
			rc = rl_error(RL_EINVAL, "line %ld: column '%s' appears twice", rd.line, mcol_names[c]);
		else {
			have[c] = true;
			map[i] = c;
		}
	}
	if (!rc && !have[M_REF])
		rc = rl_error(RL_EINVAL, "line %ld: missing column 'ref'", rd.line);
	if (!rc && !have[M_NAME] && !have[M_PLATE])
		rc = rl_error(RL_EINVAL, "line %ld: missing column 'full_name'", rd.line);
	if (rc) {
		csv_reader_release(&rd);
		return rc;
	}
	size_t ncols = rd.nfields;
	cands = xcalloc(RL_SCREEN_RESULTS_DEFAULT, sizeof(*cands));
	for (;;) {
		const char *f[M_NCOLS] = { NULL };
		char msg[RL_ERRMSG_MAX];
		size_t n = 0;
		int r = csv_read(&rd);

		if (r == 0)
			break;
		if (++rows > RL_SCREEN_BATCH_MAX) {
			rc = rl_error(RL_ETOOBIG, "%s has more than %d travellers", name, RL_SCREEN_BATCH_MAX);
			break;
		}
		if (r < 0) {
			snprintf(msg, sizeof(msg), "%s", rl_errmsg());
			res->bad++;
			/* csv_read's message already names the line: drop "line N: ". */
			const char *why = msg, *colon = strstr(msg, ": ");
			if (!strncmp(msg, "line ", 5) && colon)
				why = colon + 2;
			if ((rc = bad_cb(rd.line, why, data)))
				break;
			continue;
		}
		if (rd.nfields != ncols) {
			snprintf(msg, sizeof(msg), "expected %zu fields, found %zu", ncols, rd.nfields);
			res->bad++;
			if ((rc = bad_cb(rd.line, msg, data)))
				break;
			continue;
		}
		for (size_t i = 0; i < ncols; i++)
			f[map[i]] = rd.field[i];
		struct screen_query q = { .name = f[M_NAME], .birth = f[M_BIRTH], .sex = f[M_SEX],
					  .nationality = f[M_NAT], .document = f[M_DOC], .plate = f[M_PLATE] };
		if (!f[M_REF] || !*f[M_REF] || strlen(f[M_REF]) > RL_SHORT_MAX)
			r = rl_error(RL_EINVAL, "ref must be 1 to %d bytes", RL_SHORT_MAX);
		else
			r = screen_core(db, &v, &q, threshold, today, cands, RL_SCREEN_RESULTS_DEFAULT, &n);
		if (r == RL_EIO || r == RL_ENOMEM || r == RL_EINTERNAL) {
			rc = r;
			break;
		}
		if (r) {
			snprintf(msg, sizeof(msg), "%s", rl_errmsg());
			res->bad++;
			if ((rc = bad_cb(rd.line, msg, data)))
				break;
			continue;
		}
		res->screened++;
		persons += q.name && *q.name;
		vehicles += q.plate && *q.plate;
		if (n)
			res->flagged++;
		if ((rc = row_cb(f[M_REF], cands, n, data)))
			break;
	}
	free(cands);
	csv_reader_release(&rd);
	if (rc)
		return rc;
	snprintf(sum, sizeof(sum), "screened manifest %.200s: %d travellers, %d flagged, %d bad lines",
		 name, res->screened, res->flagged, res->bad);
	return count(db, a, unit_id, today, persons, vehicles, 0, "screen.batch", sum);
}

/* ---- hits ---- */

static const char *const taken[] = { "arrested", "seized", "protected", "informed", "checked_released",
				     "not_confirmed", "other", NULL };

static const char *default_taken(const char *action)
{
	if (!strcmp(action, "arrest"))
		return "arrested";
	if (!strcmp(action, "seize"))
		return "seized";
	if (!strcmp(action, "protect_inform"))
		return "protected";
	return "checked_released";
}

/* The data keyed in, as a JSON object (names only of the given fields). */
static void screened_json(const struct screen_query *q, char *out, size_t size)
{
	json_t *o = json_object();
	char *s;

	if (q) {
		if (q->name && *q->name) json_object_set_new(o, "name", json_string(q->name));
		if (q->birth && *q->birth) json_object_set_new(o, "birth_date", json_string(q->birth));
		if (q->sex && *q->sex) json_object_set_new(o, "sex", json_string(q->sex));
		if (q->nationality && *q->nationality) json_object_set_new(o, "nationality", json_string(q->nationality));
		if (q->document && *q->document) json_object_set_new(o, "document_no", json_string(q->document));
		if (q->plate && *q->plate) json_object_set_new(o, "plate", json_string(q->plate));
	}
	s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	snprintf(out, size, "%s", s && strlen(s) < size ? s : "{}");
	free(s);
	json_decref(o);
}

/*
 * The FLASH alert of a hit, from the sender's unit to the notice's issuing
 * unit (policy_msg_hit: the sender must be a user who may screen). The
 * hit's id is the idempotency key, so a retry by the same user replays the
 * first message instead of sending a second (and hit_store_carried finds
 * it whoever sent it).
 */
static int send_alert(struct rl_db *db, const struct actor *sender, const struct notice *n,
		      const char *hit_id, const char *at_unit_code, const char *body,
		      struct hotline_sent *sent)
{
	struct hotline_msg_input m = { 0 };
	const char *to[1] = { n->unit_id };
	char subject[160], tlp[16];
	int rc;

	snprintf(tlp, sizeof(tlp), "%s", n->tlp);
	for (char *p = tlp; *p; p++)
		*p = *p == '+' ? '_' : (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	snprintf(subject, sizeof(subject), "HIT: notice %s (%s) at %s", n->ref, n->kind,
		 at_unit_code && *at_unit_code ? at_unit_code : "a checkpoint");
	m.to = to;
	m.nto = 1;
	m.kind = "alert";
	m.priority = "flash";
	m.tlp = tlp;
	m.subject = subject;
	m.body = body;
	m.lang = "en";
	m.idem_key = hit_id;
	m.hit = true;
	/* The alert template's fields: what kind of threat, and the vehicle. */
	json_t *fields = json_pack("{s:s}", "threat",
				   !strcmp(n->kind, "wanted") || !strcmp(n->kind, "fugitive") ? "fugitive_moving"
				   : !strcmp(n->kind, "vehicle") ? "other" : "trafficking_victims");
	if (n->plate[0])
		json_object_set_new(fields, "vehicle", json_string(n->plate));
	char *fj = json_dumps(fields, JSON_COMPACT);
	json_decref(fields);
	m.fields = fj;
	rc = fj ? hotline_send(db, sender, &m, sent) : rl_error(RL_ENOMEM, "out of memory");
	free(fj);
	return rc;
}

/* When to try again after `attempts` attempts failed, as a UTC time. */
static void retry_time(int64_t now, int attempts, char out[RL_TIME_LEN + 1])
{
	int64_t wait = RL_HIT_NOTIFY_RETRY_MS;

	for (int i = 1; i < attempts && wait < RL_HIT_NOTIFY_RETRY_MAX_MS; i++)
		wait *= 2;
	rl_time_format(now + (wait < RL_HIT_NOTIFY_RETRY_MAX_MS ? wait : RL_HIT_NOTIFY_RETRY_MAX_MS), out);
}

/*
 * Records how an attempt ended, in one transaction with its audit record
 * (by the actor that made the attempt): sent by message (id, code), or
 * failed with `error` and a back-off of `attempts`. Returns the storage
 * result; the attempt's own error is not returned.
 */
static int record_attempt(struct rl_db *db, const struct actor *a, const char *notif_id,
			  const char *notice_id, const char *notice_ref, const char *to_code,
			  const char *msg_id, const char *msg_code, const char *error, int attempts)
{
	char now[RL_TIME_LEN + 1], retry[RL_TIME_LEN + 1], sum[RL_ERRMSG_MAX + 160];
	int64_t t = rl_now_ms();
	int rc;

	rl_time_format(t, now);
	if (msg_id)
		snprintf(sum, sizeof(sum), "notified %s of the hit on %s by FLASH message %s", to_code,
			 notice_ref, msg_code);
	else
		snprintf(sum, sizeof(sum), "notification to %s of the hit on %s still pending after attempt %d: %s",
			 to_code, notice_ref, attempts, error);
	retry_time(t, attempts, retry);
	if ((rc = db_begin(db)))
		return rc;
	if ((rc = msg_id ? hit_store_notify_sent(db, notif_id, now, msg_id)
			 : hit_store_notify_failed(db, notif_id, error, retry)) ||
	    (rc = audit_append(db, a->audit_name, msg_id ? "hit.notify" : "hit.notify_failed", "notice",
			       notice_id, sum))) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db);
}

/*
 * The first attempt, right after the hit is committed (the hotline runs
 * its own transaction; the notification row holds the lease meanwhile).
 * A failure leaves it pending, with the reason in out->notify_error: the
 * hit itself is recorded either way, and the server's job or `redline hit
 * resend` sends it later (hit_notify_pending).
 */
static void notify_hotline(struct rl_db *db, const struct actor *a, const struct notice *n,
			   const struct hit_rec *h, const char *body, struct hit_result *out)
{
	struct hotline_sent sent = { 0 };
	char err[RL_ERRMSG_MAX];
	int rc = send_alert(db, a, n, h->id, h->unit_code, body, &sent);

	snprintf(err, sizeof(err), "%s", rc ? rl_errmsg() : "");
	int rrc = record_attempt(db, a, out->notification_id, n->id, n->ref, n->unit_code,
				 rc ? NULL : sent.id, sent.code, err, 1);
	if (!rc && !rrc) {
		out->notified = true;
		snprintf(out->message_code, sizeof(out->message_code), "%s", sent.code);
	} else {
		/* Sent but not marked: the next pass finds the message and
		 * only marks it. */
		snprintf(out->notify_error, sizeof(out->notify_error), "%s", rc ? err : rl_errmsg());
	}
	rl_error_clear();
}

int hit_record(struct rl_db *db, const struct actor *a, const struct hit_input *in,
	       struct hit_result *out)
{
	struct notice_viewer v;
	struct notice n;
	struct hit_rec *h = &out->hit;
	char today[RL_DATE_LEN + 1], sum[512], body[1024], unit_code[RL_CODE_MAX + 1] = "";
	char lease[RL_TIME_LEN + 1];
	int64_t gen = 0;
	bool ends;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = policy_check(a, POLICY_SCREEN, NULL)))
		return rc;
	if (in->score > 1)
		return rl_error(RL_EINVAL, "score must be between 0 and 1");
	if (in->explanation && (!rl_utf8_valid(in->explanation, strlen(in->explanation)) ||
				strlen(in->explanation) >= sizeof(h->explanation)))
		return rl_error(RL_EINVAL, "explanation must be valid text under %zu bytes", sizeof(h->explanation));
	if (in->note && (!rl_utf8_valid(in->note, strlen(in->note)) || strlen(in->note) > RL_SHORT_MAX))
		return rl_error(RL_EINVAL, "note must be valid text of at most %d bytes", RL_SHORT_MAX);
	if (in->action_taken && *in->action_taken) {
		bool ok = false;
		for (int i = 0; taken[i]; i++)
			ok |= !strcmp(taken[i], in->action_taken);
		if (!ok)
			return rl_error(RL_EINVAL, "unknown action taken '%.40s' (arrested, seized, protected, informed,"
					" checked_released, not_confirmed or other)", in->action_taken);
	}
	if (in->screened) {
		char sex, nat[4], key[RL_PLATE_MAX + 1];
		rl_today(today);
		if ((in->screened->name && *in->screened->name) || (in->screened->plate && *in->screened->plate))
			if ((rc = check_query(in->screened, today, &sex, nat, key)))
				return rc;
	}
	if ((rc = count_unit(db, a, in->unit, h->unit_id)) || (rc = notice_viewer_init(&v, db, a)))
		return rc;
	if (!in->notice || !*in->notice)
		return rl_error(RL_EINVAL, "no notice given");
	if ((rc = notice_store_get(db, in->notice, &n)))
		return rc;
	if ((rc = notice_viewer_check(&v, &n, POLICY_NOTICE_READ))) {
		notice_release(&n);
		return rc == RL_ENOTFOUND ? rl_error(RL_ENOTFOUND, "no such notice '%.64s'", in->notice) : rc;
	}
	if (strcmp(n.state, "active")) {
		rc = rl_error(RL_ECONFLICT, "notice %s is %s, not active", n.ref, n.state);
		notice_release(&n);
		return rc;
	}
	rl_today(today);
	rl_id_new(h->id);
	memcpy(h->notice_id, n.id, sizeof(h->notice_id));
	memcpy(h->notice_ref, n.ref, sizeof(h->notice_ref));
	snprintf(h->user_login, sizeof(h->user_login), "%s", a->audit_name);
	rl_time_format(rl_now_ms(), h->at);
	h->score = in->score < 0 ? 1.0 : in->score;
	snprintf(h->explanation, sizeof(h->explanation), "%s", in->explanation ? in->explanation : "");
	snprintf(h->action_taken, sizeof(h->action_taken), "%s",
		 in->action_taken && *in->action_taken ? in->action_taken : default_taken(n.action));
	snprintf(h->note, sizeof(h->note), "%s", in->note ? in->note : "");
	screened_json(in->screened, h->screened, sizeof(h->screened));
	if (h->unit_id[0]) {
		struct unit u;
		if (!unit_store_find(db, h->unit_id, NULL, &u))
			memcpy(unit_code, u.code, sizeof(unit_code));
		rl_error_clear();
	}
	memcpy(h->unit_code, unit_code, sizeof(h->unit_code));
	ends = !strcmp(h->action_taken, "arrested") || !strcmp(h->action_taken, "seized") ||
	       !strcmp(h->action_taken, "protected");
	snprintf(body, sizeof(body),
		 "HIT on notice %s (%s%s%s) at %s by %s, score %.2f, action taken: %s.%s%s",
		 n.ref, n.kind, n.full_name[0] ? ", " : "", n.full_name[0] ? n.full_name : n.plate,
		 unit_code[0] ? unit_code : "the node", a->audit_name, h->score, h->action_taken,
		 h->note[0] ? " Note: " : "", h->note);
	snprintf(sum, sizeof(sum), "hit on notice %s at %s, score %.2f, %s%s", n.ref,
		 unit_code[0] ? unit_code : "-", h->score, h->action_taken, ends ? "; notice ended as hit" : "");
	rl_time_format(rl_now_ms() + RL_HIT_NOTIFY_LEASE_MS, lease);
	if ((rc = db_begin(db)))
		goto out;
	if ((rc = hit_store_insert(db, h)) ||
	    (ends && (rc = notice_store_set_state(db, n.id, "hit", a->audit_name, h->at, "subject found"))) ||
	    (ends && (rc = notice_store_bump_gen(db, &gen))) ||
	    (h->unit_id[0] && (rc = checkpoint_store_add(db, h->unit_id, today, 0, 0, 1))) ||
	    (rc = hit_store_notify(db, h->id, h->unit_id, n.unit_id, body, h->at, lease, out->notification_id)) ||
	    (rc = audit_append(db, a->audit_name, "hit.record", "notice", n.id, sum))) {
		db_rollback(db);
		goto out;
	}
	if ((rc = db_commit(db)))
		goto out;
	snprintf(out->notice_state, sizeof(out->notice_state), "%s", ends ? "hit" : n.state);
	memcpy(out->issuing_unit, n.unit_code, sizeof(out->issuing_unit));
	notify_hotline(db, a, &n, h, body, out);
	if (ends) {
		snprintf(n.state, sizeof(n.state), "hit");
		screen_index_update(&n);
		screen_index_changed(gen);
	}
out:
	notice_release(&n);
	return rc;
}

/* ---- pending notifications ---- */

/* Whose pending notifications the actor handles: the system actor all
 * (*unit_id ""), a user who may screen those of their own unit. */
static int pending_scope(const struct actor *a, const char **unit_id)
{
	int rc;

	*unit_id = NULL;
	if (a->system)
		return 0;
	if ((rc = policy_check(a, POLICY_SCREEN, NULL)))
		return rc;
	*unit_id = a->unit_id;
	return 0;
}

struct pending_list {
	struct hit_pending *v;
	size_t n, alloc;
};

static int collect_pending(const struct hit_pending *p, void *data)
{
	struct pending_list *l = data;

	ALLOC_GROW(l->v, l->n + 1, l->alloc);
	l->v[l->n++] = *p;
	return 0;
}

int hit_pending_list(struct rl_db *db, const struct actor *a,
		     int (*cb)(const struct hit_pending *, void *), void *data)
{
	const char *unit_id;
	int rc;

	if ((rc = pending_scope(a, &unit_id)))
		return rc;
	return hit_store_pending(db, NULL, false, unit_id, false, RL_HIT_NOTIFY_BATCH, cb, data);
}

/* Who sends p for actor a: a user sends as themselves; the system actor
 * on behalf of the user who recorded the hit, if that user still may. 0,
 * or RL_EDENIED with why it cannot. */
static int pending_sender(struct rl_db *db, const struct actor *a, const struct hit_pending *p,
			  struct actor *sender)
{
	const char *where = p->from_unit_code[0] ? p->from_unit_code : "the checkpoint";

	if (!a->system) {
		*sender = *a;
		return 0;
	}
	if (strncmp(p->user_login, "user:", 5))
		return rl_error(RL_EDENIED, "the hit was recorded by %s, not a user: a user of %s sends it"
				" (redline --as LOGIN hit resend)", p->user_login, where);
	if (account_actor(db, p->user_login + 5, sender) || policy_msg_hit(sender))
		return rl_error(RL_EDENIED, "%s, who recorded the hit, cannot send it any more: a user of %s"
				" sends it (redline --as LOGIN hit resend)", p->user_login + 5, where);
	return 0;
}

/* One attempt at p; fills o. A storage failure is returned. */
static int attempt_one(struct rl_db *db, const struct actor *a, const struct hit_pending *p,
		       bool force, struct hit_notify_outcome *o)
{
	struct actor sender;
	struct hotline_sent sent = { 0 };
	struct notice n;
	char now[RL_TIME_LEN + 1], lease[RL_TIME_LEN + 1], msg_id[RL_ID_LEN + 1];
	int64_t t = rl_now_ms();
	bool claimed;
	int rc;

	memset(o, 0, sizeof(*o));
	o->p = p;
	rl_time_format(t, now);
	rl_time_format(t + RL_HIT_NOTIFY_LEASE_MS, lease);
	if ((rc = db_begin(db)))
		return rc;
	if ((rc = hit_store_notify_claim(db, p->id, now, force, lease, &claimed)) || (rc = db_commit(db))) {
		db_rollback(db);
		return rc;
	}
	if (!claimed) {
		o->busy = true;
		return 0;
	}
	/* A message may have carried it already (its "sent" mark was lost):
	 * then only the mark is written. */
	rc = hit_store_carried(db, p->hit_id, p->to_unit_id, msg_id, o->message_code, sizeof(o->message_code));
	if (!rc) {
		o->sent = o->carried_before = true;
		return record_attempt(db, a, p->id, p->notice_id, p->notice_ref, p->to_unit_code, msg_id,
				      o->message_code, NULL, p->attempts + 1);
	}
	if (rc != RL_ENOTFOUND)
		return rc;
	rl_error_clear();
	if (!(rc = pending_sender(db, a, p, &sender))) {
		if ((rc = notice_store_get(db, p->notice_id, &n)))
			return rc;
		rc = send_alert(db, &sender, &n, p->hit_id, p->from_unit_code, p->body, &sent);
		notice_release(&n);
	}
	if (rc)
		snprintf(o->error, sizeof(o->error), "%s", rl_errmsg());
	else
		snprintf(o->message_code, sizeof(o->message_code), "%s", sent.code);
	rl_error_clear();
	o->sent = !rc;
	return record_attempt(db, rc ? a : &sender, p->id, p->notice_id, p->notice_ref, p->to_unit_code,
			      rc ? NULL : sent.id, o->message_code, o->error, p->attempts + 1);
}

int hit_notify_pending(struct rl_db *db, const struct actor *a, bool force,
		       int (*cb)(const struct hit_notify_outcome *, void *), void *data,
		       int *sent, int *left)
{
	struct pending_list l = { 0 };
	const char *unit_id;
	char now[RL_TIME_LEN + 1];
	int rc;

	*sent = *left = 0;
	if ((rc = pending_scope(a, &unit_id)))
		return rc;
	rl_time_format(rl_now_ms(), now);
	/* The system actor sends only in a user's name: hits the operator
	 * recorded wait for a user of their unit (and must not fill every
	 * batch). */
	if ((rc = hit_store_pending(db, now, force, unit_id, a->system, RL_HIT_NOTIFY_BATCH,
				    collect_pending, &l)))
		goto out;
	for (size_t i = 0; i < l.n && !rc; i++) {
		struct hit_notify_outcome o;
		if ((rc = attempt_one(db, a, &l.v[i], force, &o)))
			break;
		if (o.busy)
			continue;
		o.sent ? (*sent)++ : (*left)++;
		if (cb && (rc = cb(&o, data)))
			break;
	}
out:
	free(l.v);
	return rc;
}

int hit_list(struct rl_db *db, const struct actor *a, const char *notice,
	     int (*cb)(const struct hit_rec *, void *), void *data)
{
	struct notice n;
	int rc;

	if ((rc = notice_get(db, a, notice, &n)))
		return rc;
	rc = hit_store_list(db, n.id, cb, data);
	notice_release(&n);
	return rc;
}

int checkpoint_stats(struct rl_db *db, const struct actor *a, const char *from, const char *to,
		     const char *unit, int (*cb)(const struct checkpoint_day *, void *), void *data)
{
	struct policy_target t = { 0 };
	struct unit u;
	const char *unit_id = NULL;
	int rc;

	if (!from || !rl_date_valid(from))
		return rl_error(RL_EINVAL, "from must be a date YYYY-MM-DD");
	if (!to || !rl_date_valid(to))
		return rl_error(RL_EINVAL, "to must be a date YYYY-MM-DD");
	if (strcmp(from, to) > 0)
		return rl_error(RL_EINVAL, "from is after to");
	if (unit && *unit) {
		if ((rc = unit_store_find(db, unit, NULL, &u)))
			return rc;
		unit_id = u.id;
	} else if (!a->system && !(a->roles & (ROLE_ANALYST | ROLE_SUPERVISOR | ROLE_ADMIN))) {
		unit_id = a->unit_id;   /* checkpoint users: their own unit */
	}
	t.unit_id = unit_id;
	t.actor_in_unit = unit_id && !strcmp(unit_id, a->unit_id);
	if ((rc = policy_check(a, POLICY_CHECKPOINT_STATS, &t)))
		return rc;
	return checkpoint_store_list(db, from, to, unit_id, cb, data);
}
