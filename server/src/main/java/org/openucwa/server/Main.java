package org.openucwa.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.openucwa.directory.DemoDirectory;
import org.openucwa.directory.Directory;
import org.openucwa.directory.HashPasswordCommand;
import org.openucwa.directory.PasswordCheck;
import org.openucwa.directory.UsersFile;
import org.openucwa.directory.UsersFileException;
import org.openucwa.ldap.LdapDirectory;
import org.openucwa.store.jdbc.Database;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The launcher: {@code ucwa-server [flags]} runs the server until it is stopped; {@code ucwa-server
 * hash-password} reads a password on standard input and prints its hash for a users file; {@code
 * ucwa-server rotate-token-key} makes a new token-signing key in the store; {@code ucwa-server
 * invitations} prints a running server's invitation record. Without a users file the server runs on
 * a demo directory whose passwords it prints, and then only on a loopback address.
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
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    ServerConfig config;
    Directory directory;
    try {
      config = Flags.parse(args, System.getenv());
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
    } catch (Database.StoreException | LdapDirectory.LdapUnavailableException e) {
      System.err.println("ucwa-server: " + e.getMessage());
      ldap.ifPresent(LdapDirectory::close);
      System.exit(1);
      return;
    }
    Optional<LdapDirectory> directoryServer = ldap;
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  directoryServer.ifPresent(LdapDirectory::close);
                  stopped.countDown();
                }));
    System.out.println("UCWA server listening on " + server.url());
    System.out.flush();
    stopped.await();
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
