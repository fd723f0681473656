package org.openucwa.history;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
import org.openucwa.conversation.Signals;
import org.openucwa.directory.User;
import org.openucwa.operation.Operation;
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

  /**
   * The log ids computed lately, by thread id: the changes of a conversation come in runs, on
   * whichever virtual thread handles them (a thread-local would be new on most of them). Bounded:
   * emptied when full.
   */
  private static final Map<String, String> IDS = new ConcurrentHashMap<>();

  private static final int IDS_MAX = 4096;

  /** Cloned for each digest: cheaper than looking the algorithm up each time. */
  private static final MessageDigest SHA256 = newSha256();

  /** The id of the log of a thread: the same for every application of the user, URL-safe. */
  public static String logId(String threadId) {
    String id = IDS.get(threadId);
    if (id != null) {
      return id;
    }
    MessageDigest sha256;
    try {
      sha256 = (MessageDigest) SHA256.clone();
    } catch (CloneNotSupportedException e) {
      sha256 = newSha256();
    }
    byte[] h = sha256.digest(threadId.getBytes(StandardCharsets.UTF_8));
    id = HexFormat.of().formatHex(h, 0, 12);
    if (IDS.size() >= IDS_MAX) {
      IDS.clear();
    }
    IDS.put(threadId, id);
    return id;
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
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
        case ConversationChange.MessageChanged x when x.event().type() == EventType.completed ->
            writes.offer(said(owner, log, x.message(), !succeeded(x.event())));
        case ConversationChange.InvitationChanged x
            when x.event().type() == EventType.completed && x.invitation().message().isPresent() ->
            firstMessage(owner, log, x.invitation(), succeeded(x.event()));
        default -> {}
      }
    }
  }

  private static boolean succeeded(Operation.Event event) {
    return event.status().orElse(null) == OperationStatus.Success;
  }

  /**
   * The message a messaging invitation carried: in the inviter's log when the invitation ends
   * (failed when it was not accepted), and in the invitee's when it ends unanswered (accepted, it
   * arrives as the conversation's first message). Keyed by the session, which every application of
   * the user shares.
   */
  private void firstMessage(String owner, String log, MessagingInvitation inv, boolean accepted) {
    boolean outgoing = inv.direction() == Direction.Outgoing;
    if (!outgoing && accepted) {
      return;
    }
    Content content = inv.message().orElseThrow();
    writes.offer(
        new HistoryStep.Said(
            owner,
            log,
            "invitation:" + inv.conversation().session(),
            inv.conversation().created(),
            inv.from().uri(),
            inv.from().name(),
            outgoing,
            content.kind() == Content.Kind.Html,
            content.text(),
            outgoing && !accepted));
  }

  /**
   * An invitation that could not reach the user: a log of the missed conversation with the inviter,
   * the invitation's message and the {@code Missed} status.
   */
  @Override
  public void undelivered(User invitee, Signals.Invite invite, Instant at) {
    if (!invitee.conversationHistory()) {
      return;
    }
    String owner = invitee.uri();
    String log = logId(invite.threadId());
    writes.offer(
        new HistoryStep.Opened(
            owner,
            log,
            invite.threadId(),
            invite.subject(),
            (invite.conference().isPresent()
                    ? ConversationLogType.ConferenceLog
                    : ConversationLogType.MessageLog)
                .name(),
            Direction.Incoming.wire(),
            invite.importance().wire(),
            at));
    writes.offer(new HistoryStep.Joined(owner, log, invite.from().uri(), invite.from().name()));
    invite
        .message()
        .ifPresent(
            m ->
                writes.offer(
                    new HistoryStep.Said(
                        owner,
                        log,
                        "invitation:" + invite.session(),
                        at,
                        invite.from().uri(),
                        invite.from().name(),
                        false,
                        m.kind() == Content.Kind.Html,
                        m.text())));
    writes.offer(new HistoryStep.Closed(owner, log, ConversationLogStatus.Missed, at));
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

  /**
   * Missed when an incoming invitation ended without being accepted (on any of the user's
   * applications: one answered elsewhere is not missed); otherwise archived.
   */
  private static ConversationLogStatus status(Conversation c) {
    boolean missed =
        c.invitation()
            .filter(i -> i.direction() == Direction.Incoming)
            .filter(i -> i.state() != InvitationState.Connected)
            .filter(
                i ->
                    !i.operation()
                        .reason()
                        .flatMap(r -> r.subcode())
                        .orElse("")
                        .equals("ConnectedElsewhere"))
            .isPresent();
    return missed ? ConversationLogStatus.Missed : ConversationLogStatus.Archived;
  }

  private static HistoryStep said(String owner, String log, Message m, boolean failed) {
    return new HistoryStep.Said(
        owner,
        log,
        // to the clock's full precision: two messages of one sender in one millisecond are two
        m.sender().uri() + "@" + m.timeStamp().getEpochSecond() + "." + m.timeStamp().getNano(),
        m.timeStamp(),
        m.sender().uri(),
        m.sender().name(),
        m.direction() == Direction.Outgoing,
        m.content().kind() == Content.Kind.Html,
        m.content().text(),
        failed);
  }
}
