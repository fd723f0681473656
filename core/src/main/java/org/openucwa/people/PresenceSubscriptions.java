package org.openucwa.people;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.openucwa.application.Application;
import org.openucwa.application.ApplicationListener;
import org.openucwa.error.Subcode;
import org.openucwa.error.UcwaException;
import org.openucwa.routing.Router;
import org.openucwa.routing.Signal;
import org.openucwa.routing.SignalHandler;

/**
 * Presence subscriptions (presenceSubscriptions_ref.md and the pages around it): each application's
 * subscriptions to sets of contacts, their expiry, and the flow that brings a contact's changes to
 * the applications that follow them.
 *
 * <p>The flow crosses users only through the {@link Router}: when a user of this node starts or
 * stops following a contact (over all of their applications' subscriptions), a {@link
 * PeopleSignals.Watch} goes to the contact's home; the contact's home keeps who follows each of its
 * users and, when one of them changes (see {@link #changed}), sends each follower a {@link
 * PeopleSignals.Changed}; the follower's home turns it into contactPresence, contactNote or
 * contactLocation {@code updated} on each application whose subscription holds the contact.
 *
 * <p>Thread-safe: one monitor guards all the state; publishing and sending only enqueue, so they
 * happen under it. Requests, timers and signals all take it briefly.
 */
