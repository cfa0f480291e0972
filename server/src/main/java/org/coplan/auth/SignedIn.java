package org.coplan.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Any signed-in account may call this endpoint, which acts on the caller's own account (who am I,
 * my tokens). A share link is not a sign-in. Changes through it need a session or an unrestricted
 * read-write token: a token limited to one settlement or to reading cannot mint wider credentials.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface SignedIn {}
