package org.coplan.auth;

import java.time.OffsetDateTime;

/** An account as stored, without its password hash. */
public record Account(
    long id, String username, String displayName, boolean admin, boolean disabled, OffsetDateTime createdAt) {}
