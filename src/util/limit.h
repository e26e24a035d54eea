/*
 * limit.h: every size and count limit of Redline, in one place, each with
 * its reason. Code that enforces a limit names the macro here; tests that
 * probe a limit use the same macro, so changing a limit is one edit.
 */
#ifndef RL_UTIL_LIMIT_H
#define RL_UTIL_LIMIT_H

/* Error messages: one line a person reads; longer means a bug in a caller. */
#define RL_ERRMSG_MAX 512

/* Identifiers: a ULID is 26 Crockford base32 characters. */
#define RL_ID_LEN 26

/* Unit codes such as "VN-22-C0104": ISO 3166-2 plus our suffixes. */
#define RL_CODE_MAX 32

/* A name (unit, person, user's full name), in bytes of UTF-8. Lao and
 * Vietnamese take up to 3 bytes a character; 200 bytes hold the longest
 * official unit names with room, and bound matcher work per name. */
#define RL_NAME_MAX 200

/* Logins: short, typed by hand at a post. */
#define RL_LOGIN_MAX 64

/* Passwords: at least 10 characters (NIST 800-63B minimum is 8; duty
 * accounts are shared more than we like); at most 1024 bytes so Argon2id
 * is not fed megabytes by an attacker. */
#define RL_PASSWORD_MIN 10
#define RL_PASSWORD_MAX 1024

/* Free text fields: message bodies, case summaries, reasons. 64 KiB is
 * pages of text; attachments are separate. */
#define RL_TEXT_MAX (64 * 1024)

/* Short text fields: contact hours, call signs, phone numbers, e-mail. */
#define RL_SHORT_MAX 256

/* A CSV line of an import file, in bytes. Lines are rows of a spreadsheet,
 * never documents; a longer line is a broken file. */
#define RL_CSV_LINE_MAX (64 * 1024)

/* Fields in one CSV line. */
#define RL_CSV_FIELDS_MAX 64

/* Rows a list page may return. The console shows 50; API clients that
 * want more page with the cursor. */
#define RL_PAGE_DEFAULT 50
#define RL_PAGE_MAX 500

/* HTTP: a request body. Sign-in, messages and edits are small; bulk imports
 * through the API have their own, larger limit. */
#define RL_HTTP_BODY_MAX (1024 * 1024)
#define RL_HTTP_IMPORT_MAX (32 * 1024 * 1024)

/* HTTP: bytes of an over-limit chunked body (whose size is not known from
 * the headers) read and thrown away so the client still gets its 413:
 * libmicrohttpd 0.9.75 cannot answer in the middle of a body. A body that
 * goes on past this is cut off by closing the connection. */
#define RL_HTTP_BODY_DISCARD_MAX (1024 * 1024)

/* HTTP: all request headers together; browsers send a few KiB. */
#define RL_HTTP_HEADER_MAX (16 * 1024)

/* HTTP: the memory libmicrohttpd gives one connection (request line,
 * headers, the buffer the body is read through, response headers). Twice
 * RL_HTTP_HEADER_MAX, so headers up to that limit get Redline's own JSON
 * 431 reply; much larger ones overflow the pool and libmicrohttpd answers
 * 431 (or 414 for a long request line) by itself. */
#define RL_HTTP_CONN_MEMORY (2 * RL_HTTP_HEADER_MAX)

/* HTTP: worker threads of `redline serve`, each with its own database
 * connection. Four serve a ministry's console users on a small VM (SQLite
 * serialises writes anyway); more than 64 only adds connections. */
#define RL_HTTP_THREADS_DEFAULT 4
#define RL_HTTP_THREADS_MAX 64

/* HTTP: bytes of a request path kept in the access log; longer paths are
 * probes, not pages. */
#define RL_HTTP_LOG_PATH_MAX 256

/* TLS: a PEM certificate chain or key file; real ones are a few KiB. */
#define RL_TLS_PEM_MAX (1024 * 1024)

/* JSON nesting depth accepted from clients: our documents nest 4 deep;
 * deeper input is an attack on the parser's stack. */
#define RL_JSON_DEPTH_MAX 16

/* HTTP: seconds an idle connection is kept; commune links are slow, so
 * generous, but bounded against slowloris. */
