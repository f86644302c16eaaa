/* Runs every case of the JSON files in tests/vectors through the C API.
 * Usage: test_vectors VECTOR_DIR */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "scrubjay.h"

static int failures, cases;
static scrubjay_engine *default_engine;

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) { free(buf); buf = NULL; }
    fclose(f);
    if (buf) { buf[n] = 0; *len = (size_t)n; }
    return buf;
}

static void fail(const char *file, const jval *name, const char *what) {
    failures++;
    fprintf(stderr, "FAIL %s / %.*s: %s\n", file, (int)name->len, name->str, what);
}

static jval str_val(const char *s, size_t n) {
    jval v;
    memset(&v, 0, sizeof v);
    v.kind = J_STR;
    v.str = malloc(n + 1);
    memcpy(v.str, s, n);
    v.str[n] = 0;
    v.len = n;
    return v;
}

/* Calls a buffer-convention function twice when the first buffer is too small. */
typedef scrubjay_status (*text_fn)(const scrubjay_engine *, const uint8_t *, size_t, uint8_t *,
                                   size_t, size_t *);

static int text_op(text_fn fn, const scrubjay_engine *e, const jval *in, jval *out) {
    size_t cap = 16, len = 0;
    uint8_t *buf = malloc(cap);
    scrubjay_status st = fn(e, (const uint8_t *)in->str, in->len, buf, cap, &len);
    if (st == SCRUBJAY_STATUS_BUFFER_TOO_SMALL) {
        free(buf);
        buf = malloc(len ? len : 1);
        cap = len;
        st = fn(e, (const uint8_t *)in->str, in->len, buf, cap, &len);
    }
    if (st == SCRUBJAY_STATUS_UNCHANGED) *out = str_val(in->str, in->len);
    else if (st == SCRUBJAY_STATUS_OK) *out = str_val((const char *)buf, len);
    free(buf);
    return st == SCRUBJAY_STATUS_OK || st == SCRUBJAY_STATUS_UNCHANGED ? 0 : (int)st;
}

/* scrubjay_normalize_sql, or scrubjay_normalize_sql_dialect when the case names a dialect. */
static int sql_op(const scrubjay_engine *e, const jval *dialect, const jval *in, jval *out) {
    if (!dialect) return text_op(scrubjay_normalize_sql, e, in, out);
    const uint8_t *d = (const uint8_t *)dialect->str, *text = (const uint8_t *)in->str;
    size_t cap = 16, len = 0;
    uint8_t *buf = malloc(cap);
    scrubjay_status st =
        scrubjay_normalize_sql_dialect(e, d, dialect->len, text, in->len, buf, cap, &len);
    if (st == SCRUBJAY_STATUS_BUFFER_TOO_SMALL) {
        free(buf);
        buf = malloc(len ? len : 1);
        cap = len;
        st = scrubjay_normalize_sql_dialect(e, d, dialect->len, text, in->len, buf, cap, &len);
    }
    if (st == SCRUBJAY_STATUS_UNCHANGED) *out = str_val(in->str, in->len);
    else if (st == SCRUBJAY_STATUS_OK) *out = str_val((const char *)buf, len);
    free(buf);
    return st == SCRUBJAY_STATUS_OK || st == SCRUBJAY_STATUS_UNCHANGED ? 0 : (int)st;
}

