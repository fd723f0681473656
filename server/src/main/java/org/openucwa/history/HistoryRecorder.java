package org.openucwa.history;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import org.openucwa.application.Application;
import org.openucwa.conversation.Content;
import org.openucwa.conversation.Conversation;
import org.openucwa.conversation.ConversationChange;
import org.openucwa.conversation.ConversationListener;
import org.openucwa.conversation.Direction;
import org.openucwa.conversation.InvitationState;
import org.openucwa.conversation.Message;
import org.openucwa.conversation.MessagingInvitation;
import org.openucwa.operation.OperationStatus;
import org.openucwa.resource.EventType;
import org.openucwa.writes.WriteBehind;

/**
 * Hears the conversation changes of every application and keeps the conversation history of each
 * user whose policy allows it: a log per conversation thread (so the same conversation heard by two
 * of the user's applications is one log), its participants, its delivered messages and how it
 * ended. Runs under the user's lock, so it only enqueues on the write-behind queue.
 */
public final class HistoryRecorder implements ConversationListener {

  private final WriteBehind<HistoryStep> writes;
  private final Function<String, String> nameOf;
  private final Clock clock;

  /**
   * @param nameOf the display name of a user's uri (the uri itself when unknown)
   */
  public HistoryRecorder(
      WriteBehind<HistoryStep> writes, Function<String, String> nameOf, Clock clock) {
    this.writes = writes;
    this.nameOf = nameOf;
    this.clock = clock;
  }

  /** The id of the log of a thread: the same for every application of the user, URL-safe. */
  public static String logId(String threadId) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256").digest(threadId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void changed(Application application, List<ConversationChange> changes) {
    if (!application.user().conversationHistory()) {
      return;
    }
    String owner = application.user().uri();
    for (ConversationChange change : changes) {
      Conversation c = change.conversation();
      String log = logId(c.threadId());
      switch (change) {
        case ConversationChange.ConversationChanged x when x.type() == EventType.added -> {
          writes.offer(opened(owner, log, c));
          c.peer()
              .ifPresent(p -> writes.offer(new HistoryStep.Joined(owner, log, p.uri(), p.name())));
        }
        case ConversationChange.ConversationChanged x when x.type() == EventType.deleted ->
            writes.offer(new HistoryStep.Closed(owner, log, status(c), clock.instant()));
        case ConversationChange.InvitationChanged x
            when x.event().type() == EventType.started
                && x.invitation().direction() == Direction.Outgoing
                && x.invitation().conference().isEmpty() ->
            writes.offer(
                new HistoryStep.Joined(
                    owner, log, x.invitation().to(), nameOf.apply(x.invitation().to())));
        case ConversationChange.ParticipantChanged x when x.type() == EventType.added ->
            writes.offer(
                new HistoryStep.Joined(owner, log, x.participant().uri(), x.participant().name()));
        case ConversationChange.MessageChanged x
            when x.event().type() == EventType.completed
                && x.event().status().orElse(null) == OperationStatus.Success ->
            writes.offer(said(owner, log, x.message()));
        default -> {}
      }
    }
  }

  private static HistoryStep opened(String owner, String log, Conversation c) {
    Direction direction =
        c.invitation().map(MessagingInvitation::direction).orElse(Direction.Outgoing);
    return new HistoryStep.Opened(
        owner,
        log,
        c.threadId(),
        c.subject(),
        (c.conference().isPresent()
                ? ConversationLogType.ConferenceLog
                : ConversationLogType.MessageLog)
            .name(),
        direction.wire(),
        c.importance().wire(),
        c.created());
  }

  /** Missed when an incoming invitation ended without being accepted; otherwise archived. */
  private static ConversationLogStatus status(Conversation c) {
    boolean missed =
        c.invitation()
            .filter(i -> i.direction() == Direction.Incoming)
            .filter(i -> i.state() != InvitationState.Connected)
            .isPresent();
    return missed ? ConversationLogStatus.Missed : ConversationLogStatus.Archived;
  }

  private static HistoryStep said(String owner, String log, Message m) {
    return new HistoryStep.Said(
        owner,
        log,
        m.sender().uri() + "@" + m.timeStamp().toEpochMilli(),
        m.timeStamp(),
        m.sender().uri(),
        m.sender().name(),
        m.direction() == Direction.Outgoing,
        m.content().kind() == Content.Kind.Html,
        m.content().text());
  }
}