#define RL_HTTP_CONN_TIMEOUT_S 30

/* HTTP: concurrent connections, in all and per client address. */
#define RL_HTTP_CONN_MAX 512
#define RL_HTTP_CONN_PER_IP 64

/* Audit: the summary of one change, in bytes. */
#define RL_AUDIT_SUMMARY_MAX 4096

/* Cases: a case reference such as "VN-22-2022-000123"; references are
 * typed and printed on forms, so short. */
#define RL_CASE_REF_MAX 64

/* Cases: one JSON Lines record (a case with its persons and seizures). The
 * biggest real case files hold a few hundred persons; 1 MiB is ample and
 * bounds the parser's memory per line. */
#define RL_CASE_LINE_MAX (1024 * 1024)

/* Cases: persons and seizures in one case, names and documents of one
 * person. Past these a record is a broken export, not a case. */
#define RL_CASE_PERSONS_MAX 1000
#define RL_CASE_SEIZURES_MAX 500
#define RL_PERSON_NAMES_MAX 16
#define RL_PERSON_DOCS_MAX 16

/* Seizures: the largest quantity one seizure may record. The region's
 * biggest seizures were tens of tonnes of precursors and ~55 million
 * methamphetamine tablets (Laos, 2022); ten times more is a typing error
 * (grams entered as kg, an extra zero) that would distort every report. */
#define RL_SEIZURE_MASS_MAX_KG 100000LL      /* 100 tonnes */
#define RL_SEIZURE_VOLUME_MAX_L 1000000LL    /* 1,000 cubic metres */
#define RL_SEIZURE_TABLETS_MAX 500000000LL
#define RL_SEIZURE_PLANTS_MAX 50000000LL

/* Persons: birth years before this are typing errors. */
#define RL_BIRTH_YEAR_MIN 1900
/* Sign-in throttling: a person mistypes a few times; a guesser tries
 * thousands. Five failures on one login within 15 minutes lock that login
 * for 15 minutes; one client address gets more (a post's officers share
 * one NAT address) before it is locked out the same way. */
#define RL_SIGNIN_ACCOUNT_FAILS 5
#define RL_SIGNIN_IP_FAILS 20
#define RL_SIGNIN_WINDOW_MS (15 * 60 * 1000)
#define RL_SIGNIN_LOCK_MS (15 * 60 * 1000)

/* Sessions: idle after 30 minutes (a console left open at a post), and at
 * most one 12-hour duty shift however active. */
#define RL_SESSION_IDLE_MS (30 * 60 * 1000)
#define RL_SESSION_ABSOLUTE_MS (12 * 60 * 60 * 1000)

/* A client address as text: an IPv6 address with zone fits in 64 bytes. */
#define RL_CLIENT_IP_MAX 64

/* Notices: a human reference such as "VN-22-2026-0001" or an imported
 * file's own numbering; short enough to read over a radio. */
#define RL_NOTICE_REF_MAX 32

/* Aliases of one notice's subject: with the primary name they fill the
 * matcher's MATCH_NAMES_MAX (8) names of one entry. */
#define RL_NOTICE_ALIASES_MAX 7

/* Document numbers of one notice's subject (passport, ID card, ...),
 * each at most RL_NOTICE_DOC_MAX bytes (MRZ numbers are 9, national IDs 12). */
#define RL_NOTICE_DOCS_MAX 4
#define RL_NOTICE_DOC_MAX 32

/* A vehicle plate as written, in bytes; the longest plates of the region
 * with spaces and dots are under 16 characters. */
#define RL_PLATE_MAX 32

/* Lines of one notice import file: the largest national watchlist is
 * tens of thousands of rows; more is a wrong file. */
#define RL_NOTICE_IMPORT_MAX 200000

/* Candidates one screening returns: an officer at a counter reads them. */
#define RL_SCREEN_RESULTS_DEFAULT 10
#define RL_SCREEN_RESULTS_MAX 50

/* Travellers of one batch screening (a bus or a flight manifest is at
 * most a few hundred; a day's list of a post a few thousand). The API
 * takes the manifest inside a JSON body of at most RL_HTTP_BODY_MAX. */
