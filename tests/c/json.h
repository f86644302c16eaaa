/* A small JSON reader for the C tests: enough to read tests/vectors/ and compare results.
 * Not part of the library. */
#ifndef SCRUBJAY_TEST_JSON_H
#define SCRUBJAY_TEST_JSON_H

#include <stddef.h>

typedef enum { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ } jkind;

typedef struct jval {
    jkind kind;
    int boolean;
    char *str;          /* J_STR: decoded UTF-8; J_NUM: the number's text */
    size_t len;         /* length of str */
    struct jval *items; /* J_ARR items, J_OBJ values */
    struct jval *keys;  /* J_OBJ keys (J_STR values) */
    size_t n;
    const char *raw;    /* where the value starts in the parsed text */
    size_t raw_len;     /* and how long it is */
} jval;

/* Parses text[0..len]; returns 0 on success. Free with json_free. */
int json_parse(const char *text, size_t len, jval *out);
void json_free(jval *v);
/* The member `key` of an object, or NULL. */
const jval *json_get(const jval *obj, const char *key);
/* Structural equality; numbers compare by value. */
int json_equal(const jval *a, const jval *b);

#endif
