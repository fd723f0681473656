package org.openucwa.conversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openucwa.application.Application;

/**
 * One application's view of a conversation (conversation_ref.md): its state, the remote
 * participants it knows, its messaging modality, its invitation and its messages. Both sides of a
 * two-party conversation hold one each, joined by the session id they share. Guarded by the lock of
 * the user who holds it; only {@link ConversationService} changes it.
 */
public final class Conversation {

  /** How many ended invitations of each kind a conversation keeps readable (decision 0025). */
  static final int ENDED_KEPT = 16;

  private final String id;
  private final Application application;
  private final String threadId;
  private final String subject;
  private final Importance importance;
  private final Instant created;
  private Map<String, Participant> participants = new LinkedHashMap<>();
  private Map<String, Message> messages = new LinkedHashMap<>();
  private String session;
  private ConversationState state;
  private ModalityState messaging = ModalityState.Disconnected;
  private boolean localMessaging;
  private MessagingInvitation invitation;
  private Signals.Party peer;
  private int messageSeq;
  private boolean deleted;
  private ConferenceSignals.Ref conference;
  private AccessLevel accessLevel;
  private Role localRole = Role.Unknown;
  private boolean localOrganizer;
  private AudienceMessaging audienceMessaging = AudienceMessaging.Enabled;
  private AudienceMuteLock audienceMuteLock = AudienceMuteLock.Disabled;
  private Map<String, MessagingInvitation> messagingInvitations = new LinkedHashMap<>();
  private Map<String, ParticipantInvitation> participantInvitations = new LinkedHashMap<>();
  private Map<String, ParticipantInvitation> pendingParticipantInvitations = new HashMap<>();

  Conversation(
      String id,
      Application application,
      String session,
      String threadId,
      String subject,
      Importance importance,
      Instant created,
      ConversationState state) {
    this.id = id;
    this.application = application;
    this.session = session;
    this.threadId = threadId;
    this.subject = subject;
    this.importance = importance;
    this.created = created;
    this.state = state;
  }

  public String id() {
    return id;
  }

  public Application application() {
    return application;
  }

  public String session() {
    return session;
  }

  void session(String s) {
    session = s;
  }

  public String threadId() {
    return threadId;
  }

  public String subject() {
    return subject;
  }

  public Importance importance() {
    return importance;
  }

  public Instant created() {
    return created;
  }

  public ConversationState state() {
    return state;
  }

  void state(ConversationState s) {
    state = s;
  }

  public ModalityState messaging() {
    return messaging;
  }

  void messaging(ModalityState s) {
    messaging = s;
  }

  /** Whether the local participant takes part in messaging. */
  public boolean localMessaging() {
    return localMessaging;
  }

  void localMessaging(boolean on) {
    localMessaging = on;
  }

  /** The modalities in use: Messaging while it is connecting or connected. */
  public List<String> activeModalities() {
    return messaging == ModalityState.Disconnected ? List.of() : List.of("Messaging");
  }

  public Collection<Participant> participants() {
    return Collections.unmodifiableCollection(participants.values());
  }

  public Optional<Participant> participant(String uri) {
    return Optional.ofNullable(participants.get(uri.toLowerCase(Locale.ROOT)));
  }

  Participant addParticipant(String uri, String name) {
    return participants.computeIfAbsent(
        uri.toLowerCase(Locale.ROOT), k -> new Participant(uri, name));
  }

  void removeParticipant(String uri) {
    participants.remove(uri.toLowerCase(Locale.ROOT));
  }

  /** The latest messaging invitation, outgoing or incoming. */
  public Optional<MessagingInvitation> invitation() {
    return Optional.ofNullable(invitation);
  }

  void invitation(MessagingInvitation i) {
    invitation = i;
  }

  /** The other party of a two-party conversation, kept so that addMessaging can re-invite. */
  public Optional<Signals.Party> peer() {
    return Optional.ofNullable(peer);
  }

  void peer(Signals.Party p) {
    peer = p;
  }

  public List<Message> messages() {
    return new ArrayList<>(messages.values());
  }

  public Optional<Message> message(String messageId) {
    return Optional.ofNullable(messages.get(messageId));
  }

  String nextMessageId() {
    return Integer.toString(++messageSeq);
  }

  void addMessage(Message m) {
    messages.put(m.id(), m);
  }

  public boolean deleted() {
    return deleted;
  }

  void markDeleted() {
    deleted = true;
    state = ConversationState.Disconnected;
    messaging = ModalityState.Disconnected;
  }

