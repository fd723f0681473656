package org.openucwa.conversation;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openucwa.application.Application;
import org.openucwa.application.ApplicationListener;
import org.openucwa.application.ApplicationRegistry;
import org.openucwa.application.Modality;
import org.openucwa.directory.Directory;
import org.openucwa.directory.User;
import org.openucwa.error.ErrorCode;
import org.openucwa.error.Subcode;
import org.openucwa.error.UcwaException;
import org.openucwa.operation.Operation;
import org.openucwa.resource.EventType;
import org.openucwa.resource.Reason;
import org.openucwa.routing.Router;
import org.openucwa.routing.Signal;
import org.openucwa.routing.SignalHandler;

/**
 * Two-party instant-messaging conversations of the users homed on this node: starting them,
 * answering invitations, messages, typing, ending. Each user's side acts only on that user's own
 * state and speaks to the other side through the {@link Router}, so the two sides could live on
 * different nodes.
 *
 * <p>Threading: each user's state has its own lock; a request, a timer or a routed signal for a
 * user holds that user's lock for the whole transition, and the listener hears the changes
 * before the lock is released. No lock of one user is held while another user's is taken.
 */
public final class ConversationService implements SignalHandler, ApplicationListener {

  private final Directory directory;
  private final ApplicationRegistry applications;
  private final Router router;
  private final Clock clock;
  private final ScheduledExecutorService timers;
  private final Duration invitationTimeout;
  private final ConversationListener listener;
  private final SecureRandom random;
  private final ConferenceFocus focus;
  private final ConcurrentHashMap<String, UserState> users = new ConcurrentHashMap<>();

  public ConversationService(Directory directory, ApplicationRegistry applications, Router router,
      Clock clock, ScheduledExecutorService timers, Duration invitationTimeout,
      ConversationListener listener, SecureRandom random, ConferenceFocus focus) {
    this.focus = focus;
    this.directory = directory;
    this.applications = applications;
    this.router = router;
    this.clock = clock;
    this.timers = timers;
    this.invitationTimeout = invitationTimeout;
    this.listener = listener;
    this.random = random;
  }

  /** One user's conversations and invitations, by application. Guarded by its own monitor. */
  private static final class UserState {
    final Map<String, Map<String, Conversation>> conversations = new LinkedHashMap<>();
    final Map<String, Map<String, MessagingInvitation>> invitations = new LinkedHashMap<>();
    final Map<String, List<Conversation>> sessions = new LinkedHashMap<>();
    final Map<String, Map<String, ParticipantInvitation>> participantInvitations =
        new LinkedHashMap<>();

    void add(ParticipantInvitation i) {
      participantInvitations.computeIfAbsent(i.conversation().application().id(),
          k -> new LinkedHashMap<>()).put(i.id(), i);
    }

    void joinSession(Conversation c, String session) {
      leaveSession(c);
      c.session(session);
      sessions.computeIfAbsent(session, k -> new ArrayList<>()).add(c);
    }

    void add(Conversation c) {
      conversations.computeIfAbsent(c.application().id(), k -> new LinkedHashMap<>())
          .put(c.id(), c);
      sessions.computeIfAbsent(c.session(), k -> new ArrayList<>()).add(c);
    }

    void add(MessagingInvitation i) {
      invitations.computeIfAbsent(i.conversation().application().id(),
          k -> new LinkedHashMap<>()).put(i.id(), i);
    }

    void forget(Conversation c) {
      Map<String, Conversation> mine = conversations.get(c.application().id());
      if (mine != null) {
        mine.remove(c.id());
      }
      leaveSession(c);
    }

    void leaveSession(Conversation c) {
      List<Conversation> s = sessions.get(c.session());
      if (s != null) {
        s.remove(c);
        if (s.isEmpty()) {
          sessions.remove(c.session());
        }
      }
    }

    List<Conversation> session(String id) {
      return new ArrayList<>(sessions.getOrDefault(id, List.of()));
    }
  }

  /** The changes of one transition, per application, heard by the listener in order. */
  private final class Changes {
    final Map<Application, List<ConversationChange>> byApp = new LinkedHashMap<>();

    Changes add(ConversationChange c) {
      byApp.computeIfAbsent(c.conversation().application(), k -> new ArrayList<>()).add(c);
      return this;
    }

    void flush() {
      byApp.forEach(listener::changed);
    }
  }

  private UserState state(String userUri) {
    return users.computeIfAbsent(userUri.toLowerCase(Locale.ROOT), k -> new UserState());
  }

  private <T> T inUser(String userUri, Function<UserState, T> work) {
    UserState s = state(userUri);
    synchronized (s) {
      return work.apply(s);
    }
  }

  private static Signals.Party party(User u) {
    return new Signals.Party(u.uri(), u.name());
  }

