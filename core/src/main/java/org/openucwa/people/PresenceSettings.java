package org.openucwa.people;

import java.time.Duration;

/**
 * The presence timers (MeDashboard.md, "Reporting activity"): after {@code inactiveTimeout} without
 * reported activity an application shows its user as inactive (IdleOnline, IdleBusy); after a
 * further {@code awayTimeout} as Away. makeMeAvailable's {@code inactiveTimeout} parameter
 * overrides the first for one application.
 */
public record PresenceSettings(Duration inactiveTimeout, Duration awayTimeout) {

  public PresenceSettings {
    if (inactiveTimeout.isNegative()
        || inactiveTimeout.isZero()
        || awayTimeout.isNegative()
        || awayTimeout.isZero()) {
      throw new IllegalArgumentException("presence timeouts must be positive");
    }
  }

  /** Five minutes to inactive (makeMeAvailable_ref.md's default), five more to Away. */
  public static PresenceSettings defaults() {
    return new PresenceSettings(Duration.ofMinutes(5), Duration.ofMinutes(5));
  }
}
