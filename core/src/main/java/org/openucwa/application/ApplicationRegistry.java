package org.openucwa.application;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.openucwa.directory.User;
import org.openucwa.error.Subcode;
import org.openucwa.error.UcwaException;
import org.openucwa.events.ChannelSettings;
import org.openucwa.events.EventChannel;

/**
 * The applications of the users homed on this node: creates them (one per endpoint id, up to a
 * per-user limit), finds them for their owner only, deletes them, and expires those whose event
 * channel goes unpolled. An expired application is remembered for a while so that its client is
 * told {@code InactiveApplicationExpired} rather than a bare {@code ApplicationNotFound}.
 *
 * <p>Threading: lookups are lock-free; creation and removal for one user are serialized on that
 * user's list.
 */
public final class ApplicationRegistry {

  private static final int TOMBSTONES = 10_000;

  private final Clock clock;
  private final SecureRandom random;
  private final ApplicationSettings settings;
  private final ChannelSettings channelSettings;
  private final Function<String, String> eventsPathOf;
  private final ConcurrentHashMap<String, Application> byId = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, List<Application>> byUser = new ConcurrentHashMap<>();
  private final List<ApplicationListener> listeners = new CopyOnWriteArrayList<>();
  private final Map<String, String> expired =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
              return size() > TOMBSTONES;
            }
          });

  /**
   * @param eventsPathOf the path of an application's events resource, from its id
   */
  public ApplicationRegistry(
      Clock clock,
      SecureRandom random,
      ApplicationSettings settings,
      ChannelSettings channelSettings,
      Function<String, String> eventsPathOf) {
    this.clock = clock;
    this.random = random;
    this.settings = settings;
    this.channelSettings = channelSettings;
    this.eventsPathOf = eventsPathOf;
  }

  public void addListener(ApplicationListener listener) {
    listeners.add(listener);
  }

  /** The application and whether it was made just now (false: the same endpoint id had one). */
  public record Registration(Application application, boolean created) {}

  public Registration register(User user, ApplicationSpec spec) {
    List<Application> mine = byUser.computeIfAbsent(key(user.uri()), k -> new ArrayList<>());
    synchronized (mine) {
      for (Application a : mine) {
        if (a.spec().endpointId().equals(spec.endpointId())) {
          return new Registration(a, false);
        }
      }
      if (mine.size() >= settings.maxPerUser()) {
        throw UcwaException.conflict(
            Subcode.TooManyApplications,
            "This user already has " + mine.size() + " applications; delete one first.");
      }
      String id = newId();
      EventChannel channel =
          new EventChannel(eventsPathOf.apply(id), channelSettings, clock, () -> expire(id));
      Application app = new Application(id, user, spec, clock.instant(), channel);
      mine.add(app);
      byId.put(id, app);
      return new Registration(app, true);
    }
  }

  /**
   * The application with this id if it belongs to this user.
   *
   * @throws UcwaException 404 ApplicationNotFound, or InactiveApplicationExpired for one that
   *     expired
   */
  public Application find(String userUri, String id) {
    Application app = byId.get(id);
    if (app != null && sameUser(app.user().uri(), userUri)) {
      return app;
    }
    if (app == null && key(userUri).equals(expired.get(id))) {
      throw UcwaException.notFound(
          Subcode.InactiveApplicationExpired,
          "The application expired because its event channel was not polled.");
    }
    throw UcwaException.notFound(Subcode.ApplicationNotFound, "The application does not exist.");
  }

  /** Every application a user has, in creation order. */
  public List<Application> applicationsOf(String userUri) {
    List<Application> mine = byUser.get(key(userUri));
    if (mine == null) {
      return List.of();
    }
    synchronized (mine) {
      return List.copyOf(mine);
    }
  }

  public void delete(String userUri, String id) {
    Application app = find(userUri, id);
    remove(app);
    app.events()
        .close(UcwaException.notFound(Subcode.ApplicationNotFound, "The application was deleted."));
    listeners.forEach(l -> l.ended(app));
  }

  /**
   * Expires applications whose event channel went unpolled too long, and marks for resume those
   * idle long enough to lose their transient state. Called periodically.
   */
  public void sweep() {
    for (Application app : byId.values()) {
      Optional<Duration> idle = app.events().idleFor();
      if (idle.isEmpty()) {
        continue;
      }
      if (idle.get().compareTo(settings.expireAfter()) >= 0) {
        expire(app.id());
      } else if (idle.get().compareTo(settings.resumeAfter()) >= 0 && app.resetOnce()) {
        listeners.forEach(l -> l.reset(app));
        app.events().markForResume();
      }
    }
  }

  private void expire(String id) {
    Application app = byId.get(id);
    if (app == null) {
      return;
    }
    remove(app);
    expired.put(id, key(app.user().uri()));
    app.events()
        .close(
            UcwaException.notFound(
                Subcode.InactiveApplicationExpired,
                "The application expired because its event channel was not polled."));
    listeners.forEach(l -> l.ended(app));
  }

  private void remove(Application app) {
    byId.remove(app.id(), app);
    List<Application> mine = byUser.get(key(app.user().uri()));
    if (mine != null) {
      synchronized (mine) {
        mine.remove(app);
      }
    }
  }

  public int size() {
    return byId.size();
  }

  /**
   * A snapshot of every live application, in no particular order. For measurements and
   * administration (the event channel benchmark publishes to all of them); requests never need it.
   */
  public List<Application> all() {
    return List.copyOf(byId.values());
  }

  private String newId() {
    while (true) {
      String id =
          Long.toString(100_000_000_000L + (random.nextLong() & Long.MAX_VALUE) % 900_000_000_000L);
      if (!byId.containsKey(id)) {
        return id;
      }
    }
  }

  private static boolean sameUser(String a, String b) {
    return a.equals(b) || key(a).equals(key(b));
  }

  private static String key(String uri) {
    return uri.toLowerCase(Locale.ROOT);
  }
}
