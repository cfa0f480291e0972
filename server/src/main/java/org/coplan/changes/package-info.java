/**
 * The change feed: every committed change to a feature, announced by the database and delivered
 * in-process to the caches, the incremental analysis and the browsers' event streams.
 */
package org.coplan.changes;
