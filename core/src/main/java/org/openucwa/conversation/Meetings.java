package org.openucwa.conversation;

import static org.openucwa.conversation.ConversationCore.party;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openucwa.application.Application;
import org.openucwa.directory.User;
import org.openucwa.error.UcwaException;
import org.openucwa.operation.Operation;
import org.openucwa.resource.EventType;

/**
 * How a user comes to be in an ad hoc conference of its own making or of another's: escalating a
 * two-party conversation, startOnlineMeeting and joinOnlineMeeting (decision 0009). The focus of a
 * conference this user organizes is opened here, on the organizer's node.
 *
 * <p>Threading: each request holds the user's lock for its whole transition (through {@link
 * ConversationCore}), and the listener hears the changes before it is released; the focus and the
 * other members are reached only by signals, never by their locks.
 */
final class Meetings {

  private static final Pattern MEETING_URI =
      Pattern.compile("(?i)(sip:[^;@\\s]+@[^;\\s]+);gruu;opaque=app:conf:focus:id:([A-Za-z0-9]+)");

  private final ConversationCore core;
  private final ConferenceFocus focus;

  Meetings(ConversationCore core, ConferenceFocus focus) {
    this.core = core;
    this.focus = focus;
  }

  /** Turns a two-party conversation into an ad hoc conference organized by its user. */
  void escalate(UserState s, Conversation c, Changes changes) {
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
      core.send(new ConferenceSignals.Escalated(p.uri(), twoParty, ref, members));
    }
    s.joinSession(c, id);
    c.conference(ref);
    c.localRole(Role.Leader); // the organizer knows its role before the focus's roster says it
    c.localOrganizer(true);
    c.state(ConversationState.Conferencing);
    changes.add(new ConversationChange.ConversationChanged(c, EventType.updated, Optional.empty()));
    core.send(new ConferenceSignals.Join(ref.focus(), id, party(me)));
  }

  /** startOnlineMeeting: an ad hoc meeting organized by the user, who joins it at once. */
  String start(Application app, StartMessaging meeting, AccessLevel access) {
    User me = app.user();
    return core.inUser(
        me.uri(),
        s -> {
          ConferenceSignals.Ref ref = newConference(me);
          focus.open(
              ref,
              List.of(new ConferenceSignals.Member(me.uri(), me.name(), Role.Leader, true, false)),
              access,
              me.domain());
          return join(s, app, ref, meeting);
        });
  }

  /** joinOnlineMeeting: joins the meeting an onlineMeetingUri names. */
  String join(Application app, String onlineMeetingUri, StartMessaging meeting) {
    ConferenceSignals.Ref ref =
        parseMeetingUri(onlineMeetingUri)
            .orElseThrow(
                () ->
                    UcwaException.invalidParameter(
                        "onlineMeetingUri",
                        "expected sip:organizer@domain;gruu;opaque=app:conf:focus:id:ID"));
    return core.inUser(app.user().uri(), s -> join(s, app, ref, meeting));
  }

  /** A new conversation whose outgoing invitation completes once the focus has admitted it. */
  private String join(
      UserState s, Application app, ConferenceSignals.Ref ref, StartMessaging meeting) {
    Conversation c =
        new Conversation(
            core.newId(8),
            app,
            ref.id(),
            meeting.threadId().orElseGet(() -> core.newId(16)),
            meeting.subject().orElse(""),
            meeting.importance(),
            core.now(),
            ConversationState.Connecting);
    c.conference(ref);
    s.add(c);
    MessagingInvitation inv =
        new MessagingInvitation(
            core.newId(16),
            Direction.Outgoing,
            c,
            new Operation(meeting.operationId()),
            party(app.user()),
            ref.focus(),
            Optional.empty());
    inv.conference(ref);
    c.invitation(inv);
    s.add(inv);
    Changes changes = core.changes();
    changes.add(new ConversationChange.InvitationChanged(c, inv, inv.operation().start()));
    changes.add(new ConversationChange.ConversationChanged(c, EventType.added, Optional.empty()));
    changes.add(new ConversationChange.LocalParticipantChanged(c, EventType.added));
    core.send(new ConferenceSignals.Join(ref.focus(), ref.id(), party(app.user())));
    changes.flush();
    return inv.id();
  }

  private ConferenceSignals.Ref newConference(User organizer) {
    String id = core.newId(8).toUpperCase(Locale.ROOT);
    return new ConferenceSignals.Ref(
        id, organizer.uri(), organizer.uri() + ";gruu;opaque=app:conf:focus:id:" + id);
  }

  /**
   * The conference an onlineMeetingUri names: {@code
   * sip:organizer;gruu;opaque=app:conf:focus:id:ID}.
   */
  static Optional<ConferenceSignals.Ref> parseMeetingUri(String uri) {
    Matcher m = MEETING_URI.matcher(uri.trim());
    return m.matches()
        ? Optional.of(
            new ConferenceSignals.Ref(
                m.group(2).toUpperCase(Locale.ROOT),
                m.group(1).toLowerCase(Locale.ROOT),
                uri.trim()))
        : Optional.empty();
  }
}
