package org.openucwa.people;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.openucwa.application.Application;
import org.openucwa.application.ApplicationListener;
import org.openucwa.application.ApplicationRegistry;
import org.openucwa.routing.Signal;
import org.openucwa.routing.SignalHandler;

/**
 * Each application's subscription to its user's contacts and groups
 * (myContactsAndGroupsSubscription_ref.md, startOrRefreshSubscriptionToContactsAndGroups_ref.md,
 * stopSubscriptionToContactsAndGroups_ref.md). While it is Connected, the application hears every
 * change of its user's contact list, whichever application made it: the change arrives at the
 * user's home as a {@link ContactListSignals.Changed} and goes to each of the user's applications
 * that subscribed. One "minute" before it ends the application hears it about to expire.
 *
 * <p>Thread-safe: one monitor guards the subscriptions; publishing only enqueues.
 */
public final class ContactsAndGroupsSubscriptions implements SignalHandler, ApplicationListener {

  /** startOrRefreshSubscriptionToContactsAndGroups_ref.md: "the minimum value is 10". */
  public static final int MIN_MINUTES = 10;

  /** startOrRefreshSubscriptionToContactsAndGroups_ref.md: "The maximum value is 60". */
  public static final int MAX_MINUTES = 60;

  private record Live(Application app, Instant expires, List<ScheduledFuture<?>> timers) {}

  private final ApplicationRegistry registry;
  private final ContactListEvents events;
  private final ScheduledExecutorService timers;
  private final Duration minute;
  private final Clock clock;
  private final Map<String, Live> byApp = new HashMap<>();

  public ContactsAndGroupsSubscriptions(
      ApplicationRegistry registry,
      ContactListEvents events,
      ScheduledExecutorService timers,
      Duration minute,
      Clock clock) {
    this.registry = registry;
    this.events = events;
    this.timers = timers;
    this.minute = minute;
    this.clock = clock;
  }

  /** The application's subscription: Disconnected until started, and again once it ends. */
  public synchronized ContactsAndGroupsSubscription of(Application app) {
    Live live = byApp.get(app.id());
    return live == null
        ? ContactsAndGroupsSubscription.DISCONNECTED
        : new ContactsAndGroupsSubscription(SubscriptionState.Connected, Optional.of(live.expires));
  }

  /**
   * Starts the subscription for {@code minutes}, or adds them to what remains of a running one, up
   * to {@value #MAX_MINUTES}.
   */
  public synchronized ContactsAndGroupsSubscription startOrRefresh(Application app, int minutes) {
    Instant now = clock.instant();
    Live live = byApp.remove(app.id());
    Instant from = now;
    if (live != null) {
      live.timers.forEach(f -> f.cancel(false));
      from = live.expires;
    }
    Instant wanted = from.plus(minute.multipliedBy(minutes));
    Instant cap = now.plus(minute.multipliedBy(MAX_MINUTES));
    Instant expires = wanted.isAfter(cap) ? cap : wanted;
    long left = Duration.between(now, expires).toMillis();
    long warn = left - minute.toMillis();
    String id = app.id();
    List<ScheduledFuture<?>> fs = new java.util.ArrayList<>();
    if (warn > 0) {
      fs.add(timers.schedule(() -> warn(id, expires), warn, TimeUnit.MILLISECONDS));
    }
    fs.add(timers.schedule(() -> expire(id, expires), left, TimeUnit.MILLISECONDS));
    byApp.put(id, new Live(app, expires, fs));
    return of(app);
  }

  /** stopSubscriptionToContactsAndGroups: the application hears no more changes. */
  public synchronized void stop(Application app) {
    Live live = byApp.remove(app.id());
    if (live != null) {
      live.timers.forEach(f -> f.cancel(false));
    }
  }

  private synchronized void warn(String appId, Instant expires) {
    Live live = byApp.get(appId);
    if (live != null && live.expires.equals(expires)) {
      events.expiring(live.app, of(live.app));
    }
  }

  private synchronized void expire(String appId, Instant expires) {
    Live live = byApp.get(appId);
    if (live != null && live.expires.equals(expires)) {
      byApp.remove(appId);
    }
  }

  /** True if this handler takes the signal. */
  public static boolean handles(Signal signal) {
    return signal instanceof ContactListSignals.Changed;
  }

  /** A contact list of a user of this node changed: each subscribed application hears it. */
  @Override
  public synchronized void receive(Signal signal) {
    if (!(signal instanceof ContactListSignals.Changed changed)) {
      throw new IllegalArgumentException("unexpected signal " + signal);
    }
    for (Application app : registry.applicationsOf(changed.to())) {
      if (byApp.containsKey(app.id())) {
        events.changed(app, changed.changes());
      }
    }
  }

  @Override
  public void ended(Application app) {
    stop(app);
  }

  @Override
  public void reset(Application app) {
    stop(app);
  }
}
