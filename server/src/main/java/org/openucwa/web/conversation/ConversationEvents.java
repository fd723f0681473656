package org.openucwa.web.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openucwa.application.Application;
import org.openucwa.conversation.Conversation;
import org.openucwa.conversation.ConversationChange;
import org.openucwa.conversation.ConversationListener;
import org.openucwa.conversation.Role;
import org.openucwa.events.ChannelEvent;
import org.openucwa.events.Priority;
import org.openucwa.operation.OperationEvents;
import org.openucwa.resource.EventEntry;
import org.openucwa.resource.EventType;
import org.openucwa.resource.Link;
import org.openucwa.resource.Reason;
import org.openucwa.web.Paths;

/**
 * Publishes the changes of conversations to their application's event channel, as SendAnIM.md and
 * ReceiveAnIM.md show them: invitations and conversations are reported by communication, everything
 * inside a conversation by the conversation; operations, conversations, the local participant,
 * messaging, the local participantMessaging and messages travel embedded. All at high priority, as
 * the reference pages list them.
 */
public final class ConversationEvents implements ConversationListener {

  private final ConversationAssembler assembler;

  public ConversationEvents(ConversationAssembler assembler) {
    this.assembler = assembler;
  }

  @Override
  public void changed(Application app, List<ConversationChange> changes) {
    Link communication = Link.of("communication", Paths.communication(app.id()));
    List<ChannelEvent> events = new ArrayList<>(changes.size());
    for (ConversationChange change : changes) {
      Conversation c = change.conversation();
      Link conversation = Link.of("conversation", Paths.conversation(app.id(), c.id()));
      events.add(
          switch (change) {
            case ConversationChange.InvitationChanged i ->
                OperationEvents.toChannelEvent(
                    i.event(), assembler.invitation(i.invitation()), communication, Priority.High);
            case ConversationChange.ParticipantInvitationChanged i ->
                OperationEvents.toChannelEvent(
                    i.event(),
                    assembler.participantInvitation(i.invitation()),
                    communication,
                    Priority.High);
            case ConversationChange.ConversationChanged cc ->
                high(
                    communication,
                    withReason(
                        cc.type() == EventType.deleted
                            ? EventEntry.of(cc.type(), conversation)
                            : EventEntry.embedding(
                                cc.type(), conversation, assembler.conversation(c)),
                        cc.reason()));
            case ConversationChange.LocalParticipantChanged lp ->
                high(
                    conversation,
                    lp.type() == EventType.deleted
                        ? EventEntry.of(lp.type(), assembler.localParticipantLink(c))
                        : EventEntry.embedding(
                            lp.type(),
                            assembler.localParticipantLink(c),
                            assembler.localParticipant(c)));
            case ConversationChange.ParticipantChanged p ->
                high(
                    conversation,
                    withReason(
                        EventEntry.of(p.type(), assembler.participantLink(c, p.participant())),
                        p.reason()));
            case ConversationChange.ParticipantMessagingChanged pm ->
                high(conversation, participantMessaging(c, pm));
            case ConversationChange.MessagingChanged m ->
                high(
                    conversation,
                    withReason(
                        EventEntry.embedding(
                            EventType.updated,
                            Link.of("messaging", Paths.messaging(app.id(), c.id())),
                            assembler.messaging(c)),
                        m.reason()));
            case ConversationChange.MessageChanged m ->
                OperationEvents.toChannelEvent(
                    m.event(), assembler.message(c, m.message()), conversation, Priority.High);
            case ConversationChange.RoleMembershipChanged r ->
                high(
                    conversation,
                    withReason(
                        EventEntry.of(r.type(), assembler.participantLink(c, r.participant()))
                            .withIn(
                                r.role() == Role.Leader
                                    ? Link.of("leaders", Paths.leaders(app.id(), c.id()))
                                    : Link.of("attendees", Paths.attendees(app.id(), c.id()))),
                        r.reason()));
            case ConversationChange.LobbyMembershipChanged l ->
                high(
                    conversation,
                    withReason(
                        EventEntry.of(l.type(), assembler.participantLink(c, l.participant()))
                            .withIn(Link.of("lobby", Paths.lobby(app.id(), c.id()))),
                        l.reason()));
            case ConversationChange.OnlineMeetingChanged om ->
                high(
                    conversation,
                    EventEntry.of(
                            om.type(),
                            Link.of(
                                "onlineMeeting",
                                Paths.conversation(app.id(), c.id()) + "/onlineMeeting"))
                        .withIn(conversation));
            case ConversationChange.TypingChanged t ->
                high(
                    conversation,
                    withReason(
                        EventEntry.of(t.type(), assembler.participantLink(c, t.participant()))
                            .withIn(
                                Link.of(
                                    "typingParticipants",
                                    Paths.typingParticipants(app.id(), c.id()))),
                        t.reason()));
          });
    }
    app.events().publishAll(events);
  }

  private EventEntry participantMessaging(
      Conversation c, ConversationChange.ParticipantMessagingChanged pm) {
    String uri = pm.participant().map(p -> p.uri()).orElse(c.application().user().uri());
    Link link =
        Link.of(
            "participantMessaging", Paths.participantMessaging(c.application().id(), c.id(), uri));
    Link in =
        pm.participant()
            .map(p -> assembler.participantLink(c, p))
            .orElseGet(() -> assembler.localParticipantLink(c));
    EventEntry e =
        pm.participant().isEmpty() && pm.type() == EventType.added
            ? EventEntry.embedding(
                pm.type(), link, assembler.participantMessaging(c, Optional.empty()))
            : EventEntry.of(pm.type(), link);
    return withReason(e.withIn(in), pm.reason());
  }

  private static EventEntry withReason(EventEntry e, Optional<Reason> reason) {
    return reason.map(e::withReason).orElse(e);
  }

  private static ChannelEvent high(Link sender, EventEntry entry) {
    return new ChannelEvent(Priority.High, sender, entry);
  }
}
