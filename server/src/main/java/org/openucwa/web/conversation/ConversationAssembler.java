package org.openucwa.web.conversation;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.openucwa.conversation.AudienceMessaging;
import org.openucwa.conversation.AudienceMuteLock;
import org.openucwa.conversation.ConferenceSignals;
import org.openucwa.conversation.Conversation;
import org.openucwa.conversation.ConversationState;
import org.openucwa.conversation.Direction;
import org.openucwa.conversation.Message;
import org.openucwa.conversation.MessagingInvitation;
import org.openucwa.conversation.ModalityState;
import org.openucwa.conversation.Participant;
import org.openucwa.conversation.ParticipantInvitation;
import org.openucwa.conversation.Role;
import org.openucwa.directory.Directory;
import org.openucwa.directory.Guests;
import org.openucwa.directory.User;
import org.openucwa.error.Subcode;
import org.openucwa.error.UcwaException;
import org.openucwa.meeting.AutomaticLeaderAssignment;
import org.openucwa.meeting.EntryExitAnnouncement;
import org.openucwa.meeting.LobbyBypassForPhoneUsers;
import org.openucwa.meeting.MeetingCustomization;
import org.openucwa.meeting.OnlineMeeting;
import org.openucwa.meeting.PhoneUserAdmission;
import org.openucwa.resource.Link;
import org.openucwa.resource.Resource;
import org.openucwa.web.Paths;

/**
 * Builds the resources of conversations as SendAnIM.md, ReceiveAnIM.md and their reference pages
 * show them: conversation, participants, participant and localParticipant, participantMessaging,
 * messaging, message, typingParticipants and messagingInvitation. Capability links appear only
 * while the action is possible. Called with the conversation's user lock held.
 */
public final class ConversationAssembler {

  private final Directory directory;
  private final boolean dialIn;
  private final MeetingCustomization customization;
  private final Function<ConferenceSignals.Ref, Optional<OnlineMeeting>> scheduled;

  public ConversationAssembler(Directory directory) {
    this(directory, ref -> Optional.empty());
  }

  /**
   * @param scheduled the scheduled meeting a conference is, if it is one, for the settings its
   *     onlineMeeting shows
   */
  public ConversationAssembler(
      Directory directory, Function<ConferenceSignals.Ref, Optional<OnlineMeeting>> scheduled) {
    this(directory, scheduled, false);
  }

  /**
   * @param dialIn whether dial-in regions are configured, so that a scheduled meeting's
   *     onlineMeeting links phoneDialInInformation
   */
  public ConversationAssembler(
      Directory directory,
      Function<ConferenceSignals.Ref, Optional<OnlineMeeting>> scheduled,
      boolean dialIn) {
    this(directory, scheduled, dialIn, MeetingCustomization.NONE);
  }

  /**
   * @param customization the operator's disclaimer, which every onlineMeeting shows
   */
  public ConversationAssembler(
      Directory directory,
      Function<ConferenceSignals.Ref, Optional<OnlineMeeting>> scheduled,
      boolean dialIn,
      MeetingCustomization customization) {
    this.directory = directory;
    this.scheduled = scheduled;
    this.dialIn = dialIn;
    this.customization = customization;
  }

  private static String app(Conversation c) {
    return c.application().id();
  }

  public Resource conversation(Conversation c) {
    String a = app(c);
    Resource.Builder b =
        Resource.builder("conversation", Paths.conversation(a, c.id()))
            .property("state", c.state())
            .property("threadId", c.threadId())
            .property("subject", c.subject())
            .property("activeModalities", c.activeModalities())
            .property("importance", c.importance())
            .property("recording", false)
            .property("participantCount", c.participantCount())
            .property("created", c.created())
            .link("messaging", Paths.messaging(a, c.id()))
            .link("participants", Paths.participants(a, c.id()));
    if (c.state() == ConversationState.Connected // SendAnIM.md, ReceiveAnIM.md: not before
        || c.state() == ConversationState.Conferenced) {
      User me = c.application().user();
      b.link("localParticipant", Paths.participant(a, c.id(), me.uri()), me.name());
    }
    if (c.canAddParticipants()) {
      b.link("addParticipant", Paths.addParticipant(a, c.id()));
    }
    if (c.conference().isPresent()) {
      b.link("onlineMeeting", Paths.conversation(a, c.id()) + "/onlineMeeting");
      b.link("leaders", Paths.leaders(a, c.id()));
      b.link("attendees", Paths.attendees(a, c.id()));
      b.link("lobby", Paths.lobby(a, c.id()));
      audience(b, c, a);
    }
    return b.build();
  }

