package org.openucwa.conversation;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.openucwa.application.Application;
import org.openucwa.application.ApplicationListener;
import org.openucwa.application.ApplicationRegistry;
import org.openucwa.directory.Directory;
import org.openucwa.routing.Router;
import org.openucwa.routing.Signal;
import org.openucwa.routing.SignalHandler;

/**
 * The conversations of the users homed on this node, as the web layer and the router see them:
 * two-party instant messaging (invitations, messages, typing, ending) and ad hoc conferences
 * (addParticipant with escalation, starting and joining meetings, moderation, the member's view of
 * the roster). Each user's side acts only on that user's own state and speaks to other users and to
 * conference focuses through the {@link Router}, so the sides could live on different nodes. This
 * class only reads, dispatches and delegates; each area has its own class: {@link Inviter}, {@link
 * Invitee}, {@link ConversationMessaging}, {@link ParticipantInviter}, {@link Meetings}, {@link
 * Moderator}, {@link ConferenceMember}, and {@link Endings} for every way a conversation or
 * invitation ends.
 *
 * <p>Threading: each user's state has its own lock ({@link ConversationCore}); a request, a timer
 * or a routed signal for a user holds that user's lock for the whole transition, and the listener
 * hears the changes before the lock is released. No lock of one user is held while another user's
 * is taken.
 */
public final class ConversationService implements SignalHandler, ApplicationListener {

  private final ConversationCore core;
  private final ConferenceFocus focus;
  private final Endings endings;
  private final Inviter inviter;
  private final Invitee invitee;
  private final ConversationMessaging messaging;
  private final ParticipantInviter participantInviter;
  private final Meetings meetings;
  private final Moderator moderator;
  private final ConferenceMember member;

  public ConversationService(
      Directory directory,
      ApplicationRegistry applications,
      Router router,
      Clock clock,
      ScheduledExecutorService timers,
      Duration invitationTimeout,
      ConversationListener listener,
      SecureRandom random,
      ConferenceFocus focus) {
    this.core =
        new ConversationCore(directory, router, clock, timers, invitationTimeout, listener, random);
    this.focus = focus;
    this.endings = new Endings(core);
    this.meetings = new Meetings(core, focus);
    this.participantInviter = new ParticipantInviter(core, endings, meetings);
    this.inviter = new Inviter(core, endings, participantInviter);
    this.invitee = new Invitee(core, applications, endings);
    this.messaging = new ConversationMessaging(core, endings);
    this.moderator = new Moderator(core);
    this.member = new ConferenceMember(core, endings);
  }

  // ---- reading ----------------------------------------------------------------------------

  /** Reads a conversation of the application under its user's lock. */
  public <T> T read(Application app, String conversationId, Function<Conversation, T> view) {
    return core.inUser(app.user().uri(), s -> view.apply(s.conversation(app, conversationId)));
  }

  /** Reads every conversation of the application under its user's lock. */
  public <T> T readAll(Application app, Function<List<Conversation>, T> view) {
    return core.inUser(app.user().uri(), s -> view.apply(s.conversationsOf(app)));
  }

  /** Reads an invitation of the application under its user's lock. */
  public <T> T readInvitation(
      Application app, String invitationId, Function<MessagingInvitation, T> view) {
    return core.inUser(app.user().uri(), s -> view.apply(s.invitation(app, invitationId)));
  }

  /** Reads a participantInvitation of the application under its user's lock. */
  public <T> T readParticipantInvitation(
      Application app, String invitationId, Function<ParticipantInvitation, T> view) {
    return core.inUser(
        app.user().uri(), s -> view.apply(s.participantInvitation(app, invitationId)));
  }

  /** How many conversations every user keeps, for tests and measurements. */
  int liveConversations() {
    return core.sum(UserState::conversationCount);
  }

  /** How many invitations (messaging and participant) every user keeps. */
  int liveInvitations() {
    return core.sum(UserState::invitationCount);
  }

  // ---- two-party messaging ------------------------------------------------------------------

  /** startMessaging: a new conversation and an outgoing invitation; returns the invitation id. */
  public String startMessaging(Application app, StartMessaging request) {
    return inviter.startMessaging(app, request);
  }

  /** addMessaging: re-invites the last other party of a conversation whose messaging ended. */
  public String addMessaging(
      Application app,
      String conversationId,
      Optional<String> operationId,
      Optional<Content> message) {
    return inviter.addMessaging(app, conversationId, operationId, message);
  }

  /** cancel: withdraws a pending outgoing invitation. */
  public void cancel(Application app, String invitationId) {
    inviter.cancel(app, invitationId);
  }

  /** accept: joins the conversation on this application; the others' invitations end. */
  public void accept(Application app, String invitationId) {
    invitee.accept(app, invitationId);
  }

  /** decline: on this application only, or for all of the user's applications. */
  public void decline(Application app, String invitationId, boolean global) {
    invitee.decline(app, invitationId, global);
  }

