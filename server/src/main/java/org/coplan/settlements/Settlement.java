package org.coplan.settlements;

import java.time.OffsetDateTime;
import org.locationtech.jts.geom.Geometry;

/**
 * A settlement as stored.
 *
 * @param bbox the boundary's extent in CRS84: min lon, min lat, max lon, max lat
 * @param metricSrid EPSG code of the metric CRS analysis works in (by default its UTM zone)
 * @param attribution the credit maps of its data must show (e.g. for ODbL data), or null
 */
public record Settlement(
    String id,
    String name,
    Geometry boundary,
    double[] bbox,
    int metricSrid,
    String category,
    String categoryReason,
    String notes,
    boolean isPublic,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    String attribution) {}
