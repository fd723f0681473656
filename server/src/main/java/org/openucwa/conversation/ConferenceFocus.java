package org.openucwa.conversation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openucwa.routing.Router;

/**
 * The focus of the ad hoc conferences organized by users homed on this node: it keeps each
 * conference's roster and roles, admits members that join, passes every member's messages to
 * the others, and tells everyone of every roster change. It knows the members only by URI and
 * speaks to them only through the {@link Router}.
 *
 * <p>Threading: each conference is guarded by its own monitor; signals for one conference are
 * handled one at a time.
 */
public final class ConferenceFocus {

  private static final class Conference {
    final ConferenceSignals.Ref ref;
    final Map<String, ConferenceSignals.Member> members = new LinkedHashMap<>();

    Conference(ConferenceSignals.Ref ref) {
      this.ref = ref;
    }
  }

  private final Router router;
  private final ConcurrentHashMap<String, Conference> conferences = new ConcurrentHashMap<>();

  public ConferenceFocus(Router router) {
    this.router = router;
  }

  private static String key(String uri) {
    return uri.toLowerCase(Locale.ROOT);
  }

  /** Opens a conference with its first members, already in their conversations. */
  public void open(ConferenceSignals.Ref ref, List<ConferenceSignals.Member> members) {
    Conference c = new Conference(ref);
    members.forEach(m -> c.members.put(key(m.uri()), m));
    conferences.put(ref.id(), c);
  }

  /** The members of a conference, for tests and measurements. */
  public List<ConferenceSignals.Member> members(String conference) {
    Conference c = conferences.get(conference);
    if (c == null) {
      return List.of();
    }
    synchronized (c) {
      return List.copyOf(c.members.values());
    }
  }

  public void receive(ConferenceSignals.ToFocus signal) {
    Conference c = conferences.get(signal.conference());
    if (c == null) {
      if (signal instanceof ConferenceSignals.Join j) {
        router.send(new ConferenceSignals.Removed(j.who().uri(), j.conference(), Reasons.ENDED));
      }
      return;
    }
    synchronized (c) {
      switch (signal) {
        case ConferenceSignals.Join j -> join(c, j);
        case ConferenceSignals.Leave l -> leave(c, l.who().uri(), Reasons.LEFT);
        case ConferenceSignals.Say s -> say(c, s);
        case ConferenceSignals.Eject e -> eject(c, e);
        case ConferenceSignals.SetRole r -> setRole(c, r);
      }
    }
  }

  private void join(Conference c, ConferenceSignals.Join j) {
    if (c.members.containsKey(key(j.who().uri()))) {
      router.send(new ConferenceSignals.Roster(j.who().uri(), c.ref,
          List.copyOf(c.members.values())));
      return;
    }
    ConferenceSignals.Member m = new ConferenceSignals.Member(j.who().uri(), j.who().name(),
        Role.Attendee, false);
    for (ConferenceSignals.Member other : c.members.values()) {
      router.send(new ConferenceSignals.Joined(other.uri(), c.ref.id(), m));
    }
    c.members.put(key(m.uri()), m);
    router.send(new ConferenceSignals.Roster(m.uri(), c.ref, List.copyOf(c.members.values())));
  }

  private void leave(Conference c, String uri, org.openucwa.resource.Reason why) {
    ConferenceSignals.Member gone = c.members.remove(key(uri));
    if (gone == null) {
      return;
    }
    for (ConferenceSignals.Member other : c.members.values()) {
      router.send(new ConferenceSignals.Left(other.uri(), c.ref.id(), gone, why));
    }
    if (c.members.isEmpty()) {
      conferences.remove(c.ref.id(), c);
    }
  }

  private void say(Conference c, ConferenceSignals.Say s) {
    if (!c.members.containsKey(key(s.from().uri()))) {
      return;
    }
    for (ConferenceSignals.Member other : new ArrayList<>(c.members.values())) {
      if (!key(other.uri()).equals(key(s.from().uri()))) {
        router.send(new Signals.Chat(other.uri(), c.ref.id(), s.from(), s.key(), s.content(),
            s.sent()));
      }
    }
  }

  private boolean isLeader(Conference c, String uri) {
    ConferenceSignals.Member m = c.members.get(key(uri));
    return m != null && m.role() == Role.Leader;
  }

  private void eject(Conference c, ConferenceSignals.Eject e) {
    if (!isLeader(c, e.by().uri()) || !c.members.containsKey(key(e.target()))) {
      return;
    }
    router.send(new ConferenceSignals.Removed(e.target(), c.ref.id(), Reasons.EJECTED));
    leave(c, e.target(), Reasons.EJECTED);
  }

  private void setRole(Conference c, ConferenceSignals.SetRole r) {
    ConferenceSignals.Member m = c.members.get(key(r.target()));
    if (!isLeader(c, r.by().uri()) || m == null || m.role() == r.role()) {
      return;
    }
    ConferenceSignals.Member changed =
        new ConferenceSignals.Member(m.uri(), m.name(), r.role(), m.organizer());
    c.members.put(key(m.uri()), changed);
    for (ConferenceSignals.Member other : c.members.values()) {
      router.send(new ConferenceSignals.Changed(other.uri(), c.ref.id(), changed));
    }
  }
}
