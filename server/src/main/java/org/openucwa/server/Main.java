package org.openucwa.server;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.openucwa.cluster.ClusterNode;
import org.openucwa.directory.DemoDirectory;
import org.openucwa.directory.Directory;
import org.openucwa.directory.HashPasswordCommand;
import org.openucwa.directory.PasswordCheck;
import org.openucwa.directory.UsersFile;
import org.openucwa.directory.UsersFileException;
import org.openucwa.ldap.LdapDirectory;
import org.openucwa.store.jdbc.Database;
import org.openucwa.web.HelidonServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The launcher: {@code ucwa-server [flags]} runs the server until it is stopped; {@code ucwa-server
 * hash-password} reads a password on standard input and prints its hash for a users file; {@code
 * ucwa-server rotate-token-key} makes a new token-signing key in the store; {@code ucwa-server
 * invitations} prints a running server's invitation record. Without a users file the server runs on
 * a demo directory whose passwords it prints, and then only on a loopback address.
 *
 * <p>It fails fast with one line and a non-zero exit code when it cannot start (2: a flag, the
 * config or users file, or the TLS files; 1: the address cannot be bound, or the database or the
 * directory server cannot be reached). SIGTERM and SIGINT stop it gracefully ({@link
 * UcwaServer#shutdown}); SIGHUP re-reads the users file.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    System.setProperty("java.awt.headless", "true");
    if (args.length > 0 && args[0].equals("hash-password")) {
      System.exit(HashPasswordCommand.run(System.in, System.out, System.err));
    }
    if (args.length > 0 && args[0].equals("invitations")) {
      System.exit(
          InvitationsCommand.run(
              java.util.Arrays.copyOfRange(args, 1, args.length),
              System.getenv(),
              System.out,
              System.err));
    }
    if (args.length > 0 && args[0].equals("rotate-token-key")) {
      System.exit(
          RotateTokenKeyCommand.run(
              java.util.Arrays.copyOfRange(args, 1, args.length),
              System.getenv(),
              System.out,
              System.err));
    }
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      System.out.print(Flags.help());
      System.exit(0);
    }
    if (Arrays.asList(args).contains("--version")) {
      System.out.println("ucwa-server " + version());
      System.exit(0);
    }
    ServerConfig config;
    Directory directory;
    try {
      config = Flags.parse(args, System.getenv());
      if (config.jsonLogs()) {
        useJsonLogs();
      }
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
      directory = directory(config);
    } catch (Flags.UsageException | UsersFileException e) {
      System.err.println("ucwa-server: " + e.getMessage());
      System.exit(2);
      return;
    }
    UcwaServer server;
    Optional<LdapDirectory> ldap = Optional.empty();
    try {
      if (config.ldap().isPresent()) {
        ldap =
            Optional.of(
                LdapDirectory.load(config.ldap().get(), config.dataDir().resolve("ldap-photos")));
        directory = ldap.get().directory();
      }
      server =
          UcwaServer.start(
              config, directory, ldap.<PasswordCheck>map(l -> l).orElse(PasswordCheck.HASHES));
    } catch (Flags.UsageException e) {
      System.err.println("ucwa-server: " + e.getMessage());
      ldap.ifPresent(LdapDirectory::close);
      System.exit(2);
      return;
    } catch (HelidonServer.BindException
        | ClusterNode.ClusterStartException
        | Database.StoreException
        | LdapDirectory.LdapUnavailableException e) {
      System.err.println("ucwa-server: " + e.getMessage());
      ldap.ifPresent(LdapDirectory::close);
      System.exit(1);
      return;
    }
    Optional<LdapDirectory> directoryServer = ldap;
    Directory served = directory;
    Logger log = LoggerFactory.getLogger(Main.class);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  Duration grace = config.shutdownGrace();
                  log.info(
                      "Shutting down: {} held event channel requests get 503; up to {} s for"
                          + " requests in progress",
                      server.heldRequests(),
                      grace.toSeconds());
                  long start = System.nanoTime();
                  server.shutdown(grace);
                  log.info("Stopped in {} ms", (System.nanoTime() - start) / 1_000_000);
                  directoryServer.ifPresent(LdapDirectory::close);
                  stopped.countDown();
                },
                "shutdown"));
    if (!Signals.onHangUp(() -> reload(config, server, log)) && config.usersFile().isPresent()) {
      log.warn(
          "SIGHUP is ignored by this process (started under nohup?): the users file is re-read"
              + " only on restart");
    }
    System.out.println(startMessage(config, served, server));
    System.out.println(
        "UCWA server listening on "
            + server.url()
            + server
                .cluster()
                .map(c -> " (cluster " + c.name() + ", " + c.size() + " nodes)")
                .orElse(""));
    System.out.flush();
    stopped.await();
  }

  private static void reload(ServerConfig config, UcwaServer server, Logger log) {
    if (config.usersFile().isEmpty()) {
      log.info("SIGHUP: no users file to re-read (serving the demo directory)");
      return;
    }
    try {
      UcwaServer.Reload r = server.reload(UsersFile.load(config.usersFile().get()));
      log.info(
          "SIGHUP: re-read {}: {} users; removed and signed out: {}",
          config.usersFile().get(),
          r.users(),
          r.removed().isEmpty() ? "none" : String.join(", ", r.removed()));
    } catch (UsersFileException | IllegalArgumentException e) {
      log.warn("SIGHUP: kept the current users, the file cannot be used: {}", e.getMessage());
    }
  }

  static String startMessage(ServerConfig config, Directory directory, UcwaServer server) {
    String users =
        config
            .usersFile()
            .map(f -> "users file " + f.toAbsolutePath())
            .orElse(
                config
                    .ldap()
                    .map(l -> "the LDAP directory " + l.url())
                    .orElse("the demo directory"));
    return "UCWA server: "
        + users
        + " ("
        + directory.users().size()
        + " users of "
        + directory.domain()
        + "); bind "
        + config.bind()
        + ":"
        + server.port()
        + "; public URL "
        + config.publicUrl().orElse("from each request's Host header")
        + "; TLS "
        + (config.tlsCert().isPresent() ? "on (" + config.tlsCert().get() + ")" : "off")
        + "; health and metrics on "
        + server.managementPort().stream()
            .mapToObj(p -> config.managementBind() + ":" + p + " (with the admin API)")
            .findFirst()
            .orElse("the main port");
  }

  /** The version Maven built, or {@code unknown} outside a build. */
  static String version() {
    Properties p = new Properties();
    try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // fall through
    }
    return p.getProperty("version", "unknown");
  }

  private static void useJsonLogs() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(Main.class.getResource("/logback-json.xml"));
    } catch (JoranException e) {
      throw new Flags.UsageException("cannot set up JSON logging: " + e.getMessage());
    }
  }

  /** The users file's or the demo directory; null when the users come from LDAP. */
  private static Directory directory(ServerConfig config) {
    if (config.usersFile().isPresent()) {
      return UsersFile.load(config.usersFile().get());
    }
    if (config.ldap().isPresent()) {
      return null;
    }
    if (!isLoopback(config.bind())) {
      throw new Flags.UsageException(
          "refusing to serve the demo directory on "
              + config.bind()
              + ": give a users file with --users to bind a non-loopback address");
    }
    DemoDirectory demo = DemoDirectory.create(new SecureRandom());
    System.out.println(
        "No users file given: serving the demo directory of " + demo.directory().domain() + ".");
    for (Map.Entry<String, String> e : demo.passwords().entrySet()) {
      System.out.println("  " + e.getKey() + "  password: " + e.getValue());
    }
    return demo.directory();
  }

  private static boolean isLoopback(String bind) {
    try {
      return InetAddress.getByName(bind).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new Flags.UsageException("cannot resolve --bind " + bind);
    }
  }
}
