package org.openucwa.testing;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openucwa.cluster.ClusterSettings;
import org.openucwa.directory.Credential;
import org.openucwa.directory.Directory;
import org.openucwa.directory.PasswordHasher;
import org.openucwa.directory.User;
import org.openucwa.server.ServerConfig;
import org.openucwa.server.UcwaServer;

/**
 * Nodes of one cluster in this JVM: each a server of its own on its own loopback port, with a
 * Hazelcast member of its own on an ephemeral port, sharing one in-memory database (as the nodes of
 * a real cluster share PostgreSQL). The first node forms the cluster; the others join it.
 */
public final class TestCluster implements AutoCloseable {

  private final List<UcwaServer> nodes = new ArrayList<>();
  private final List<Boolean> alive = new ArrayList<>();

  private TestCluster() {}

  public static TestCluster start(int size) {
    return start(size, b -> b);
  }

  /** Starts a cluster whose nodes' configuration {@code tweak} adjusts. */
  public static TestCluster start(
      int size, java.util.function.UnaryOperator<ServerConfig.Builder> tweak) {
    TestCluster c = new TestCluster();
    String database =
        "jdbc:h2:mem:ucwa-cluster-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    String name = "test-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    try {
      for (int i = 0; i < size; i++) {
        List<String> members =
            c.nodes.stream().map(n -> n.cluster().orElseThrow().memberAddress()).toList();
        ServerConfig config =
            tweak
                .apply(ServerConfig.builder())
                .port(0)
                .directory(directory())
                .databaseUrl(database)
                .sweepInterval(Duration.ofMillis(200))
                .channel(TestServer.fastChannel())
                .cluster(
                    new ClusterSettings(
                        members,
                        "127.0.0.1",
                        0,
                        name,
                        Optional.of("a secret of the test cluster"),
                        Duration.ofSeconds(3)))
                .build();
        c.nodes.add(UcwaServer.start(config, config.directory().orElseThrow()));
        c.alive.add(true);
      }
      c.awaitSettled();
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
    return c;
  }

  /** The test users (alice, bob, carol, dave) and thirty more, u00 to u29, so homes vary. */
  static Directory directory() {
    return directory(java.util.Map.of());
  }

  /**
   * Pins {@code user} to node {@code node} as a users file's {@code home:} would: every node
   * re-reads a directory in which the user names that node's public URL.
   */
  public void pin(String user, int node) {
    Directory pinned = directory(java.util.Map.of(user, url(node)));
    for (int i = 0; i < nodes.size(); i++) {
      if (alive.get(i)) {
        nodes.get(i).reload(pinned);
      }
    }
  }

  private static Directory directory(java.util.Map<String, String> homes) {
    Credential credential =
        new Credential(
            PasswordHasher.hash(TestServer.PASSWORD.toCharArray(), new SecureRandom(), 1000));
    List<User> users = new ArrayList<>();
    List<String> names = new ArrayList<>(TestServer.USERS);
    for (int i = 0; i < 30; i++) {
      names.add(String.format("u%02d", i));
    }
    for (String name : names) {
      User.Builder b =
          User.builder("sip:" + name + "@contoso.com", displayName(name)).credential(credential);
      if (homes.containsKey(name)) {
        b.home(homes.get(name));
      }
      users.add(b.build());
    }
    return new Directory("contoso.com", users);
  }

  /** The display name of a test user: {@code Alice Test}. */
  public static String displayName(String user) {
    return Character.toUpperCase(user.charAt(0)) + user.substring(1) + " Test";
  }

  /** {@code count} test users (u00 ...) homed on node {@code node}, not {@code but}. */
  public List<String> homedOn(int node, int count, java.util.Collection<String> but) {
    List<String> found = new ArrayList<>();
    for (int i = 0; i < 30 && found.size() < count; i++) {
      String u = String.format("u%02d", i);
      if (!but.contains(u) && homeOf(u) == node) {
        found.add(u);
      }
    }
    if (found.size() < count) {
      throw new IllegalStateException("not enough users homed on node " + node);
    }
    return found;
  }

  /** Waits until every live member sees the others and no partition is migrating. */
  public void awaitSettled() {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    int live = (int) alive.stream().filter(a -> a).count();
    while (true) {
      boolean settled = true;
      for (int i = 0; i < nodes.size(); i++) {
        if (alive.get(i)) {
          var node = nodes.get(i).cluster().orElseThrow();
          settled &= node.size() == live && node.settled();
        }
      }
      if (settled) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the cluster did not settle");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  public UcwaServer node(int i) {
    return nodes.get(i);
  }

  /** The loopback URL of node {@code i}. */
  public String url(int i) {
    return "http://127.0.0.1:" + nodes.get(i).port();
  }

  /** Which node the user ({@code alice}) is homed on. */
  public int homeOf(String user) {
    String uri = "sip:" + user + "@contoso.com";
    for (int i = 0; i < nodes.size(); i++) {
      if (alive.get(i) && nodes.get(i).cluster().orElseThrow().isHere(uri)) {
        return i;
      }
    }
    throw new IllegalStateException("no home for " + user);
  }

  /** A client of a test user that starts its discovery at node {@code i}. */
  public UcwaClient client(String user, int i) {
    return UcwaClient.of(url(i), user + "@contoso.com", TestServer.PASSWORD);
  }

  /** Kills node {@code i}: its member vanishes and its listener closes at once. */
  public void kill(int i) {
    alive.set(i, false);
    nodes.get(i).kill();
  }

  public int size() {
    return nodes.size();
  }

  @Override
  public void close() {
    for (int i = nodes.size() - 1; i >= 0; i--) {
      if (alive.get(i)) {
        try {
          nodes.get(i).shutdown(Duration.ZERO);
        } catch (RuntimeException e) {
          // closing the others matters more
        }
      }
    }
  }
}
