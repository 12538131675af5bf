/* metrics.c - see metrics.h. */
#include "http/metrics.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

#include "core/clock.h"
#include "core/util.h"
#include "http/connections.h"

#define STATUS_MIN 100
#define STATUS_COUNT 500 /* 100..599 */

static const double bucket_s[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
				  0.05, 0.1, 0.25, 0.5, 1, 2.5};
#define NBUCKETS (sizeof(bucket_s) / sizeof(bucket_s[0]))

static const char *const *names;
static size_t nslots; /* routes + static + none */
static _Atomic uint64_t *counts; /* [slot][status] */
static _Atomic uint64_t buckets[NBUCKETS + 1];
static _Atomic uint64_t sum_us, total;
static int64_t started_us;
static time_t started_at;

void metrics_init(const char *const *route_names, size_t n)
{
	names = route_names;
	nslots = n + 2;
	counts = calloc(nslots * STATUS_COUNT, sizeof(*counts));
	if (!counts)
		fatal("out of memory");
	started_us = clock_monotonic_us();
	started_at = time(NULL);
}

size_t metrics_slot_static(void)
{
	return nslots - 2;
}

size_t metrics_slot_none(void)
{
	return nslots - 1;
}

void metrics_observe(size_t slot, int status, int64_t duration_us)
{
	if (!counts || slot >= nslots)
		return;
	if (status < STATUS_MIN || status >= STATUS_MIN + STATUS_COUNT)
		status = 500;
	atomic_fetch_add_explicit(&counts[slot * STATUS_COUNT + (size_t)(status - STATUS_MIN)], 1,
				  memory_order_relaxed);
	size_t b = 0;
	while (b < NBUCKETS && (double)duration_us / 1e6 > bucket_s[b])
		b++;
	atomic_fetch_add_explicit(&buckets[b], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&sum_us, (uint64_t)(duration_us > 0 ? duration_us : 0),
				  memory_order_relaxed);
	atomic_fetch_add_explicit(&total, 1, memory_order_relaxed);
}

static const char *slot_name(size_t slot)
{
	if (slot == metrics_slot_static())
		return "static";
	if (slot == metrics_slot_none())
		return "none";
	return names[slot];
}

void metrics_render(struct text_writer *w)
{
	text_puts(w, "# HELP mathshubs_http_requests_total Requests answered, by route and status.\n"
		      "# TYPE mathshubs_http_requests_total counter\n");
	for (size_t s = 0; s < nslots; s++)
		for (int k = 0; k < STATUS_COUNT; k++) {
			uint64_t c = atomic_load_explicit(&counts[s * STATUS_COUNT + (size_t)k],
							  memory_order_relaxed);
			if (c)
				text_printf(w,
					   "mathshubs_http_requests_total{route=\"%s\",status=\"%d\"} %llu\n",
					   slot_name(s), k + STATUS_MIN, (unsigned long long)c);
		}
	text_puts(w, "# HELP mathshubs_http_request_duration_seconds Time to answer a request.\n"
		      "# TYPE mathshubs_http_request_duration_seconds histogram\n");
	uint64_t cum = 0;
	for (size_t b = 0; b < NBUCKETS; b++) {
		cum += atomic_load_explicit(&buckets[b], memory_order_relaxed);
		text_printf(w, "mathshubs_http_request_duration_seconds_bucket{le=\"%g\"} %llu\n",
			   bucket_s[b], (unsigned long long)cum);
	}
	cum += atomic_load_explicit(&buckets[NBUCKETS], memory_order_relaxed);
	text_printf(w, "mathshubs_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n",
		   (unsigned long long)cum);
	text_printf(w, "mathshubs_http_request_duration_seconds_sum %.6f\n",
		   (double)atomic_load(&sum_us) / 1e6);
	text_printf(w, "mathshubs_http_request_duration_seconds_count %llu\n",
		   (unsigned long long)cum);
	text_printf(w,
		   "# HELP mathshubs_uptime_seconds Seconds since the process started.\n"
		   "# TYPE mathshubs_uptime_seconds gauge\nmathshubs_uptime_seconds %.3f\n"
		   "# HELP mathshubs_start_time_seconds Unix time the process started.\n"
		   "# TYPE mathshubs_start_time_seconds gauge\nmathshubs_start_time_seconds %lld\n",
		   (double)(clock_monotonic_us() - started_us) / 1e6, (long long)started_at);
	text_printf(w,
		   "# HELP mathshubs_connections_open Connections open now.\n"
		   "# TYPE mathshubs_connections_open gauge\nmathshubs_connections_open %u\n"
		   "# HELP mathshubs_connections_shed_total Idle connections closed because the server was nearly full.\n"
		   "# TYPE mathshubs_connections_shed_total counter\nmathshubs_connections_shed_total %lu\n",
		   conns_open(), conns_shed());
}
