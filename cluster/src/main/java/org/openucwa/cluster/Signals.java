package org.openucwa.cluster;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
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

  /** Encoded signals in one message: their number, then each one's length and bytes. */
  static byte[] frame(List<byte[]> encoded) {
    int size = 4;
    for (byte[] e : encoded) {
      size += 4 + e.length;
    }
    ByteBuffer b = ByteBuffer.allocate(size);
    b.putInt(encoded.size());
    for (byte[] e : encoded) {
      b.putInt(e.length).put(e);
    }
    return b.array();
  }

  /** The signals of a message {@link #frame} made, in their order; refuses a malformed one. */
  static List<Signal> decodeAll(byte[] message) {
    ByteBuffer b = ByteBuffer.wrap(message);
    try {
      int count = b.getInt();
      if (count < 0 || count > b.remaining() / 4) {
        throw new IllegalArgumentException("a message of " + count + " signals");
      }
      List<Signal> signals = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int length = b.getInt();
        if (length < 0 || length > b.remaining()) {
          throw new IllegalArgumentException("a signal of " + length + " bytes");
        }
        byte[] one = new byte[length];
        b.get(one);
        signals.add(decode(one));
      }
      if (b.hasRemaining()) {
        throw new IllegalArgumentException(b.remaining() + " bytes after the last signal");
      }
      return signals;
    } catch (java.nio.BufferUnderflowException e) {
      throw new IllegalArgumentException("a message cut short", e);
    }
  }

  static boolean carries(Class<?> type) {
    return CODEC.knows(type);
  }
}
