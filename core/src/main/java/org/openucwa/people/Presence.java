package org.openucwa.people;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's presence as others see it (presence_ref.md, contactPresence_ref.md): the availability,
 * the activity as a well-known token the client localizes, and when the user last used one of their
 * applications (absent while they have none available).
 */
public record Presence(
    ContactAvailability availability, String activity, Optional<Instant> lastActive) {

  /** A user with no application that made itself available. */
  public static final Presence OFFLINE =
      new Presence(ContactAvailability.Offline, Activity.OFFLINE, Optional.empty());

  public Presence {
    Objects.requireNonNull(availability, "availability");
    Objects.requireNonNull(activity, "activity");
    Objects.requireNonNull(lastActive, "lastActive");
  }

  /** Whether a watcher would see the same: the same availability and activity. */
  public boolean showsAs(Presence other) {
    return availability == other.availability && activity.equals(other.activity);
  }
}
