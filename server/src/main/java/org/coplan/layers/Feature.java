package org.coplan.layers;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.locationtech.jts.geom.Geometry;

/**
 * One feature of a plan's layer as read from the database.
 *
 * @param values every catalogue attribute of the layer by name, in catalogue order; null where
 *     unset
 * @param version starts at 1 and grows with every change: the optimistic-locking tag
 * @param deleted whether the row is a removal marker (plan views never show those)
 */
record Feature(
    UUID id,
    int version,
    boolean deleted,
    Geometry geometry,
    Map<String, Object> values,
    OffsetDateTime createdAt,
    String createdBy,
    OffsetDateTime updatedAt,
    String updatedBy) {}
