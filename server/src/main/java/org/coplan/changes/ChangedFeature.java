package org.coplan.changes;

import java.util.UUID;
import org.locationtech.jts.geom.Envelope;

/**
 * A feature row as one change left it.
 *
 * @param version the row's version after the change (before it, for a row deleted outright)
 * @param deleted true when the feature is gone after the change (soft delete or row removed)
 * @param author who made the change, as recorded on the row
 * @param before lon/lat box of its geometry before the change, null for a new row
 * @param after lon/lat box after the change, null for a removed row
 */
public record ChangedFeature(UUID id, int version, boolean deleted, String author, Envelope before, Envelope after) {}
