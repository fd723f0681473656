package org.openucwa.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openucwa.ldap.LdapSettings;
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
          "max-applications-per-user",
          "max-body-bytes",
          "inactive-timeout",
          "away-timeout",
          "data-dir",
          "database-url",
          "database-user",
          "database-password",
          "admin-token",
          "history-days",
          "ldap-url",
          "ldap-base-dn",
          "ldap-bind-dn",
          "ldap-bind-password",
          "ldap-filter");

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
    if (v.containsKey("data-dir")) {
      b.dataDir(Path.of(v.get("data-dir")));
    }
    if (v.containsKey("database-url")) {
      String url = v.get("database-url").trim();
      if (!url.matches("jdbc:postgresql://[^/?#\\s]+/[^\\s]*") && !url.matches("jdbc:h2:\\S+")) {
        throw new UsageException(
            "--database-url must be jdbc:postgresql://host[:port]/database, not '" + url + "'");
      }
      b.databaseUrl(url);
    }
    if (v.containsKey("database-user")) {
      b.databaseUser(v.get("database-user"));
    }
    if (v.containsKey("database-password")) {
      b.databasePassword(v.get("database-password"));
    }
    if (v.containsKey("admin-token")) {
      String t = v.get("admin-token").trim();
      if (t.length() < 16) {
        throw new UsageException("--admin-token must be at least 16 characters long");
      }
      b.adminToken(t);
    }
    if (v.containsKey("history-days")) {
      b.historyDays(number(v, "history-days", 1, 36_500));
    }
    if (v.containsKey("ldap-url")) {
      String url = v.get("ldap-url").trim();
      if (!url.matches("(?i)ldaps?://[^/?#\\s]+/?")) {
        throw new UsageException(
            "--ldap-url must be ldap://host[:port] or ldaps://host[:port], not '" + url + "'");
      }
      if (!v.containsKey("ldap-base-dn")) {
        throw new UsageException(
            "--ldap-url needs --ldap-base-dn, the DN under which the users are");
      }
      if (v.containsKey("users")) {
        throw new UsageException("give either --users or --ldap-url, not both");
      }
      b.ldap(
          new LdapSettings(
              url,
              v.get("ldap-base-dn"),
              Optional.ofNullable(v.get("ldap-bind-dn")),
              Optional.ofNullable(v.get("ldap-bind-password")),
              v.getOrDefault("ldap-filter", LdapSettings.DEFAULT_FILTER)));
    } else if (v.keySet().stream().anyMatch(k -> k.startsWith("ldap-"))) {
      throw new UsageException("the --ldap-... flags need --ldap-url");
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
