/* Every function of scrubjay.h: statuses, buffer round trips, NULL arguments, invalid
 * UTF-8, errors, reports, version. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scrubjay.h"

static int failures;
#define CHECK(cond)                                                              \
    do {                                                                         \
        if (!(cond)) {                                                           \
            failures++;                                                          \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                        \
    } while (0)

#define S(lit) (const uint8_t *)(lit), strlen(lit)

static void version(void) {
    char want[64];
    snprintf(want, sizeof want, "%d.%d.%d", SCRUBJAY_VERSION_MAJOR, SCRUBJAY_VERSION_MINOR,
             SCRUBJAY_VERSION_PATCH);
    CHECK(strcmp(scrubjay_version(), want) == 0);
}

static void redact(scrubjay_engine *e) {
    const char *in = "card 4111 1111 1111 1111 for john.doe@company.com";
    const char *want = "card [REDACTED:credit_card] for [REDACTED:email]";
    uint8_t small[8], big[256];
    size_t len = 0;
    CHECK(scrubjay_redact(e, S(in), small, sizeof small, &len) == SCRUBJAY_STATUS_BUFFER_TOO_SMALL);
    CHECK(len == strlen(want));
    CHECK(scrubjay_redact(e, S(in), big, len, &len) == SCRUBJAY_STATUS_OK);
    CHECK(len == strlen(want) && memcmp(big, want, len) == 0);
    /* Nothing to redact: reported unchanged, nothing written. */
    memset(big, 'x', sizeof big);
    CHECK(scrubjay_redact(e, S("GET /health 200"), big, sizeof big, &len) == SCRUBJAY_STATUS_UNCHANGED);
    CHECK(len == strlen("GET /health 200") && big[0] == 'x');
    /* Empty input, NULL input with length 0. */
    CHECK(scrubjay_redact(e, NULL, 0, NULL, 0, &len) == SCRUBJAY_STATUS_UNCHANGED && len == 0);
    /* Invalid UTF-8 is redacted at byte level, the invalid bytes kept. */
    const uint8_t bad[] = {0xff, ' ', 'a', '@', 'b', '.', 'i', 'o', ' ', 0xc3};
    CHECK(scrubjay_redact(e, bad, sizeof bad, big, sizeof big, &len) == SCRUBJAY_STATUS_OK);
    CHECK(len == 1 + 1 + strlen("[REDACTED:email]") + 2 && big[0] == 0xff && big[len - 1] == 0xc3);
    /* NULL arguments. */
    CHECK(scrubjay_redact(NULL, S(in), big, sizeof big, &len) == SCRUBJAY_STATUS_INVALID_ARGUMENT);
    CHECK(scrubjay_redact(e, NULL, 5, big, sizeof big, &len) == SCRUBJAY_STATUS_INVALID_ARGUMENT);
    CHECK(scrubjay_redact(e, S(in), big, sizeof big, NULL) == SCRUBJAY_STATUS_INVALID_ARGUMENT);

    char *s = NULL;
    CHECK(scrubjay_redact_alloc(e, S(in), &s, &len) == SCRUBJAY_STATUS_OK);
    CHECK(s && strcmp(s, want) == 0 && len == strlen(want));
    scrubjay_string_free(s);
    CHECK(scrubjay_redact_alloc(e, S("nothing here"), &s, &len) == SCRUBJAY_STATUS_UNCHANGED);
    CHECK(s && strcmp(s, "nothing here") == 0);
    scrubjay_string_free(s);
    scrubjay_string_free(NULL);
    CHECK(scrubjay_redact_alloc(e, S(in), NULL, &len) == SCRUBJAY_STATUS_INVALID_ARGUMENT);

    const char *doc = "{\"user\":{\"password\":\"hunter2\",\"id\":7},\"note\":\"a@b.io\"}";
    CHECK(scrubjay_redact_json(e, S(doc), big, sizeof big, &len) == SCRUBJAY_STATUS_OK);
    const char *want_doc = "{\"user\":{\"password\":\"[REDACTED:password]\",\"id\":7},\"note\":\"[REDACTED:email]\"}";
    CHECK(len == strlen(want_doc) && memcmp(big, want_doc, len) == 0);
    CHECK(scrubjay_redact_json(e, S("{not json"), big, sizeof big, &len) == SCRUBJAY_STATUS_INVALID_INPUT);
    CHECK(scrubjay_redact_json(e, bad, sizeof bad, big, sizeof big, &len) == SCRUBJAY_STATUS_INVALID_UTF8);
}