  /**
   * A conference's audience settings (conversation_ref.md's audienceMessaging and audienceMute)
   * and, for a leader of a conference that has begun, the links that switch them: only the one that
   * changes something (decision 0055).
   */
  private static void audience(Resource.Builder b, Conversation c, String a) {
    if (c.state() != ConversationState.Conferenced) {
      return;
    }
    b.property("audienceMessaging", c.audienceMessaging());
    b.property("audienceMute", c.audienceMuteLock());
    if (c.localRole() != Role.Leader) {
      return;
    }
    String conv = Paths.conversation(a, c.id());
    if (c.audienceMessaging() == AudienceMessaging.Enabled) {
      b.link("disableAudienceMessaging", conv + "/messaging/disableAudienceMessaging");
    } else {
      b.link("enableAudienceMessaging", conv + "/messaging/enableAudienceMessaging");
    }
    if (c.audienceMuteLock() == AudienceMuteLock.Enabled) {
      b.link("disableAudienceMuteLock", conv + "/disableAudienceMuteLock");
    } else {
      b.link("enableAudienceMuteLock", conv + "/enableAudienceMuteLock");
    }
  }

  /**
   * The participants waiting in the meeting's lobby, embedded as lobby_ref.md's sample has them
   * (where leaders and attendees only link theirs).
   */
  public Resource lobby(Conversation c) {
    return Resource.builder("lobby", Paths.lobby(app(c), c.id()))
        .embedAll(
            "participant",
            c.participants().stream()
                .filter(Participant::inLobby)
                .map(p -> participant(c, p))
                .toList())
        .build();
  }

  /** The read-only online meeting of a conference (onlineMeeting_ref.md). */
  public Resource onlineMeeting(Conversation c, UnaryOperator<String> absolute) {
    ConferenceSignals.Ref ref =
        c.conference()
            .orElseThrow(
                () ->
                    UcwaException.notFound(
                        Subcode.ResourceNotFound, "The conversation is not an online meeting."));
    Optional<User> organizer = directory.find(ref.focus());
    Resource.Builder b =
        Resource.builder("onlineMeeting", Paths.conversation(app(c), c.id()) + "/onlineMeeting")
            .property("onlineMeetingUri", ref.onlineMeetingUri())
            .property("onlineMeetingId", ref.id())
            .property("organizerUri", ref.focus())
            .property("organizerName", organizer.map(User::name).orElse(null))
            .property("subject", c.subject())
            .property("hostingNetwork", absolute.apply(""))
            .property("largeMeeting", "Disabled")
            .property("disclaimerBody", customization.disclaimerBody().orElse(null))
            .property("disclaimerTitle", customization.disclaimerTitle().orElse(null))
            .link("conversation", Paths.conversation(app(c), c.id()))
            .link("organizer", Paths.conversation(app(c), c.id()) + "/onlineMeeting/organizer");
    Optional<OnlineMeeting> meeting = scheduled.apply(ref);
    if (meeting.isPresent()) {
      scheduledSettings(b, meeting.get(), absolute);
      b.link(
          "onlineMeetingExtensions",
          Paths.conversation(app(c), c.id()) + "/onlineMeeting/onlineMeetingExtensions");
    } else {
      adHocSettings(b, c);
    }
    if (dialIn && meeting.isPresent() && !Guests.isGuest(c.application().user().uri())) {
      b.link("phoneDialInInformation", Paths.onlineMeetings(app(c)) + "/phoneDialInInformation");
    }
    return b.build();
  }

  /**
   * The onlineMeetingExtensions of a scheduled meeting's conference: empty, since nothing in the
   * API adds one (decision 0057); 404 for a conversation that is no scheduled meeting.
   */
  public Resource onlineMeetingExtensions(Conversation c) {
    c.conference()
        .flatMap(scheduled::apply)
        .orElseThrow(
            () ->
                UcwaException.notFound(
                    Subcode.ResourceNotFound, "The conversation is not a scheduled meeting."));
    return Resource.builder(
            "onlineMeetingExtensions",
            Paths.conversation(app(c), c.id()) + "/onlineMeeting/onlineMeetingExtensions")
        .build();
  }