public final class PresenceSubscriptions
    implements ProfileWatch, SignalHandler, ApplicationListener {

  /** The longest a subscription runs, in the reference's minutes. */
  public static final int MAX_MINUTES = 30;

  /** The shortest duration presenceSubscriptions_ref.md allows. */
  public static final int MIN_MINUTES = 10;

  private static final class AppSubscriptions {
    final Application app;
    final Map<String, PresenceSubscription> byId = new LinkedHashMap<>();
    final Map<String, List<ScheduledFuture<?>>> timers = new HashMap<>();

    /** The group each subscription to a group follows (subscribeToGroupPresence), by id. */
    final Map<String, String> groupOf = new HashMap<>();

    AppSubscriptions(Application app) {
      this.app = app;
    }

    Set<String> contacts() {
      Set<String> all = new LinkedHashSet<>();
      byId.values().forEach(s -> all.addAll(s.members()));
      return all;
    }
  }

  private final Router router;
  private final SubscriptionEvents events;
  private final ScheduledExecutorService timers;
  private final SubscriptionSettings settings;
  private final Clock clock;

  private final Map<String, AppSubscriptions> byApp = new HashMap<>();
  private final Map<String, Set<String>> following = new HashMap<>();
  private final Map<String, Set<String>> watchers = new HashMap<>();
  private long nextId;

  public PresenceSubscriptions(
      Router router,
      SubscriptionEvents events,
      ScheduledExecutorService timers,
      SubscriptionSettings settings,
      Clock clock) {
    this.router = router;
    this.events = events;
    this.timers = timers;
    this.settings = settings;
    this.clock = clock;
  }

  public int maxContacts() {
    return settings.maxContacts();
  }

  /**
   * presenceSubscriptions POST: a new subscription to {@code uris} for {@code minutes}.
   *
   * @throws UcwaException 403 LimitExceeded if the application would follow more contacts than the
   *     limit
   */
  public synchronized PresenceSubscription create(Application app, int minutes, List<String> uris) {
    return create(app, minutes, uris, Optional.empty());
  }

  /**
   * subscribeToGroupPresence: a new subscription to the members of the user's group {@code
   * groupId}; members added to the group later join it, and members removed leave it (see {@link
   * #groupChanged}).
   *
   * @throws UcwaException 403 LimitExceeded as {@link #create(Application, int, List)}
   */
  public synchronized PresenceSubscription createForGroup(
      Application app, int minutes, String groupId, List<String> members) {
    return create(app, minutes, members, Optional.of(groupId));
  }

  private PresenceSubscription create(
      Application app, int minutes, List<String> uris, Optional<String> groupId) {
    AppSubscriptions subs = byApp.computeIfAbsent(app.id(), id -> new AppSubscriptions(app));
    checkLimit(subs, uris);
    Set<String> before = subs.contacts();
    String id = Long.toHexString(++nextId) + Long.toHexString(clock.millis() & 0xffff);
    PresenceSubscription s =
        new PresenceSubscription(id, List.of(), expiryAfter(minutes)).adding(uris);
    subs.byId.put(id, s);
    groupId.ifPresent(g -> subs.groupOf.put(id, g));
    schedule(subs, s);
    List<SubscriptionChange> changes = new ArrayList<>();
    addedContacts(before, subs, changes);
    changes.add(new SubscriptionChange.SubscriptionAdded(s));
    s.members()
        .forEach(
            c -> changes.add(new SubscriptionChange.ContactUpdated(c, ContactAspect.Presence)));
    events.publish(app, changes);
    refollow(app.user().uri());
    return s;
  }

  /** presenceSubscriptions GET: the application's subscriptions, in the order they were made. */
  public synchronized List<PresenceSubscription> list(Application app) {
    AppSubscriptions subs = byApp.get(app.id());
    return subs == null ? List.of() : List.copyOf(subs.byId.values());
  }

  public synchronized PresenceSubscription get(Application app, String id) {
    return find(app, id);
  }

  /** The contacts the application follows over all its subscriptions (subscribedContacts). */
  public synchronized List<String> subscribedContacts(Application app) {
    AppSubscriptions subs = byApp.get(app.id());
    return subs == null ? List.of() : List.copyOf(subs.contacts());
  }

  /** addToPresenceSubscription: more members; those already in stay. */
  public synchronized PresenceSubscription add(Application app, String id, List<String> uris) {
    PresenceSubscription s = find(app, id);
    AppSubscriptions subs = byApp.get(app.id());
    checkLimit(subs, uris);
    Set<String> before = subs.contacts();
    PresenceSubscription changed = s.adding(uris);
    subs.byId.put(id, changed);
    List<SubscriptionChange> changes = new ArrayList<>();
    addedContacts(before, subs, changes);
    for (String c : changed.members()) {
      if (!s.members().contains(c)) {
        changes.add(new SubscriptionChange.ContactUpdated(c, ContactAspect.Presence));
      }
    }
    events.publish(app, changes);
    refollow(app.user().uri());
    return changed;
  }

  /**
   * A presenceSubscriptionMembership DELETE.
   *
   * @throws UcwaException 404 if the contact is not a member
   */
  public synchronized void remove(Application app, String id, String contact) {
    PresenceSubscription s = find(app, id);
    if (!s.members().contains(contact)) {
      throw UcwaException.notFound(
          Subcode.ResourceNotFound, contact + " is not a member of presence subscription " + id);
    }
    AppSubscriptions subs = byApp.get(app.id());
    Set<String> before = subs.contacts();
    subs.byId.put(id, s.withMembers(s.members().stream().filter(c -> !c.equals(contact)).toList()));
    List<SubscriptionChange> changes = new ArrayList<>();
    removedContacts(before, subs, changes);
    events.publish(app, changes);
    refollow(app.user().uri());
  }

  /**
   * presenceSubscription POST: adds {@code minutes} to what remains, up to {@value #MAX_MINUTES}.
   */
  public synchronized PresenceSubscription extend(Application app, String id, int minutes) {
    PresenceSubscription s = find(app, id);
    Instant now = clock.instant();
    Instant cap = now.plus(settings.minute().multipliedBy(MAX_MINUTES));
    Instant wanted = s.expires().plus(settings.minute().multipliedBy(minutes));
    PresenceSubscription changed = s.expiring(wanted.isAfter(cap) ? cap : wanted);
    AppSubscriptions subs = byApp.get(app.id());
    subs.byId.put(id, changed);
    cancelTimers(subs, id);
    schedule(subs, changed);
    return changed;
  }

  /** presenceSubscription DELETE. */
  public synchronized void delete(Application app, String id) {
    find(app, id);
    end(byApp.get(app.id()), id);
  }

  private void end(AppSubscriptions subs, String id) {
    Set<String> before = subs.contacts();
    cancelTimers(subs, id);
    subs.byId.remove(id);
    subs.groupOf.remove(id);
    List<SubscriptionChange> changes = new ArrayList<>();
    changes.add(new SubscriptionChange.SubscriptionDeleted(id));
    removedContacts(before, subs, changes);
    events.publish(subs.app, changes);
    if (subs.byId.isEmpty()) {
      byApp.remove(subs.app.id());
    }
    refollow(subs.app.user().uri());
  }

  private PresenceSubscription find(Application app, String id) {
    AppSubscriptions subs = byApp.get(app.id());
    PresenceSubscription s = subs == null ? null : subs.byId.get(id);
    if (s == null) {
      throw UcwaException.notFound(
          Subcode.ResourceNotFound, "There is no presence subscription '" + id + "'.");
    }
    return s;
  }

  private void checkLimit(AppSubscriptions subs, List<String> uris) {
    Set<String> all = subs == null ? new HashSet<>() : subs.contacts();
    all.addAll(uris);
    if (all.size() > settings.maxContacts()) {
      throw new UcwaException(
          org.openucwa.error.ErrorCode.Forbidden,
          Subcode.LimitExceeded,
          "An application can follow at most " + settings.maxContacts() + " contacts.");
    }
  }

  private static void addedContacts(
      Set<String> before, AppSubscriptions subs, List<SubscriptionChange> changes) {
    for (String c : subs.contacts()) {
      if (!before.contains(c)) {
        changes.add(new SubscriptionChange.ContactAdded(c));
      }
    }
  }

  private static void removedContacts(
      Set<String> before, AppSubscriptions subs, List<SubscriptionChange> changes) {
    Set<String> now = subs.contacts();
    for (String c : before) {
      if (!now.contains(c)) {
        changes.add(new SubscriptionChange.ContactRemoved(c));
      }
    }
  }

  private Instant expiryAfter(int minutes) {
    return clock.instant().plus(settings.minute().multipliedBy(minutes));
  }

  private void schedule(AppSubscriptions subs, PresenceSubscription s) {
    long left = Duration.between(clock.instant(), s.expires()).toMillis();
    long warn = left - settings.minute().toMillis();
    List<ScheduledFuture<?>> fs = new ArrayList<>();
    String appId = subs.app.id();
    if (warn > 0) {
      fs.add(timers.schedule(() -> warn(appId, s.id(), s.expires()), warn, TimeUnit.MILLISECONDS));
    }
    fs.add(
        timers.schedule(
            () -> expire(appId, s.id(), s.expires()), Math.max(left, 0), TimeUnit.MILLISECONDS));
    subs.timers.put(s.id(), fs);
  }

  private static void cancelTimers(AppSubscriptions subs, String id) {
    Optional.ofNullable(subs.timers.remove(id)).ifPresent(fs -> fs.forEach(f -> f.cancel(false)));
  }

  private synchronized void warn(String appId, String id, Instant expires) {
    AppSubscriptions subs = byApp.get(appId);
    PresenceSubscription s = subs == null ? null : subs.byId.get(id);
    if (s != null && s.expires().equals(expires)) {
      events.publish(subs.app, List.of(new SubscriptionChange.SubscriptionUpdated(s)));
    }
  }

  private synchronized void expire(String appId, String id, Instant expires) {
    AppSubscriptions subs = byApp.get(appId);
    PresenceSubscription s = subs == null ? null : subs.byId.get(id);
    if (s != null && s.expires().equals(expires)) {
      end(subs, id);
    }
  }

  /** Tells the contacts' homes whom this user now follows and no longer follows. */
  private void refollow(String user) {
    Set<String> now = new HashSet<>();
    for (AppSubscriptions subs : byApp.values()) {
      if (subs.app.user().uri().equals(user)) {
        now.addAll(subs.contacts());
      }
    }
    Set<String> before = following.getOrDefault(user, Set.of());
    for (String c : now) {
      if (!before.contains(c)) {
        router.send(new PeopleSignals.Watch(c, user, true));
      }
    }
    for (String c : before) {
      if (!now.contains(c)) {
        router.send(new PeopleSignals.Watch(c, user, false));
      }
    }
    if (now.isEmpty()) {
      following.remove(user);
    } else {
      following.put(user, now);
    }
  }

  /**
   * The user's contact list changed (a {@link ContactListSignals.Changed} at the user's home): a
   * contact added to a group joins each subscription of the user's applications to that group, and
   * one removed leaves it, with the events of an addition or removal. A contact that would take an
   * application beyond its limit is left out.
   */
  public synchronized void groupChanged(String userUri, List<ContactListChange> changes) {
    for (ContactListChange change : changes) {
      switch (change) {
        case ContactListChange.MemberAdded added ->
            forGroup(
                userUri,
                added.group().id(),
                (subs, id) -> {
                  try {
                    add(subs.app, id, List.of(added.contact()));
                  } catch (UcwaException beyondLimit) {
                    // the application follows as many contacts as it may
                  }
                });
        case ContactListChange.MemberDeleted deleted ->
            forGroup(
                userUri,
                deleted.group().id(),
                (subs, id) -> {
                  if (subs.byId.get(id).members().contains(deleted.contact())) {
                    remove(subs.app, id, deleted.contact());
                  }
                });
        default -> {
          // other changes do not touch group members
        }
      }
    }
  }

  private void forGroup(
      String userUri,
      String groupId,
      java.util.function.BiConsumer<AppSubscriptions, String> action) {
    for (AppSubscriptions subs : List.copyOf(byApp.values())) {
      if (!subs.app.user().uri().equals(userUri)) {
        continue;
      }
      for (Map.Entry<String, String> e : List.copyOf(subs.groupOf.entrySet())) {
        if (e.getValue().equals(groupId) && subs.byId.containsKey(e.getKey())) {
          action.accept(subs, e.getKey());
        }
      }
    }
  }

  // ---- the contact's side ----------------------------------------------------------------------

  /** A user of this node changed: each follower's home hears of it. */
  @Override
  public synchronized void changed(String userUri, ContactAspect aspect) {
    for (String watcher : watchers.getOrDefault(userUri, Set.of())) {
      router.send(new PeopleSignals.Changed(watcher, userUri, aspect));
    }
  }

  /** True if this node handles the signal. */
  public static boolean handles(Signal signal) {
    return signal instanceof PeopleSignals.Watch || signal instanceof PeopleSignals.Changed;
  }

  @Override
  public synchronized void receive(Signal signal) {
    switch (signal) {
      case PeopleSignals.Watch w -> {
        if (w.on()) {
          watchers.computeIfAbsent(w.to(), k -> new HashSet<>()).add(w.watcher());
        } else {
          Set<String> ws = watchers.get(w.to());
          if (ws != null) {
            ws.remove(w.watcher());
            if (ws.isEmpty()) {
              watchers.remove(w.to());
            }
          }
        }
      }
      case PeopleSignals.Changed c -> {
        for (AppSubscriptions subs : byApp.values()) {
          if (subs.app.user().uri().equals(c.to()) && subs.contacts().contains(c.contact())) {
            events.publish(
                subs.app, List.of(new SubscriptionChange.ContactUpdated(c.contact(), c.aspect())));
          }
        }
      }
      default -> throw new IllegalArgumentException("unexpected signal " + signal);
    }
  }

  // ---- applications that go away ---------------------------------------------------------------

  /** The application ended: its subscriptions end silently, and its user may look offline now. */
  @Override
  public void ended(Application app) {
    drop(app);
    changed(app.user().uri(), ContactAspect.Presence);
  }

  @Override
  public void reset(Application app) {
    drop(app);
  }

  private synchronized void drop(Application app) {
    AppSubscriptions subs = byApp.remove(app.id());
    if (subs != null) {
      subs.byId.keySet().forEach(id -> cancelTimers(subs, id));
      refollow(app.user().uri());
    }
  }
}
