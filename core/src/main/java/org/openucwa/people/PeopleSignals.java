package org.openucwa.people;

import org.openucwa.routing.Signal;

/**
 * What crosses from one user to another for presence subscriptions. A subscriber's home tells the
 * contact's home that it follows (or no longer follows) the contact; the contact's home tells each
 * follower's home what changed. Plain data only, so that a distributed router can carry them.
 */
public final class PeopleSignals {

  private PeopleSignals() {}

  /** {@code watcher} starts ({@code on}) or stops following {@code to}. */
  public record Watch(String to, String watcher, boolean on) implements Signal {}

  /** {@code contact}, whom {@code to} follows, changed {@code aspect}. */
  public record Changed(String to, String contact, ContactAspect aspect) implements Signal {}
}
