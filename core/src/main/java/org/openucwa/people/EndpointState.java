package org.openucwa.people;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.openucwa.application.Availability;

/**
 * What the presence rules need to know of one application that made itself available: the
 * availability the user chose for it (signInAs, or a presence POST), when the user was last active
 * on it, and after how long without activity it counts as inactive.
 */
public record EndpointState(
    Availability preferred, Instant lastActivity, Duration inactiveTimeout) {

  public EndpointState {
    Objects.requireNonNull(preferred, "preferred");
    Objects.requireNonNull(lastActivity, "lastActivity");
    Objects.requireNonNull(inactiveTimeout, "inactiveTimeout");
  }
}