static void attributes(scrubjay_engine *e) {
    scrubjay_attribute a[5];
    memset(a, 0, sizeof a);
    const char *keys[] = {"db.password", "http.status_code", "exception.message", "ratio", "payment.ref"};
    for (int i = 0; i < 5; i++) {
        a[i].key = (const uint8_t *)keys[i];
        a[i].key_len = strlen(keys[i]);
    }
    a[0].kind = SCRUBJAY_VALUE_STRING, a[0].str_value = (const uint8_t *)"hunter2", a[0].str_len = 7;
    a[1].kind = SCRUBJAY_VALUE_INT, a[1].int_value = 200;
    a[2].kind = SCRUBJAY_VALUE_BYTES, a[2].str_value = (const uint8_t *)"no user x@y.io\xff", a[2].str_len = 15;
    a[3].kind = SCRUBJAY_VALUE_DOUBLE, a[3].double_value = 0.5;
    a[4].kind = SCRUBJAY_VALUE_INT, a[4].int_value = 4111111111111111LL;
    size_t needed = 0;
    CHECK(scrubjay_redact_attributes(e, a, 5, NULL, 0, &needed) == SCRUBJAY_STATUS_BUFFER_TOO_SMALL);
    uint8_t *buf = malloc(needed);
    CHECK(scrubjay_redact_attributes(e, a, 5, buf, needed, &needed) == SCRUBJAY_STATUS_OK);
    CHECK(a[0].outcome == SCRUBJAY_OUTCOME_REPLACE);
    CHECK(a[0].replacement_len == strlen("[REDACTED:password]") &&
          memcmp(buf + a[0].replacement_offset, "[REDACTED:password]", a[0].replacement_len) == 0);
    CHECK(a[1].outcome == SCRUBJAY_OUTCOME_KEEP && a[3].outcome == SCRUBJAY_OUTCOME_KEEP);
    CHECK(a[2].outcome == SCRUBJAY_OUTCOME_REPLACE);
    CHECK(a[2].replacement_len == strlen("no user [REDACTED:email]\xef\xbf\xbd") &&
          memcmp(buf + a[2].replacement_offset, "no user [REDACTED:email]", 24) == 0);
    CHECK(a[4].outcome == SCRUBJAY_OUTCOME_REPLACE &&
          memcmp(buf + a[4].replacement_offset, "[REDACTED:credit_card]", a[4].replacement_len) == 0);
    free(buf);
    CHECK(scrubjay_redact_attributes(e, a + 1, 1, NULL, 0, &needed) == SCRUBJAY_STATUS_UNCHANGED && needed == 0);
    CHECK(scrubjay_redact_attributes(e, NULL, 0, NULL, 0, &needed) == SCRUBJAY_STATUS_UNCHANGED);
    CHECK(scrubjay_redact_attributes(e, NULL, 2, NULL, 0, &needed) == SCRUBJAY_STATUS_INVALID_ARGUMENT);

    /* Removal is reported per pair. */
    const char *policy = "{\"version\": 1, \"fields\": [{\"keys\": [\"*password*\"], \"action\": \"remove\"}]}";
    scrubjay_engine *r = scrubjay_engine_new(S(policy), NULL);
    CHECK(r != NULL);
    CHECK(scrubjay_redact_attributes(r, a, 2, NULL, 0, &needed) == SCRUBJAY_STATUS_OK);
    CHECK(a[0].outcome == SCRUBJAY_OUTCOME_REMOVE && a[1].outcome == SCRUBJAY_OUTCOME_KEEP);
    scrubjay_engine_free(r);
}

