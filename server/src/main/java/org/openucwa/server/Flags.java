package org.openucwa.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openucwa.cluster.ClusterSettings;
import org.openucwa.ldap.LdapSettings;
import org.openucwa.meeting.AudioConferenceProvider;
import org.openucwa.meeting.DialInRegion;
import org.openucwa.meeting.MeetingCustomization;
import org.openucwa.people.PresenceSettings;

/**
 * Reads the launcher's flags ({@code --port 8080} or {@code --port=8080}). Each may also come from
 * an environment variable ({@code UCWA_PORT}) or from the YAML file named by {@code --config}; a
 * flag wins over its variable, a variable over the file, and the file over the embedded default.
 */
public final class Flags {

  /** A flag the launcher does not know, or a value it cannot use. */
  public static final class UsageException extends RuntimeException {
    public UsageException(String message) {
      super(message, null, false, false);
    }
  }

  /** One flag: its name, the placeholder of its value, its default and what it does. */
  record Flag(String name, String value, String byDefault, String meaning, boolean path) {
    String variable() {
      return "UCWA_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }
  }

  static final List<Flag> FLAGS =
      List.of(
          new Flag("config", "FILE", "none", "YAML file with any of these flags as keys", true),
          new Flag("bind", "ADDR", "127.0.0.1", "address to listen on", false),
          new Flag("port", "N", "8080", "port; 0 picks a free one", false),
          new Flag("users", "FILE", "demo directory", "the users file (YAML)", true),
          new Flag(
              "public-url", "URL", "from the Host header", "scheme://host[:port] in links", false),
          new Flag("tls-cert", "FILE", "plain HTTP", "PEM certificate chain: serve HTTPS", true),
          new Flag("tls-key", "FILE", "plain HTTP", "PEM private key (RSA or EC)", true),
          new Flag("invitation-timeout", "SECONDS", "30", "how long an invitation waits", false),
          new Flag("allowed-origins", "LIST", "none", "web origins that may use the XFrame", false),
          new Flag(
              "allowed-hosts",
              "LIST",
              "bind address, loopback, lyncdiscover[internal].<domain>",
              "other host names the server answers for (without --public-url)",
              false),
          new Flag(
              "trusted-proxies",
              "LIST",
              "none",
              "proxy addresses whose X-Forwarded-For names the client",
              false),
          new Flag(
              "dial-in-regions",
              "LIST",
              "none",
              "meetings' dial-in numbers: NAME=tel:+NUMBER[=LANGUAGES], comma-separated",
              false),
          new Flag(
              "acp-toll-number", "tel:+N", "none", "an audio conference provider's number", false),
          new Flag(
              "acp-toll-free-numbers", "LIST", "none", "its toll-free numbers (tel:+N)", false),
          new Flag(
              "acp-participant-passcode", "CODE", "none", "its participants' pass code", false),
          new Flag(
              "meeting-disclaimer-title",
              "TEXT",
              "none",
              "every meeting's disclaimer title",
              false),
          new Flag(
              "meeting-disclaimer-body", "TEXT", "none", "every meeting's disclaimer text", false),
          new Flag("meeting-help-url", "URL", "none", "help page named in invitations", false),
          new Flag(
              "meeting-first-time-help-url",
              "URL",
              "none",
              "help page for first-time users",
              false),
          new Flag("meeting-legal-url", "URL", "none", "legal page named in invitations", false),
          new Flag("meeting-logo-url", "URL", "none", "logo shown in invitations", false),
          new Flag("meeting-footer-text", "TEXT", "none", "text at the foot of invitations", false),
          new Flag(
              "max-applications-per-user", "N", "10", "more gives 409 TooManyApplications", false),
          new Flag("max-body-bytes", "N", "1048576", "larger bodies get 413", false),
          new Flag(
              "inactive-timeout", "SECONDS", "300", "no activity: shown inactive after", false),
          new Flag("away-timeout", "SECONDS", "300", "and Away after this much more", false),
          new Flag(
              "data-dir", "DIR", "ucwa-data", "folder of the embedded database (created)", true),
          new Flag(
              "database-url",
              "URL",
              "embedded H2",
              "jdbc:postgresql://host[:port]/db: use PostgreSQL",
              false),
          new Flag("database-user", "NAME", "none", "the database's user", false),
          new Flag("database-password", "SECRET", "none", "the database user's password", false),
          new Flag("admin-token", "TOKEN", "off", "bearer token of /admin/... (16+ chars)", false),
          new Flag("history-days", "N", "90", "days the invitation record and history keep", false),
          new Flag(
              "invitation-record",
              "on|off",
              "on",
              "record every invitation for /admin/invitations",
              false),
          new Flag("ldap-url", "URL", "none", "ldap[s]://host[:port]: users from LDAP", false),
          new Flag("ldap-base-dn", "DN", "none", "where the LDAP users are", false),
          new Flag("ldap-bind-dn", "DN", "anonymous", "the account that reads LDAP", false),
          new Flag("ldap-bind-password", "SECRET", "none", "that account's password", false),
          new Flag(
              "ldap-filter",
              "FILTER",
              "(msRTCSIP-PrimaryUserAddress=sip:*)",
              "which LDAP entries are users",
              false),
          new Flag(
              "ldap-cache-seconds",
              "N",
              "300",
              "users and searches read from LDAP are read again after",
              false),
          new Flag(
              "management-port",
              "N",
              "the main port",
              "port for /health, /metrics and /admin (0 picks a free one)",
              false),
          new Flag(
              "management-bind",
              "ADDRESS",
              "127.0.0.1",
              "address of the management port (off loopback /admin needs the token)",
              false),
          new Flag("log-format", "text|json", "text", "log lines as text or JSON", false),
          new Flag("access-log", "on|off", "on", "one log line per request", false),
          new Flag(
              "cluster-members",
              "LIST",
              "none (single node)",
              "host:port of cluster members (TCP/IP): run as a node of a cluster",
              false),
          new Flag("cluster-port", "N", "5701", "this node's cluster member port", false),
          new Flag("cluster-name", "NAME", "ucwa", "the cluster's name", false),
          new Flag(
              "cluster-secret", "SECRET", "none", "shared by every member of the cluster", false),
          new Flag(
              "cluster-dead-after",
              "SECONDS",
              "10",
              "a silent member is declared dead after this long",
              false),
          new Flag(
              "shutdown-grace",
              "SECONDS",
              "10",
              "on SIGTERM, how long held requests get to finish",
              false));