  /** sendMessage: returns the new message's id; it completes when delivered. */
  public String sendMessage(
      Application app, String conversationId, Content content, Optional<String> operationId) {
    return messaging.sendMessage(app, conversationId, content, operationId);
  }

  /** setIsTyping: tells the other participants that the user is typing. */
  public void setTyping(Application app, String conversationId) {
    messaging.setTyping(app, conversationId);
  }

  /**
   * stopMessaging: ends the conversation for both sides (a pending outgoing invitation is canceled,
   * a pending incoming one declined here).
   */
  public void stopMessaging(Application app, String conversationId) {
    messaging.stopMessaging(app, conversationId);
  }

  // ---- conferences --------------------------------------------------------------------------

  /**
   * addParticipant: invites another user into the conversation; a two-party conversation is first
   * escalated to an ad hoc conference. Returns the participantInvitation's id.
   */
  public String addParticipant(
      Application app, String conversationId, String to, Optional<String> operationId) {
    return participantInviter.addParticipant(app, conversationId, to, operationId);
  }

  /** cancel of a participantInvitation. */
  public void cancelParticipantInvitation(Application app, String invitationId) {
    participantInviter.cancel(app, invitationId);
  }

  /** startOnlineMeeting: an ad hoc meeting organized by the user, who joins it at once. */
  public String startOnlineMeeting(Application app, StartMessaging meeting, AccessLevel access) {
    return meetings.start(app, meeting, access);
  }

  /** joinOnlineMeeting: joins the meeting an onlineMeetingUri names. */
  public String joinOnlineMeeting(
      Application app, String onlineMeetingUri, StartMessaging meeting) {
    return meetings.join(app, onlineMeetingUri, meeting);
  }

  /** eject, promote, demote, admit or reject a participant: only a leader may. */
  public void moderate(Application app, String conversationId, String target, Moderation what) {
    moderator.moderate(app, conversationId, target, what);
  }

  /**
   * enable/disableAudienceMessaging, enable/disableAudienceMuteLock: only a leader may; the focus
   * tells every member.
   */
  public void setAudience(
      Application app,
      String conversationId,
      Optional<AudienceMessaging> messaging,
      Optional<AudienceMuteLock> muteLock) {
    moderator.setAudience(app, conversationId, messaging, muteLock);
  }

  // ---- signals from other users -------------------------------------------------------------

  /**
   * The users in {@code lost} can no longer be reached: the node they were homed on died. Each user
   * here hears what that user would have said had it left (decision 0061): a pending invitation to
   * one of them fails, one from them is withdrawn, a pending participantInvitation to one of them
   * fails, a two-party conversation with one of them ends, a conference focused on their node ends,
   * and they leave the conferences focused here. All with the reason Gone/Unreachable.
   */
  public void unreachable(Set<String> lost) {
    Set<String> keys = new java.util.HashSet<>();
    lost.forEach(u -> keys.add(u.toLowerCase(java.util.Locale.ROOT)));
    for (String user : core.userUris()) {
      List<Signal> heard = core.inUser(user, s -> LostParties.signals(user, s, keys));
      heard.forEach(this::receive);
    }
    focus.lost(keys, Reasons.LOST);
  }

  @Override
  public void receive(Signal signal) {
    switch (signal) {
      case Signals.Invite i -> invitee.invited(i);
      case Signals.Withdraw w -> invitee.withdrawn(w);
      case Signals.Answer a -> inviter.answered(a);
      case Signals.Chat m -> messaging.chatted(m);
      case Signals.Receipt r -> messaging.receipted(r);
      case Signals.Typing t -> messaging.typed(t);
      case Signals.Bye b -> messaging.left(b);
      case ConferenceSignals.ToFocus f -> focus.receive(f);
      case ConferenceSignals.Escalated e -> member.escalated(e);
      case ConferenceSignals.Roster r -> member.rostered(r);
      case ConferenceSignals.Joined j -> member.memberJoined(j);
      case ConferenceSignals.Left l -> member.memberLeft(l);
      case ConferenceSignals.Changed ch -> member.memberChanged(ch);
      case ConferenceSignals.Removed r -> member.removed(r);
      case ConferenceSignals.Lobby l -> member.lobbied(l);
      case ConferenceSignals.Audience a -> member.audience(a);
      case ConferenceSignals.MeetingChanged m -> member.meetingChanged(m);
      default -> throw new IllegalArgumentException("unexpected signal " + signal);
    }
  }

  // ---- applications that go away -----------------------------------------------------------

  /** The application was deleted or expired: its conversations end. */
  @Override
  public void ended(Application app) {
    endings.endAll(app);
  }

  /** The application's client was away long enough to be reset: its conversations end. */
  @Override
  public void reset(Application app) {
    endings.endAll(app);
  }
}
