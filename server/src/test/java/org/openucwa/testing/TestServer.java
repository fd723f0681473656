package org.openucwa.testing;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import org.openucwa.application.Application;
import org.openucwa.application.ApplicationSettings;
import org.openucwa.directory.Credential;
import org.openucwa.directory.Directory;
import org.openucwa.directory.PasswordHasher;
import org.openucwa.directory.User;
import org.openucwa.events.ChannelSettings;
import org.openucwa.server.ServerConfig;
import org.openucwa.server.UcwaServer;

/**
 * A real server on a random loopback port for scenario tests, with four users of contoso.com
 * (alice, bob, carol, dave; password {@value #PASSWORD}) and event channel bounds short enough for
 * tests: P-GET timeouts from 1 s, aggregation intervals from 1 s.
 */
public final class TestServer implements AutoCloseable {

  public static final String PASSWORD = "pass@word1";
  public static final List<String> USERS = List.of("alice", "bob", "carol", "dave");

  private final UcwaServer server;
  private final String scheme;

  private TestServer(UcwaServer server, String scheme) {
    this.server = server;
    this.scheme = scheme;
  }

  public static TestServer start() {
    return start(b -> b);
  }

  /** Starts with the test defaults, adjusted by {@code tweak}. */
  public static TestServer start(UnaryOperator<ServerConfig.Builder> tweak) {
    return started(tweak.apply(base().databaseUrl(memoryDatabase())));
  }

  /** Starts with the test defaults on the embedded database kept in {@code dataDir}. */
  public static TestServer startIn(Path dataDir) {
    return startIn(dataDir, b -> b);
  }

  /** Starts on the embedded database kept in {@code dataDir}, adjusted by {@code tweak}. */
  public static TestServer startIn(Path dataDir, UnaryOperator<ServerConfig.Builder> tweak) {
    return started(tweak.apply(base().dataDir(dataDir)));
  }

  private static ServerConfig.Builder base() {
    return ServerConfig.builder()
        .port(0)
        .directory(directory())
        .sweepInterval(Duration.ofMillis(200))
        .applications(new ApplicationSettings(5, Duration.ofMinutes(5), Duration.ofMinutes(15)))
        .channel(fastChannel());
  }

  private static TestServer started(ServerConfig.Builder b) {
    ServerConfig config = b.build();
    return new TestServer(
        UcwaServer.start(config, config.directory().orElseThrow()),
        config.tlsCert().isPresent() ? "https" : "http");
  }

  /** A fresh in-memory H2 database, gone when the server closes its pool. */
  public static String memoryDatabase() {
    return Databases.memoryH2();
  }

  public static ChannelSettings fastChannel() {
    return new ChannelSettings(
        Duration.ofSeconds(20),
        Duration.ofSeconds(1),
        Duration.ofSeconds(60),
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        Duration.ofSeconds(1),
        Duration.ofSeconds(60),
        10_000,
        ChannelSettings.DEFAULT_QUEUE_BYTES);
  }

  public static Directory directory() {
    SecureRandom random = new SecureRandom();
    Credential credential =
        new Credential(PasswordHasher.hash(PASSWORD.toCharArray(), random, 1000));
    List<User> users = new ArrayList<>();
    for (String name : USERS) {
      String display = Character.toUpperCase(name.charAt(0)) + name.substring(1) + " Test";
      users.add(
          User.builder("sip:" + name + "@contoso.com", display)
              .credential(credential)
              .title("Engineer")
              .department("R&D")
              .company("Contoso")
              .office("1/" + name.length())
              .workPhoneNumber("tel:+1425555010" + users.size())
              .emailAddresses(List.of(name + "@contoso.com"))
              .build());
    }
    return new Directory("contoso.com", users);
  }

  /** The loopback URL of the server: https when it was started with a certificate. */
  public String url() {
    return scheme + "://127.0.0.1:" + server.port();
  }

  public UcwaServer server() {
    return server;
  }

  /**
   * The ids of a test user's applications as the server holds them, in creation order: what a test
   * looks at to tell that a refused request created or removed nothing.
   */
  public List<String> applicationIds(String user) {
    return server.applications().applicationsOf("sip:" + user + "@contoso.com").stream()
        .map(Application::id)
        .toList();
  }

  /** A client for one of the test users; nothing is requested until it is used. */
  public UcwaClient client(String user) {
    return new UcwaClient(url(), user + "@contoso.com", PASSWORD);
  }

  /**
   * A client of a test user with an application ({@code endpoint}) made available for messaging,
   * the events the channel had for it so far read: ready to be invited and to invite.
   */
  public UcwaClient available(String user, String endpoint) {
    UcwaClient c = availableUnread(user, endpoint);
    c.events().drain();
    return c;
  }

  /**
   * As {@link #available}, but the channel's events are left unread, for a test that reads them
   * from the first (the wire-format tests) or waits for one of them.
   */
  public UcwaClient availableUnread(String user, String endpoint) {
    UcwaClient c = client(user);
    c.createApplication(endpoint);
    c.makeAvailable();
    return c;
  }

  /** A client for a test user of a server started with TLS, trusting what {@code tls} trusts. */
  public UcwaClient client(String user, SSLContext tls) {
    return new UcwaClient(
        HttpClient.newBuilder().sslContext(tls).build(), url(), user + "@contoso.com", PASSWORD);
  }

  @Override
  public void close() {
    server.close();
  }
}
