package org.openucwa.people;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import org.openucwa.application.Application;
import org.openucwa.application.ApplicationChange;
import org.openucwa.application.ApplicationRegistry;

/**
 * Announces the presence changes that no request makes (MeDashboard.md, "Reporting activity"): an
 * application left without reported activity shows its user inactive after its inactive timeout and
 * Away after the away timeout more, and reported activity brings the user back. Each such change of
 * what the user shows reaches the user's available applications as presence {@code updated} and the
 * user's followers as contactPresence {@code updated}, as a presence POST does.
 *
 * <p>A periodic {@link #sweep} compares what each user with an available application showed at the
 * previous sweep with what they show now, their applications' state being the same, so only the
 * clock's changes are found and a change a request announced is not announced again.
 *
 * <p>Thread-safe: {@link #sweep} runs on one thread (the application sweeper); {@link #reported} on
 * request threads reads and changes only the application, which guards its own state.
 */
public final class Inactivity {

  private final ApplicationRegistry registry;
  private final LocalPresenceDirectory presence;
  private final ProfileWatch watch;
  private final BiConsumer<Application, List<ApplicationChange>> publish;
  private final Clock clock;
  private Instant lastSweep;

  /**
   * @param publish renders and publishes an application's own changes on its event channel
   */
  public Inactivity(
      ApplicationRegistry registry,
      LocalPresenceDirectory presence,
      ProfileWatch watch,
      BiConsumer<Application, List<ApplicationChange>> publish,
      Clock clock) {
    this.registry = registry;
    this.presence = presence;
    this.watch = watch;
    this.publish = publish;
    this.clock = clock;
  }

  /** reportMyActivity: the application was used now; a user shown inactive or Away is back. */
  public void reported(Application app, Instant now) {
    String user = app.user().uri();
    Presence before = presence.presenceOf(user);
    app.reportActivity(now);
    if (!before.showsAs(presence.presenceOf(user))) {
      announce(user);
    }
  }

  /** Announces what the clock changed since the previous sweep. Called periodically. */
  public synchronized void sweep() {
    Instant now = clock.instant();
    Instant from = lastSweep;
    lastSweep = now;
    if (from == null || !now.isAfter(from)) {
      return;
    }
    Set<String> users = new LinkedHashSet<>();
    for (Application app : registry.all()) {
      if (app.isAvailable()) {
        users.add(app.user().uri());
      }
    }
    for (String user : users) {
      if (presence.changedBetween(user, from, now)) {
        announce(user);
      }
    }
  }

  private void announce(String user) {
    for (Application app : registry.applicationsOf(user)) {
      if (app.isAvailable()) {
        publish.accept(app, List.of(ApplicationChange.PresenceUpdated));
      }
    }
    watch.changed(user, ContactAspect.Presence);
  }
}