  /**
   * The conversation has been forgotten and its last changes told: it lets go of its participants,
   * messages and invitations. What stays is what its ended invitations, still readable for a while
   * (decision 0025), read of it: its id, application, session, thread id and creation time. Nothing
   * finds a forgotten conversation to change it, so its collections stay empty.
   */
  void hollow() {
    participants = Map.of();
    messages = Map.of();
    messagingInvitations = Map.of();
    participantInvitations = Map.of();
    pendingParticipantInvitations = Map.of();
    peer = null;
  }

  /** Active conversations are those not yet ended (conversations?filter=active). */
  public boolean active() {
    return !deleted && state != ConversationState.Disconnected;
  }

  /** The conference this conversation is part of, once escalated or joined. */
  public Optional<ConferenceSignals.Ref> conference() {
    return Optional.ofNullable(conference);
  }

  void conference(ConferenceSignals.Ref ref) {
    conference = ref;
  }

  /**
   * The access level of the conference, as its focus said when it admitted this member or held it
   * in the lobby; empty before.
   */
  public Optional<AccessLevel> accessLevel() {
    return Optional.ofNullable(accessLevel);
  }

  void accessLevel(AccessLevel level) {
    accessLevel = level;
  }

  /** Whether attendees of the conference may send messages (decision 0055). */
  public AudienceMessaging audienceMessaging() {
    return audienceMessaging;
  }

  /** Whether attendees of the conference are held muted (no audio behind it). */
  public AudienceMuteLock audienceMuteLock() {
    return audienceMuteLock;
  }

  /** Takes the conference's audience settings; whether either changed. */
  boolean audience(AudienceMessaging messaging, AudienceMuteLock muteLock) {
    boolean changed = messaging != audienceMessaging || muteLock != audienceMuteLock;
    audienceMessaging = messaging;
    audienceMuteLock = muteLock;
    return changed;
  }

  public Role localRole() {
    return localRole;
  }

  void localRole(Role r) {
    localRole = r;
  }

  public boolean localOrganizer() {
    return localOrganizer;
  }

  void localOrganizer(boolean o) {
    localOrganizer = o;
  }

  /** The pending participantInvitations, whose invitees have not answered yet. */
  List<ParticipantInvitation> pendingParticipantInvitations() {
    return new ArrayList<>(pendingParticipantInvitations.values());
  }

  /** The pending participantInvitation of this conversation to {@code uri}; at most one. */
  Optional<ParticipantInvitation> pendingParticipantInvitation(String uri) {
    return Optional.ofNullable(pendingParticipantInvitations.get(uri.toLowerCase(Locale.ROOT)));
  }

  /**
   * Keeps a new participantInvitation, and returns the ended ones it no longer keeps (decision
   * 0025): every pending one is kept, and the last {@link #ENDED_KEPT} ended ones stay readable.
   */
  List<ParticipantInvitation> keep(ParticipantInvitation i) {
    participantInvitations.put(i.id(), i);
    pendingParticipantInvitations.put(i.to().uri().toLowerCase(Locale.ROOT), i);
    return trim(participantInvitations);
  }

  /** Keeps a new messaging invitation, and returns the ended ones it no longer keeps. */
  List<MessagingInvitation> keep(MessagingInvitation i) {
    messagingInvitations.put(i.id(), i);
    return trim(messagingInvitations);
  }

  /** A participantInvitation of this conversation has ended: it is no longer pending. */
  void settled(ParticipantInvitation i) {
    pendingParticipantInvitations.remove(i.to().uri().toLowerCase(Locale.ROOT), i);
  }

  /** Every invitation this conversation keeps, pending or ended. */
  List<Invitation> keptInvitations() {
    List<Invitation> all = new ArrayList<>(messagingInvitations.values());
    all.addAll(participantInvitations.values());
    return all;
  }

  private <I extends Invitation> List<I> trim(Map<String, I> kept) {
    int ended = 0;
    for (I i : kept.values()) {
      if (!i.pending()) {
        ended++;
      }
    }
    if (ended <= ENDED_KEPT) {
      return List.of();
    }
    List<I> dropped = new ArrayList<>();
    Iterator<I> oldestFirst = kept.values().iterator();
    while (ended > ENDED_KEPT && oldestFirst.hasNext()) {
      I i = oldestFirst.next();
      if (!i.pending() && i != invitation) {
        oldestFirst.remove();
        dropped.add(i);
        ended--;
      }
    }
    return dropped;
  }

  /**
   * Whether participants can be added: connected two-party, or in a conference, including while it
   * is still escalating (its focus exists from the first addParticipant on).
   */
  public boolean canAddParticipants() {
    return !deleted
        && (state == ConversationState.Connected
            || state == ConversationState.Conferenced
            || (state == ConversationState.Conferencing && conference != null));
  }

  public int participantCount() {
    return participants.size() + 1;
  }
}