static void scan(scrubjay_engine *e) {
    const char *in = "mail a@b.io and c@d.io, card 4111-1111-1111-1111";
    scrubjay_finding f[2];
    size_t count = 0;
    CHECK(scrubjay_scan(e, S(in), f, 2, &count) == SCRUBJAY_STATUS_BUFFER_TOO_SMALL && count == 3);
    scrubjay_finding all[3];
    CHECK(scrubjay_scan(e, S(in), all, 3, &count) == SCRUBJAY_STATUS_OK && count == 3);
    CHECK(strcmp(scrubjay_rule_name(e, all[0].rule_id), "email") == 0);
    CHECK(all[0].start == 5 && all[0].end == 11);
    CHECK(strcmp(scrubjay_rule_name(e, all[2].rule_id), "credit_card") == 0);
    for (int i = 0; i < 2; i++)
        CHECK(f[i].rule_id == all[i].rule_id && f[i].start == all[i].start && f[i].end == all[i].end);
    CHECK(scrubjay_rule_name(e, 100000) == NULL && scrubjay_rule_name(NULL, 0) == NULL);
    CHECK(scrubjay_rule_count(e) > 20 && scrubjay_rule_count(NULL) == 0);
    CHECK(scrubjay_engine_max_nodes(e) == 1000000 && scrubjay_engine_max_nodes(NULL) == 0);
    const uint8_t bad[] = {'a', 0xff};
    CHECK(scrubjay_scan(e, bad, 2, all, 3, &count) == SCRUBJAY_STATUS_INVALID_UTF8);
    CHECK(scrubjay_scan(e, S(in), NULL, 3, &count) == SCRUBJAY_STATUS_INVALID_ARGUMENT);
    CHECK(scrubjay_scan(e, S("clean"), NULL, 0, &count) == SCRUBJAY_STATUS_OK && count == 0);
}

static void sanitizers(scrubjay_engine *e) {
    uint8_t out[512];
    size_t len = 0;
    const char *url = "https://u:p@h.example/a?token=abc&page=2#frag";
    CHECK(scrubjay_sanitize_url(e, S(url), out, sizeof out, &len) == SCRUBJAY_STATUS_OK);
    CHECK(len == strlen("https://REDACTED:REDACTED@h.example/a?token=REDACTED&page=2") &&
          memcmp(out, "https://REDACTED:REDACTED@h.example/a?token=REDACTED&page=2", len) == 0);
    CHECK(scrubjay_sanitize_url(e, S(url), out, 4, &len) == SCRUBJAY_STATUS_BUFFER_TOO_SMALL && len > 4);
    const char *sql = "SELECT * FROM t WHERE a = 'x' AND b IN (1, 2)";
    CHECK(scrubjay_normalize_sql(e, S(sql), out, sizeof out, &len) == SCRUBJAY_STATUS_OK);
    CHECK(memcmp(out, "SELECT * FROM t WHERE a = ? AND b IN (?)", len) == 0);
    const uint8_t bad[] = {'S', 0xff};
    CHECK(scrubjay_normalize_sql(e, bad, 2, out, sizeof out, &len) == SCRUBJAY_STATUS_INVALID_UTF8);
    CHECK(scrubjay_sanitize_header(e, S("Authorization"), S("Bearer abc.def"), out, sizeof out, &len) == SCRUBJAY_STATUS_OK);
    CHECK(len == strlen("Bearer [REDACTED]") && memcmp(out, "Bearer [REDACTED]", len) == 0);

    scrubjay_baggage_violation v[4];
    size_t vn = 0;
    const char *bag = "user.id=42,tenant.id=acme";
    CHECK(scrubjay_sanitize_baggage(e, S(bag), out, sizeof out, &len, v, 4, &vn) == SCRUBJAY_STATUS_OK);
    CHECK(len == strlen("tenant.id=acme") && memcmp(out, "tenant.id=acme", len) == 0);
    CHECK(vn == 1 && strcmp(v[0].reason, "blocked_key") == 0 && v[0].key_len == 7 &&
          memcmp(v[0].key, "user.id", 7) == 0);
    CHECK(scrubjay_sanitize_baggage(e, S(bag), out, sizeof out, &len, NULL, 0, &vn) == SCRUBJAY_STATUS_BUFFER_TOO_SMALL);
    CHECK(scrubjay_sanitize_baggage(e, S(bag), out, sizeof out, &len, v, 4, NULL) == SCRUBJAY_STATUS_INVALID_ARGUMENT);

    const char *reason = NULL;
    CHECK(scrubjay_validate_traceparent(S("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"), &reason) == SCRUBJAY_STATUS_OK);
    CHECK(scrubjay_validate_traceparent(S("00-00000000000000000000000000000000-00f067aa0ba902b7-01"), &reason) == SCRUBJAY_STATUS_INVALID_INPUT);
    CHECK(reason && strlen(reason) > 0);
    CHECK(scrubjay_validate_traceparent(S("garbage"), NULL) == SCRUBJAY_STATUS_INVALID_INPUT);
}

