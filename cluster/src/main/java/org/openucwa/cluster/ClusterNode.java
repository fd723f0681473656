package org.openucwa.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.Partition;
import com.hazelcast.replicatedmap.ReplicatedMap;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.openucwa.routing.Homes;

/**
 * This node's membership of the cluster: an embedded Hazelcast member joined over TCP/IP to the
 * members it was given, the partition owner of each user's URI as that user's home, and the public
 * URL every node advertises so that the others can send clients to it.
 *
 * <p>Hazelcast does the membership, failure detection and partitioning; this class only configures
 * it and answers the server's questions with it. Hazelcast logs through SLF4J.
 */
public final class ClusterNode implements Homes, AutoCloseable {

  private static final String URLS = "ucwa-node-urls";
  private static final String HOMES = "ucwa-homes";

  private final HazelcastInstance hz;
  private final String name;
  private final ReplicatedMap<String, String> urls;
  private final ReplicatedMap<String, String> homes;
  private volatile Function<String, Optional<String>> pins = user -> Optional.empty();

  private ClusterNode(HazelcastInstance hz, String name) {
    this.hz = hz;
    this.name = name;
    this.urls = hz.getReplicatedMap(URLS);
    this.homes = hz.getReplicatedMap(HOMES);
    hz.getCluster()
        .addMembershipListener(
            new com.hazelcast.cluster.MembershipListener() {
              @Override
              public void memberAdded(com.hazelcast.cluster.MembershipEvent e) {}

              @Override
              public void memberRemoved(com.hazelcast.cluster.MembershipEvent e) {
                String gone = e.getMember().getUuid().toString();
                urls.remove(gone);
                homes.entrySet().stream()
                    .filter(h -> h.getValue().equals(gone))
                    .map(java.util.Map.Entry::getKey)
                    .toList()
                    .forEach(user -> homes.remove(user, gone));
              }
            });
  }

  /** The exception of a member that cannot start (port in use, address not of this machine). */
  public static final class ClusterStartException extends RuntimeException {
    ClusterStartException(String message, Throwable cause) {
      super(message, cause, false, false);
    }
  }

