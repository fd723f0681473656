package org.openucwa.conversation;

import java.util.Optional;
import org.openucwa.operation.Operation;
import org.openucwa.resource.EventType;
import org.openucwa.resource.Reason;

/**
 * What a transition of a conversation changed, in the order its client must hear of it. The HTTP
 * edge renders each as the event its reference page and the IM task pages describe.
 */
public sealed interface ConversationChange {

  Conversation conversation();

  /** The messagingInvitation started, updated or completed. */
  record InvitationChanged(
      Conversation conversation, MessagingInvitation invitation, Operation.Event event)
      implements ConversationChange {}

  /** A participantInvitation started, was updated or completed. */
  record ParticipantInvitationChanged(
      Conversation conversation, ParticipantInvitation invitation, Operation.Event event)
      implements ConversationChange {}

  /** The conversation itself was added, updated or deleted. */
  record ConversationChanged(Conversation conversation, EventType type, Optional<Reason> reason)
      implements ConversationChange {}

  /** The local participant joined or left. */
  record LocalParticipantChanged(Conversation conversation, EventType type)
      implements ConversationChange {}

  /** A remote participant was added, updated or deleted. */
  record ParticipantChanged(
      Conversation conversation, Participant participant, EventType type, Optional<Reason> reason)
      implements ConversationChange {}

  /**
   * A remote participant joined (added) or left (deleted) the leaders or attendees of a conference
   * (leaders_ref.md, attendees_ref.md); left the conference, with the reason its leaving carries
   * (decision 0062).
   */
  record RoleMembershipChanged(
      Conversation conversation,
      Participant participant,
      Role role,
      EventType type,
      Optional<Reason> reason)
      implements ConversationChange {

    /** A change of role: no reason. */
    public RoleMembershipChanged(
        Conversation conversation, Participant participant, Role role, EventType type) {
      this(conversation, participant, role, type, Optional.empty());
    }
  }

  /**
   * A remote participant arrived in (added) or left (deleted: admitted, rejected, gone) the lobby
   * of a conference (lobby_ref.md); rejected or gone, with the reason its leaving carries.
   */
  record LobbyMembershipChanged(
      Conversation conversation, Participant participant, EventType type, Optional<Reason> reason)
      implements ConversationChange {

    /** An arrival in the lobby, or an admission: no reason. */
    public LobbyMembershipChanged(
        Conversation conversation, Participant participant, EventType type) {
      this(conversation, participant, type, Optional.empty());
    }
  }

  /**
   * A participant (empty: the local one) started or stopped using messaging; stopped because the
   * participant left, with the reason its leaving carries.
   */
  record ParticipantMessagingChanged(
      Conversation conversation,
      Optional<Participant> participant,
      EventType type,
      Optional<Reason> reason)
      implements ConversationChange {

    public ParticipantMessagingChanged(
        Conversation conversation, Optional<Participant> participant, EventType type) {
      this(conversation, participant, type, Optional.empty());
    }
  }

  /** The messaging modality changed state. */
  record MessagingChanged(Conversation conversation, Optional<Reason> reason)
      implements ConversationChange {}

  /** A message started or completed. */
  record MessageChanged(Conversation conversation, Message message, Operation.Event event)
      implements ConversationChange {}

  /**
   * The conversation's onlineMeeting was added to it or changed (onlineMeeting_ref.md's events).
   */
  record OnlineMeetingChanged(Conversation conversation, EventType type)
      implements ConversationChange {}

  /**
   * A participant started (added) or stopped (deleted) typing; stopped because it left, with the
   * reason its leaving carries.
   */
  record TypingChanged(
      Conversation conversation, Participant participant, EventType type, Optional<Reason> reason)
      implements ConversationChange {

    public TypingChanged(Conversation conversation, Participant participant, EventType type) {
      this(conversation, participant, type, Optional.empty());
    }
  }
}