  private String newId(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  // ---- reading ----------------------------------------------------------------------------

  /** Reads a conversation of the application under its user's lock. */
  public <T> T read(Application app, String conversationId, Function<Conversation, T> view) {
    return inUser(app.user().uri(), s -> view.apply(conversation(s, app, conversationId)));
  }

  /** Reads every conversation of the application under its user's lock. */
  public <T> T readAll(Application app, Function<List<Conversation>, T> view) {
    return inUser(app.user().uri(), s -> view.apply(new ArrayList<>(
        s.conversations.getOrDefault(app.id(), Map.of()).values())));
  }

  /** Reads an invitation of the application under its user's lock. */
  public <T> T readInvitation(Application app, String invitationId,
      Function<MessagingInvitation, T> view) {
    return inUser(app.user().uri(), s -> view.apply(invitation(s, app, invitationId)));
  }

  private static Conversation conversation(UserState s, Application app, String id) {
    Conversation c = s.conversations.getOrDefault(app.id(), Map.of()).get(id);
    if (c == null) {
      throw UcwaException.notFound(Subcode.ConversationNotFound,
          "The conversation does not exist.");
    }
    return c;
  }

  private static MessagingInvitation invitation(UserState s, Application app, String id) {
    MessagingInvitation i = s.invitations.getOrDefault(app.id(), Map.of()).get(id);
    if (i == null) {
      throw UcwaException.notFound(Subcode.ResourceNotFound, "The invitation does not exist.");
    }
    return i;
  }

  // ---- the inviter -------------------------------------------------------------------------

  /** startMessaging: a new conversation and an outgoing invitation; returns the invitation id. */
  public String startMessaging(Application app, StartMessaging request) {
    User me = app.user();
    if (request.to().equalsIgnoreCase(me.uri())) {
      throw UcwaException.invalidParameter("to", "you cannot invite yourself");
    }
    return inUser(me.uri(), s -> {
      Conversation c = new Conversation(newId(8), app, newId(16),
          request.threadId().orElseGet(() -> newId(16)), request.subject().orElse(""),
          request.importance(), clock.instant(), ConversationState.Connecting);
      s.add(c);
      Changes changes = new Changes();
      MessagingInvitation inv = invite(s, c, request.to(), request.operationId(),
          request.message(), changes);
      changes.add(new ConversationChange.ConversationChanged(c, EventType.added,
          Optional.empty()));
      changes.add(new ConversationChange.LocalParticipantChanged(c, EventType.added));
      changes.add(new ConversationChange.MessagingChanged(c, Optional.empty()));
      sendInvite(s, inv, changes);
      changes.flush();
      return inv.id();
    });
  }

  /** addMessaging: re-invites the last other party of a conversation whose messaging ended. */
  public String addMessaging(Application app, String conversationId,
      Optional<String> operationId, Optional<Content> message) {
    return inUser(app.user().uri(), s -> {
      Conversation c = conversation(s, app, conversationId);
      if (c.deleted() || c.messaging() != ModalityState.Disconnected || c.peer().isEmpty()) {
        throw UcwaException.conflict(Subcode.AnotherOperationPending,
            "Messaging can be added only to a conversation whose messaging is disconnected.");
      }
      s.joinSession(c, newId(16));
      c.state(ConversationState.Connecting);
      Changes changes = new Changes();
      MessagingInvitation inv = invite(s, c, c.peer().get().uri(), operationId, message,
          changes);
      changes.add(new ConversationChange.MessagingChanged(c, Optional.empty()));
      changes.add(new ConversationChange.ConversationChanged(c, EventType.updated,
          Optional.empty()));
      sendInvite(s, inv, changes);
      changes.flush();
      return inv.id();
    });
  }

  private MessagingInvitation invite(UserState s, Conversation c, String to,
      Optional<String> operationId, Optional<Content> message, Changes changes) {
    Optional<User> invitee = directory.find(to);
    c.peer(new Signals.Party(invitee.map(User::uri).orElse(to),
        invitee.map(User::name).orElse(to)));
    MessagingInvitation inv = new MessagingInvitation(newId(16), Direction.Outgoing, c,
        new Operation(operationId), party(c.application().user()),
        invitee.map(User::uri).orElse(to), message);
    c.invitation(inv);
    c.messaging(ModalityState.Connecting);
    s.add(inv);
    changes.add(new ConversationChange.InvitationChanged(c, inv, inv.operation().start()));
    return inv;
  }

  private void sendInvite(UserState s, MessagingInvitation inv, Changes changes) {
    Conversation c = inv.conversation();
    if (directory.find(inv.to()).isEmpty()) {
      failOutgoing(s, inv, Reasons.NOT_FOUND, InvitationState.Failed, changes);
      return;
    }
    router.send(new Signals.Invite(inv.to(), c.session(), inv.from(), c.subject(),
        c.importance(), c.threadId(), inv.message(), Optional.empty()));
    String user = c.application().user().uri();
    String id = inv.id();
    Application app = c.application();
    inv.timer(timers.schedule(() -> timeout(user, app, id),
        invitationTimeout.toMillis(), TimeUnit.MILLISECONDS));
  }

  private void timeout(String user, Application app, String invitationId) {
    inUser(user, s -> {
      MessagingInvitation inv = s.invitations.getOrDefault(app.id(), Map.of()).get(invitationId);
      if (inv != null && inv.pending()) {
        Changes changes = new Changes();
        failOutgoing(s, inv, Reasons.TIMEOUT, InvitationState.Failed, changes);
        router.send(new Signals.Withdraw(inv.to(), inv.conversation().session(),
            Reasons.TIMEOUT));
        changes.flush();
      }
      return null;
    });
  }

  /** cancel: withdraws a pending outgoing invitation. */
  public void cancel(Application app, String invitationId) {
    inUser(app.user().uri(), s -> {
      MessagingInvitation inv = invitation(s, app, invitationId);
      if (inv.direction() != Direction.Outgoing) {
        throw UcwaException.conflict(Subcode.OperationNotSupported,
            "Only an outgoing invitation can be canceled.");
      }
      requirePending(inv);
      Changes changes = new Changes();
      failOutgoing(s, inv, Reasons.CANCELED, InvitationState.Cancelled, changes);
      if (inv.conference().isPresent()) {
        ConferenceSignals.Ref ref = inv.conference().get();
        router.send(new ConferenceSignals.Leave(ref.focus(), ref.id(), party(app.user())));
      } else {
        router.send(new Signals.Withdraw(inv.to(), inv.conversation().session(),
            Reasons.CANCELED));
      }
      changes.flush();
      return null;
    });
  }

  private static void requirePending(MessagingInvitation inv) {
    if (!inv.pending()) {
      throw UcwaException.conflict(Subcode.OperationNotSupported,
          "The invitation has already ended (" + inv.state().wire() + ").");
    }
  }

  /** An outgoing invitation failed: messaging and the conversation disconnect; both stay. */
  private void failOutgoing(UserState s, MessagingInvitation inv, Reason why,
      InvitationState end, Changes changes) {
    Conversation c = inv.conversation();
    inv.ended(end);
    c.messaging(ModalityState.Disconnected);
    c.state(ConversationState.Disconnected);
    s.leaveSession(c);
    changes.add(new ConversationChange.MessagingChanged(c, Optional.of(why)));
    changes.add(new ConversationChange.ConversationChanged(c, EventType.updated,
        Optional.of(why)));
    changes.add(new ConversationChange.InvitationChanged(c, inv, inv.operation().fail(why)));
  }

  // ---- the invitee -------------------------------------------------------------------------

  /** accept: joins the conversation on this application; the others' invitations end. */
  public void accept(Application app, String invitationId) {
    inUser(app.user().uri(), s -> {
      MessagingInvitation inv = incoming(s, app, invitationId);
      Conversation c = inv.conversation();
      Changes changes = new Changes();
      for (Conversation other : s.session(c.session())) {
        if (other != c) {
          withdrawIncoming(s, other, Reasons.ELSEWHERE, InvitationState.Failed, changes);
        }
      }
      if (inv.conference().isPresent()) {
        ConferenceSignals.Ref ref = inv.conference().get();
        inv.joining(true);
        c.state(ConversationState.Connecting);
        changes.add(new ConversationChange.ConversationChanged(c, EventType.updated,
            Optional.empty()));
        router.send(new ConferenceSignals.Join(ref.focus(), ref.id(), party(app.user())));
        changes.flush();
        return null;
      }
      Participant inviter = c.addParticipant(inv.from().uri(), inv.from().name());
      inviter.messaging(true);
      inv.connected(inviter);
      c.state(ConversationState.Connected);
      c.messaging(ModalityState.Connected);
      c.localMessaging(true);
      changes.add(new ConversationChange.MessagingChanged(c, Optional.empty()));
      changes.add(new ConversationChange.ConversationChanged(c, EventType.updated,
          Optional.empty()));
      changes.add(new ConversationChange.ParticipantMessagingChanged(c, Optional.empty(),
          EventType.added));
      changes.add(new ConversationChange.ParticipantMessagingChanged(c, Optional.of(inviter),
          EventType.added));
      changes.add(new ConversationChange.ParticipantChanged(c, inviter, EventType.updated,
          Optional.empty()));
      changes.add(new ConversationChange.InvitationChanged(c, inv, inv.operation().succeed()));
      inv.message().ifPresent(m -> receiveMessage(c, inv.from(), m, clock.instant(), changes));
      router.send(new Signals.Answer(inv.from().uri(), c.session(), party(app.user()),
          Optional.empty()));
      changes.flush();
      return null;
    });
  }

  /** decline: on this application only, or for all of the user's applications. */
  public void decline(Application app, String invitationId, boolean global) {
    inUser(app.user().uri(), s -> {
      MessagingInvitation inv = incoming(s, app, invitationId);
      Conversation c = inv.conversation();
      Changes changes = new Changes();
      List<Conversation> targets = global ? s.session(c.session()) : List.of(c);
      for (Conversation t : targets) {
        withdrawIncoming(s, t, Reasons.DECLINED, InvitationState.Declined, changes);
      }
      if (s.session(c.session()).isEmpty()) {
        router.send(new Signals.Answer(inv.from().uri(), c.session(), party(app.user()),
            Optional.of(Reasons.DECLINED)));
      }
      changes.flush();
      return null;
    });
  }

  private static MessagingInvitation incoming(UserState s, Application app, String id) {
    MessagingInvitation inv = invitation(s, app, id);
    if (inv.direction() != Direction.Incoming) {
      throw UcwaException.conflict(Subcode.OperationNotSupported,
          "Only an incoming invitation can be accepted or declined.");
    }
    requirePending(inv);
    if (inv.joining()) {
      throw UcwaException.conflict(Subcode.OperationNotSupported,
          "The invitation was accepted; the user is joining the meeting.");
    }
    return inv;
  }

  /** An incoming invitation ended unanswered here: its conversation goes away. */
  private void withdrawIncoming(UserState s, Conversation c, Reason why, InvitationState end,
      Changes changes) {
    MessagingInvitation inv = c.invitation().orElseThrow();
    if (!inv.pending()) {
      return;
    }
    if (inv.joining()) {
      ConferenceSignals.Ref ref = inv.conference().orElseThrow();
      router.send(new ConferenceSignals.Leave(ref.focus(), ref.id(),
          party(c.application().user())));
    }
    inv.ended(end);
    changes.add(new ConversationChange.InvitationChanged(c, inv, inv.operation().fail(why)));
    for (Participant p : c.participants()) {
      changes.add(new ConversationChange.ParticipantChanged(c, p, EventType.deleted,
          Optional.of(why)));
    }
    changes.add(new ConversationChange.LocalParticipantChanged(c, EventType.deleted));
    c.markDeleted();
    changes.add(new ConversationChange.ConversationChanged(c, EventType.deleted,
        Optional.of(why)));
    s.forget(c);
  }

  // ---- messages, typing, ending ------------------------------------------------------------

  /** sendMessage: returns the new message's id; it completes when delivered. */
  public String sendMessage(Application app, String conversationId, Content content,
      Optional<String> operationId) {
    return inUser(app.user().uri(), s -> {
      Conversation c = conversation(s, app, conversationId);
      if (c.messaging() != ModalityState.Connected) {
        throw UcwaException.conflict(Subcode.OperationNotSupported,
            "Messaging is not connected in this conversation.");
      }
      Signals.Party me = party(app.user());
      Message m = new Message(c.nextMessageId(), Direction.Outgoing, clock.instant(), content,
          me, new Operation(operationId));
      c.addMessage(m);
      Changes changes = new Changes();
      changes.add(new ConversationChange.MessageChanged(c, m, m.operation().start()));
      if (c.conference().isPresent()) {
        router.send(new ConferenceSignals.Say(c.conference().get().focus(), c.session(), me,
            Long.parseLong(m.id()), content, m.timeStamp()));
      } else {
        for (Participant p : c.participants()) {
          router.send(new Signals.Chat(p.uri(), c.session(), me, Long.parseLong(m.id()),
              content, m.timeStamp()));
        }
      }
      if (c.participants().isEmpty()) {
        changes.add(new ConversationChange.MessageChanged(c, m,
            m.operation().fail(Reasons.UNDELIVERED)));
      }
      changes.flush();
      return m.id();
    });
  }

  /** setIsTyping: tells the other participants that the user is typing. */
  public void setTyping(Application app, String conversationId) {
    inUser(app.user().uri(), s -> {
      Conversation c = conversation(s, app, conversationId);
      if (c.messaging() != ModalityState.Connected) {
        throw UcwaException.conflict(Subcode.OperationNotSupported,
            "Messaging is not connected in this conversation.");
      }
      for (Participant p : c.participants()) {
        router.send(new Signals.Typing(p.uri(), c.session(), party(app.user()), true));
      }
      return null;
    });
  }

  /**
   * stopMessaging: ends the conversation for both sides (a pending outgoing invitation is
   * canceled, a pending incoming one declined here).
   */
  public void stopMessaging(Application app, String conversationId) {
    inUser(app.user().uri(), s -> {
      Conversation c = conversation(s, app, conversationId);
      Optional<MessagingInvitation> pending = c.invitation().filter(MessagingInvitation::pending);
      Changes changes = new Changes();
      if (pending.isPresent() && pending.get().direction() == Direction.Outgoing) {
        failOutgoing(s, pending.get(), Reasons.CANCELED, InvitationState.Cancelled, changes);
        router.send(new Signals.Withdraw(pending.get().to(), c.session(), Reasons.CANCELED));
      } else if (pending.isPresent()) {
        boolean joining = pending.get().joining();
        withdrawIncoming(s, c, Reasons.DECLINED, InvitationState.Declined, changes);
        if (!joining && s.session(c.session()).isEmpty()) {
          router.send(new Signals.Answer(pending.get().from().uri(), c.session(),
              party(app.user()), Optional.of(Reasons.DECLINED)));
        }
      } else {
        hangUp(c);
        end(s, c, Reasons.ENDED_LOCALLY, changes);
      }
      changes.flush();
      return null;
    });
  }

  /** Tells the other side, or the conference's focus, that this side of {@code c} is leaving. */
  private void hangUp(Conversation c) {
    Signals.Party me = party(c.application().user());
    if (c.conference().isPresent()) {
      router.send(new ConferenceSignals.Leave(c.conference().get().focus(), c.session(), me));
    } else {
      for (Participant p : c.participants()) {
        router.send(new Signals.Bye(p.uri(), c.session(), me, Reasons.ENDED_REMOTELY));
      }
    }
  }

  /** The conversation ends here: messaging, participants, the local participant, itself. */
  private void end(UserState s, Conversation c, Reason why, Changes changes) {
    if (c.deleted()) {
      return;
    }
    for (ParticipantInvitation pi : c.participantInvitations()) {
      if (pi.pending()) {
        failParticipantInvitation(pi, why, InvitationState.Failed, changes);
        router.send(new Signals.Withdraw(pi.to().uri(), c.session(), why));
      }
    }
    boolean wasMessaging = c.messaging() != ModalityState.Disconnected;
    c.messaging(ModalityState.Disconnected);
    if (wasMessaging) {
      changes.add(new ConversationChange.MessagingChanged(c, Optional.of(why)));
    }
    for (Participant p : new ArrayList<>(c.participants())) {
      if (p.messaging()) {
        changes.add(new ConversationChange.ParticipantMessagingChanged(c, Optional.of(p),
            EventType.deleted));
      }
      changes.add(new ConversationChange.ParticipantChanged(c, p, EventType.deleted,
          Optional.of(why)));
    }
    if (c.localMessaging()) {
      changes.add(new ConversationChange.ParticipantMessagingChanged(c, Optional.empty(),
          EventType.deleted));
    }
    changes.add(new ConversationChange.LocalParticipantChanged(c, EventType.deleted));
    c.markDeleted();
    changes.add(new ConversationChange.ConversationChanged(c, EventType.deleted,
        Optional.of(why)));
    s.forget(c);
  }

  // ---- signals from other users ------------------------------------------------------------

  @Override
  public void receive(Signal signal) {
    switch (signal) {
      case Signals.Invite i -> invited(i);
      case Signals.Withdraw w -> withdrawn(w);
      case Signals.Answer a -> answered(a);
      case Signals.Chat m -> chatted(m);
      case Signals.Receipt r -> receipted(r);
      case Signals.Typing t -> typed(t);
      case Signals.Bye b -> left(b);
      case ConferenceSignals.ToFocus f -> focus.receive(f);
      case ConferenceSignals.Escalated e -> escalated(e);
      case ConferenceSignals.Roster r -> rostered(r);
      case ConferenceSignals.Joined j -> memberJoined(j);
      case ConferenceSignals.Left l -> memberLeft(l);
      case ConferenceSignals.Changed ch -> memberChanged(ch);
      case ConferenceSignals.Removed r -> removed(r);
      case ConferenceSignals.Lobby l -> lobbied(l);
      default -> throw new IllegalArgumentException("unexpected signal " + signal);
    }
  }

  private void invited(Signals.Invite i) {
    Optional<User> invitee = directory.find(i.to());
    List<Application> available = invitee.map(u -> applications.applicationsOf(u.uri()))
        .orElse(List.of()).stream()
        .filter(a -> a.isAvailable()
            && a.communication().supportedModalities().contains(Modality.Messaging))
        .toList();
    if (invitee.isEmpty() || available.isEmpty()) {
      router.send(new Signals.Answer(i.from().uri(), i.session(),
          new Signals.Party(i.to(), invitee.map(User::name).orElse(i.to())),
          Optional.of(invitee.isEmpty() ? Reasons.NOT_FOUND : Reasons.UNAVAILABLE)));
      return;
    }
    inUser(invitee.get().uri(), s -> {
      Changes changes = new Changes();
      for (Application app : available) {
        Conversation c = new Conversation(newId(8), app, i.session(), i.threadId(), i.subject(),
            i.importance(), clock.instant(), ConversationState.Incoming);
        c.messaging(ModalityState.Connecting);
        c.peer(i.from());
        MessagingInvitation inv = new MessagingInvitation(newId(16), Direction.Incoming, c,
            new Operation(Optional.empty()), i.from(), invitee.get().uri(), i.message());
        i.conference().ifPresent(inv::conference);
        c.invitation(inv);
        s.add(c);
        s.add(inv);
        changes.add(new ConversationChange.InvitationChanged(c, inv, inv.operation().start()));
        changes.add(new ConversationChange.ConversationChanged(c, EventType.added,
            Optional.empty()));
        changes.add(new ConversationChange.LocalParticipantChanged(c, EventType.added));
        if (i.conference().isEmpty()) {
          Participant inviter = c.addParticipant(i.from().uri(), i.from().name());
          changes.add(new ConversationChange.ParticipantChanged(c, inviter, EventType.added,
              Optional.empty()));
        }
      }
      changes.flush();
      return null;
    });
  }

  private void withdrawn(Signals.Withdraw w) {
    inUser(w.to(), s -> {
      Changes changes = new Changes();
      InvitationState end = "Canceled".equals(w.reason().subcode().orElse(""))
          ? InvitationState.Cancelled : InvitationState.Failed;
      for (Conversation c : s.session(w.session())) {
        withdrawIncoming(s, c, w.reason(), end, changes);
      }
      changes.flush();
      return null;
    });
  }

  private void answered(Signals.Answer a) {
    inUser(a.to(), s -> {
      List<Conversation> mine = s.session(a.session());
      Optional<MessagingInvitation> inv = mine.stream()
          .flatMap(c -> c.invitation().stream())
          .filter(i -> i.direction() == Direction.Outgoing && i.pending())
          .findFirst();
      if (inv.isEmpty() && a.refusal().isPresent()) {
        Optional<ParticipantInvitation> pi = mine.stream()
            .flatMap(c -> c.participantInvitations().stream())
            .filter(i -> i.pending() && i.to().uri().equalsIgnoreCase(a.by().uri()))
            .findFirst();
        if (pi.isPresent()) {
          Changes changes = new Changes();
          failParticipantInvitation(pi.get(), a.refusal().get(),
              "Declined".equals(a.refusal().get().subcode().orElse(""))
                  ? InvitationState.Declined : InvitationState.Failed, changes);
          changes.flush();
          return null;
        }
      }
      if (inv.isEmpty()) {
        if (a.accepted()) {
          router.send(new Signals.Bye(a.by().uri(), a.session(), inviterParty(a.to()),
              Reasons.CANCELED));
        }
        return null;
      }
      Changes changes = new Changes();
      Conversation c = inv.get().conversation();
      if (a.refusal().isPresent()) {
        InvitationState end = a.refusal().get() == Reasons.DECLINED
            || "Declined".equals(a.refusal().get().subcode().orElse(""))
            ? InvitationState.Declined : InvitationState.Failed;
        failOutgoing(s, inv.get(), a.refusal().get(), end, changes);
      } else {
        Participant p = c.addParticipant(a.by().uri(), a.by().name());
        p.messaging(true);
        c.peer(a.by());
        inv.get().connected(p);
        c.state(ConversationState.Connected);
        c.messaging(ModalityState.Connected);
        c.localMessaging(true);
        // in the order of SendAnIM.md step 6, a real server's events
        changes.add(new ConversationChange.ConversationChanged(c, EventType.updated,
            Optional.empty()));
        changes.add(new ConversationChange.ParticipantChanged(c, p, EventType.added,
            Optional.empty()));
        changes.add(new ConversationChange.ParticipantMessagingChanged(c, Optional.of(p),
            EventType.added));
        changes.add(new ConversationChange.ParticipantMessagingChanged(c, Optional.empty(),
            EventType.added));
        changes.add(new ConversationChange.MessagingChanged(c, Optional.empty()));
        changes.add(new ConversationChange.InvitationChanged(c, inv.get(),
            inv.get().operation().succeed()));
      }
      changes.flush();
      return null;
    });
  }

  private Signals.Party inviterParty(String uri) {
    return directory.find(uri).map(ConversationService::party)
        .orElse(new Signals.Party(uri, uri));
  }

  private void chatted(Signals.Chat m) {
    inUser(m.to(), s -> {
      Optional<Conversation> c = s.session(m.session()).stream()
          .filter(x -> x.messaging() == ModalityState.Connected).findFirst();
      router.send(new Signals.Receipt(m.from().uri(), m.session(), inviterParty(m.to()),
          m.key(), c.isPresent()));
      if (c.isPresent()) {
        Changes changes = new Changes();
        receiveMessage(c.get(), m.from(), m.content(), m.sent(), changes);
        changes.flush();
      }
      return null;
    });
  }

  private void receiveMessage(Conversation c, Signals.Party from, Content content,
      java.time.Instant sent, Changes changes) {
    Participant p = c.participant(from.uri()).orElseGet(
        () -> c.addParticipant(from.uri(), from.name()));
    if (p.typing()) {
      p.typing(false);
      changes.add(new ConversationChange.TypingChanged(c, p, EventType.deleted));
    }
    Message m = new Message(c.nextMessageId(), Direction.Incoming, sent, content, from,
        new Operation(Optional.empty()));
    c.addMessage(m);
    m.operation().start();
    changes.add(new ConversationChange.MessageChanged(c, m, m.operation().succeed()));
  }

  private void receipted(Signals.Receipt r) {
    inUser(r.to(), s -> {
      for (Conversation c : s.session(r.session())) {
        Optional<Message> m = c.message(Long.toString(r.key()));
        if (m.isPresent() && !m.get().operation().isFinished()) {
          Changes changes = new Changes();
          if (r.delivered()) {
            changes.add(new ConversationChange.MessageChanged(c, m.get(),
                m.get().operation().succeed()));
          } else {
            m.get().failedDelivery(r.by().uri());
            changes.add(new ConversationChange.MessageChanged(c, m.get(),
                m.get().operation().fail(Reasons.UNDELIVERED)));
          }
          changes.flush();
        }
      }
      return null;
    });
  }

  private void typed(Signals.Typing t) {
    inUser(t.to(), s -> {
      Changes changes = new Changes();
      for (Conversation c : s.session(t.session())) {
        Optional<Participant> p = c.participant(t.from().uri());
        if (p.isPresent() && p.get().typing() != t.typing()) {
          p.get().typing(t.typing());
          changes.add(new ConversationChange.TypingChanged(c, p.get(),
              t.typing() ? EventType.added : EventType.deleted));
          if (t.typing()) {
            String user = t.to();
            timers.schedule(() -> typed(new Signals.Typing(user, t.session(), t.from(), false)),
                TYPING_LASTS.toMillis(), TimeUnit.MILLISECONDS);
          }
        }
      }
      changes.flush();
      return null;
    });
  }

  /** How long a typing indication lasts without a new one or a message. */
  static final Duration TYPING_LASTS = Duration.ofSeconds(6);

  private void left(Signals.Bye b) {
    inUser(b.to(), s -> {
      Changes changes = new Changes();
      for (Conversation c : s.session(b.session())) {
        end(s, c, b.reason(), changes);
      }
      changes.flush();
      return null;
    });
  }

  // ---- conferences: adding participants ----------------------------------------------------

  /**
   * addParticipant: invites another user into the conversation; a two-party conversation is
   * first escalated to an ad hoc conference. Returns the participantInvitation's id.
   */
  public String addParticipant(Application app, String conversationId, String to,
      Optional<String> operationId) {
    User me = app.user();
    return inUser(me.uri(), s -> {
      Conversation c = conversation(s, app, conversationId);
      if (!c.canAddParticipants()) {
        throw UcwaException.conflict(Subcode.OperationNotSupported,
            "Participants can be added only to a connected conversation.");
      }
      boolean present = to.equalsIgnoreCase(me.uri()) || c.participant(to).isPresent()
          || c.participantInvitations().stream()
              .anyMatch(p -> p.pending() && p.to().uri().equalsIgnoreCase(to));
      if (present) {
        throw UcwaException.conflict(Subcode.AlreadyExists,
            to + " is already in this conversation or invited to it.");
      }
      Changes changes = new Changes();
      if (c.conference().isEmpty()) {
        escalate(s, c, changes);
      }
      Optional<User> invitee = directory.find(to);
      ParticipantInvitation inv = new ParticipantInvitation(newId(16), c,
          new Operation(operationId), new Signals.Party(invitee.map(User::uri).orElse(to),
              invitee.map(User::name).orElse(to)));
      c.addParticipantInvitation(inv);
      s.add(inv);
      changes.add(new ConversationChange.ParticipantInvitationChanged(c, inv,
          inv.operation().start()));
      if (invitee.isEmpty()) {
        failParticipantInvitation(inv, Reasons.NOT_FOUND, InvitationState.Failed, changes);
      } else {
        ConferenceSignals.Ref ref = c.conference().get();
        router.send(new ConferenceSignals.Invited(ref.focus(), ref.id(), inv.to().uri()));
        router.send(new Signals.Invite(inv.to().uri(), c.session(), party(me), c.subject(),
            c.importance(), c.threadId(), Optional.empty(), c.conference()));
        String id = inv.id();
        inv.timer(timers.schedule(() -> participantTimeout(me.uri(), app, id),
            invitationTimeout.toMillis(), TimeUnit.MILLISECONDS));
      }
      changes.flush();
      return inv.id();
    });
  }

  /** Turns a two-party conversation into an ad hoc conference organized by its user. */
  private void escalate(UserState s, Conversation c, Changes changes) {
    User me = c.application().user();
    ConferenceSignals.Ref ref = newConference(me);
    String id = ref.id();
    List<ConferenceSignals.Member> members = new ArrayList<>();
    members.add(new ConferenceSignals.Member(me.uri(), me.name(), Role.Leader, true, false));
    for (Participant p : c.participants()) {
      members.add(new ConferenceSignals.Member(p.uri(), p.name(), Role.Attendee, false, false));
    }
    focus.open(ref, members, AccessLevel.SameEnterprise, me.domain());
    String twoParty = c.session();
    for (Participant p : c.participants()) {
      router.send(new ConferenceSignals.Escalated(p.uri(), twoParty, ref, members));
    }
    s.joinSession(c, id);
    c.conference(ref);
    c.localRole(Role.Leader); // the organizer knows its role before the focus's roster says it
    c.localOrganizer(true);
    c.state(ConversationState.Conferencing);
    changes.add(new ConversationChange.ConversationChanged(c, EventType.updated,
        Optional.empty()));
    router.send(new ConferenceSignals.Join(ref.focus(), id, party(me)));
  }

  private ConferenceSignals.Ref newConference(User organizer) {
    String id = newId(8).toUpperCase(Locale.ROOT);
    return new ConferenceSignals.Ref(id, organizer.uri(),
        organizer.uri() + ";gruu;opaque=app:conf:focus:id:" + id);
  }

  /** The conference an onlineMeetingUri names: {@code sip:organizer;gruu;opaque=app:conf:focus:id:ID}. */
  static Optional<ConferenceSignals.Ref> parseMeetingUri(String uri) {
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("(?i)(sip:[^;@\\s]+@[^;\\s]+);gruu;opaque=app:conf:focus:id:([A-Za-z0-9]+)")
        .matcher(uri.trim());
    return m.matches()
        ? Optional.of(new ConferenceSignals.Ref(m.group(2).toUpperCase(Locale.ROOT),
            m.group(1).toLowerCase(Locale.ROOT), uri.trim()))
        : Optional.empty();
  }

  private void failParticipantInvitation(ParticipantInvitation inv, Reason why,
      InvitationState end, Changes changes) {
    inv.ended(end);
    changes.add(new ConversationChange.ParticipantInvitationChanged(inv.conversation(), inv,
        inv.operation().fail(why)));
  }

  private void participantTimeout(String user, Application app, String invitationId) {
    inUser(user, s -> {
      ParticipantInvitation inv = s.participantInvitations.getOrDefault(app.id(), Map.of())
          .get(invitationId);
      if (inv != null && inv.pending()) {
        Changes changes = new Changes();
        failParticipantInvitation(inv, Reasons.TIMEOUT, InvitationState.Failed, changes);
        router.send(new Signals.Withdraw(inv.to().uri(), inv.conversation().session(),
            Reasons.TIMEOUT));
        changes.flush();
      }
      return null;
    });
  }

  /** cancel of a participantInvitation. */
  public void cancelParticipantInvitation(Application app, String invitationId) {
    inUser(app.user().uri(), s -> {
      ParticipantInvitation inv = participantInvitation(s, app, invitationId);
      if (!inv.pending()) {
        throw UcwaException.conflict(Subcode.OperationNotSupported,
            "The invitation has already ended (" + inv.state().wire() + ").");
      }
      Changes changes = new Changes();
      failParticipantInvitation(inv, Reasons.CANCELED, InvitationState.Cancelled, changes);
      router.send(new Signals.Withdraw(inv.to().uri(), inv.conversation().session(),
          Reasons.CANCELED));
      changes.flush();
      return null;
    });
  }

  /** Reads a participantInvitation of the application under its user's lock. */
  public <T> T readParticipantInvitation(Application app, String invitationId,
      Function<ParticipantInvitation, T> view) {
    return inUser(app.user().uri(), s -> view.apply(participantInvitation(s, app, invitationId)));
  }

  private static ParticipantInvitation participantInvitation(UserState s, Application app,
      String id) {
    ParticipantInvitation i = s.participantInvitations.getOrDefault(app.id(), Map.of()).get(id);
    if (i == null) {
      throw UcwaException.notFound(Subcode.ResourceNotFound, "The invitation does not exist.");
    }
    return i;
  }

  // ---- conferences: starting and joining ---------------------------------------------------

  /** startOnlineMeeting: an ad hoc meeting organized by the user, who joins it at once. */
  public String startOnlineMeeting(Application app, StartMessaging meeting, AccessLevel access) {
    User me = app.user();
    return inUser(me.uri(), s -> {
      ConferenceSignals.Ref ref = newConference(me);
      focus.open(ref, List.of(new ConferenceSignals.Member(me.uri(), me.name(), Role.Leader,
          true, false)), access, me.domain());
      return joinConference(s, app, ref, meeting);
    });
  }

  /** joinOnlineMeeting: joins the meeting an onlineMeetingUri names. */
  public String joinOnlineMeeting(Application app, String onlineMeetingUri,
      StartMessaging meeting) {
    ConferenceSignals.Ref ref = parseMeetingUri(onlineMeetingUri).orElseThrow(() ->
        UcwaException.invalidParameter("onlineMeetingUri",
            "expected sip:organizer@domain;gruu;opaque=app:conf:focus:id:ID"));
    return inUser(app.user().uri(), s -> joinConference(s, app, ref, meeting));
  }

  private String joinConference(UserState s, Application app, ConferenceSignals.Ref ref,
      StartMessaging meeting) {
    Conversation c = new Conversation(newId(8), app, ref.id(),
        meeting.threadId().orElseGet(() -> newId(16)), meeting.subject().orElse(""),
        meeting.importance(), clock.instant(), ConversationState.Connecting);
    c.conference(ref);
    s.add(c);
    MessagingInvitation inv = new MessagingInvitation(newId(16), Direction.Outgoing, c,
        new Operation(meeting.operationId()), party(app.user()), ref.focus(), Optional.empty());
    inv.conference(ref);
    c.invitation(inv);
    s.add(inv);
    Changes changes = new Changes();
    changes.add(new ConversationChange.InvitationChanged(c, inv, inv.operation().start()));
    changes.add(new ConversationChange.ConversationChanged(c, EventType.added, Optional.empty()));
    changes.add(new ConversationChange.LocalParticipantChanged(c, EventType.added));
    router.send(new ConferenceSignals.Join(ref.focus(), ref.id(), party(app.user())));
    changes.flush();
    return inv.id();
  }

  // ---- conferences: the leader's actions ---------------------------------------------------

  /** eject, promote, demote, admit or reject a participant: only a leader may. */
  public void moderate(Application app, String conversationId, String target, Moderation what) {
    inUser(app.user().uri(), s -> {
      Conversation c = conversation(s, app, conversationId);
      if (c.conference().isEmpty() || c.localRole() != Role.Leader) {
        throw new UcwaException(ErrorCode.Forbidden, Subcode.AttendeeNotAllowed,
            "Only a leader of the meeting can do that.");
      }
      Participant p = c.participant(target).orElseThrow(() -> UcwaException.notFound(
          Subcode.ResourceNotFound, "No such participant in this conversation."));
      if (p.organizer() && (what == Moderation.Eject || what == Moderation.Demote)) {
        throw UcwaException.forbidden("The organizer can be neither ejected nor demoted.");
      }
      boolean lobbyAction = what == Moderation.Admit || what == Moderation.Reject;
      if (p.inLobby() != lobbyAction) {
        throw UcwaException.conflict(Subcode.OperationNotSupported, lobbyAction
            ? "The participant is not in the lobby." : "The participant is in the lobby.");
      }
      ConferenceSignals.Ref ref = c.conference().get();
      Signals.Party me = party(app.user());
      router.send(switch (what) {
        case Eject -> new ConferenceSignals.Eject(ref.focus(), ref.id(), me, p.uri());
        case Admit -> new ConferenceSignals.Admit(ref.focus(), ref.id(), me, p.uri());
        case Reject -> new ConferenceSignals.Reject(ref.focus(), ref.id(), me, p.uri());
        case Promote -> new ConferenceSignals.SetRole(ref.focus(), ref.id(), me, p.uri(),
            Role.Leader);
        case Demote -> new ConferenceSignals.SetRole(ref.focus(), ref.id(), me, p.uri(),
            Role.Attendee);
      });
      return null;
    });
  }


  // ---- conferences: what the focus tells a member ------------------------------------------

  private void escalated(ConferenceSignals.Escalated e) {
    inUser(e.to(), s -> {
      Changes changes = new Changes();
      for (Conversation c : s.session(e.session())) {
        s.joinSession(c, e.ref().id());
        c.conference(e.ref());
        c.state(ConversationState.Conferencing);
        changes.add(new ConversationChange.ConversationChanged(c, EventType.updated,
            Optional.empty()));
        router.send(new ConferenceSignals.Join(e.ref().focus(), e.ref().id(),
            party(c.application().user())));
      }
      changes.flush();
      return null;
    });
  }

  private void rostered(ConferenceSignals.Roster r) {
    inUser(r.to(), s -> {
      Changes changes = new Changes();
      for (Conversation c : s.session(r.ref().id())) {
        if (c.deleted() || c.invitation().filter(i -> i.conference().isPresent()
            && !i.pending() && i.state() != InvitationState.Connected).isPresent()) {
          continue;
        }
        c.conference(r.ref());
        c.state(ConversationState.Conferenced);
        changes.add(new ConversationChange.ConversationChanged(c, EventType.updated,
            Optional.empty()));
        for (ConferenceSignals.Member m : r.members()) {
          applyMember(c, m, changes);
        }
        if (c.messaging() != ModalityState.Connected) {
          c.messaging(ModalityState.Connected);
          c.localMessaging(true);
          changes.add(new ConversationChange.MessagingChanged(c, Optional.empty()));
          changes.add(new ConversationChange.ParticipantMessagingChanged(c, Optional.empty(),
              EventType.added));
        }
        Optional<MessagingInvitation> joining = c.invitation()
            .filter(i -> i.conference().isPresent() && i.pending());
        if (joining.isPresent()) {
          MessagingInvitation inv = joining.get();
          inv.connected(c.participant(inv.from().uri()).orElse(null));
          changes.add(new ConversationChange.InvitationChanged(c, inv,
              inv.operation().succeed()));
        }
      }
      changes.flush();
      return null;
    });
  }

  /** Brings a member into a conversation's roster, or updates its role. */
  private void applyMember(Conversation c, ConferenceSignals.Member m, Changes changes) {
    if (m.uri().equalsIgnoreCase(c.application().user().uri())) {
      if (c.localRole() != m.role()) {
        boolean known = c.localRole() != Role.Unknown;
        c.localRole(m.role());
        c.localOrganizer(m.organizer());
        if (known) {
          changes.add(new ConversationChange.LocalParticipantChanged(c, EventType.updated));
          for (Participant other : c.participants()) {
            changes.add(new ConversationChange.ParticipantChanged(c, other, EventType.updated,
                Optional.empty()));
          }
        }
      }
      return;
    }
    Optional<Participant> existing = c.participant(m.uri());
    Participant p = existing.orElseGet(() -> c.addParticipant(m.uri(), m.name()));
    Role before = existing.isPresent() && !p.inLobby() ? p.role() : Role.Unknown;
    boolean admittedNow = existing.isPresent() && p.inLobby() && !m.inLobby();
    boolean changed = p.role() != m.role() || p.organizer() != m.organizer() || admittedNow;
    p.role(m.role());
    p.organizer(m.organizer());
    p.inLobby(m.inLobby());
    if (existing.isEmpty()) {
      changes.add(new ConversationChange.ParticipantChanged(c, p, EventType.added,
          Optional.empty()));
    } else if (changed) {
      changes.add(new ConversationChange.ParticipantChanged(c, p, EventType.updated,
          Optional.empty()));
    }
    Role after = m.inLobby() ? Role.Unknown : m.role();
    if (before != after) {
      if (before != Role.Unknown) {
        changes.add(new ConversationChange.RoleMembershipChanged(c, p, before,
            EventType.deleted));
      }
      if (after != Role.Unknown) {
        changes.add(new ConversationChange.RoleMembershipChanged(c, p, after, EventType.added));
      }
    }
    if (!m.inLobby() && !p.messaging()) {
      p.messaging(true);
      changes.add(new ConversationChange.ParticipantMessagingChanged(c, Optional.of(p),
          EventType.added));
    }
    for (ParticipantInvitation pi : c.participantInvitations()) {
      if (m.inLobby() && pi.pending() && pi.to().uri().equalsIgnoreCase(m.uri())
          && pi.participant().isEmpty()) {
        pi.waiting(p);
        changes.add(new ConversationChange.ParticipantInvitationChanged(c, pi,
            pi.operation().update()));
      }
    }
    if (m.inLobby()) {
      return;
    }
    for (ParticipantInvitation pi : c.participantInvitations()) {
      if (pi.pending() && pi.to().uri().equalsIgnoreCase(m.uri())) {
        pi.connected(p);
        changes.add(new ConversationChange.ParticipantInvitationChanged(c, pi,
            pi.operation().succeed()));
      }
    }
  }

  private void memberJoined(ConferenceSignals.Joined j) {
    inUser(j.to(), s -> {
      Changes changes = new Changes();
      for (Conversation c : s.session(j.conference())) {
        if (!c.deleted() && (c.state() == ConversationState.Conferenced
            || c.state() == ConversationState.Conferencing)) {
          applyMember(c, j.member(), changes);
        }
      }
      changes.flush();
      return null;
    });
  }

  private void memberLeft(ConferenceSignals.Left l) {
    inUser(l.to(), s -> {
      Changes changes = new Changes();
      for (Conversation c : s.session(l.conference())) {
        Optional<Participant> p = c.participant(l.member().uri());
        if (p.isPresent()) {
          if (p.get().messaging()) {
            changes.add(new ConversationChange.ParticipantMessagingChanged(c, p,
                EventType.deleted));
          }
          if (!p.get().inLobby() && p.get().role() != Role.Unknown) {
            changes.add(new ConversationChange.RoleMembershipChanged(c, p.get(), p.get().role(),
                EventType.deleted));
          }
          changes.add(new ConversationChange.ParticipantChanged(c, p.get(), EventType.deleted,
              Optional.of(l.reason())));
          c.removeParticipant(l.member().uri());
        }
        for (ParticipantInvitation pi : c.participantInvitations()) {
          if (pi.pending() && pi.to().uri().equalsIgnoreCase(l.member().uri())) {
            failParticipantInvitation(pi, l.reason(), InvitationState.Failed, changes);
          }
        }
      }
      changes.flush();
      return null;
    });
  }

  private void memberChanged(ConferenceSignals.Changed ch) {
    inUser(ch.to(), s -> {
      Changes changes = new Changes();
      for (Conversation c : s.session(ch.conference())) {
        applyMember(c, ch.member(), changes);
      }
      changes.flush();
      return null;
    });
  }

  private void lobbied(ConferenceSignals.Lobby l) {
    inUser(l.to(), s -> {
      Changes changes = new Changes();
      for (Conversation c : s.session(l.ref().id())) {
        if (!c.deleted() && c.state() != ConversationState.InLobby) {
          c.conference(l.ref());
          c.state(ConversationState.InLobby);
          changes.add(new ConversationChange.ConversationChanged(c, EventType.updated,
              Optional.empty()));
        }
      }
      changes.flush();
      return null;
    });
  }

  private void removed(ConferenceSignals.Removed r) {
    inUser(r.to(), s -> {
      Changes changes = new Changes();
      for (Conversation c : s.session(r.conference())) {
        if (c.invitation().filter(MessagingInvitation::pending).isPresent()) {
          withdrawIncoming(s, c, r.reason(), InvitationState.Failed, changes);
        } else {
          end(s, c, r.reason(), changes);
        }
      }
      changes.flush();
      return null;
    });
  }

  // ---- applications that go away -----------------------------------------------------------

  @Override
  public void ended(Application app) {
    endAll(app);
  }

  @Override
  public void reset(Application app) {
    endAll(app);
  }

  /** Ends every conversation of the application, telling the other sides. */
  private void endAll(Application app) {
    inUser(app.user().uri(), s -> {
      Changes changes = new Changes();
      for (Conversation c : new ArrayList<>(
          s.conversations.getOrDefault(app.id(), Map.of()).values())) {
        Optional<MessagingInvitation> pending = c.invitation().filter(MessagingInvitation::pending);
        if (pending.isPresent() && pending.get().direction() == Direction.Outgoing) {
          failOutgoing(s, pending.get(), Reasons.CANCELED, InvitationState.Cancelled, changes);
          router.send(new Signals.Withdraw(pending.get().to(), c.session(), Reasons.CANCELED));
        } else if (pending.isPresent()) {
          String session = c.session();
          boolean joining = pending.get().joining();
          withdrawIncoming(s, c, Reasons.DECLINED, InvitationState.Declined, changes);
          if (!joining && s.session(session).isEmpty()) {
            router.send(new Signals.Answer(pending.get().from().uri(), session,
                party(app.user()), Optional.of(Reasons.UNAVAILABLE)));
          }
        } else {
          hangUp(c);
        }
        end(s, c, Reasons.ENDED_LOCALLY, changes);
      }
      s.conversations.remove(app.id());
      s.invitations.remove(app.id());
      s.participantInvitations.remove(app.id());
      changes.flush();
      return null;
    });
  }
}
