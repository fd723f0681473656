package org.openucwa.history;

/**
 * A conversation log that a written batch of {@link HistoryStep}s changed: {@code opened} when the
 * batch created it, {@code deleted} when a {@link HistoryStep.Deleted} removed it, otherwise it
 * existed and the batch changed what it holds (a recipient, a message, its end, its read state).
 * Steps that changed nothing (written twice, or deleting a log that is not there) give none.
 */
public record LogChange(String owner, String logId, boolean opened, boolean deleted) {

  public LogChange(String owner, String logId, boolean opened) {
    this(owner, logId, opened, false);
  }

  /** The log was deleted. */
  public static LogChange deletion(String owner, String logId) {
    return new LogChange(owner, logId, false, true);
  }
}