  /** The settings of a scheduled meeting, as its organizer scheduled them (decision 0039). */
  private static void scheduledSettings(
      Resource.Builder b, OnlineMeeting m, UnaryOperator<String> absolute) {
    b.property("accessLevel", m.accessLevel())
        .property("joinUrl", absolute.apply(Paths.joinUrl(m.organizerUri(), m.onlineMeetingId())))
        .property("attendees", m.attendees())
        .property("automaticLeaderAssignment", m.automaticLeaderAssignment())
        .property("conferenceId", m.conferenceId())
        .property("description", m.description().orElse(null))
        .property("entryExitAnnouncement", m.entryExitAnnouncement())
        .property("expirationTime", m.expirationTime().orElse(null))
        .property("leaders", m.leaders())
        .property("lobbyBypassForPhoneUsers", m.lobbyBypassForPhoneUsers())
        .property("onlineMeetingRel", "myOnlineMeetings")
        .property("phoneUserAdmission", m.phoneUserAdmission());
    m.subject().ifPresent(s -> b.property("subject", s));
  }

  /**
   * The settings of an ad hoc meeting (meet-now or escalated), as its focus runs it (decision
   * 0063): the access level it admits by, no list of leaders or attendees fixed beforehand (the
   * organizer leads without being listed, the others join as attendees), no automatic promotion, no
   * announcements, no phone users. What only a scheduled meeting has (joinUrl, conferenceId,
   * description, expirationTime, onlineMeetingRel) is left out.
   */
  private static void adHocSettings(Resource.Builder b, Conversation c) {
    c.accessLevel().ifPresent(level -> b.property("accessLevel", level));
    b.property("attendees", List.of())
        .property("automaticLeaderAssignment", AutomaticLeaderAssignment.Disabled)
        .property("entryExitAnnouncement", EntryExitAnnouncement.Disabled)
        .property("leaders", List.of())
        .property("lobbyBypassForPhoneUsers", LobbyBypassForPhoneUsers.Disabled)
        .property("phoneUserAdmission", PhoneUserAdmission.Disabled);
  }

  /** The participants of a conference with one role, the local one included (leaders_ref.md). */
  public Resource byRole(Conversation c, Role role, String rel, String href) {
    List<Link> links = new java.util.ArrayList<>();
    if (c.localRole() == role) {
      Link me = localParticipantLink(c);
      links.add(Link.of("participant", me.href(), me.title().orElse(null)));
    }
    c.participants().stream()
        .filter(p -> p.role() == role)
        .forEach(p -> links.add(participantLink(c, p)));
    return Resource.builder(rel, href).links("participant", links).build();
  }

  public Resource participantInvitation(ParticipantInvitation pi) {
    Conversation c = pi.conversation();
    String a = app(c);
    User me = c.application().user();
    Resource.Builder b =
        Resource.builder("participantInvitation", Paths.participantInvitation(a, pi.id()))
            .property("direction", Direction.Outgoing)
            .property("importance", c.importance())
            .property("operationId", pi.operation().operationId().orElse(null))
            .property("state", pi.state())
            .property("subject", c.subject())
            .property("threadId", c.threadId())
            .property("to", pi.to().uri())
            .link("conversation", Paths.conversation(a, c.id()))
            .link("from", Paths.participant(a, c.id(), me.uri()), me.name())
            .link("to", Paths.contact(a, pi.to().uri()));
    if (pi.pending()) {
      b.link("cancel", Paths.participantInvitation(a, pi.id()) + "/cancel");
    }
    pi.participant()
        .ifPresent(p -> b.link("participant", Paths.participant(a, c.id(), p.uri()), p.name()));
    b.embed("from", localParticipant(c));
    pi.participant()
        .ifPresent(p -> b.embedAll("acceptedByParticipant", List.of(participant(c, p))));
    return b.build();
  }

  public Resource conversations(String appId, List<Conversation> all) {
    return Resource.builder("conversations", Paths.conversations(appId))
        .links(
            "conversation",
            all.stream()
                .map(c -> Link.of("conversation", Paths.conversation(appId, c.id())))
                .toList())
        .build();
  }

  public Link participantLink(Conversation c, Participant p) {
    return Link.of("participant", Paths.participant(app(c), c.id(), p.uri()), p.name());
  }

  public Link localParticipantLink(Conversation c) {
    User me = c.application().user();
    return Link.of("localParticipant", Paths.participant(app(c), c.id(), me.uri()), me.name());
  }

