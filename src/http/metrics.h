/*
 * metrics.h - request counters and a latency histogram, rendered in the
 * Prometheus text format at /metrics. Lock-free (atomics); process lifetime.
 */
#ifndef MH_METRICS_H
#define MH_METRICS_H

#include <stddef.h>
#include <stdint.h>

#include "core/text.h"

/* Names each route slot (the route patterns, then "static" and "none"). */
void metrics_init(const char *const *route_names, size_t n);

/* Counts one finished request. slot is a route index or one of the extra
 * slots metrics_slot_static() / metrics_slot_none(). */
void metrics_observe(size_t slot, int status, int64_t duration_us);
size_t metrics_slot_static(void);
size_t metrics_slot_none(void);

/* Writes the Prometheus exposition to w. */
void metrics_render(struct text_writer *w);

#endif
