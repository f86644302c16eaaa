/* One engine, 8 threads, identical results to a single-threaded run.
 * Usage: test_threads [RECORDS_PER_THREAD]   (default 100000; make test uses fewer under valgrind) */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scrubjay.h"

#define THREADS 8
#define RECORDS 2000

static scrubjay_engine *engine;
static char *inputs[RECORDS];
static char *expected[RECORDS];

static char *redact(const char *in) {
    char *out = NULL;
    size_t len = 0;
    scrubjay_status st = scrubjay_redact_alloc(engine, (const uint8_t *)in, strlen(in), &out, &len);
    if (st != SCRUBJAY_STATUS_OK && st != SCRUBJAY_STATUS_UNCHANGED) return NULL;
    char *copy = malloc(len + 1);
    memcpy(copy, out, len + 1);
    scrubjay_string_free(out);
    return copy;
}

static long per_thread = 100000;

static void *worker(void *arg) {
    long id = (long)arg;
    long mismatches = 0;
    for (long n = 0; n < per_thread; n++) {
        long i = (n * 7 + id * 131) % RECORDS;
        char *got = redact(inputs[i]);
        if (!got || strcmp(got, expected[i]) != 0) mismatches++;
        free(got);
    }
    return (void *)mismatches;
}

int main(int argc, char **argv) {
    if (argc > 1 && strtol(argv[1], NULL, 10) > 0) per_thread = strtol(argv[1], NULL, 10);
    engine = scrubjay_engine_new_default();
    if (!engine) return 1;
    for (int i = 0; i < RECORDS; i++) {
        inputs[i] = malloc(256);
        snprintf(inputs[i], 256,
                 "req %d user%d@example.com card 4111 1111 1111 1111 trace 4bf92f3577b34da6a3ce929d0e0e%04d ip 10.0.%d.%d",
                 i, i, i % 10000, i % 256, (i * 7) % 256);
        expected[i] = redact(inputs[i]);
        if (!expected[i] || strstr(expected[i], "@example.com")) return 1;
    }
    pthread_t t[THREADS];
    for (long i = 0; i < THREADS; i++) pthread_create(&t[i], NULL, worker, (void *)i);
    long total = 0;
    for (int i = 0; i < THREADS; i++) {
        void *r;
        pthread_join(t[i], &r);
        total += (long)r;
    }
    for (int i = 0; i < RECORDS; i++) {
        free(inputs[i]);
        free(expected[i]);
    }
    scrubjay_engine_free(engine);
    printf("C threads: %d threads x %ld records, %ld mismatches\n", THREADS, per_thread, total);
    return total != 0;
}
