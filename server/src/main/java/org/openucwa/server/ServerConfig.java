package org.openucwa.server;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.openucwa.application.ApplicationSettings;
import org.openucwa.auth.SignInSettings;
import org.openucwa.cluster.ClusterSettings;
import org.openucwa.directory.Directory;
import org.openucwa.events.ChannelSettings;
import org.openucwa.ldap.LdapSettings;
import org.openucwa.meeting.DialInRegion;
import org.openucwa.meeting.MeetingCustomization;
import org.openucwa.people.PresenceSettings;
import org.openucwa.people.SubscriptionSettings;

/**
 * Everything the server is started with. {@link #builder()} starts from the embedded defaults; the
 * launcher overrides them from flags and environment variables, tests from code.
 *
 * @param directory a directory given directly (tests); otherwise {@code usersFile} or the demo
 */
public record ServerConfig(
    String bind,
    int port,
    Optional<Path> usersFile,
    Optional<Directory> directory,
    Optional<String> publicUrl,
    Optional<Path> tlsCert,
    Optional<Path> tlsKey,
    Duration invitationTimeout,
    List<String> allowedOrigins,
    long maxBodyBytes,
    Duration tokenLifetime,
    Duration sweepInterval,
    ApplicationSettings applications,
    ChannelSettings channel,
    int maxMessageLength,
    PresenceSettings presence,
    List<String> allowedHosts,
    Duration requestReadTimeout,
    SignInSettings signIn,
    List<String> trustedProxies,
    Path dataDir,
    Optional<String> databaseUrl,
    Optional<String> databaseUser,
    Optional<String> databasePassword,
    Optional<String> adminToken,
    int historyDays,
    boolean invitationRecord,
    Optional<LdapSettings> ldap,
    SubscriptionSettings subscriptions,
    OptionalInt managementPort,
    String managementBind,
    boolean jsonLogs,
    boolean accessLog,
    Duration shutdownGrace,
    List<DialInRegion> dialInRegions,
    MeetingCustomization meetingCustomization,
    Optional<ClusterSettings> cluster,
    Clock clock) {

  /** Where the embedded database lives unless {@code --data-dir} says otherwise. */
  public static final String DEFAULT_DATA_DIR = "ucwa-data";

  public ServerConfig {
    allowedOrigins = List.copyOf(allowedOrigins);
    allowedHosts = List.copyOf(allowedHosts);
    trustedProxies = List.copyOf(trustedProxies);
    dialInRegions = List.copyOf(dialInRegions);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether meetings have phone access information: dial-in regions or an audio provider. */
  public boolean dialIn() {
    return !dialInRegions.isEmpty() || meetingCustomization.audioConferenceProvider().isPresent();
  }

  /**
   * Every setting, with the secrets (the database password, also inside the database URL, the LDAP
   * bind password, the admin token and the cluster's secret) shown only as set or not: this text
   * may reach a log.
   */
  @Override
  public String toString() {
    return "ServerConfig[bind="
        + bind
        + ", port="
        + port
        + ", usersFile="
        + usersFile
        + ", directory="
        + directory.map(d -> d.domain() + " (" + d.users().size() + " users)")
        + ", publicUrl="
        + publicUrl
        + ", tlsCert="
        + tlsCert
        + ", tlsKey="
        + tlsKey
        + ", invitationTimeout="
        + invitationTimeout
        + ", allowedOrigins="
        + allowedOrigins
        + ", maxBodyBytes="
        + maxBodyBytes
        + ", tokenLifetime="
        + tokenLifetime
        + ", sweepInterval="
        + sweepInterval
        + ", applications="
        + applications
        + ", channel="
        + channel
        + ", maxMessageLength="
        + maxMessageLength
        + ", presence="
        + presence
        + ", allowedHosts="
        + allowedHosts
        + ", requestReadTimeout="
        + requestReadTimeout
        + ", signIn="
        + signIn
        + ", trustedProxies="
        + trustedProxies
        + ", dataDir="
        + dataDir
        + ", databaseUrl="
        + databaseUrl.map(ServerConfig::redactUrl)
        + ", databaseUser="
        + databaseUser
        + ", databasePassword="
        + secret(databasePassword)
        + ", adminToken="
        + secret(adminToken)
        + ", historyDays="
        + historyDays
        + ", ldap="
        + ldap.map(
            l ->
                "LdapSettings["
                    + l.url()
                    + ", "
                    + l.baseDn()
                    + ", "
                    + l.bindDn().orElse("anonymous")
                    + ", bindPassword="
                    + secret(l.bindPassword())
                    + ", "
                    + l.filter()
                    + "]")
        + ", subscriptions="
        + subscriptions
        + ", managementPort="
        + managementPort
        + ", managementBind="
        + managementBind
        + ", jsonLogs="
        + jsonLogs
        + ", accessLog="
        + accessLog
        + ", invitationRecord="
        + invitationRecord
        + ", shutdownGrace="
        + shutdownGrace
        + ", dialInRegions="
        + dialInRegions
        + ", meetingCustomization="
        + meetingCustomization
        + ", cluster="
        + cluster
        + "]";
  }

  private static String secret(Optional<String> value) {
    return value.isPresent() ? "(set)" : "(none)";
  }

  /** A JDBC URL without the password it may carry ({@code password=...}, {@code user:pw@}). */
  static String redactUrl(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***")
        .replaceAll("//([^/@:]*):[^/@]*@", "//$1:***@");
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.bind = bind;
    b.port = port;
    b.usersFile = usersFile;
    b.directory = directory;
    b.publicUrl = publicUrl;
    b.tlsCert = tlsCert;
    b.tlsKey = tlsKey;
    b.invitationTimeout = invitationTimeout;
    b.allowedOrigins = allowedOrigins;
    b.maxBodyBytes = maxBodyBytes;
    b.tokenLifetime = tokenLifetime;
    b.sweepInterval = sweepInterval;
    b.applications = applications;
    b.channel = channel;
    b.maxMessageLength = maxMessageLength;
    b.subscriptions = subscriptions;
    b.presence = presence;
    b.allowedHosts = allowedHosts;
    b.requestReadTimeout = requestReadTimeout;
    b.signIn = signIn;
    b.trustedProxies = trustedProxies;
    b.dataDir = dataDir;
    b.databaseUrl = databaseUrl;
    b.databaseUser = databaseUser;
    b.databasePassword = databasePassword;
    b.adminToken = adminToken;
    b.historyDays = historyDays;
    b.invitationRecord = invitationRecord;
    b.ldap = ldap;
    b.managementPort = managementPort;
    b.managementBind = managementBind;
    b.jsonLogs = jsonLogs;
    b.accessLog = accessLog;
    b.shutdownGrace = shutdownGrace;
    b.dialInRegions = dialInRegions;
    b.meetingCustomization = meetingCustomization;
    b.cluster = cluster;
    b.clock = clock;
    return b;
  }

  /** Builds a configuration, starting from the embedded defaults. */
  public static final class Builder {
    private String bind = "127.0.0.1";
    private int port = 8080;
    private List<DialInRegion> dialInRegions = List.of();
    private MeetingCustomization meetingCustomization = MeetingCustomization.NONE;
    private Optional<Path> usersFile = Optional.empty();
    private Optional<Directory> directory = Optional.empty();
    private Optional<String> publicUrl = Optional.empty();
    private Optional<Path> tlsCert = Optional.empty();
    private Optional<Path> tlsKey = Optional.empty();
    private Duration invitationTimeout = Duration.ofSeconds(30);
    private List<String> allowedOrigins = List.of();
    private long maxBodyBytes = 1 << 20;
    private Duration tokenLifetime = Duration.ofHours(8);
    private Duration sweepInterval = Duration.ofSeconds(5);
    private ApplicationSettings applications = ApplicationSettings.defaults();
    private ChannelSettings channel = ChannelSettings.reference();
    private int maxMessageLength = 65_536;
    private PresenceSettings presence = PresenceSettings.defaults();
    private List<String> allowedHosts = List.of();
    private Duration requestReadTimeout = Duration.ofSeconds(30);
    private SignInSettings signIn = SignInSettings.defaults();
    private List<String> trustedProxies = List.of();
    private Path dataDir = Path.of(DEFAULT_DATA_DIR);
    private Optional<String> databaseUrl = Optional.empty();
    private Optional<String> databaseUser = Optional.empty();
    private Optional<String> databasePassword = Optional.empty();
    private Optional<String> adminToken = Optional.empty();
    private int historyDays = 90;
    private Optional<LdapSettings> ldap = Optional.empty();
    private SubscriptionSettings subscriptions = SubscriptionSettings.DEFAULT;
    private OptionalInt managementPort = OptionalInt.empty();
    private String managementBind = "127.0.0.1";
    private boolean jsonLogs;
    private boolean accessLog = true;
    private boolean invitationRecord = true;
    private Duration shutdownGrace = Duration.ofSeconds(10);
    private Optional<ClusterSettings> cluster = Optional.empty();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    public Builder bind(String v) {
      bind = v;
      return this;
    }

    public Builder port(int v) {
      port = v;
      return this;
    }

    public Builder usersFile(Path v) {
      usersFile = Optional.of(v);
      return this;
    }

    public Builder directory(Directory v) {
      directory = Optional.of(v);
      return this;
    }

    public Builder publicUrl(String v) {
      publicUrl = Optional.of(v);
      return this;
    }

    public Builder tls(Path cert, Path key) {
      tlsCert = Optional.of(cert);
      tlsKey = Optional.of(key);
      return this;
    }

    public Builder invitationTimeout(Duration v) {
      invitationTimeout = v;
      return this;
    }

    public Builder allowedOrigins(List<String> v) {
      allowedOrigins = v;
      return this;
    }

    public Builder maxBodyBytes(long v) {
      maxBodyBytes = v;
      return this;
    }

    public Builder tokenLifetime(Duration v) {
      tokenLifetime = v;
      return this;
    }

    public Builder sweepInterval(Duration v) {
      sweepInterval = v;
      return this;
    }

    public Builder applications(ApplicationSettings v) {
      applications = v;
      return this;
    }

    public Builder channel(ChannelSettings v) {
      channel = v;
      return this;
    }

    public Builder maxMessageLength(int v) {
      maxMessageLength = v;
      return this;
    }

    public Builder presence(PresenceSettings v) {
      presence = v;
      return this;
    }

    /** Host names the Host header may carry besides the bound address and loopback names. */
    public Builder allowedHosts(List<String> v) {
      allowedHosts = v;
      return this;
    }

    /** How long a request's line and headers may take after its first byte, its body after them. */
    public Builder requestReadTimeout(Duration v) {
      requestReadTimeout = v;
      return this;
    }

    public Builder signIn(SignInSettings v) {
      signIn = v;
      return this;
    }

    /** Reverse proxies whose X-Forwarded-For names the client (for per-address limits). */
    public Builder trustedProxies(List<String> v) {
      trustedProxies = v;
      return this;
    }

    /** The folder of the embedded database (created on first start). */
    public Builder dataDir(Path v) {
      dataDir = v;
      return this;
    }

    /** A JDBC URL: the database to use instead of the embedded one. */
    public Builder databaseUrl(String v) {
      databaseUrl = Optional.of(v);
      return this;
    }

    public Builder databaseUser(String v) {
      databaseUser = Optional.of(v);
      return this;
    }

    public Builder databasePassword(String v) {
      databasePassword = Optional.of(v);
      return this;
    }

    /** The bearer token of the operator's API ({@code /admin/...}); without one it is off. */
    public Builder adminToken(String v) {
      adminToken = Optional.of(v);
      return this;
    }

    /** How many days the invitation record keeps an invitation. */
    public Builder historyDays(int v) {
      historyDays = v;
      return this;
    }

    /** Users from an LDAP or Active Directory server instead of a users file. */
    public Builder ldap(LdapSettings v) {
      ldap = Optional.of(v);
      return this;
    }

    public Builder subscriptions(SubscriptionSettings v) {
      subscriptions = v;
      return this;
    }

    /** Serve health and metrics on this port instead of the main one. */
    public Builder managementPort(int v) {
      managementPort = OptionalInt.of(v);
      return this;
    }

    /** The address the management port listens on (loopback unless told otherwise). */
    public Builder managementBind(String v) {
      managementBind = v;
      return this;
    }

    public Builder jsonLogs(boolean v) {
      jsonLogs = v;
      return this;
    }

    public Builder accessLog(boolean v) {
      accessLog = v;
      return this;
    }

    /** Whether invitations are recorded for the operator ({@code --invitation-record}). */
    public Builder invitationRecord(boolean v) {
      invitationRecord = v;
      return this;
    }

    public Builder shutdownGrace(Duration v) {
      shutdownGrace = v;
      return this;
    }

    /** The dial-in regions of every meeting's phoneDialInInformation; the first is the default. */
    public Builder dialInRegions(List<DialInRegion> v) {
      dialInRegions = v;
      return this;
    }

    /** The disclaimer, invitation values and audio conference provider of every meeting. */
    public Builder meetingCustomization(MeetingCustomization v) {
      meetingCustomization = v;
      return this;
    }

    /**
     * The clock every timeout, expiry and presence timer reads: the system's, or one a test moves.
     */
    public Builder clock(Clock v) {
      clock = v;
      return this;
    }

    /** Run as a node of a cluster. */
    public Builder cluster(ClusterSettings v) {
      cluster = Optional.of(v);
      return this;
    }

    public ServerConfig build() {
      return new ServerConfig(
          bind,
          port,
          usersFile,
          directory,
          publicUrl,
          tlsCert,
          tlsKey,
          invitationTimeout,
          allowedOrigins,
          maxBodyBytes,
          tokenLifetime,
          sweepInterval,
          applications,
          channel,
          maxMessageLength,
          presence,
          allowedHosts,
          requestReadTimeout,
          signIn,
          trustedProxies,
          dataDir,
          databaseUrl,
          databaseUser,
          databasePassword,
          adminToken,
          historyDays,
          invitationRecord,
          ldap,
          subscriptions,
          managementPort,
          managementBind,
          jsonLogs,
          accessLog,
          shutdownGrace,
          dialInRegions,
          meetingCustomization,
          cluster,
          clock);
    }
  }
}
