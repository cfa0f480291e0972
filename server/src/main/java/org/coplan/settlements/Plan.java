package org.coplan.settlements;

import java.time.OffsetDateTime;

/** A plan of a settlement: {@code baseline} (existing conditions) or a proposal over it. */
public record Plan(
    String settlementId,
    String id,
    String name,
    String description,
    String status,
    String basedOn,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {
  public static final String BASELINE = "baseline";
}
