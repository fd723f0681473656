package org.openucwa.conversation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.openucwa.resource.Reason;
import org.openucwa.routing.Router;

/**
 * The focus of the ad hoc conferences organized by users homed on this node: it keeps each
 * conference's roster, roles and lobby, admits members that join (or holds them in the lobby, as
 * the meeting's access level says), passes every member's messages to the others, and tells
 * everyone of every roster change. It knows the members only by URI and speaks to them only through
 * the {@link Router}.
 *
 * <p>Threading: each conference is guarded by its own monitor; signals for one conference are
 * handled one at a time.
 */
public final class ConferenceFocus {

  private static final class Conference {
    final ConferenceSignals.Ref ref;
    final AccessLevel access;
    final String domain;
    final Map<String, ConferenceSignals.Member> members = new LinkedHashMap<>();
    final Set<String> invited = new HashSet<>();
    final Set<String> leaders = new HashSet<>();
    final ScheduledConferences.Promotion promotion;
    AudienceMessaging audienceMessaging = AudienceMessaging.Enabled;
    AudienceMuteLock muteLock = AudienceMuteLock.Disabled;

    Conference(
        ConferenceSignals.Ref ref,
        AccessLevel access,
        String domain,
        ScheduledConferences.Promotion promotion) {
      this.ref = ref;
      this.access = access;
      this.domain = domain;
      this.promotion = promotion;
    }
  }

  private final Router router;
  private final ScheduledConferences scheduled;
  private final ConcurrentHashMap<String, Conference> conferences = new ConcurrentHashMap<>();

  public ConferenceFocus(Router router) {
    this(router, ScheduledConferences.NONE);
  }

  /** A focus that also opens the conferences of scheduled meetings when someone joins one. */
  public ConferenceFocus(Router router, ScheduledConferences scheduled) {
    this.router = router;
    this.scheduled = scheduled;
  }

  private static String key(String uri) {
    return uri.toLowerCase(Locale.ROOT);
  }

  /**
   * Opens a conference with its first members, already in their conversations. {@code domain} is
   * the organizer's, for the SameEnterprise access level.
   */
  public void open(
      ConferenceSignals.Ref ref,
      List<ConferenceSignals.Member> members,
      AccessLevel access,
      String domain) {
    Conference c =
        new Conference(
            ref, access, domain.toLowerCase(Locale.ROOT), ScheduledConferences.Promotion.Nobody);
    members.forEach(m -> c.members.put(key(m.uri()), m));
    conferences.put(ref.id(), c);
  }

  /** The members of a conference, lobby included, for tests and measurements. */
  public List<ConferenceSignals.Member> members(String conference) {
    Conference c = conferences.get(conference);
    if (c == null) {
      return List.of();
    }
    synchronized (c) {
      return List.copyOf(c.members.values());
    }
  }

  /**
   * The users in {@code lost} can no longer be reached: they leave every conference focused here,
   * and the other members hear them leave for {@code why}.
   */
  public void lost(Set<String> lost, Reason why) {
    for (Conference c : conferences.values()) {
      synchronized (c) {
        for (ConferenceSignals.Member m : new ArrayList<>(c.members.values())) {
          if (lost.contains(key(m.uri()))) {
            leave(c, m.uri(), why);
          }
        }
      }
    }
  }