/* The count of the rule named `name` in r, read by id (0 when r has no such rule). */
static uint64_t count_of(const scrubjay_report *r, const char *name) {
    uint64_t n = 0;
    for (uint32_t i = 0; i < scrubjay_report_rule_count(r); i++)
        if (strcmp(scrubjay_report_rule_name(r, i), name) == 0) n += scrubjay_report_count(r, i);
    return n;
}

static uint64_t total_of(const scrubjay_report *r) {
    uint64_t n = 0;
    for (uint32_t i = 0; i < scrubjay_report_rule_count(r); i++) n += scrubjay_report_count(r, i);
    return n;
}

static void report(scrubjay_engine *e) {
    scrubjay_report *r = scrubjay_report_new(e);
    CHECK(r != NULL);
    CHECK(scrubjay_report_rule_count(r) > 20 && total_of(r) == 0);
    CHECK(scrubjay_report_denied(r) == 0 && scrubjay_report_fail_closed(r, SCRUBJAY_FAIL_TOO_LARGE) == 0);

    /* An e-mail and a card; the call repeated after BUFFER_TOO_SMALL counts once. */
    const char *in = "card 4111 1111 1111 1111 for john.doe@company.com";
    uint8_t small[8], big[256];
    size_t len = 0;
    CHECK(scrubjay_redact_report(e, r, S(in), small, sizeof small, &len) == SCRUBJAY_STATUS_BUFFER_TOO_SMALL);
    CHECK(total_of(r) == 0);
    CHECK(scrubjay_redact_report(e, r, S(in), big, sizeof big, &len) == SCRUBJAY_STATUS_OK);
    CHECK(len == strlen("card [REDACTED:credit_card] for [REDACTED:email]"));
    CHECK(count_of(r, "email") == 1 && count_of(r, "credit_card") == 1 && total_of(r) == 2);
    /* Content rules have the ids scrubjay_rule_name gives them. */
    scrubjay_finding f[1];
    size_t found = 0;
    CHECK(scrubjay_scan(e, S("x a@b.io"), f, 1, &found) == SCRUBJAY_STATUS_OK && found == 1);
    CHECK(strcmp(scrubjay_report_rule_name(r, f[0].rule_id), "email") == 0);
    CHECK(scrubjay_report_count(r, f[0].rule_id) == 1);
    /* Nothing to redact, and refused calls, count nothing; a NULL report counts nowhere. */
    CHECK(scrubjay_redact_report(e, r, S("GET /health 200"), big, sizeof big, &len) == SCRUBJAY_STATUS_UNCHANGED);
    CHECK(scrubjay_redact_report(e, r, S(in), big, sizeof big, NULL) == SCRUBJAY_STATUS_INVALID_ARGUMENT);
    CHECK(scrubjay_redact_report(NULL, r, S(in), big, sizeof big, &len) == SCRUBJAY_STATUS_INVALID_ARGUMENT);
    CHECK(scrubjay_redact_report(e, NULL, S(in), big, sizeof big, &len) == SCRUBJAY_STATUS_OK);
    CHECK(len == strlen("card [REDACTED:credit_card] for [REDACTED:email]"));
    CHECK(total_of(r) == 2);

    /* All counts at once. */
    size_t n = 0;
    CHECK(scrubjay_report_counts(r, NULL, 0, &n) == SCRUBJAY_STATUS_BUFFER_TOO_SMALL);
    CHECK(n == scrubjay_report_rule_count(r));
    uint64_t *counts = calloc(n, sizeof *counts);
    CHECK(scrubjay_report_counts(r, counts, n, &n) == SCRUBJAY_STATUS_OK);
    uint64_t sum = 0;
    for (size_t i = 0; i < n; i++) sum += counts[i];
    CHECK(sum == 2 && counts[f[0].rule_id] == 1);
    free(counts);
    CHECK(scrubjay_report_counts(r, NULL, 3, &n) == SCRUBJAY_STATUS_INVALID_ARGUMENT);
    CHECK(scrubjay_report_counts(r, NULL, 0, NULL) == SCRUBJAY_STATUS_INVALID_ARGUMENT);
    CHECK(scrubjay_report_counts(NULL, NULL, 0, &n) == SCRUBJAY_STATUS_INVALID_ARGUMENT);

    /* Attributes: a field rule and content rules, counted into the same report. */
    scrubjay_attribute a[2];
    memset(a, 0, sizeof a);
    a[0].key = (const uint8_t *)"db.password", a[0].key_len = 11;
    a[0].kind = SCRUBJAY_VALUE_STRING, a[0].str_value = (const uint8_t *)"hunter2", a[0].str_len = 7;
    a[1].key = (const uint8_t *)"exception.message", a[1].key_len = 17;
    a[1].kind = SCRUBJAY_VALUE_STRING, a[1].str_value = (const uint8_t *)"no user x@y.io", a[1].str_len = 14;
    size_t needed = 0;
    CHECK(scrubjay_redact_attributes_report(e, r, a, 2, NULL, 0, &needed) == SCRUBJAY_STATUS_BUFFER_TOO_SMALL);
    uint8_t *buf = malloc(needed);
    CHECK(scrubjay_redact_attributes_report(e, r, a, 2, buf, needed, &needed) == SCRUBJAY_STATUS_OK);
    free(buf);
    CHECK(count_of(r, "password") == 1 && count_of(r, "email") == 2 && total_of(r) == 4);
    CHECK(scrubjay_redact_attributes_report(e, r, NULL, 2, NULL, 0, &needed) == SCRUBJAY_STATUS_INVALID_ARGUMENT);

    /* JSON; input that is not JSON counts nothing. */
    const char *doc = "{\"user\":{\"password\":\"hunter2\"},\"note\":\"a@b.io\"}";
    CHECK(scrubjay_redact_json_report(e, r, S(doc), big, 4, &len) == SCRUBJAY_STATUS_BUFFER_TOO_SMALL);
    CHECK(scrubjay_redact_json_report(e, r, S(doc), big, sizeof big, &len) == SCRUBJAY_STATUS_OK);
    CHECK(scrubjay_redact_json_report(e, r, S("{not json a@b.io"), big, sizeof big, &len) == SCRUBJAY_STATUS_INVALID_INPUT);
    CHECK(count_of(r, "password") == 2 && count_of(r, "email") == 3 && total_of(r) == 6);

    /* Merge (into itself too), clear. */
    scrubjay_report *r2 = scrubjay_report_new(e);
    CHECK(scrubjay_redact_report(e, r2, S("mail a@b.io"), big, sizeof big, &len) == SCRUBJAY_STATUS_OK);
    CHECK(scrubjay_report_merge(r, r2) == SCRUBJAY_STATUS_OK);
    CHECK(count_of(r, "email") == 4 && count_of(r2, "email") == 1);
    CHECK(scrubjay_report_merge(r2, r2) == SCRUBJAY_STATUS_OK && count_of(r2, "email") == 2);
    CHECK(scrubjay_report_merge(r, NULL) == SCRUBJAY_STATUS_INVALID_ARGUMENT);
    CHECK(scrubjay_report_merge(NULL, r2) == SCRUBJAY_STATUS_INVALID_ARGUMENT);
    CHECK(scrubjay_report_clear(r) == SCRUBJAY_STATUS_OK && total_of(r) == 0);
    CHECK(scrubjay_report_rule_count(r) == scrubjay_report_rule_count(r2));
    CHECK(scrubjay_report_clear(NULL) == SCRUBJAY_STATUS_INVALID_ARGUMENT);

    /* Another engine's calls count into r by rule name: a rule r lacks gets a new id. */
    const char *custom = "{\"version\": 1, \"builtins\": [\"email\"], "
                         "\"content\": [{\"id\": \"ticket\", \"pattern\": \"TCK-[0-9]{6}\"}]}";
    scrubjay_engine *c = scrubjay_engine_new(S(custom), NULL);
    CHECK(c != NULL);
    size_t before = scrubjay_report_rule_count(r);
    CHECK(count_of(r, "ticket") == 0);
    CHECK(scrubjay_redact_report(c, r, S("a@b.io TCK-123456"), big, sizeof big, &len) == SCRUBJAY_STATUS_OK);
    CHECK(scrubjay_report_rule_count(r) == before + 1);
    CHECK(strcmp(scrubjay_report_rule_name(r, (uint32_t)before), "ticket") == 0);
    CHECK(count_of(r, "ticket") == 1 && count_of(r, "email") == 1 && total_of(r) == 2);
    CHECK(scrubjay_redact_report(e, r, S("c@d.io"), big, sizeof big, &len) == SCRUBJAY_STATUS_OK);
    CHECK(count_of(r, "email") == 2 && total_of(r) == 3);
    /* Merged the other way, by name as well. */
    scrubjay_report *rc = scrubjay_report_new(c);
    CHECK(scrubjay_report_merge(rc, r) == SCRUBJAY_STATUS_OK);
    CHECK(count_of(rc, "ticket") == 1 && count_of(rc, "email") == 2 && total_of(rc) == 3);
    scrubjay_report_free(rc);
    scrubjay_engine_free(c);
    /* A report outlives the engine of calls it counted. */
    CHECK(count_of(r, "ticket") == 1);

    /* Denied: attributes that allow.keys does not list. */
    const char *allow = "{\"version\": 1, \"allow\": {\"keys\": [\"http.*\"]}}";
    scrubjay_engine *d = scrubjay_engine_new(S(allow), NULL);
    CHECK(d != NULL);
    scrubjay_report *rd = scrubjay_report_new(d);
    a[0].key = (const uint8_t *)"http.route", a[0].key_len = 10;
    a[0].str_value = (const uint8_t *)"/users", a[0].str_len = 6;
    a[1].key = (const uint8_t *)"app.secret_stuff", a[1].key_len = 16;
    CHECK(scrubjay_redact_attributes_report(d, rd, a, 2, NULL, 0, &needed) == SCRUBJAY_STATUS_OK);
    CHECK(a[0].outcome == SCRUBJAY_OUTCOME_KEEP && a[1].outcome == SCRUBJAY_OUTCOME_REMOVE);
    CHECK(scrubjay_report_denied(rd) == 1 && total_of(rd) == 0);
    scrubjay_report_free(rd);
    scrubjay_engine_free(d);

    /* Failed closed: a value past limits.max_value_bytes. */
    const char *limits = "{\"version\": 1, \"limits\": {\"max_value_bytes\": 16}}";
    scrubjay_engine *l = scrubjay_engine_new(S(limits), NULL);
    CHECK(l != NULL);
    scrubjay_report *rl = scrubjay_report_new(l);
    const char *huge = "a value well past sixteen bytes";
    CHECK(scrubjay_redact_report(l, rl, S(huge), big, sizeof big, &len) == SCRUBJAY_STATUS_OK);
    CHECK(len == strlen("[REDACTED:too_large]") && memcmp(big, "[REDACTED:too_large]", len) == 0);
    CHECK(scrubjay_report_fail_closed(rl, SCRUBJAY_FAIL_TOO_LARGE) == 1);
    CHECK(scrubjay_report_fail_closed(rl, SCRUBJAY_FAIL_TOO_DEEP) == 0);
    CHECK(scrubjay_report_fail_closed(rl, 1000) == 0 && scrubjay_report_fail_closed(NULL, 0) == 0);
    scrubjay_report_free(rl);
    scrubjay_engine_free(l);

    /* Reason names: one per reason, NULL after the last. */
    CHECK(strcmp(scrubjay_fail_reason_name(SCRUBJAY_FAIL_TOO_LARGE), "too_large") == 0);
    CHECK(strcmp(scrubjay_fail_reason_name(SCRUBJAY_FAIL_SCAN_BUDGET), "scan_budget") == 0);
    CHECK(strcmp(scrubjay_fail_reason_name(SCRUBJAY_FAIL_HASH_KEY_UNAVAILABLE), "hash_key_unavailable") == 0);
    CHECK(strcmp(scrubjay_fail_reason_name(SCRUBJAY_FAIL_TOKEN_KEY_UNAVAILABLE), "token_key_unavailable") == 0);
    CHECK(scrubjay_fail_reason_name(SCRUBJAY_FAIL_TOKEN_KEY_UNAVAILABLE + 1) == NULL);

    /* NULL reports and unknown ids. */
    CHECK(scrubjay_report_new(NULL) == NULL);
    CHECK(scrubjay_report_rule_count(NULL) == 0 && scrubjay_report_rule_name(NULL, 0) == NULL);
    CHECK(scrubjay_report_count(NULL, 0) == 0 && scrubjay_report_denied(NULL) == 0);
    CHECK(scrubjay_report_rule_name(r, 100000) == NULL && scrubjay_report_count(r, 100000) == 0);
    scrubjay_report_free(r2);
    scrubjay_report_free(r);
    scrubjay_report_free(NULL);
}

