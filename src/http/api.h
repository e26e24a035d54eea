/*
 * api.h: the JSON API's handlers, one group per module (api_<module>.c),
 * listed in router.c's table. See router.h for how a handler is written.
 */
#ifndef RL_HTTP_API_H
#define RL_HTTP_API_H

#include "http/router.h"

/* api_basic.c: health, and the routes of the API tests. */
int api_healthz(struct http_req *r, struct http_resp *out);
int api_test_clock(struct http_req *r, struct http_resp *out);
int api_test_echo(struct http_req *r, struct http_resp *out);

/* api_session.c: sign in, sign out, who am I. */
int api_session_create(struct http_req *r, struct http_resp *out);
int api_session_delete(struct http_req *r, struct http_resp *out);
int api_me(struct http_req *r, struct http_resp *out);

/* api_units.c: the directory. */
int api_countries(struct http_req *r, struct http_resp *out);
int api_units_list(struct http_req *r, struct http_resp *out);
int api_units_tree(struct http_req *r, struct http_resp *out);
int api_unit_get(struct http_req *r, struct http_resp *out);
int api_unit_create(struct http_req *r, struct http_resp *out);
int api_unit_patch(struct http_req *r, struct http_resp *out);
int api_unit_contact_add(struct http_req *r, struct http_resp *out);
int api_unit_contact_delete(struct http_req *r, struct http_resp *out);
int api_unit_counterpart_add(struct http_req *r, struct http_resp *out);
int api_units_merge(struct http_req *r, struct http_resp *out);
/* api_users.c: user accounts. */
int api_users_list(struct http_req *r, struct http_resp *out);
int api_users_create(struct http_req *r, struct http_resp *out);
int api_users_get(struct http_req *r, struct http_resp *out);
int api_users_patch(struct http_req *r, struct http_resp *out);
int api_users_password(struct http_req *r, struct http_resp *out);
/* api_cases.c: cases, persons, statistics, vocabularies. */
int api_cases_list(struct http_req *r, struct http_resp *out);
int api_case_get(struct http_req *r, struct http_resp *out);
int api_case_create(struct http_req *r, struct http_resp *out);
int api_case_patch(struct http_req *r, struct http_resp *out);
int api_case_person_remove(struct http_req *r, struct http_resp *out);
int api_case_seizure_remove(struct http_req *r, struct http_resp *out);
int api_person_get(struct http_req *r, struct http_resp *out);
int api_persons_merges(struct http_req *r, struct http_resp *out);
int api_cases_import(struct http_req *r, struct http_resp *out);
int api_persons_search(struct http_req *r, struct http_resp *out);
int api_persons_duplicates(struct http_req *r, struct http_resp *out);
int api_persons_merge(struct http_req *r, struct http_resp *out);
int api_persons_unmerge(struct http_req *r, struct http_resp *out);
int api_reports_stats(struct http_req *r, struct http_resp *out);
int api_reports_stats_csv(struct http_req *r, struct http_resp *out);
int api_reports_conference(struct http_req *r, struct http_resp *out);
int api_vocab(struct http_req *r, struct http_resp *out);

/* api_notices.c: notices, screening, hits, checkpoint statistics. */
int api_notices_list(struct http_req *r, struct http_resp *out);
int api_notices_create(struct http_req *r, struct http_resp *out);
int api_notice_get(struct http_req *r, struct http_resp *out);
int api_notice_approve(struct http_req *r, struct http_resp *out);
int api_notice_withdraw(struct http_req *r, struct http_resp *out);
int api_notice_link(struct http_req *r, struct http_resp *out);
int api_screen(struct http_req *r, struct http_resp *out);
int api_screen_batch(struct http_req *r, struct http_resp *out);
int api_hits_create(struct http_req *r, struct http_resp *out);
int api_hits_pending(struct http_req *r, struct http_resp *out);
int api_hits_resend(struct http_req *r, struct http_resp *out);
int api_checkpoint_stats(struct http_req *r, struct http_resp *out);

/* api_messages.c: the hotline. */
int api_msg_send(struct http_req *r, struct http_resp *out);
int api_msg_list(struct http_req *r, struct http_resp *out);
int api_msg_get(struct http_req *r, struct http_resp *out);
int api_msg_ack(struct http_req *r, struct http_resp *out);
int api_msg_reply(struct http_req *r, struct http_resp *out);
int api_msg_forward(struct http_req *r, struct http_resp *out);
int api_msg_close(struct http_req *r, struct http_resp *out);
int api_msg_search(struct http_req *r, struct http_resp *out);
int api_msg_attach(struct http_req *r, struct http_resp *out);
int api_msg_link_add(struct http_req *r, struct http_resp *out);
int api_msg_link_remove(struct http_req *r, struct http_resp *out);
int api_attachment_get(struct http_req *r, struct http_resp *out);
int api_hotline_templates(struct http_req *r, struct http_resp *out);
int api_hotline_addressees(struct http_req *r, struct http_resp *out);
int api_duty_set(struct http_req *r, struct http_resp *out);
int api_duty_list(struct http_req *r, struct http_resp *out);

/* api_config.c: deployment settings (administrators). */
int api_config_list(struct http_req *r, struct http_resp *out);
int api_config_get(struct http_req *r, struct http_resp *out);
int api_config_put(struct http_req *r, struct http_resp *out);
int api_config_delete(struct http_req *r, struct http_resp *out);

#endif
