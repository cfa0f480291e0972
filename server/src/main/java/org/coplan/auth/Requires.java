package org.coplan.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The role in the matched settlement (path parameter {@code sid}) that this endpoint needs, for
 * reads and changes alike. Without it, reads under a settlement need read access and changes need
 * {@link Role#PLANNER}; so write endpoints that engineers may use say {@code @Requires(Role.ENGINEER)}.
 * Admins pass every such check.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Requires {
  Role value();
}
