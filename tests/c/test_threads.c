/* One engine, 8 threads, identical results to a single-threaded run; every other call counts
 * into the thread's own report, and the reports merged count every e-mail once.
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

/* Like redact, through scrubjay_redact_report into the caller's buffer. */
static int redact_counted(const char *in, scrubjay_report *report, char *out, size_t cap) {
    size_t len = 0;
    scrubjay_status st = scrubjay_redact_report(engine, report, (const uint8_t *)in, strlen(in),
                                                (uint8_t *)out, cap - 1, &len);
    if (st == SCRUBJAY_STATUS_UNCHANGED) memcpy(out, in, len);
    else if (st != SCRUBJAY_STATUS_OK) return 0;
    out[len] = '\0';
    return 1;
}

static long per_thread = 100000;
static scrubjay_report *reports[THREADS];

static void *worker(void *arg) {
    long id = (long)arg;
    long mismatches = 0;
    char buf[512];
    for (long n = 0; n < per_thread; n++) {
        long i = (n * 7 + id * 131) % RECORDS;
        if (n % 2) {
            if (!redact_counted(inputs[i], reports[id], buf, sizeof buf) || strcmp(buf, expected[i]) != 0)
                mismatches++;
            continue;
        }
        char *got = redact(inputs[i]);
        if (!got || strcmp(got, expected[i]) != 0) mismatches++;
        free(got);
    }
    return (void *)mismatches;
}

/* The e-mails counted in r. */
static uint64_t emails(const scrubjay_report *r) {
    for (uint32_t i = 0; i < scrubjay_report_rule_count(r); i++)
        if (strcmp(scrubjay_report_rule_name(r, i), "email") == 0) return scrubjay_report_count(r, i);
    return 0;
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
    for (long i = 0; i < THREADS; i++) {
        reports[i] = scrubjay_report_new(engine);
        if (!reports[i]) return 1;
        pthread_create(&t[i], NULL, worker, (void *)i);
    }
    long total = 0;
    for (int i = 0; i < THREADS; i++) {
        void *r;
        pthread_join(t[i], &r);
        total += (long)r;
    }
    /* Each input holds one e-mail; half the calls counted. */
    scrubjay_report *all = scrubjay_report_new(engine);
    for (int i = 0; i < THREADS; i++) {
        if (scrubjay_report_merge(all, reports[i]) != SCRUBJAY_STATUS_OK) total++;
        scrubjay_report_free(reports[i]);
    }
    uint64_t want = (uint64_t)THREADS * (uint64_t)(per_thread / 2);
    if (emails(all) != want) {
        fprintf(stderr, "reports: %llu e-mails counted, want %llu\n", (unsigned long long)emails(all),
                (unsigned long long)want);
        total++;
    }
    scrubjay_report_free(all);
    for (int i = 0; i < RECORDS; i++) {
        free(inputs[i]);
        free(expected[i]);
    }
    scrubjay_engine_free(engine);
    printf("C threads: %d threads x %ld records, %ld mismatches\n", THREADS, per_thread, total);
    return total != 0;
}