  static final List<String> NAMES = FLAGS.stream().map(Flag::name).toList();

  private Flags() {}

  public static ServerConfig parse(String[] args, Map<String, String> env) {
    Map<String, String> given = fromArguments(args);
    Map<String, String> fromEnv = new LinkedHashMap<>();
    for (Flag f : FLAGS) {
      String v = env.get(f.variable());
      if (v != null && !v.isBlank()) {
        fromEnv.put(f.name(), v);
      }
    }
    Map<String, String> values = new LinkedHashMap<>();
    Optional.ofNullable(given.getOrDefault("config", fromEnv.get("config")))
        .ifPresent(file -> values.putAll(ConfigFile.read(Path.of(file))));
    values.putAll(fromEnv);
    values.putAll(given);
    return toConfig(values);
  }

  /** The text {@code --help} prints: every flag with its variable and default. */
  public static String help() {
    StringBuilder s =
        new StringBuilder(
            "Usage: ucwa-server [FLAGS]\n"
                + "       ucwa-server hash-password   (reads a password on standard input)\n"
                + "       ucwa-server --help | --version\n\n"
                + "Each flag may also be set by its environment variable or as a key of the"
                + " --config file;\na flag wins over its variable, a variable over the file.\n\n");
    for (Flag f : FLAGS) {
      String left = "  --" + f.name() + " " + f.value();
      s.append(
          String.format(
              Locale.ROOT, "%-34s %-32s default: %s%n", left, f.variable(), f.byDefault()));
      s.append("      ").append(f.meaning()).append('\n');
    }
    return s.toString();
  }