/* scrubjay_reveal with the case's key ring, loaded from its JSON text. */
static int reveal_op(const scrubjay_engine *e, const jval *keys, const jval *in, jval *out) {
    scrubjay_error *err = NULL;
    scrubjay_keyring *ring = scrubjay_keyring_from_json((const uint8_t *)keys->raw, keys->raw_len, &err);
    if (!ring) {
        fprintf(stderr, "key ring: %s\n", scrubjay_error_message(err));
        scrubjay_error_free(err);
        return -1;
    }
    size_t cap = 16, len = 0;
    uint8_t *buf = malloc(cap);
    scrubjay_status st = scrubjay_reveal(e, ring, (const uint8_t *)in->str, in->len, buf, cap, &len);
    if (st == SCRUBJAY_STATUS_BUFFER_TOO_SMALL) {
        free(buf);
        buf = malloc(len ? len : 1);
        cap = len;
        st = scrubjay_reveal(e, ring, (const uint8_t *)in->str, in->len, buf, cap, &len);
    }
    if (st == SCRUBJAY_STATUS_UNCHANGED) *out = str_val(in->str, in->len);
    else if (st == SCRUBJAY_STATUS_OK) *out = str_val((const char *)buf, len);
    free(buf);
    scrubjay_keyring_free(ring);
    return st == SCRUBJAY_STATUS_OK || st == SCRUBJAY_STATUS_UNCHANGED ? 0 : (int)st;
}

static int is_flat(const jval *obj) {
    if (obj->kind != J_OBJ) return 0;
    for (size_t i = 0; i < obj->n; i++) {
        const jval *v = &obj->items[i];
        if (v->kind == J_ARR || v->kind == J_OBJ) return 0;
        if (v->kind == J_NUM && v->len > 18) return 0; /* beyond int64 */
    }
    return 1;
}

/* The flat form of redact_attributes: one scrubjay_attribute per key, object rebuilt. */
static int flat_attributes(const scrubjay_engine *e, const jval *in, jval *out) {
    size_t n = in->n;
    scrubjay_attribute *attrs = calloc(n ? n : 1, sizeof *attrs);
    for (size_t i = 0; i < n; i++) {
        const jval *v = &in->items[i];
        attrs[i].key = (const uint8_t *)in->keys[i].str;
        attrs[i].key_len = in->keys[i].len;
        switch (v->kind) {
        case J_NULL: attrs[i].kind = SCRUBJAY_VALUE_NULL; break;
        case J_BOOL: attrs[i].kind = SCRUBJAY_VALUE_BOOL; attrs[i].bool_value = v->boolean != 0; break;
        case J_STR:
            attrs[i].kind = SCRUBJAY_VALUE_STRING;
            attrs[i].str_value = (const uint8_t *)v->str;
            attrs[i].str_len = v->len;
            break;
        case J_NUM:
            if (strpbrk(v->str, ".eE")) {
                attrs[i].kind = SCRUBJAY_VALUE_DOUBLE;
                attrs[i].double_value = strtod(v->str, NULL);
            } else {
                attrs[i].kind = SCRUBJAY_VALUE_INT;
                attrs[i].int_value = strtoll(v->str, NULL, 10);
            }
            break;
        default: break;
        }
    }
    size_t needed = 0;
    uint8_t *buf = NULL;
    scrubjay_status st = scrubjay_redact_attributes(e, attrs, n, NULL, 0, &needed);
    if (st == SCRUBJAY_STATUS_BUFFER_TOO_SMALL) {
        buf = malloc(needed);
        st = scrubjay_redact_attributes(e, attrs, n, buf, needed, &needed);
    }
    int rc = st == SCRUBJAY_STATUS_OK || st == SCRUBJAY_STATUS_UNCHANGED ? 0 : -1;
    memset(out, 0, sizeof *out);
    out->kind = J_OBJ;
    out->items = calloc(n ? n : 1, sizeof(jval));
    out->keys = calloc(n ? n : 1, sizeof(jval));
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (attrs[i].outcome == SCRUBJAY_OUTCOME_REMOVE) continue;
        out->keys[out->n] = str_val(in->keys[i].str, in->keys[i].len);
        if (attrs[i].outcome == SCRUBJAY_OUTCOME_REPLACE) {
            out->items[out->n] = str_val((const char *)buf + attrs[i].replacement_offset,
                                         attrs[i].replacement_len);
        } else {
            const jval *v = &in->items[i];
            jval copy = *v;
            copy.str = v->str ? strdup(v->str) : NULL;
            out->items[out->n] = copy;
        }
        out->n++;
    }
    free(buf);
    free(attrs);
    return rc;
}

