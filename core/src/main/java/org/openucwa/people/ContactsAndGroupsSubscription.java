package org.openucwa.people;

import java.time.Instant;
import java.util.Optional;

/**
 * One application's subscription to its user's contacts and groups
 * (myContactsAndGroupsSubscription_ref.md): its state and, while Connected, when it ends.
 */
public record ContactsAndGroupsSubscription(SubscriptionState state, Optional<Instant> expires) {

  static final ContactsAndGroupsSubscription DISCONNECTED =
      new ContactsAndGroupsSubscription(SubscriptionState.Disconnected, Optional.empty());
}