  public void receive(ConferenceSignals.ToFocus signal) {
    Conference c = conferences.get(signal.conference());
    if (c == null && signal instanceof ConferenceSignals.Join j) {
      c = openScheduled(j);
    }
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
        case ConferenceSignals.Invited i -> c.invited.add(key(i.invitee()));
        case ConferenceSignals.Eject e ->
            remove(c, e.by().uri(), e.target(), false, Reasons.EJECTED);
        case ConferenceSignals.Reject r ->
            remove(c, r.by().uri(), r.target(), true, Reasons.DENIED);
        case ConferenceSignals.Admit a -> admit(c, a);
        case ConferenceSignals.SetRole r -> setRole(c, r);
        case ConferenceSignals.SetAudience a -> setAudience(c, a);
      }
    }
  }

  /**
   * The conference of a scheduled meeting someone joins while it is not running: opened empty, with
   * the meeting's settings, on the organizer's node (decision 0039).
   */
  private Conference openScheduled(ConferenceSignals.Join j) {
    String organizer = key(j.to());
    return scheduled
        .find(organizer, j.conference())
        .map(
            m -> {
              ConferenceSignals.Ref ref =
                  new ConferenceSignals.Ref(
                      j.conference(),
                      organizer,
                      organizer + ";gruu;opaque=app:conf:focus:id:" + j.conference());
              Conference fresh =
                  new Conference(ref, m.access(), domainOf(organizer), m.promotion());
              m.leaders().forEach(l -> fresh.leaders.add(key(l)));
              fresh.invited.addAll(fresh.leaders);
              m.attendees().forEach(a -> fresh.invited.add(key(a)));
              Conference existing = conferences.putIfAbsent(j.conference(), fresh);
              return existing == null ? fresh : existing;
            })
        .orElse(null);
  }

  private static String domainOf(String uri) {
    return uri.substring(uri.indexOf('@') + 1).toLowerCase(Locale.ROOT);
  }

  /** Whether the user is the organizer or a listed leader of a scheduled meeting. */
  private static boolean isListedLeader(Conference c, String uri) {
    return key(uri).equals(key(c.ref.focus())) || c.leaders.contains(key(uri));
  }

  /** The role a new member takes: Leader if listed as one or promoted on joining. */
  private static Role roleOnJoining(Conference c, String uri) {
    boolean promoted =
        switch (c.promotion) {
          case Nobody -> false;
          case SameEnterprise -> domainOf(uri).equals(c.domain);
          case Everyone -> true;
        };
    return isListedLeader(c, uri) || promoted ? Role.Leader : Role.Attendee;
  }

  /** Whether the access level lets this user straight in (AccessLevel_ref.md). */
  private static boolean admitsDirectly(Conference c, String uri) {
    if (isListedLeader(c, uri)) {
      return true;
    }
    String domain = domainOf(uri);
    return switch (c.access) {
      case Everyone, None -> true;
      case SameEnterprise -> domain.equals(c.domain);
      case Invited -> domain.equals(c.domain) && c.invited.contains(key(uri));
      case Locked -> key(uri).equals(key(c.ref.focus()));
    };
  }

  private void join(Conference c, ConferenceSignals.Join j) {
    ConferenceSignals.Member known = c.members.get(key(j.who().uri()));
    if (known != null) {
      if (known.inLobby()) {
        router.send(new ConferenceSignals.Lobby(known.uri(), c.ref, c.access));
      } else {
        rosterTo(c, known.uri());
      }
      return;
    }
    boolean lobby = !admitsDirectly(c, j.who().uri());
    ConferenceSignals.Member m =
        new ConferenceSignals.Member(
            j.who().uri(),
            j.who().name(),
            roleOnJoining(c, j.who().uri()),
            key(j.who().uri()).equals(key(c.ref.focus())),
            lobby);
    for (ConferenceSignals.Member other : admitted(c)) {
      if (!lobby || other.role() == Role.Leader) {
        router.send(new ConferenceSignals.Joined(other.uri(), c.ref.id(), m));
      }
    }
    c.members.put(key(m.uri()), m);
    if (lobby) {
      router.send(new ConferenceSignals.Lobby(m.uri(), c.ref, c.access));
    } else {
      rosterTo(c, m.uri());
    }
  }

  /** The roster and the audience settings, to a member just admitted (in this order). */
  private void rosterTo(Conference c, String uri) {
    router.send(new ConferenceSignals.Roster(uri, c.ref, admitted(c), c.access));
    router.send(new ConferenceSignals.Audience(uri, c.ref.id(), c.audienceMessaging, c.muteLock));
  }

  /**
   * Tells every admitted member of the conference of this scheduled meeting that the meeting
   * changed (its organizer updated it); nothing if it is not running.
   */
  public void meetingChanged(String conference) {
    Conference c = conferences.get(conference);
    if (c == null) {
      return;
    }
    synchronized (c) {
      for (ConferenceSignals.Member m : admitted(c)) {
        router.send(new ConferenceSignals.MeetingChanged(m.uri(), conference));
      }
    }
  }

  private void setAudience(Conference c, ConferenceSignals.SetAudience a) {
    if (!isLeader(c, a.by().uri())) {
      return;
    }
    AudienceMessaging messaging = a.messaging().orElse(c.audienceMessaging);
    AudienceMuteLock muteLock = a.muteLock().orElse(c.muteLock);
    if (messaging == c.audienceMessaging && muteLock == c.muteLock) {
      return;
    }
    c.audienceMessaging = messaging;
    c.muteLock = muteLock;
    for (ConferenceSignals.Member m : admitted(c)) {
      router.send(new ConferenceSignals.Audience(m.uri(), c.ref.id(), messaging, muteLock));
    }
  }

  private static List<ConferenceSignals.Member> admitted(Conference c) {
    return c.members.values().stream().filter(m -> !m.inLobby()).toList();
  }

  private void admit(Conference c, ConferenceSignals.Admit a) {
    ConferenceSignals.Member m = c.members.get(key(a.target()));
    if (!isLeader(c, a.by().uri()) || m == null || !m.inLobby()) {
      return;
    }
    ConferenceSignals.Member in = m.admitted();
    c.members.put(key(m.uri()), in);
    for (ConferenceSignals.Member other : admitted(c)) {
      if (other != in) {
        router.send(
            other.role() == Role.Leader
                ? new ConferenceSignals.Changed(other.uri(), c.ref.id(), in)
                : new ConferenceSignals.Joined(other.uri(), c.ref.id(), in));
      }
    }
    rosterTo(c, in.uri());
  }

  private void leave(Conference c, String uri, Reason why) {
    ConferenceSignals.Member gone = c.members.remove(key(uri));
    if (gone == null) {
      return;
    }
    for (ConferenceSignals.Member other : admitted(c)) {
      if (!gone.inLobby() || other.role() == Role.Leader) {
        router.send(new ConferenceSignals.Left(other.uri(), c.ref.id(), gone, why));
      }
    }
    if (admitted(c).isEmpty()) {
      conferences.remove(c.ref.id(), c);
      for (ConferenceSignals.Member waiting : new ArrayList<>(c.members.values())) {
        router.send(new ConferenceSignals.Removed(waiting.uri(), c.ref.id(), Reasons.ENDED));
      }
    }
  }

  private void say(Conference c, ConferenceSignals.Say s) {
    ConferenceSignals.Member from = c.members.get(key(s.from().uri()));
    if (from == null
        || from.inLobby()
        || (from.role() != Role.Leader && c.audienceMessaging == AudienceMessaging.Disabled)) {
      return;
    }
    for (ConferenceSignals.Member other : admitted(c)) {
      if (!key(other.uri()).equals(key(s.from().uri()))) {
        router.send(
            new Signals.Chat(other.uri(), c.ref.id(), s.from(), s.key(), s.content(), s.sent()));
      }
    }
  }

  private boolean isLeader(Conference c, String uri) {
    ConferenceSignals.Member m = c.members.get(key(uri));
    return m != null && !m.inLobby() && m.role() == Role.Leader;
  }

  /** eject (an admitted member) or reject (one in the lobby). */
  private void remove(Conference c, String by, String target, boolean fromLobby, Reason why) {
    ConferenceSignals.Member m = c.members.get(key(target));
    if (!isLeader(c, by) || m == null || m.inLobby() != fromLobby) {
      return;
    }
    router.send(new ConferenceSignals.Removed(m.uri(), c.ref.id(), why));
    leave(c, m.uri(), why);
  }

  private void setRole(Conference c, ConferenceSignals.SetRole r) {
    ConferenceSignals.Member m = c.members.get(key(r.target()));
    if (!isLeader(c, r.by().uri()) || m == null || m.inLobby() || m.role() == r.role()) {
      return;
    }
    ConferenceSignals.Member changed = m.as(r.role());
    c.members.put(key(m.uri()), changed);
    for (ConferenceSignals.Member other : admitted(c)) {
      router.send(new ConferenceSignals.Changed(other.uri(), c.ref.id(), changed));
    }
  }
}
