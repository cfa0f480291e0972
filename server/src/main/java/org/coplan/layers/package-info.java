/**
 * The map layers: their fixed catalogue ({@link org.coplan.layers.Layer}, {@link
 * org.coplan.layers.Attribute}) and the read API over them, OGC API - Features Part 1 (Core,
 * GeoJSON) with every plan as its own API root: {@code /api/settlements/{sid}/plans/{pid}}.
 *
 * <p>Resource (HTTP only) → {@link org.coplan.layers.FeatureService} (404 rules, the page's
 * snapshot) → {@link org.coplan.layers.FeatureRepository} (all SQL, through the {@code
 * plan_<layer>} functions). Pages stream from a database cursor into {@code GeoJsonWriter}.
 */
package org.coplan.layers;
