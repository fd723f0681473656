package org.openucwa.people;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * How a user's presence follows from their applications. Each application that made itself
 * available shows the availability the user chose for it; Online and Busy decay with inactivity (to
 * IdleOnline or IdleBusy after the inactive timeout, to Away after the away timeout more), while
 * the other choices are held as made; Offwork shows as Away with the {@code off-work} activity. The
 * user's presence is that of their most available application, ties going to the most recently
 * active one; with no application available, the user is Offline.
 *
 * <p>Pure and thread-safe.
 */
public final class PresenceRules {

  private static final Comparator<Presence> MOST_AVAILABLE_FIRST =
      Comparator.<Presence, ContactAvailability>comparing(Presence::availability)
          .thenComparing(p -> p.lastActive().orElse(Instant.MIN), Comparator.reverseOrder());

  private final Duration awayTimeout;

  public PresenceRules(Duration awayTimeout) {
    this.awayTimeout = awayTimeout;
  }

  /** The presence one application shows at {@code now}. */
  public Presence of(EndpointState endpoint, Instant now) {
    Duration idle = Duration.between(endpoint.lastActivity(), now);
    boolean inactive = idle.compareTo(endpoint.inactiveTimeout()) >= 0;
    boolean away = idle.compareTo(endpoint.inactiveTimeout().plus(awayTimeout)) >= 0;
    Optional<Instant> lastActive = Optional.of(endpoint.lastActivity());
    return switch (endpoint.preferred()) {
      case Online ->
          away
              ? new Presence(ContactAvailability.Away, Activity.AWAY, lastActive)
              : inactive
                  ? new Presence(ContactAvailability.IdleOnline, Activity.INACTIVE, lastActive)
                  : new Presence(ContactAvailability.Online, Activity.AVAILABLE, lastActive);
      case Busy ->
          away
              ? new Presence(ContactAvailability.Away, Activity.AWAY, lastActive)
              : inactive
                  ? new Presence(ContactAvailability.IdleBusy, Activity.INACTIVE, lastActive)
                  : new Presence(ContactAvailability.Busy, Activity.BUSY, lastActive);
      case DoNotDisturb ->
          new Presence(ContactAvailability.DoNotDisturb, Activity.DO_NOT_DISTURB, lastActive);
      case BeRightBack ->
          new Presence(ContactAvailability.BeRightBack, Activity.BE_RIGHT_BACK, lastActive);
      case Away -> new Presence(ContactAvailability.Away, Activity.AWAY, lastActive);
      case Offwork -> new Presence(ContactAvailability.Away, Activity.OFF_WORK, lastActive);
    };
  }

  /**
   * The user's presence from the applications they made available: the most available one's, with
   * the latest activity of any of them as {@code lastActive}.
   */
  public Presence aggregate(Collection<EndpointState> endpoints, Instant now) {
    Optional<Presence> best = endpoints.stream().map(e -> of(e, now)).min(MOST_AVAILABLE_FIRST);
    Optional<Instant> lastActive =
        endpoints.stream().map(EndpointState::lastActivity).max(Comparator.naturalOrder());
    return best.map(p -> new Presence(p.availability(), p.activity(), lastActive))
        .orElse(Presence.OFFLINE);
  }
}
