package org.openucwa.auth;

import java.time.Instant;
import java.util.Set;

/** Who a valid token speaks for: the user's SIP URI, the scopes granted, and until when. */
public record Principal(String userUri, Set<Scope> scopes, Instant expires) {

  public Principal {
    scopes = Set.copyOf(scopes);
  }

  /** Whether the token holds at least one of the given scopes (an empty requirement is met). */
  public boolean holdsAnyOf(Set<Scope> required) {
    return required.isEmpty() || required.stream().anyMatch(scopes::contains);
  }
}
