package org.openucwa.people;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One application's subscription to the presence of a set of contacts
 * (presenceSubscription_ref.md): its id, its members in the order they were added, and when it
 * expires. Snapshots are immutable; {@link PresenceSubscriptions} keeps the live state.
 */
public record PresenceSubscription(String id, List<String> members, Instant expires) {

  public PresenceSubscription {
    Objects.requireNonNull(id, "id");
    members = List.copyOf(members);
    Objects.requireNonNull(expires, "expires");
  }

  PresenceSubscription withMembers(List<String> changed) {
    return new PresenceSubscription(id, changed, expires);
  }

  PresenceSubscription adding(List<String> uris) {
    List<String> all = new ArrayList<>(members);
    for (String u : uris) {
      if (!all.contains(u)) {
        all.add(u);
      }
    }
    return withMembers(all);
  }

  PresenceSubscription expiring(Instant at) {
    return new PresenceSubscription(id, members, at);
  }
}