  /**
   * Starts this node's member and joins the cluster (or forms it, when no other member answers).
   *
   * @throws ClusterStartException when the member cannot start
   */
  public static ClusterNode start(ClusterSettings s) {
    if (System.getProperty("hazelcast.logging.type") == null) {
      // before the first instance: Hazelcast's start-up messages too go through SLF4J
      System.setProperty("hazelcast.logging.type", "slf4j");
    }
    Config c = new Config();
    c.setInstanceName("ucwa-" + UUID.randomUUID());
    c.setClusterName(effectiveName(s));
    c.setProperty("hazelcast.logging.type", "slf4j");
    c.setProperty("hazelcast.phone.home.enabled", "false");
    c.setProperty("hazelcast.shutdownhook.enabled", "false");
    c.setProperty("hazelcast.jmx", "false");
    long deadAfter = Math.max(2, s.deadAfter().toSeconds());
    c.setProperty("hazelcast.max.no.heartbeat.seconds", Long.toString(deadAfter));
    c.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    c.setProperty("hazelcast.wait.seconds.before.join", "0");
    c.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
    c.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
    NetworkConfig n = c.getNetworkConfig();
    n.setPort(s.port()).setPortAutoIncrement(false);
    if (!s.bind().equals("0.0.0.0") && !s.bind().equals("::")) {
      n.getInterfaces().setEnabled(true).addInterface(s.bind());
    }
    n.getRestApiConfig().setEnabled(false);
    JoinConfig j = n.getJoin();
    j.getMulticastConfig().setEnabled(false);
    j.getAutoDetectionConfig().setEnabled(false);
    j.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2).setMembers(s.members());
    c.getReplicatedMapConfig(URLS).setAsyncFillup(false);
    c.getReplicatedMapConfig(HOMES).setAsyncFillup(false);
    c.getSerializationConfig()
        .addDataSerializableFactory(
            ClusterPeople.Read.FACTORY,
            id -> id == ClusterPeople.Read.CLASS_ID ? new ClusterPeople.Read() : null);
    try {
      return new ClusterNode(Hazelcast.newHazelcastInstance(c), s.name());
    } catch (HazelcastException | IllegalStateException e) {
      throw new ClusterStartException(
          "cannot start the cluster member on " + s.bind() + ":" + s.port() + ": " + e.getMessage(),
          e);
    }
  }

  /**
   * The name the members join under: the cluster's name, and with a secret a digest of both, so
   * that members with another secret form another cluster. It keeps stray members out; it is no
   * protection against an attacker on the member network (decision 0059).
   */
  static String effectiveName(ClusterSettings s) {
    if (s.secret().isEmpty()) {
      return s.name();
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] d =
          sha.digest((s.name() + "\u0000" + s.secret().get()).getBytes(StandardCharsets.UTF_8));
      return s.name() + "-" + HexFormat.of().formatHex(d, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The cluster's name as given (without the secret's digest). */
  public String name() {
    return name;
  }

  /** How many members the cluster has now. */
  public int size() {
    return hz.getCluster().getMembers().size();
  }

  /** This member's address as {@code host:port}, for the other members' lists. */
  public String memberAddress() {
    var a = hz.getCluster().getLocalMember().getAddress();
    return a.getHost() + ":" + a.getPort();
  }

  /** Tells the other nodes the public URL this node serves its users at. */
  public void advertise(String publicUrl) {
    String url =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    urls.put(localId(), url);
  }

  /**
   * The member the user is homed on. The first time any node asks, the owner of the partition of
   * the user's URI, recorded for every node to see; the user stays there while that member lives,
   * however partitions move as members join and leave (decision 0060).
   */
  Member homeOf(String userUri) {
    Optional<Member> pinned = pins.apply(userUri).flatMap(this::serving);
    if (pinned.isPresent()) {
      return pinned.get();
    }
    String key = key(userUri);
    String recorded = homes.get(key);
    if (recorded != null) {
      for (Member m : hz.getCluster().getMembers()) {
        if (m.getUuid().toString().equals(recorded)) {
          return m;
        }
      }
    }
    Partition p = hz.getPartitionService().getPartition(key);
    Member owner = p.getOwner();
    if (owner == null) {
      throw new HomeUnknownException("the home of " + userUri + " is being chosen");
    }
    homes.put(key, owner.getUuid().toString());
    return owner;
  }

  /**
   * Where users are pinned: the public URL of the node a user is homed on while that node is a
   * member (the users file's {@code home}); users without one are homed by partition.
   */
  public void pins(Function<String, Optional<String>> pinnedUrl) {
    this.pins = pinnedUrl;
  }

  /** The member that advertised this public URL, if it is a member now. */
  private Optional<Member> serving(String publicUrl) {
    String url =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    for (Member m : hz.getCluster().getMembers()) {
      if (url.equalsIgnoreCase(urls.get(m.getUuid().toString()))) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /** Whether the user is homed on this node. */
  public boolean isHere(String userUri) {
    return homeOf(userUri).localMember();
  }

  @Override
  public Optional<String> elsewhere(String userUri) {
    Member home = homeOf(userUri);
    if (home.localMember()) {
      return Optional.empty();
    }
    String url = urls.get(home.getUuid().toString());
    if (url == null) {
      throw new HomeUnknownException("the home node of " + userUri + " has not started yet");
    }
    return Optional.of(url);
  }

  static String key(String userUri) {
    return userUri.toLowerCase(Locale.ROOT);
  }

  String localId() {
    return hz.getCluster().getLocalMember().getUuid().toString();
  }

  HazelcastInstance hazelcast() {
    return hz;
  }

  /** Whether no partition is migrating and every backup is in place. */
  public boolean settled() {
    return hz.getPartitionService().isClusterSafe();
  }

  /** Leaves the cluster gracefully: the partitions this member owned move to the others. */
  @Override
  public void close() {
    if (hz.getLifecycleService().isRunning()) {
      hz.shutdown();
    }
  }

  /** Leaves at once, as a killed process would: the others find out by its silence. */
  public void terminate() {
    hz.getLifecycleService().terminate();
  }
}
