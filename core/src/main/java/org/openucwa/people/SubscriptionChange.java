package org.openucwa.people;

/**
 * What a presence subscription change means for one application's event channel; the HTTP edge
 * renders each as the event the reference pages describe (all with sender people).
 */
public sealed interface SubscriptionChange {

  /** A contact joined the application's subscribedContacts. */
  record ContactAdded(String contact) implements SubscriptionChange {}

  /** A contact left the application's subscribedContacts. */
  record ContactRemoved(String contact) implements SubscriptionChange {}

  record SubscriptionAdded(PresenceSubscription subscription) implements SubscriptionChange {}

  /** Extended, or about to expire. */
  record SubscriptionUpdated(PresenceSubscription subscription) implements SubscriptionChange {}

  record SubscriptionDeleted(String id) implements SubscriptionChange {}

  /** A subscribed contact's presence, note or location changed. */
  record ContactUpdated(String contact, ContactAspect aspect) implements SubscriptionChange {}
}
