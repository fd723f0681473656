package org.openucwa.cluster;

import org.openucwa.conversation.ConferenceSignals;
import org.openucwa.people.PeopleSignals;
import org.openucwa.routing.Signal;

/** The signals that cross nodes, in their compact binary form ({@link RecordCodec}). */
final class Signals {

  /**
   * Every signal type. A tag is a position in this list: add new types at the end, and run the same
   * version on every node.
   */
  private static final RecordCodec CODEC =
      new RecordCodec(
          org.openucwa.conversation.Signals.Invite.class,
          org.openucwa.conversation.Signals.Withdraw.class,
          org.openucwa.conversation.Signals.Answer.class,
          org.openucwa.conversation.Signals.Chat.class,
          org.openucwa.conversation.Signals.Receipt.class,
          org.openucwa.conversation.Signals.Typing.class,
          org.openucwa.conversation.Signals.Bye.class,
          ConferenceSignals.Join.class,
          ConferenceSignals.Leave.class,
          ConferenceSignals.Say.class,
          ConferenceSignals.Eject.class,
          ConferenceSignals.Invited.class,
          ConferenceSignals.Admit.class,
          ConferenceSignals.Reject.class,
          ConferenceSignals.SetRole.class,
          ConferenceSignals.Escalated.class,
          ConferenceSignals.Lobby.class,
          ConferenceSignals.Roster.class,
          ConferenceSignals.Joined.class,
          ConferenceSignals.Left.class,
          ConferenceSignals.Changed.class,
          ConferenceSignals.Removed.class,
          PeopleSignals.Watch.class,
          PeopleSignals.Changed.class,
          ConferenceSignals.SetAudience.class,
          ConferenceSignals.Audience.class,
          ConferenceSignals.MeetingChanged.class,
          org.openucwa.people.ContactListSignals.Changed.class);

  private Signals() {}

  static byte[] encode(Signal s) {
    return CODEC.encode((Record) s);
  }

  static Signal decode(byte[] data) {
    return (Signal) CODEC.decode(data);
  }

  static boolean carries(Class<?> type) {
    return CODEC.knows(type);
  }
}
