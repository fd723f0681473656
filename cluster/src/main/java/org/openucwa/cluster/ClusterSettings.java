package org.openucwa.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a node joins its cluster: the members it knows of ({@code host:port}, TCP/IP only, never
 * multicast), the port its own member listens on, the cluster's name and shared secret, and how
 * long a silent member is waited for before it is declared dead.
 *
 * @param port the member port; 0 picks a free one
 */
public record ClusterSettings(
    List<String> members,
    String bind,
    int port,
    String name,
    Optional<String> secret,
    Duration deadAfter) {

  public static final String DEFAULT_NAME = "ucwa";
  public static final int DEFAULT_PORT = 5701;
  public static final Duration DEFAULT_DEAD_AFTER = Duration.ofSeconds(10);

  public ClusterSettings {
    members = List.copyOf(members);
  }

  /** Every setting, the secret shown only as set or not: this text may reach a log. */
  @Override
  public String toString() {
    return "ClusterSettings[members="
        + members
        + ", bind="
        + bind
        + ", port="
        + port
        + ", name="
        + name
        + ", secret="
        + (secret.isPresent() ? "(set)" : "(none)")
        + ", deadAfter="
        + deadAfter
        + "]";
  }
}
