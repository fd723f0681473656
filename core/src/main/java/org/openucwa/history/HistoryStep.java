package org.openucwa.history;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * One thing the conversation history records for one user ({@code owner}) in one of their
 * conversation logs ({@code logId}), in the order it happened. Written behind the invitation flow.
 */
public sealed interface HistoryStep {

  String owner();

  String logId();

  /** A conversation began; a log already open for the same thread is kept as it is. */
  record Opened(
      String owner,
      String logId,
      String threadId,
      String subject,
      String type,
      String direction,
      String importance,
      Instant at)
      implements HistoryStep {}

  /** Someone took part (or was invited); a recipient already there is kept. */
  record Joined(String owner, String logId, String uri, String name) implements HistoryStep {}

  /**
   * A message was delivered, from the owner ({@code fromOwner}) or to them, or could not be
   * delivered ({@code failed}). {@code key} identifies it within the log, so that the same message
   * heard by two applications is kept once.
   */
  record Said(
      String owner,
      String logId,
      String key,
      Instant at,
      String sender,
      String senderName,
      boolean fromOwner,
      boolean html,
      String text,
      boolean failed)
      implements HistoryStep {

    /** A delivered message. */
    public Said(
        String owner,
        String logId,
        String key,
        Instant at,
        String sender,
        String senderName,
        boolean fromOwner,
        boolean html,
        String text) {
      this(owner, logId, key, at, sender, senderName, fromOwner, html, text, false);
    }
  }

  /** The conversation ended with the status ({@link ConversationLogStatus}) it ended in. */
  record Closed(String owner, String logId, ConversationLogStatus status, Instant at)
      implements HistoryStep {}

  /** The owner marked the log as read. */
  record Read(String owner, String logId, Instant at) implements HistoryStep {}

  /**
   * The owner deleted the log with its recipients and messages; what the rest of its conversation
   * brings afterwards is not logged (see {@link HistoryWriter}). {@code found} is completed once
   * the batch holding the step is written: true when the owner had such a log.
   */
  record Deleted(String owner, String logId, CompletableFuture<Boolean> found)
      implements HistoryStep {

    public Deleted(String owner, String logId) {
      this(owner, logId, new CompletableFuture<>());
    }
  }
}
