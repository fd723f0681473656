package org.openucwa.auth;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Who a valid token speaks for: the user's SIP URI, the scopes granted, and until when; for an
 * anonymous meeting guest, the one meeting (its onlineMeetingUri) the token is good for.
 */
public record Principal(
    String userUri, Set<Scope> scopes, Instant expires, Optional<String> meetingUri) {

  public Principal {
    scopes = Set.copyOf(scopes);
  }

  public Principal(String userUri, Set<Scope> scopes, Instant expires) {
    this(userUri, scopes, expires, Optional.empty());
  }

  /** Whether the token is an anonymous guest's, scoped to one meeting. */
  public boolean isGuest() {
    return meetingUri.isPresent();
  }

  /** Whether the token holds at least one of the given scopes (an empty requirement is met). */
  public boolean holdsAnyOf(Set<Scope> required) {
    return required.isEmpty() || required.stream().anyMatch(scopes::contains);
  }
}