#define RL_SCREEN_BATCH_MAX 20000

/* Hit notifications that could not be sent at the hit (core/screen.c):
 * a sender holds one for RL_HIT_NOTIFY_LEASE_MS while it sends (far more
 * than a hotline send takes, so two senders never both send it); after a
 * failure the next try waits RL_HIT_NOTIFY_RETRY_MS, doubling per attempt
 * up to RL_HIT_NOTIFY_RETRY_MAX_MS, so a notification that keeps failing
 * costs a few attempts an hour; one pass of the server's job or of `hit
 * resend` handles at most RL_HIT_NOTIFY_BATCH (the rest wait for the next). */
#define RL_HIT_NOTIFY_LEASE_MS (2 * 60 * 1000)
#define RL_HIT_NOTIFY_RETRY_MS (60 * 1000)
#define RL_HIT_NOTIFY_RETRY_MAX_MS (60 * 60 * 1000)
#define RL_HIT_NOTIFY_BATCH 100

/* Hotline: a message subject, in bytes; a line an officer reads at a
 * glance in an inbox. */
#define RL_SUBJECT_MAX 512
/* Hotline: units one message is addressed to. A sender picks a few; a
 * ministry circular goes as several messages. */
#define RL_ADDRESSEES_MAX 16
/* Hotline: a client's Idempotency-Key, in bytes (a UUID is 36). */
#define RL_IDEM_KEY_MAX 128
/* Hotline: one attachment, in bytes: scanned documents and photos fit in
 * 10 MiB; larger evidence travels on other channels. A message holds at
 * most RL_ATTACHMENTS_MAX of them. */
#define RL_ATTACHMENT_MAX (10 * 1024 * 1024)
#define RL_ATTACHMENTS_MAX 16
/* Hotline: inbox counts stop here ("1000+"): an exact count of a unit
 * with a million messages would cost every inbox page a full scan. The
 * counters of migration 0012 are exact; the cap still bounds the overdue
 * walk when RL_COUNT_AHEAD_MAX deadlines lie ahead, and keeps the reply
 * the console reads. */
#define RL_COUNT_CAP 1000
/* Hotline: the inbox's overdue count walks at most this many rows whose
 * deadline is still ahead (a day's messages of a busy unit) before it
 * walks the overdue rows instead; see msg_store_inbox_counts(). */
#define RL_COUNT_AHEAD_MAX 1000
/* Hotline search: messages matched by the text before the reader's rights
 * are checked, bounding the work of one query; the newest come first. */
#define RL_SEARCH_SCAN_MAX 5000
/* Hotline: messages one escalation pass handles; the rest wait for the
 * next pass (every few seconds), so one pass never holds the write lock
 * for long. */
#define RL_ESCALATE_BATCH 200
/* CLI operands one command takes between its options: `unit link` and
 * `unit merge` name many unit codes at once; more is a scripting mistake. */
#define RL_CLI_OPERANDS_MAX 70

/* Deployment settings (core/config.c): a key ("hotline.ack.flash") and
 * its value's text ("1h30m"), in bytes. */
#define RL_SETTING_KEY_MAX 64
#define RL_SETTING_VALUE_MAX 32
/* Hotline deadlines an administrator may set, in milliseconds. An
 * acknowledgement deadline under a minute escalates before an officer can
 * read the message; over 30 days it no longer guards anything. A reply
 * deadline from 10 minutes (a flash request) to 90 days (EU Directive
 * 2023/977 allows up to 14 days for most requests: 90 leaves room for
 * slow national procedures). */
#define RL_ACK_DEADLINE_MIN_MS (60LL * 1000)
#define RL_ACK_DEADLINE_MAX_MS (30LL * 24 * 60 * 60 * 1000)
#define RL_REPLY_DEADLINE_MIN_MS (10LL * 60 * 1000)
#define RL_REPLY_DEADLINE_MAX_MS (90LL * 24 * 60 * 60 * 1000)
/* Hotline: links from one message to other records (cases, persons,
 * notices); a message cites a handful, a list of hundreds belongs in a case. */
#define RL_MSG_LINKS_MAX 32

#endif
