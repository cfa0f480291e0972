/**
 * A settlement's change log, {@code GET /api/settlements/{sid}/history}: every recorded version of
 * the settlement, its plans and their features, newest first, filterable by author, time, layer
 * and plan. The versions are written by the database's triggers (V004), so the log cannot miss a
 * change; this package only reads them.
 */
package org.coplan.history;
