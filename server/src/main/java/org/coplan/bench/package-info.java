/**
 * Benchmarks that run the real server against the real database and outside tools: {@code coplan
 * bench tiles} (coplan's tiles against the same SQL under {@code pgbench} and against MapServer,
 * driven by {@code wrk}), {@code coplan bench load} (editors and event-stream viewers) and {@code
 * coplan bench memory}. See docs/performance.md for how to read their reports.
 */
package org.coplan.bench;
