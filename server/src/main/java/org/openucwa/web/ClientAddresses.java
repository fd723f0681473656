package org.openucwa.web;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * Which address a request comes from, for per-address limits such as sign-in throttling. It is the
 * peer of the connection, unless that peer is one of the configured reverse proxies: then it is the
 * address that proxy appended to {@code X-Forwarded-For} (the last entry; earlier ones were written
 * by the client and prove nothing). Behind an unlisted proxy every client would share its address.
 *
 * <p>Immutable; allocates nothing when no proxy is configured.
 */
public final class ClientAddresses {

  private final Set<String> proxies;

  public ClientAddresses(Collection<String> trustedProxies) {
    this.proxies = Set.copyOf(trustedProxies);
  }

  /** Whether requests from this peer name their client in X-Forwarded-For. */
  public boolean trusts(String peer) {
    return !proxies.isEmpty() && proxies.contains(peer);
  }

  /** The client's address, given the connection's peer and the request's X-Forwarded-For. */
  public String of(String peer, Optional<String> forwardedFor) {
    if (!trusts(peer) || forwardedFor.isEmpty()) {
      return peer;
    }
    String list = forwardedFor.get();
    String last = list.substring(list.lastIndexOf(',') + 1).trim();
    return last.isEmpty() ? peer : last;
  }
}
