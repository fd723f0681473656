package org.openucwa.conversation;

import static org.openucwa.conversation.ConversationCore.party;

import java.util.Optional;
import org.openucwa.resource.EventType;
import org.openucwa.resource.Reason;

/**
 * A member's view of a conference, kept from what the focus tells it: the conversation moving into
 * the conference, the roster, members joining, leaving and changing role, the lobby, and this
 * member being removed. Completes the invitations that waited for the roster: the member's own
 * onlineMeetingInvitation and the participantInvitations of those who arrive.
 *
 * <p>Threading: each signal from the focus holds the member's lock for its whole transition
 * (through {@link ConversationCore}), and the listener hears the changes before it is released; the
 * focus is reached only by signals, never by a lock.
 */
final class ConferenceMember {

  private final ConversationCore core;
  private final Endings endings;

  ConferenceMember(ConversationCore core, Endings endings) {
    this.core = core;
    this.endings = endings;
  }

  /** The organizer escalated the two-party conversation: this side joins the conference. */
  void escalated(ConferenceSignals.Escalated e) {
    core.transition(
        e.to(),
        (s, changes) -> {
          for (Conversation c : s.session(e.session())) {
            s.joinSession(c, e.ref().id());
            boolean first = c.conference().isEmpty();
            c.conference(e.ref());
            c.state(ConversationState.Conferencing);
            changes.add(
                new ConversationChange.ConversationChanged(c, EventType.updated, Optional.empty()));
            onlineMeetingAdded(c, first, changes);
            core.send(
                new ConferenceSignals.Join(
                    e.ref().focus(), e.ref().id(), party(c.application().user())));
          }
        });
  }

  /** The focus admitted this member: the whole roster, and messaging connects. */
  void rostered(ConferenceSignals.Roster r) {
    core.transition(
        r.to(),
        (s, changes) -> {
          for (Conversation c : s.session(r.ref().id())) {
            if (c.deleted()
                || c.invitation()
                    .filter(
                        i ->
                            i.conference().isPresent()
                                && !i.pending()
                                && i.state() != InvitationState.Connected)
                    .isPresent()) {
              continue;
            }
            boolean first = c.conference().isEmpty();
            c.conference(r.ref());
            c.accessLevel(r.access());
            c.state(ConversationState.Conferenced);
            changes.add(
                new ConversationChange.ConversationChanged(c, EventType.updated, Optional.empty()));
            onlineMeetingAdded(c, first, changes);
            for (ConferenceSignals.Member m : r.members()) {
              applyMember(c, m, changes);
            }
            if (c.messaging() != ModalityState.Connected) {
              c.messaging(ModalityState.Connected);
              c.localMessaging(true);
              changes.add(new ConversationChange.MessagingChanged(c, Optional.empty()));
              changes.add(
                  new ConversationChange.ParticipantMessagingChanged(
                      c, Optional.empty(), EventType.added));
            }
            Optional<MessagingInvitation> joining =
                c.invitation().filter(i -> i.conference().isPresent() && i.pending());
            if (joining.isPresent()) {
              MessagingInvitation inv = joining.get();
              inv.connected(c.participant(inv.from().uri()).orElse(null));
              changes.add(
                  new ConversationChange.InvitationChanged(c, inv, inv.operation().succeed()));
            }
          }
        });
  }

  void memberJoined(ConferenceSignals.Joined j) {
    core.transition(
        j.to(),
        (s, changes) -> {
          for (Conversation c : s.session(j.conference())) {
            if (!c.deleted()
                && (c.state() == ConversationState.Conferenced
                    || c.state() == ConversationState.Conferencing)) {
              applyMember(c, j.member(), changes);
            }
          }
        });
  }

  void memberChanged(ConferenceSignals.Changed ch) {
    core.transition(
        ch.to(),
        (s, changes) -> {
          for (Conversation c : s.session(ch.conference())) {
            applyMember(c, ch.member(), changes);
          }
        });
  }