  public Resource participant(Conversation c, Participant p) {
    String a = app(c);
    Resource.Builder b = contactLinks(c, participantBase(c, p.uri(), p.name(), false), p.uri());
    if (p.messaging()) {
      b.link("participantMessaging", Paths.participantMessaging(a, c.id(), p.uri()));
    }
    if (c.conference().isPresent()) {
      b.property("role", p.role()).property("organizer", p.organizer());
      String self = Paths.participant(a, c.id(), p.uri());
      if (c.localRole() == Role.Leader && p.inLobby()) {
        b.link("admit", self + "/admit");
        b.link("reject", self + "/reject");
      } else if (c.localRole() == Role.Leader) {
        b.link("eject", self + "/eject");
        if (p.role() == Role.Attendee) {
          b.link("promote", self + "/promote");
        } else if (p.role() == Role.Leader && !p.organizer()) {
          b.link("demote", self + "/demote");
        }
      }
    }
    return b.build();
  }

  public Resource localParticipant(Conversation c) {
    User me = c.application().user();
    String a = app(c);
    Resource.Builder b = participantBase(c, me.uri(), me.name(), true);
    if (!Guests.isGuest(me.uri())) {
      b.link("me", Paths.me(a));
    }
    if (c.localMessaging()) {
      b.link("participantMessaging", Paths.participantMessaging(a, c.id(), me.uri()));
    }
    if (c.conference().isPresent()) {
      b.property("role", c.localRole()).property("organizer", c.localOrganizer());
    }
    return b.build();
  }

  private Resource.Builder participantBase(Conversation c, String uri, String name, boolean local) {
    Optional<User> u = directory.find(uri);
    return Resource.builder("participant", Paths.participant(app(c), c.id(), uri))
        .property("anonymous", Guests.isGuest(uri))
        .property("inLobby", !local && c.participant(uri).map(Participant::inLobby).orElse(false))
        .property("local", local)
        .property("name", name)
        .property("sourceNetwork", Guests.isGuest(uri) ? "PublicCloud" : "SameEnterprise")
        .property("uri", uri)
        .property("workPhoneNumber", u.flatMap(User::workPhoneNumber).orElse(null))
        .property("otherPhoneNumber", u.flatMap(User::otherPhoneNumber).orElse(null))
        .link("conversation", Paths.conversation(app(c), c.id()));
  }

  public Resource participants(Conversation c) {
    return Resource.builder("participants", Paths.participants(app(c), c.id()))
        .embedAll("participant", c.participants().stream().map(p -> participant(c, p)).toList())
        .build();
  }

  /** The participantMessaging of a remote participant, or of the local one when empty. */
  public Resource participantMessaging(Conversation c, Optional<Participant> p) {
    String uri = p.map(Participant::uri).orElse(c.application().user().uri());
    Link owner = p.map(x -> participantLink(c, x)).orElseGet(() -> localParticipantLink(c));
    return Resource.builder("participantMessaging", Paths.participantMessaging(app(c), c.id(), uri))
        .link("participant", owner.href(), owner.title().orElse(null))
        .build();
  }

  public Resource messaging(Conversation c) {
    String a = app(c);
    Resource.Builder b =
        Resource.builder("messaging", Paths.messaging(a, c.id()))
            .property("state", c.messaging())
            .link("conversation", Paths.conversation(a, c.id()));
    if (c.messaging() == ModalityState.Connected) {
      b.property(
          "negotiatedMessageFormats", c.application().communication().supportedMessageFormats());
      b.link("sendMessage", Paths.messages(a, c.id()));
      b.link("setIsTyping", Paths.setIsTyping(a, c.id()));
      b.link("typingParticipants", Paths.typingParticipants(a, c.id()));
    }
    if (c.messaging() != ModalityState.Disconnected) {
      b.link("stopMessaging", Paths.stopMessaging(a, c.id()));
    } else if (c.peer().isPresent() && c.conference().isEmpty()) {
      // also while the conversation ends: its messaging updated event shows the modality as a
      // client last sees it, disconnected and re-invitable
      // (docs/decisions/0016-conversation-end.md)
      b.link("addMessaging", Paths.addMessaging(a, c.id()));
    }
    return b.build();
  }

  public Resource typingParticipants(Conversation c) {
    return Resource.builder("typingParticipants", Paths.typingParticipants(app(c), c.id()))
        .links(
            "participant",
            c.participants().stream()
                .filter(Participant::typing)
                .map(p -> participantLink(c, p))
                .toList())
        .build();
  }

