package org.openucwa.people;

import java.time.Duration;

/**
 * Limits of presence subscriptions: how many contacts one application may follow at once, and the
 * length of the reference's "minute" (one minute; tests shorten it so that expiry shows quickly). A
 * subscription hears "about to expire" one unit before it ends.
 */
public record SubscriptionSettings(int maxContacts, Duration minute) {

  public static final SubscriptionSettings DEFAULT =
      new SubscriptionSettings(200, Duration.ofMinutes(1));

  public SubscriptionSettings {
    if (maxContacts < 1 || minute.isNegative() || minute.isZero()) {
      throw new IllegalArgumentException("maxContacts and minute must be positive");
    }
  }
}