static void errors(void) {
    scrubjay_error *err = NULL;
    const char *bad = "{\"version\": 1, \"content\": [{\"id\": \"pin\", \"pattern\": \"pin=(?=[0-9])\"}]}";
    CHECK(scrubjay_engine_new(S(bad), &err) == NULL);
    CHECK(err != NULL);
    CHECK(scrubjay_error_status(err) == SCRUBJAY_STATUS_INVALID_POLICY);
    CHECK(strstr(scrubjay_error_message(err), "pin") != NULL);
    CHECK(strcmp(scrubjay_error_rule(err), "pin") == 0);
    CHECK(strcmp(scrubjay_error_field(err), "pattern") == 0);
    CHECK(scrubjay_error_position(err) >= 0);
    scrubjay_error_free(err);
    /* NULL error pointers are allowed everywhere. */
    CHECK(scrubjay_engine_new(S(bad), NULL) == NULL);
    CHECK(scrubjay_error_message(NULL) == NULL && scrubjay_error_rule(NULL) == NULL);
    CHECK(scrubjay_error_position(NULL) == -1 && scrubjay_error_status(NULL) == SCRUBJAY_STATUS_OK);
    scrubjay_error_free(NULL);
    err = NULL;
    const uint8_t not_utf8[] = {'{', 0xff, '}'};
    CHECK(scrubjay_engine_new(not_utf8, 3, &err) == NULL);
    CHECK(scrubjay_error_status(err) == SCRUBJAY_STATUS_INVALID_UTF8);
    scrubjay_error_free(err);
    err = NULL;
    CHECK(scrubjay_engine_new(NULL, 4, &err) == NULL);
    CHECK(scrubjay_error_status(err) == SCRUBJAY_STATUS_INVALID_ARGUMENT);
    scrubjay_error_free(err);
    /* YAML policies, and freeing NULL engines. */
    const char *yaml = "version: 1\nbuiltins: none\ncontent:\n  - id: ticket\n    pattern: 'TICKET-[0-9]{6}'\n";
    scrubjay_engine *e = scrubjay_engine_new(S(yaml), NULL);
    CHECK(e != NULL);
    CHECK(scrubjay_rule_count(e) >= 1 && strcmp(scrubjay_rule_name(e, 0), "ticket") == 0);
    scrubjay_engine_free(e);
    scrubjay_engine_free(NULL);
}