static int json_op(const scrubjay_engine *e, const jval *in, jval *out) {
    size_t len = 0;
    scrubjay_status st = scrubjay_redact_json(e, (const uint8_t *)in->raw, in->raw_len, NULL, 0, &len);
    if (st != SCRUBJAY_STATUS_BUFFER_TOO_SMALL) return -1;
    uint8_t *buf = malloc(len);
    st = scrubjay_redact_json(e, (const uint8_t *)in->raw, in->raw_len, buf, len, &len);
    int rc = st == SCRUBJAY_STATUS_OK ? json_parse((const char *)buf, len, out) : -1;
    free(buf);
    return rc;
}

static void run_case(const char *file, const jval *c) {
    const jval *name = json_get(c, "name"), *policy = json_get(c, "policy");
    const jval *op = json_get(c, "op"), *in = json_get(c, "input");
    const jval *expected = json_get(c, "expected"), *expected_error = json_get(c, "expected_error");
    cases++;
    scrubjay_engine *e = default_engine;
    if (policy->kind != J_NULL) {
        scrubjay_error *err = NULL;
        e = scrubjay_engine_new((const uint8_t *)policy->raw, policy->raw_len, &err);
        if (!e) {
            const char *msg = scrubjay_error_message(err);
            const jval *er = json_get(c, "error_rule"), *ef = json_get(c, "error_field");
            const jval *ep = json_get(c, "error_position");
            if (!expected_error) fail(file, name, msg);
            else if (!strstr(msg, expected_error->str)) fail(file, name, "error message differs");
            else if (er && (!scrubjay_error_rule(err) || strcmp(er->str, scrubjay_error_rule(err))))
                fail(file, name, "error rule differs");
            else if (ef && (!scrubjay_error_field(err) || strcmp(ef->str, scrubjay_error_field(err))))
                fail(file, name, "error field differs");
            else if (ep && scrubjay_error_position(err) != strtoll(ep->str, NULL, 10))
                fail(file, name, "error position differs");
            else if (scrubjay_error_status(err) != SCRUBJAY_STATUS_INVALID_POLICY)
                fail(file, name, "error status differs");
            scrubjay_error_free(err);
            return;
        }
    }
    if (expected_error) {
        fail(file, name, "expected a policy error");
        if (e != default_engine) scrubjay_engine_free(e);
        return;
    }
    jval got;
    memset(&got, 0, sizeof got);
    int rc = -1;
    if (!strcmp(op->str, "redact")) {
        rc = text_op(scrubjay_redact, e, in, &got);
    } else if (!strcmp(op->str, "normalize_sql")) {
        rc = sql_op(e, json_get(c, "dialect"), in, &got);
    } else if (!strcmp(op->str, "sanitize_url")) {
        rc = text_op(scrubjay_sanitize_url, e, in, &got);
    } else if (!strcmp(op->str, "reveal")) {
        rc = reveal_op(e, json_get(c, "keys"), in, &got);
    } else if (!strcmp(op->str, "redact_attributes")) {
        rc = json_op(e, in, &got);
        if (rc == 0 && is_flat(in)) {
            jval flat;
            if (flat_attributes(e, in, &flat) || !json_equal(&flat, expected))
                fail(file, name, "scrubjay_redact_attributes differs from expected");
            json_free(&flat);
        }
    } else if (!strcmp(op->str, "scan")) {
        scrubjay_finding f[64];
        size_t count = 0;
        rc = scrubjay_scan(e, (const uint8_t *)in->str, in->len, f, 64, &count) == SCRUBJAY_STATUS_OK ? 0 : -1;
        if (rc == 0) {
            int same = expected->n == count;
            for (size_t i = 0; same && i < count; i++) {
                const jval *x = &expected->items[i];
                const char *rule = scrubjay_rule_name(e, f[i].rule_id);
                same = rule && !strcmp(rule, json_get(x, "rule")->str) &&
                       (size_t)strtoull(json_get(x, "start")->str, NULL, 10) == f[i].start &&
                       (size_t)strtoull(json_get(x, "end")->str, NULL, 10) == f[i].end;
            }
            if (!same) fail(file, name, "findings differ");
        }
        if (e != default_engine) scrubjay_engine_free(e);
        if (rc) fail(file, name, "scrubjay_scan failed");
        return;
    } else if (!strcmp(op->str, "validate_traceparent")) {
        const char *reason = NULL;
        scrubjay_status st = scrubjay_validate_traceparent((const uint8_t *)in->str, in->len, &reason);
        const jval *valid = json_get(expected, "valid"), *why = json_get(expected, "reason");
        int ok = valid->boolean ? st == SCRUBJAY_STATUS_OK
                                : st == SCRUBJAY_STATUS_INVALID_INPUT && reason && !strcmp(reason, why->str);
        if (!ok) fail(file, name, "traceparent verdict differs");
        if (e != default_engine) scrubjay_engine_free(e);
        return;
    } else if (!strcmp(op->str, "sanitize_baggage")) {
        uint8_t out[8192];
        size_t len = 0, vn = 0;
        scrubjay_status st = scrubjay_sanitize_baggage(e, (const uint8_t *)in->str, in->len, out,
                                                       sizeof out, &len, NULL, 0, &vn);
        scrubjay_baggage_violation *v = calloc(vn ? vn : 1, sizeof *v);
        if (st == SCRUBJAY_STATUS_BUFFER_TOO_SMALL)
            st = scrubjay_sanitize_baggage(e, (const uint8_t *)in->str, in->len, out, sizeof out,
                                           &len, v, vn, &vn);
        const jval *header = json_get(expected, "header"), *viol = json_get(expected, "violations");
        int ok = st == SCRUBJAY_STATUS_OK && len == header->len && !memcmp(out, header->str, len) &&
                 vn == viol->n;
        for (size_t i = 0; ok && i < vn; i++) {
            const jval *k = json_get(&viol->items[i], "key"), *r = json_get(&viol->items[i], "reason");
            ok = !strcmp(v[i].reason, r->str) &&
                 (k->kind == J_NULL ? v[i].key == NULL
                                    : v[i].key && v[i].key_len == k->len && !memcmp(v[i].key, k->str, k->len));
        }
        free(v);
        if (!ok) fail(file, name, "baggage result differs");
        if (e != default_engine) scrubjay_engine_free(e);
        return;
    } else {
        fail(file, name, "unknown op");
    }
    if (rc) fail(file, name, "the call failed");
    else if (!json_equal(&got, expected)) {
        char what[512];
        snprintf(what, sizeof what, "got %.200s", got.kind == J_STR ? got.str : "(structure)");
        fail(file, name, what);
    }
    json_free(&got);
    if (e != default_engine) scrubjay_engine_free(e);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s VECTOR_DIR\n", argv[0]);
        return 2;
    }
    default_engine = scrubjay_engine_new_default();
    DIR *dir = opendir(argv[1]);
    if (!dir || !default_engine) return 2;
    struct dirent *ent;
    char path[4096];
    while ((ent = readdir(dir))) {
        size_t n = strlen(ent->d_name);
        if (n < 6 || strcmp(ent->d_name + n - 5, ".json")) continue;
        snprintf(path, sizeof path, "%s/%s", argv[1], ent->d_name);
        size_t len;
        char *text = read_file(path, &len);
        jval all;
        if (!text || json_parse(text, len, &all)) {
            fprintf(stderr, "cannot read %s\n", path);
            return 2;
        }
        for (size_t i = 0; i < all.n; i++) run_case(ent->d_name, &all.items[i]);
        json_free(&all);
        free(text);
    }
    closedir(dir);
    scrubjay_engine_free(default_engine);
    printf("C vectors: %d cases, %d failures\n", cases, failures);
    return failures != 0 || cases < 300;
}
