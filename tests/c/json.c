/* A small JSON reader for the C tests (see json.h). */
#define _POSIX_C_SOURCE 200809L
#include "json.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *s;
    size_t len, pos;
} parser;

static void skip_ws(parser *p) {
    while (p->pos < p->len && (p->s[p->pos] == ' ' || p->s[p->pos] == '\n' ||
                               p->s[p->pos] == '\r' || p->s[p->pos] == '\t'))
        p->pos++;
}

static int parse_value(parser *p, jval *out);

static void put_utf8(char *buf, size_t *n, unsigned long cp) {
    if (cp < 0x80) {
        buf[(*n)++] = (char)cp;
    } else if (cp < 0x800) {
        buf[(*n)++] = (char)(0xC0 | (cp >> 6));
        buf[(*n)++] = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        buf[(*n)++] = (char)(0xE0 | (cp >> 12));
        buf[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        buf[(*n)++] = (char)(0x80 | (cp & 0x3F));
    } else {
        buf[(*n)++] = (char)(0xF0 | (cp >> 18));
        buf[(*n)++] = (char)(0x80 | ((cp >> 12) & 0x3F));
        buf[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        buf[(*n)++] = (char)(0x80 | (cp & 0x3F));
    }
}

static int hex4(parser *p, unsigned long *cp) {
    if (p->pos + 4 > p->len) return -1;
    *cp = 0;
    for (int i = 0; i < 4; i++) {
        char c = p->s[p->pos++];
        *cp <<= 4;
        if (c >= '0' && c <= '9') *cp |= (unsigned long)(c - '0');
        else if (c >= 'a' && c <= 'f') *cp |= (unsigned long)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') *cp |= (unsigned long)(c - 'A' + 10);
        else return -1;
    }
    return 0;
}

static int parse_string(parser *p, jval *out) {
    if (p->s[p->pos] != '"') return -1;
    p->pos++;
    char *buf = malloc(p->len - p->pos + 1);
    size_t n = 0;
    if (!buf) return -1;
    while (p->pos < p->len && p->s[p->pos] != '"') {
        char c = p->s[p->pos++];
        if (c != '\\') {
            buf[n++] = c;
            continue;
        }
        if (p->pos >= p->len) break;
        char e = p->s[p->pos++];
        unsigned long cp;
        switch (e) {
        case 'n': buf[n++] = '\n'; break;
        case 't': buf[n++] = '\t'; break;
        case 'r': buf[n++] = '\r'; break;
        case 'b': buf[n++] = '\b'; break;
        case 'f': buf[n++] = '\f'; break;
        case 'u':
            if (hex4(p, &cp)) { free(buf); return -1; }
            if (cp >= 0xD800 && cp < 0xDC00 && p->pos + 6 <= p->len && p->s[p->pos] == '\\' &&
                p->s[p->pos + 1] == 'u') {
                unsigned long lo;
                p->pos += 2;
                if (hex4(p, &lo)) { free(buf); return -1; }
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
            put_utf8(buf, &n, cp);
            break;
        default: buf[n++] = e; break;
        }
    }
    if (p->pos >= p->len) { free(buf); return -1; }
    p->pos++;
    buf[n] = 0;
    out->kind = J_STR;
    out->str = buf;
    out->len = n;
    return 0;
}

static int grow(jval **arr, size_t n, size_t *cap) {
    if (n < *cap) return 0;
    size_t next = *cap ? *cap * 2 : 4;
    jval *bigger = realloc(*arr, next * sizeof(jval));
    if (!bigger) return -1;
    *arr = bigger;
    *cap = next;
    return 0;
}

static int parse_value(parser *p, jval *out) {
    memset(out, 0, sizeof(*out));
    skip_ws(p);
    if (p->pos >= p->len) return -1;
    size_t start = p->pos;
    char c = p->s[p->pos];
    int rc = 0;
    if (c == '"') {
        rc = parse_string(p, out);
    } else if (c == '{' || c == '[') {
        int obj = c == '{';
        size_t cap = 0, kcap = 0;
        out->kind = obj ? J_OBJ : J_ARR;
        p->pos++;
        skip_ws(p);
        if (p->pos < p->len && p->s[p->pos] == (obj ? '}' : ']')) {
            p->pos++;
        } else {
            for (;;) {
                if (obj) {
                    skip_ws(p);
                    if (grow(&out->keys, out->n, &kcap)) return -1;
                    memset(&out->keys[out->n], 0, sizeof(jval));
                    if (p->pos >= p->len || parse_string(p, &out->keys[out->n])) return -1;
                    skip_ws(p);
                    if (p->pos >= p->len || p->s[p->pos++] != ':') return -1;
                }
                if (grow(&out->items, out->n, &cap)) return -1;
                if (parse_value(p, &out->items[out->n])) return -1;
                out->n++;
                skip_ws(p);
                if (p->pos >= p->len) return -1;
                char d = p->s[p->pos++];
                if (d == ',') continue;
                if (d == (obj ? '}' : ']')) break;
                return -1;
            }
        }
    } else if (c == 't' && p->len - p->pos >= 4 && !strncmp(p->s + p->pos, "true", 4)) {
        out->kind = J_BOOL, out->boolean = 1, p->pos += 4;
    } else if (c == 'f' && p->len - p->pos >= 5 && !strncmp(p->s + p->pos, "false", 5)) {
        out->kind = J_BOOL, p->pos += 5;
    } else if (c == 'n' && p->len - p->pos >= 4 && !strncmp(p->s + p->pos, "null", 4)) {
        out->kind = J_NULL, p->pos += 4;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
        while (p->pos < p->len && strchr("+-0123456789.eE", p->s[p->pos])) p->pos++;
        out->kind = J_NUM;
        out->len = p->pos - start;
        out->str = malloc(out->len + 1);
        if (!out->str) return -1;
        memcpy(out->str, p->s + start, out->len);
        out->str[out->len] = 0;
    } else {
        return -1;
    }
    out->raw = p->s + start;
    out->raw_len = p->pos - start;
    return rc;
}

int json_parse(const char *text, size_t len, jval *out) {
    parser p = {text, len, 0};
    if (parse_value(&p, out)) {
        json_free(out);
        return -1;
    }
    skip_ws(&p);
    if (p.pos != len) {
        json_free(out);
        return -1;
    }
    return 0;
}

void json_free(jval *v) {
    if (!v) return;
    free(v->str);
    for (size_t i = 0; i < v->n; i++) {
        if (v->items) json_free(&v->items[i]);
        if (v->keys) json_free(&v->keys[i]);
    }
    free(v->items);
    free(v->keys);
    memset(v, 0, sizeof(*v));
}

const jval *json_get(const jval *obj, const char *key) {
    if (!obj || obj->kind != J_OBJ) return NULL;
    size_t klen = strlen(key);
    for (size_t i = 0; i < obj->n; i++)
        if (obj->keys[i].len == klen && !memcmp(obj->keys[i].str, key, klen)) return &obj->items[i];
    return NULL;
}

int json_equal(const jval *a, const jval *b) {
    if (a->kind != b->kind) return 0;
    switch (a->kind) {
    case J_NULL: return 1;
    case J_BOOL: return a->boolean == b->boolean;
    case J_NUM:
        return (a->len == b->len && !memcmp(a->str, b->str, a->len)) ||
               strtod(a->str, NULL) == strtod(b->str, NULL);
    case J_STR: return a->len == b->len && !memcmp(a->str, b->str, a->len);
    case J_ARR:
        if (a->n != b->n) return 0;
        for (size_t i = 0; i < a->n; i++)
            if (!json_equal(&a->items[i], &b->items[i])) return 0;
        return 1;
    case J_OBJ:
        if (a->n != b->n) return 0;
        for (size_t i = 0; i < a->n; i++) {
            int found = 0;
            for (size_t j = 0; j < b->n && !found; j++)
                if (a->keys[i].len == b->keys[j].len &&
                    !memcmp(a->keys[i].str, b->keys[j].str, a->keys[i].len)) {
                    if (!json_equal(&a->items[i], &b->items[j])) return 0;
                    found = 1;
                }
            if (!found) return 0;
        }
        return 1;
    }
    return 0;
}
