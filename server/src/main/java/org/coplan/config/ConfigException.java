package org.coplan.config;

/** A configuration problem that the operator must fix; its message is shown as it is. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
