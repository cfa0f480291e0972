package org.coplan.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Option values from layered sources, highest precedence first: command-line flags ({@code --port
 * 8080} or {@code --port=8080}), {@code COPLAN_*} environment variables, then a properties file
 * ({@code --config FILE} or {@code COPLAN_CONFIG}), then the default given at the call site.
 *
 * <p>Every lookup records the option, its description and its effective value so that start-up can
 * log the whole configuration once (secrets masked).
 */
public final class Arguments {
  /** One looked-up option, for the start-up log. */
  public record Described(String key, String description, String value, String source) {}

  private final Map<String, String> flags;
  private final Map<String, String> env;
  private final Properties file;
  private final List<String> positional;
  private final List<Described> described = new ArrayList<>();

  private Arguments(
      Map<String, String> flags, Map<String, String> env, Properties file, List<String> positional) {
    this.flags = flags;
    this.env = env;
    this.file = file;
    this.positional = positional;
  }

  /** Parses {@code args} and reads the environment and the optional config file. */
  public static Arguments fromCommandLine(String[] args, Map<String, String> env) {
    Map<String, String> flags = new HashMap<>();
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.startsWith("--") && arg.length() > 2) {
        String body = arg.substring(2);
        int eq = body.indexOf('=');
        if (eq >= 0) {
          flags.put(normalise(body.substring(0, eq)), body.substring(eq + 1));
        } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
          flags.put(normalise(body), args[++i]);
        } else {
          flags.put(normalise(body), "true");
        }
      } else {
        positional.add(arg);
      }
    }
    Properties file = new Properties();
    String configPath = flags.getOrDefault("config", env.get("COPLAN_CONFIG"));
    if (configPath != null && !configPath.isBlank()) {
      try (Reader reader = Files.newBufferedReader(Path.of(configPath))) {
        file.load(reader);
      } catch (IOException e) {
        throw new ConfigException("cannot read config file " + configPath + ": " + e.getMessage());
      }
    }
    return new Arguments(flags, env, file, positional);
  }

  /** Arguments from explicit values only, for tests and embedding. */
  public static Arguments of(Map<String, String> values) {
    Map<String, String> flags = new HashMap<>();
    values.forEach((k, v) -> flags.put(normalise(k), v));
    return new Arguments(flags, Map.of(), new Properties(), List.of());
  }

  /** Words that are not flags, e.g. the command name. */
  public List<String> positional() {
    return List.copyOf(positional);
  }

  public String getString(String key, String description, String defaultValue) {
    String k = normalise(key);
    String envKey = "COPLAN_" + k.replace('-', '_').toUpperCase(Locale.ROOT);
    String value;
    String source;
    if (flags.containsKey(k)) {
      value = flags.get(k);
      source = "flag --" + k;
    } else if (env.containsKey(envKey) && !env.get(envKey).isEmpty()) {
      value = env.get(envKey);
      source = "env " + envKey;
    } else if (file.containsKey(k)) {
      value = file.getProperty(k);
      source = "config file";
    } else {
      value = defaultValue;
      source = "default";
    }
    boolean secret = k.contains("password") || k.contains("secret");
    described.add(
        new Described(k, description, secret && value != null ? "****" : value, source));
    return value;
  }

  public int getInt(String key, String description, int defaultValue) {
    long value = getLong(key, description, defaultValue);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new ConfigException(key + " is out of range: " + value);
    }
    return (int) value;
  }

  public long getLong(String key, String description, long defaultValue) {
    String value = getString(key, description, Long.toString(defaultValue));
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key + " must be a whole number, got '" + value + "'");
    }
  }

  public boolean getBoolean(String key, String description, boolean defaultValue) {
    String value = getString(key, description, Boolean.toString(defaultValue));
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default -> throw new ConfigException(key + " must be true or false, got '" + value + "'");
    };
  }

  public Path getPath(String key, String description, Path defaultValue) {
    String value =
        getString(key, description, defaultValue == null ? null : defaultValue.toString());
    return value == null || value.isBlank() ? null : Path.of(value).toAbsolutePath().normalize();
  }

  /** Every option looked up so far, in lookup order. */
  public List<Described> described() {
    return List.copyOf(described);
  }

  private static String normalise(String key) {
    return key.trim().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
