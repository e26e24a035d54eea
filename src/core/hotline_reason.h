/*
 * hotline_reason.h: the sentences of a thread's timeline (why a message
 * went up a level, who was told, what was linked) as a code with
 * parameters, rendered in the reader's language (vi, lo, en, fr). The
 * timeline stores the code and its parameters (migration 0008) next to
 * the English text kept for older clients; rows from before 0008 are read
 * back from that English text.
 *
 * Codes and parameters (unit codes and references are shown as written):
 *   ack_overdue, reply_overdue, nobody_on_duty   {from, to}: an escalation
 *   no_level_above                               {unit, why}: why is one of
 *                                                the three codes above
 *   informed                                     {unit, to}
 *   forwarded, forwarded_note                    {to} / {to, note}
 *   linked, unlinked                             {kind, ref, country?, id}
 *   linked_hidden, unlinked_hidden               {kind}: a record this reader
 *                                                may not see
 *   closed, closed_note                          {} / {note}: the sender closed
 *                                                it, with the note as written
 *   attached                                     {file, size}: the file name as
 *                                                written, its size in bytes (shown
 *                                                in KiB); rows from before the
 *                                                code keep "" (detail: the name)
 *
 * Ownership: params are borrowed; *params results are new references the
 * caller decrefs.
 */
#ifndef RL_CORE_HOTLINE_REASON_H
#define RL_CORE_HOTLINE_REASON_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "util/strbuf.h"

/* Appends the sentence of code with params in lang (en if unknown) to
 * out; false (out untouched) if the code is not one of the above. */
bool hotline_reason_text(const char *code, json_t *params, const char *lang, struct strbuf *out);

/* For a timeline row without a code: the code and params its `what` and
 * English detail stand for; code "" and *params NULL when none. */
void hotline_reason_derive(const char *what, const char *detail, char *code, size_t size,
			   json_t **params);

#endif
