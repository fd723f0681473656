package org.openucwa.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.openucwa.ldap.ActiveDirectoryFixture;
import org.openucwa.ldap.LdapDirectory;
import org.openucwa.ldap.LdapSettings;
import org.openucwa.server.ServerConfig;
import org.openucwa.server.UcwaServer;

/**
 * A real server whose users come from an in-process Active Directory (the ldap module's {@link
 * ActiveDirectoryFixture}: alice and bob, with their directory passwords), on a random loopback
 * port, with the event channel and sweep of {@link TestServer} and an in-memory database. Closing
 * it stops the server, the directory client and the directory, in that order.
 */
public final class LdapTestServer implements AutoCloseable {

  private final ActiveDirectoryFixture ad;
  private final LdapDirectory ldap;
  private final UcwaServer server;

  private LdapTestServer(ActiveDirectoryFixture ad, LdapDirectory ldap, UcwaServer server) {
    this.ad = ad;
    this.ldap = ldap;
    this.server = server;
  }

  /** Starts with the directory's default cache; photos are kept under {@code data}. */
  public static LdapTestServer start(Path data) throws Exception {
    return start(data, Optional.empty());
  }

  /** Starts reading the directory through a cache with this time to live. */
  public static LdapTestServer start(Path data, Duration cacheTtl) throws Exception {
    return start(data, Optional.of(cacheTtl));
  }

  private static LdapTestServer start(Path data, Optional<Duration> cacheTtl) throws Exception {
    ActiveDirectoryFixture ad = ActiveDirectoryFixture.start();
    LdapDirectory ldap = null;
    try {
      LdapSettings settings = cacheTtl.map(ad::settings).orElseGet(ad::settings);
      ldap = LdapDirectory.load(settings, data.resolve("photos"));
      ServerConfig config =
          ServerConfig.builder()
              .port(0)
              .databaseUrl(TestServer.memoryDatabase())
              .channel(TestServer.fastChannel())
              .sweepInterval(Duration.ofMillis(200))
              .ldap(settings)
              .build();
      return new LdapTestServer(ad, ldap, UcwaServer.start(config, ldap.directory(), ldap));
    } catch (Exception | Error e) {
      if (ldap != null) {
        ldap.close();
      }
      ad.close();
      throw e;
    }
  }

  /** The in-process directory, to add users to while the server runs. */
  public ActiveDirectoryFixture ad() {
    return ad;
  }

  public String url() {
    return "http://127.0.0.1:" + server.port();
  }

  /** A client signing in as {@code username} (any form the directory accepts) with a password. */
  public UcwaClient client(String username, String password) {
    return UcwaClient.of(url(), username, password);
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      try {
        ldap.close();
      } finally {
        ad.close();
      }
    }
  }
}