  /** Brings a member into a conversation's roster, or updates its role. */
  private void applyMember(Conversation c, ConferenceSignals.Member m, Changes changes) {
    if (m.uri().equalsIgnoreCase(c.application().user().uri())) {
      applyLocal(c, m, changes);
      return;
    }
    Optional<Participant> existing = c.participant(m.uri());
    Participant p = existing.orElseGet(() -> c.addParticipant(m.uri(), m.name()));
    Role before = existing.isPresent() && !p.inLobby() ? p.role() : Role.Unknown;
    boolean wasInLobby = existing.isPresent() && p.inLobby();
    boolean admittedNow = wasInLobby && !m.inLobby();
    boolean changed = p.role() != m.role() || p.organizer() != m.organizer() || admittedNow;
    p.role(m.role());
    p.organizer(m.organizer());
    p.inLobby(m.inLobby());
    if (admittedNow) {
      changes.add(new ConversationChange.LobbyMembershipChanged(c, p, EventType.deleted));
    }
    if (existing.isEmpty()) {
      changes.add(
          new ConversationChange.ParticipantChanged(c, p, EventType.added, Optional.empty()));
      if (m.inLobby()) {
        changes.add(new ConversationChange.LobbyMembershipChanged(c, p, EventType.added));
      }
    } else if (changed) {
      changes.add(
          new ConversationChange.ParticipantChanged(c, p, EventType.updated, Optional.empty()));
    }
    Role after = m.inLobby() ? Role.Unknown : m.role();
    if (before != after) {
      if (before != Role.Unknown) {
        changes.add(new ConversationChange.RoleMembershipChanged(c, p, before, EventType.deleted));
      }
      if (after != Role.Unknown) {
        changes.add(new ConversationChange.RoleMembershipChanged(c, p, after, EventType.added));
      }
    }
    if (!m.inLobby() && !p.messaging()) {
      p.messaging(true);
      changes.add(
          new ConversationChange.ParticipantMessagingChanged(c, Optional.of(p), EventType.added));
    }
    settleInvitations(c, p, m, changes);
  }

  /**
   * This user's own role: a change after the first tells the user, and every other participant is
   * updated, since the actions the user may take on them changed.
   */
  private static void applyLocal(Conversation c, ConferenceSignals.Member m, Changes changes) {
    if (c.localRole() == m.role()) {
      return;
    }
    boolean known = c.localRole() != Role.Unknown;
    c.localRole(m.role());
    c.localOrganizer(m.organizer());
    if (known) {
      changes.add(new ConversationChange.LocalParticipantChanged(c, EventType.updated));
      for (Participant other : c.participants()) {
        changes.add(
            new ConversationChange.ParticipantChanged(
                c, other, EventType.updated, Optional.empty()));
      }
    }
  }

  /** The participantInvitations of {@code m}: waiting while it is in the lobby, then done. */
  private static void settleInvitations(
      Conversation c, Participant p, ConferenceSignals.Member m, Changes changes) {
    Optional<ParticipantInvitation> pending = c.pendingParticipantInvitation(m.uri());
    if (pending.isEmpty()) {
      return;
    }
    ParticipantInvitation pi = pending.get();
    if (m.inLobby()) {
      if (pi.participant().isEmpty()) {
        pi.waiting(p);
        changes.add(
            new ConversationChange.ParticipantInvitationChanged(c, pi, pi.operation().update()));
      }
      return;
    }
    pi.connected(p);
    changes.add(
        new ConversationChange.ParticipantInvitationChanged(c, pi, pi.operation().succeed()));
  }