/* A key ring: loading errors, a tokenize/reveal round trip, the buffer protocol, NULLs. */
static void keyring(void) {
    scrubjay_error *err = NULL;
    CHECK(scrubjay_keyring_from_json(S("{\"keys\": [{\"id\": \"k\", \"key\": \"AAAA\"}]}"), &err) == NULL);
    CHECK(err && scrubjay_error_status(err) == SCRUBJAY_STATUS_INVALID_INPUT);
    CHECK(err && strstr(scrubjay_error_message(err), "32 or 64") != NULL);
    scrubjay_error_free(err);
    err = NULL;
    CHECK(scrubjay_keyring_from_file(S("/nonexistent/ring.json"), &err) == NULL);
    CHECK(err && strstr(scrubjay_error_message(err), "/nonexistent/ring.json") != NULL);
    scrubjay_error_free(err);

    /* 64 bytes 00..3f as base64url, id k1. */
    const char *ring_json =
        "{\"active\": \"k1\", \"keys\": [{\"id\": \"k1\", \"key\": "
        "\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0-Pw\"}]}";
    char policy[1024];
    snprintf(policy, sizeof policy,
             "{\"version\": 1, \"builtins\": [\"email\"], \"content\": [{\"builtin\": \"email\", "
             "\"action\": \"tokenize\"}], \"tokenize\": {\"keys\": %s, \"allow_inline_keys\": true}}",
             ring_json);
    scrubjay_engine *e = scrubjay_engine_new((const uint8_t *)policy, strlen(policy), &err);
    CHECK(e != NULL);
    scrubjay_keyring *ring = scrubjay_keyring_from_json(S(ring_json), NULL);
    CHECK(ring != NULL);
    if (!e || !ring) return;
    uint8_t red[256], back[256];
    size_t red_len = 0, back_len = 0;
    CHECK(scrubjay_redact(e, S("to jane@example.com"), red, sizeof red, &red_len) == SCRUBJAY_STATUS_OK);
    CHECK(red_len > 20 && memcmp(red, "to [TOKEN:email:k1:", 19) == 0);
    CHECK(scrubjay_reveal(e, ring, red, red_len, back, 4, &back_len) == SCRUBJAY_STATUS_BUFFER_TOO_SMALL);
    CHECK(back_len == strlen("to jane@example.com"));
    CHECK(scrubjay_reveal(e, ring, red, red_len, back, sizeof back, &back_len) == SCRUBJAY_STATUS_OK);
    CHECK(back_len == strlen("to jane@example.com") && memcmp(back, "to jane@example.com", back_len) == 0);
    CHECK(scrubjay_reveal(e, ring, S("no token here"), back, sizeof back, &back_len) == SCRUBJAY_STATUS_UNCHANGED);
    CHECK(scrubjay_reveal(e, NULL, red, red_len, back, sizeof back, &back_len) == SCRUBJAY_STATUS_INVALID_ARGUMENT);
    CHECK(scrubjay_reveal(NULL, ring, red, red_len, back, sizeof back, &back_len) == SCRUBJAY_STATUS_INVALID_ARGUMENT);
    scrubjay_keyring_free(ring);
    scrubjay_keyring_free(NULL);
    scrubjay_engine_free(e);
}

int main(void) {
    scrubjay_engine *e = scrubjay_engine_new_default();
    CHECK(e != NULL);
    version();
    redact(e);
    attributes(e);
    scan(e);
    sanitizers(e);
    report(e);
    errors();
    keyring();
    scrubjay_engine_free(e);
    printf("C API: %d failures\n", failures);
    return failures != 0;
}
