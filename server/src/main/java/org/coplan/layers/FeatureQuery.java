package org.coplan.layers;

/**
 * An items request: which collection, which part of it (bbox, or null for all), which page, and
 * the CRS the geometries are wanted in.
 */
record FeatureQuery(PlanLayer target, Bbox bbox, Page page, Crs crs) {}