  /** Another member left or was removed; an invitation still pending for it fails. */
  void memberLeft(ConferenceSignals.Left l) {
    core.transition(
        l.to(),
        (s, changes) -> {
          for (Conversation c : s.session(l.conference())) {
            Optional<Participant> p = c.participant(l.member().uri());
            if (p.isPresent()) {
              Optional<Reason> why = Optional.of(l.reason());
              if (p.get().messaging()) {
                changes.add(
                    new ConversationChange.ParticipantMessagingChanged(
                        c, p, EventType.deleted, why));
              }
              if (p.get().typing()) {
                changes.add(
                    new ConversationChange.TypingChanged(c, p.get(), EventType.deleted, why));
              }
              if (p.get().inLobby()) {
                changes.add(
                    new ConversationChange.LobbyMembershipChanged(
                        c, p.get(), EventType.deleted, why));
              } else if (p.get().role() != Role.Unknown) {
                changes.add(
                    new ConversationChange.RoleMembershipChanged(
                        c, p.get(), p.get().role(), EventType.deleted, why));
              }
              changes.add(
                  new ConversationChange.ParticipantChanged(c, p.get(), EventType.deleted, why));
              c.removeParticipant(l.member().uri());
            }
            c.pendingParticipantInvitation(l.member().uri())
                .ifPresent(
                    pi ->
                        endings.failParticipantInvitation(
                            pi, l.reason(), InvitationState.Failed, changes));
          }
        });
  }

  /** The conference's audience settings: the conversation is updated when they change. */
  void audience(ConferenceSignals.Audience a) {
    core.transition(
        a.to(),
        (s, changes) -> {
          for (Conversation c : s.session(a.conference())) {
            if (!c.deleted() && c.audience(a.messaging(), a.muteLock())) {
              changes.add(
                  new ConversationChange.ConversationChanged(
                      c, EventType.updated, Optional.empty()));
            }
          }
        });
  }

  /** The scheduled meeting changed: the conversation's onlineMeeting is updated. */
  void meetingChanged(ConferenceSignals.MeetingChanged m) {
    core.transition(
        m.to(),
        (s, changes) -> {
          for (Conversation c : s.session(m.conference())) {
            if (!c.deleted() && c.state() == ConversationState.Conferenced) {
              changes.add(new ConversationChange.OnlineMeetingChanged(c, EventType.updated));
            }
          }
        });
  }

  /** This member waits in the lobby until a leader admits or rejects it. */
  void lobbied(ConferenceSignals.Lobby l) {
    core.transition(
        l.to(),
        (s, changes) -> {
          for (Conversation c : s.session(l.ref().id())) {
            if (!c.deleted() && c.state() != ConversationState.InLobby) {
              boolean first = c.conference().isEmpty();
              c.conference(l.ref());
              c.accessLevel(l.access());
              c.state(ConversationState.InLobby);
              // onlineMeetingInvitation_ref.md: still Connecting while in the lobby
              c.invitation()
                  .filter(MessagingInvitation::pending)
                  .ifPresent(
                      inv ->
                          changes.add(
                              new ConversationChange.InvitationChanged(
                                  c, inv, inv.operation().update())));
              changes.add(
                  new ConversationChange.ConversationChanged(
                      c, EventType.updated, Optional.empty()));
              onlineMeetingAdded(c, first, changes);
            }
          }
        });
  }

  /**
   * The conversation has just become part of a conference: its onlineMeeting is {@code added}
   * (onlineMeeting_ref.md), after the conversation event that links it.
   */
  static void onlineMeetingAdded(Conversation c, boolean first, Changes changes) {
    if (first) {
      changes.add(new ConversationChange.OnlineMeetingChanged(c, EventType.added));
    }
  }

  /** The focus removed this member (ejected, rejected, the meeting gone). */
  void removed(ConferenceSignals.Removed r) {
    core.transition(
        r.to(),
        (s, changes) -> {
          for (Conversation c : s.session(r.conference())) {
            if (c.invitation().filter(MessagingInvitation::pending).isPresent()) {
              endings.withdrawIncoming(s, c, r.reason(), InvitationState.Failed, changes);
            } else {
              endings.end(s, c, r.reason(), changes);
            }
          }
        });
  }
}
