package org.openucwa.web;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The host names a request's {@code Host} header may carry. Without a configured public URL the
 * server builds absolute links (and the token URL of its 401 challenge) from that header, so a
 * forged one would put an attacker's host into what a client follows; such a request is refused.
 * The port is not compared: behind a port mapping the client's port differs from the bound one.
 *
 * <p>Immutable; {@link #allows} allocates only when the header carries a port.
 */
public final class AllowedHosts {

  private final Optional<Set<String>> names;

  private AllowedHosts(Optional<Set<String>> names) {
    this.names = names;
  }

  /** Every host is accepted (the links do not depend on it). */
  public static AllowedHosts any() {
    return new AllowedHosts(Optional.empty());
  }

  /** Only these names or addresses (any case; IPv6 addresses with or without brackets). */
  public static AllowedHosts of(Collection<String> names) {
    return new AllowedHosts(
        Optional.of(
            names.stream()
                .map(n -> unbracket(n.trim().toLowerCase(Locale.ROOT)))
                .filter(n -> !n.isEmpty())
                .collect(Collectors.toUnmodifiableSet())));
  }

  /** Whether a request with this Host header (absent: an HTTP/1.0 client) may be served. */
  public boolean allows(Optional<String> hostHeader) {
    if (names.isEmpty() || hostHeader.isEmpty()) {
      return true;
    }
    String host = hostHeader.get().trim();
    int end = host.length();
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      if (close < 0) {
        return false;
      }
      host = host.substring(1, close);
    } else {
      int colon = host.indexOf(':');
      if (colon >= 0) {
        end = colon;
      }
      host = end == host.length() ? host : host.substring(0, end);
    }
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    for (String name : names.get()) {
      if (name.equalsIgnoreCase(host)) {
        return true;
      }
    }
    return false;
  }

  private static String unbracket(String n) {
    return n.startsWith("[") && n.endsWith("]") ? n.substring(1, n.length() - 1) : n;
  }
}
