package org.openucwa.people;

import java.util.List;
import org.openucwa.routing.Signal;

/**
 * What crosses to a user's home when their contact list changes: the change may come from any of
 * their applications, and reaches every one of them (the contacts-and-groups subscriptions, and
 * presence subscriptions to a group) through the router. Plain data only.
 */
public final class ContactListSignals {

  private ContactListSignals() {}

  /** {@code to}'s contact list changed. */
  public record Changed(String to, List<ContactListChange> changes) implements Signal {

    public Changed {
      changes = List.copyOf(changes);
    }
  }
}
