package org.openucwa.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openucwa.people.PresenceSettings;

/**
 * Reads the launcher's flags ({@code --port 8080} or {@code --port=8080}), each of which may also
 * come from an environment variable ({@code UCWA_PORT}); a flag wins over its variable.
 */
public final class Flags {

  /** A flag the launcher does not know, or a value it cannot use. */
  public static final class UsageException extends RuntimeException {
    public UsageException(String message) {
      super(message, null, false, false);
    }
  }

  static final List<String> NAMES =
      List.of(
          "bind",
          "port",
          "users",
          "public-url",
          "tls-cert",
          "tls-key",
          "invitation-timeout",
          "allowed-origins",
          "allowed-hosts",
          "trusted-proxies",
          "max-applications-per-user",
          "max-body-bytes",
          "inactive-timeout",
          "away-timeout");

  private Flags() {}

  public static ServerConfig parse(String[] args, Map<String, String> env) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : NAMES) {
      String v = env.get("UCWA_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
      if (v != null && !v.isBlank()) {
        values.put(name, v);
      }
    }
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        throw new UsageException("unexpected argument '" + a + "'");
      }
      String name = a.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new UsageException("--" + name + " needs a value");
      }
      if (!NAMES.contains(name)) {
        throw new UsageException(
            "unknown flag --" + name + "; known: --" + String.join(", --", NAMES));
      }
      values.put(name, value);
    }
    return toConfig(values);
  }

  private static ServerConfig toConfig(Map<String, String> v) {
    ServerConfig.Builder b = ServerConfig.builder();
    ServerConfig defaults = b.build();
    if (v.containsKey("bind")) {
      b.bind(v.get("bind"));
    }
    if (v.containsKey("port")) {
      b.port(number(v, "port", 0, 65535));
    }
    if (v.containsKey("users")) {
      b.usersFile(Path.of(v.get("users")));
    }
    if (v.containsKey("public-url")) {
      String url = v.get("public-url");
      if (!url.matches("https?://[^/?#]+/?")) {
        throw new UsageException("--public-url must be scheme://host[:port], not '" + url + "'");
      }
      b.publicUrl(url);
    }
    if (v.containsKey("tls-cert") != v.containsKey("tls-key")) {
      throw new UsageException("--tls-cert and --tls-key go together");
    }
    if (v.containsKey("tls-cert")) {
      b.tls(Path.of(v.get("tls-cert")), Path.of(v.get("tls-key")));
    }
    if (v.containsKey("invitation-timeout")) {
      b.invitationTimeout(Duration.ofSeconds(number(v, "invitation-timeout", 1, 86_400)));
    }
    if (v.containsKey("allowed-origins")) {
      b.allowedOrigins(
          Arrays.stream(v.get("allowed-origins").split("[,\\s]+"))
              .filter(s -> !s.isBlank())
              .toList());
    }
    if (v.containsKey("allowed-hosts")) {
      b.allowedHosts(
          Arrays.stream(v.get("allowed-hosts").split("[,\\s]+"))
              .filter(s -> !s.isBlank())
              .toList());
    }
    if (v.containsKey("trusted-proxies")) {
      b.trustedProxies(
          Arrays.stream(v.get("trusted-proxies").split("[,\\s]+"))
              .filter(s -> !s.isBlank())
              .toList());
    }
    if (v.containsKey("max-applications-per-user")) {
      var a = defaults.applications();
      b.applications(
          new org.openucwa.application.ApplicationSettings(
              number(v, "max-applications-per-user", 1, 1_000_000),
              a.resumeAfter(),
              a.expireAfter()));
    }
    if (v.containsKey("max-body-bytes")) {
      b.maxBodyBytes(number(v, "max-body-bytes", 1024, Integer.MAX_VALUE - 8));
    }
    if (v.containsKey("inactive-timeout") || v.containsKey("away-timeout")) {
      var p = defaults.presence();
      b.presence(
          new PresenceSettings(
              v.containsKey("inactive-timeout")
                  ? Duration.ofSeconds(number(v, "inactive-timeout", 1, 86_400))
                  : p.inactiveTimeout(),
              v.containsKey("away-timeout")
                  ? Duration.ofSeconds(number(v, "away-timeout", 1, 86_400))
                  : p.awayTimeout()));
    }
    return b.build();
  }

  private static int number(Map<String, String> v, String name, int min, int max) {
    try {
      int n = Integer.parseInt(v.get(name).trim());
      if (n < min || n > max) {
        throw new UsageException("--" + name + " must be between " + min + " and " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a whole number, not '" + v.get(name) + "'");
    }
  }
}
