package org.openucwa.conversation;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.openucwa.directory.Directory;
import org.openucwa.directory.User;
import org.openucwa.routing.Router;
import org.openucwa.routing.Signal;

/**
 * What every part of {@link ConversationService} shares: each user's {@link UserState} and its
 * lock, the directory, the router to other users, the clock, the timers, new ids and the listener
 * that hears every change.
 *
 * <p>Threading: each user's state has its own monitor. {@link #inUser} and {@link #transition} hold
 * it for the whole of the work they are given, and a transition's changes reach the listener before
 * the monitor is released. Work done under one user's lock never takes another user's: it reaches
 * other users only through {@link #send}, which only enqueues. Timers run their work on the timer
 * thread, through {@link #inUser} or {@link #transition} like everything else.
 */
final class ConversationCore {

  private final Directory directory;
  private final Router router;
  private final Clock clock;
  private final ScheduledExecutorService timers;
  private final Duration invitationTimeout;
  private final ConversationListener listener;
  private final SecureRandom random;
  private final ConcurrentHashMap<String, UserState> users = new ConcurrentHashMap<>();

  ConversationCore(
      Directory directory,
      Router router,
      Clock clock,
      ScheduledExecutorService timers,
      Duration invitationTimeout,
      ConversationListener listener,
      SecureRandom random) {
    this.directory = directory;
    this.router = router;
    this.clock = clock;
    this.timers = timers;
    this.invitationTimeout = invitationTimeout;
    this.listener = listener;
    this.random = random;
  }

  /** Runs {@code work} on the user's state under its lock. */
  <T> T inUser(String userUri, Function<UserState, T> work) {
    UserState s = users.computeIfAbsent(userUri.toLowerCase(Locale.ROOT), k -> new UserState());
    synchronized (s) {
      return work.apply(s);
    }
  }

  /** The users (lower case) that have conversation state on this node. */
  List<String> userUris() {
    return List.copyOf(users.keySet());
  }

  /** Adds up a count over every user's state, each read under its lock. */
  int sum(ToIntFunction<UserState> count) {
    int total = 0;
    for (UserState s : users.values()) {
      synchronized (s) {
        total += count.applyAsInt(s);
      }
    }
    return total;
  }

  /** Runs {@code work} under the user's lock, then tells the listener its changes, still locked. */
  void transition(String userUri, BiConsumer<UserState, Changes> work) {
    inUser(
        userUri,
        s -> {
          Changes changes = changes();
          work.accept(s, changes);
          changes.flush();
          return null;
        });
  }

  /** An empty set of changes, for a transition that returns a value. */
  Changes changes() {
    return new Changes(listener);
  }

  /** Tells the listener, under the invitee's lock, that an invitation could not reach them. */
  void undelivered(User invitee, Signals.Invite invite) {
    inUser(
        invitee.uri(),
        s -> {
          listener.undelivered(invitee, invite, clock.instant());
          return null;
        });
  }

  void send(Signal signal) {
    router.send(signal);
  }

  Optional<User> find(String uri) {
    return directory.find(uri);
  }

  Instant now() {
    return clock.instant();
  }

  String newId(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** Runs {@code work} once an invitation has gone unanswered for the configured time. */
  Future<?> afterInvitationTimeout(Runnable work) {
    return after(invitationTimeout, work);
  }

  Future<?> after(Duration delay, Runnable work) {
    return timers.schedule(work, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  static Signals.Party party(User u) {
    return new Signals.Party(u.uri(), u.name());
  }

  /** The user a URI names as a party, with its name when the directory knows it. */
  Signals.Party partyOf(String uri) {
    return directory.find(uri).map(ConversationCore::party).orElse(new Signals.Party(uri, uri));
  }
}