  private static Map<String, String> fromArguments(String[] args) {
    Map<String, String> values = new LinkedHashMap<>();
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
        throw new UsageException("unknown flag --" + name + "; see ucwa-server --help");
      }
      values.put(name, value);
    }
    return values;
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
    if (v.containsKey("dial-in-regions")) {
      try {
        b.dialInRegions(
            Arrays.stream(v.get("dial-in-regions").split(","))
                .filter(s -> !s.isBlank())
                .map(DialInRegion::parse)
                .toList());
      } catch (IllegalArgumentException e) {
        throw new UsageException("--dial-in-regions: " + e.getMessage());
      }
    }
    b.meetingCustomization(meetingCustomization(v));
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
    if (v.containsKey("invitation-record")) {
      String r = v.get("invitation-record").trim().toLowerCase(Locale.ROOT);
      if (!r.equals("on") && !r.equals("off")) {
        throw new UsageException("--invitation-record must be on or off, not '" + r + "'");
      }
      b.invitationRecord(r.equals("on"));
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
              v.getOrDefault("ldap-filter", LdapSettings.DEFAULT_FILTER),
              v.containsKey("ldap-cache-seconds")
                  ? Duration.ofSeconds(number(v, "ldap-cache-seconds", 1, 86_400))
                  : LdapSettings.DEFAULT_CACHE_TTL));
    } else if (v.keySet().stream().anyMatch(k -> k.startsWith("ldap-"))) {
      throw new UsageException("the --ldap-... flags need --ldap-url");
    }
    if (v.containsKey("management-bind")) {
      b.managementBind(v.get("management-bind").trim());
    }
    if (v.containsKey("management-port")) {
      b.managementPort(number(v, "management-port", 0, 65535));
    }
    if (v.containsKey("log-format")) {
      String f = v.get("log-format").trim().toLowerCase(Locale.ROOT);
      if (!f.equals("text") && !f.equals("json")) {
        throw new UsageException("--log-format must be text or json, not '" + f + "'");
      }
      b.jsonLogs(f.equals("json"));
    }
    if (v.containsKey("access-log")) {
      String a = v.get("access-log").trim().toLowerCase(Locale.ROOT);
      if (!a.equals("on") && !a.equals("off")) {
        throw new UsageException("--access-log must be on or off, not '" + a + "'");
      }
      b.accessLog(a.equals("on"));
    }
    if (v.containsKey("shutdown-grace")) {
      b.shutdownGrace(Duration.ofSeconds(number(v, "shutdown-grace", 0, 3600)));
    }
    if (v.keySet().stream().anyMatch(k -> k.startsWith("cluster-"))) {
      b.cluster(cluster(v));
    }
    return b.build();
  }

  private static ClusterSettings cluster(Map<String, String> v) {
    if (!v.containsKey("cluster-members")) {
      throw new UsageException(
          "the --cluster-... flags need --cluster-members host:port,... (this node may be one)");
    }
    if (!v.containsKey("database-url")) {
      throw new UsageException(
          "a cluster shares its store: give --database-url jdbc:postgresql://host[:port]/database"
              + " (the embedded database serves a single node)");
    }
    List<String> members =
        Arrays.stream(v.get("cluster-members").split("[,\\s]+")).filter(m -> !m.isBlank()).toList();
    for (String m : members) {
      if (!m.matches("[^:\\s]+(:\\d{1,5})?|\\[[0-9a-fA-F:.]+\\](:\\d{1,5})?")) {
        throw new UsageException("--cluster-members takes host:port entries, not '" + m + "'");
      }
    }
    String name = v.getOrDefault("cluster-name", ClusterSettings.DEFAULT_NAME).trim();
    if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new UsageException(
          "--cluster-name takes 1 to 64 letters, digits, '.', '_' or '-', not '" + name + "'");
    }
    Optional<String> secret = Optional.ofNullable(v.get("cluster-secret"));
    if (secret.isPresent() && secret.get().length() < 16) {
      throw new UsageException("--cluster-secret must be at least 16 characters long");
    }
    return new ClusterSettings(
        members,
        v.getOrDefault("bind", "127.0.0.1"),
        v.containsKey("cluster-port")
            ? number(v, "cluster-port", 0, 65535)
            : ClusterSettings.DEFAULT_PORT,
        name,
        secret,
        v.containsKey("cluster-dead-after")
            ? Duration.ofSeconds(number(v, "cluster-dead-after", 2, 3600))
            : ClusterSettings.DEFAULT_DEAD_AFTER);
  }

  private static MeetingCustomization meetingCustomization(Map<String, String> v) {
    Optional<AudioConferenceProvider> acp = Optional.empty();
    if (v.containsKey("acp-toll-number")) {
      acp =
          Optional.of(
              new AudioConferenceProvider(
                  telephone("acp-toll-number", v.get("acp-toll-number")),
                  Arrays.stream(v.getOrDefault("acp-toll-free-numbers", "").split("[,\\s]+"))
                      .filter(s -> !s.isBlank())
                      .map(n -> telephone("acp-toll-free-numbers", n))
                      .toList(),
                  text(v, "acp-participant-passcode", 64)));
    } else if (v.keySet().stream().anyMatch(k -> k.startsWith("acp-"))) {
      throw new UsageException("the --acp-... flags need --acp-toll-number");
    }
    return new MeetingCustomization(
        text(v, "meeting-disclaimer-title", 256),
        text(v, "meeting-disclaimer-body", 4096),
        url(v, "meeting-first-time-help-url"),
        text(v, "meeting-footer-text", 4096),
        url(v, "meeting-help-url"),
        url(v, "meeting-legal-url"),
        url(v, "meeting-logo-url"),
        acp);
  }

  private static String telephone(String name, String value) {
    String n = value.trim();
    if (!n.matches("tel:\\+[0-9]{4,15}")) {
      throw new UsageException("--" + name + ": '" + n + "' must be tel:+ and 4 to 15 digits");
    }
    return n;
  }

  private static Optional<String> text(Map<String, String> v, String name, int max) {
    Optional<String> t = Optional.ofNullable(v.get(name)).map(String::trim);
    if (t.isPresent() && (t.get().isEmpty() || t.get().length() > max)) {
      throw new UsageException("--" + name + " must have 1 to " + max + " characters");
    }
    return t;
  }

  private static Optional<String> url(Map<String, String> v, String name) {
    Optional<String> u = text(v, name, 2048);
    if (u.isPresent() && !u.get().matches("(?i)https?://[^\\s/?#]+\\S*")) {
      throw new UsageException(
          "--" + name + " must be an http:// or https:// URL, not '" + u.get() + "'");
    }
    return u;
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
