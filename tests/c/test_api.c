/* Every function of scrubjay.h: statuses, buffer round trips, NULL arguments, invalid
 * UTF-8, errors, version. */
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

int main(void) {
    scrubjay_engine *e = scrubjay_engine_new_default();
    CHECK(e != NULL);
    version();
    redact(e);
    attributes(e);
    scan(e);
    sanitizers(e);
    errors();
    scrubjay_engine_free(e);
    printf("C API: %d failures\n", failures);
    return failures != 0;
}