  public Resource message(Conversation c, Message m) {
    String a = app(c);
    Resource.Builder b =
        Resource.builder("message", Paths.message(a, c.id(), m.id()))
            .property("direction", m.direction())
            .property("timeStamp", m.timeStamp())
            .property("operationId", m.operation().operationId().orElse(null))
            .link("messaging", Paths.messaging(a, c.id()));
    if (m.direction() == Direction.Incoming) {
      // message_ref.md: an incoming message carries its sender and body; an outgoing one, as
      // SendAnIM.md's real sample shows it, only its direction, time and delivery
      b.link("contact", Paths.contact(a, m.sender().uri()));
      b.link("participant", Paths.participant(a, c.id(), m.sender().uri()), m.sender().name());
      b.link(
          m.content().kind() == org.openucwa.conversation.Content.Kind.Html
              ? "htmlMessage"
              : "plainMessage",
          m.content().dataUri());
    }
    m.failedDelivery()
        .ifPresent(
            uri ->
                b.links(
                    "failedDeliveryParticipant",
                    List.of(
                        Link.of("failedDeliveryParticipant", Paths.participant(a, c.id(), uri)))));
    return b.build();
  }

  /** A messagingInvitation, or an onlineMeetingInvitation when it invites to a conference. */
  public Resource invitation(MessagingInvitation inv) {
    Conversation c = inv.conversation();
    String a = app(c);
    boolean meeting = inv.conference().isPresent();
    String self =
        meeting
            ? Paths.onlineMeetingInvitation(a, inv.id())
            : Paths.messagingInvitation(a, inv.id());
    Resource.Builder b =
        Resource.builder(meeting ? "onlineMeetingInvitation" : "messagingInvitation", self)
            .property("direction", inv.direction())
            .property("importance", c.importance())
            .property("threadId", c.threadId())
            .property("state", inv.state())
            .property("operationId", inv.operation().operationId().orElse(null))
            .property("subject", c.subject())
            .property("to", inv.to());
    inv.conference()
        .ifPresent(
            ref ->
                b.property("onlineMeetingUri", ref.onlineMeetingUri())
                    .property("availableModalities", List.of("Messaging")));
    b.link("from", Paths.participant(a, c.id(), inv.from().uri()), inv.from().name())
        .link("to", Paths.contact(a, inv.to()))
        .link("conversation", Paths.conversation(a, c.id()));
    if (!meeting) {
      b.link("messaging", Paths.messaging(a, c.id()));
    }
    inv.message().ifPresent(m -> b.link("message", m.dataUri()));
    if (inv.pending() && inv.direction() == Direction.Outgoing) {
      b.link("cancel", self + "/cancel");
    }
    if (inv.pending() && !inv.joining() && inv.direction() == Direction.Incoming) {
      b.link("accept", self + "/accept");
      b.link("decline", self + "/decline");
    }
    if (inv.direction() == Direction.Incoming) {
      b.embed(
          "from",
          c.participant(inv.from().uri())
              .map(p -> participant(c, p))
              .orElseGet(() -> remoteParticipant(c, inv.from().uri(), inv.from().name())));
    } else if (meeting) {
      // onlineMeetingInvitation_ref.md's sample embeds its from, the local participant joining;
      // an outgoing messagingInvitation only links it, as SendAnIM.md shows
      b.embed("from", localParticipant(c));
    }
    inv.acceptedBy()
        .filter(p -> inv.direction() == Direction.Outgoing)
        .ifPresent(p -> b.embedAll("acceptedByParticipant", List.of(participant(c, p))));
    return b.build();
  }

  /**
   * The sender of the conversation's incoming invitation while not in its roster (an
   * onlineMeetingInvitation before the user joins): what the invitation's {@code from} link
   * answers, the same as the invitation embeds (docs/decisions/0002-rendering.md, "The from
   * resource").
   */
  public Optional<Resource> inviter(Conversation c, String uri) {
    return c.invitation()
        .filter(i -> i.direction() == Direction.Incoming && i.from().uri().equalsIgnoreCase(uri))
        .map(i -> remoteParticipant(c, i.from().uri(), i.from().name()));
  }

  private Resource remoteParticipant(Conversation c, String uri, String name) {
    String a = app(c);
    return contactLinks(c, participantBase(c, uri, name, false), uri).build();
  }

  /**
   * A participant's contact links, unless the participant or the viewer is a guest (no contact).
   */
  private Resource.Builder contactLinks(Conversation c, Resource.Builder b, String uri) {
    if (Guests.isGuest(uri) || Guests.isGuest(c.application().user().uri())) {
      return b;
    }
    String a = app(c);
    return b.link("contact", Paths.contact(a, uri))
        .link("contactPhoto", Paths.contactPhoto(a, uri))
        .link("contactPresence", Paths.contactPresence(a, uri));
  }
}
