package org.openucwa.history;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The conversation history's repository. Implementations are thread-safe. */
public interface ConversationHistory {

  /**
   * Writes the steps, in order, all or none; throws when the store cannot take them. Returns the
   * logs the steps opened or changed, in the order the batch first touched them: each once, except
   * that a {@link HistoryStep.Deleted} that removed a log gives a {@link LogChange#deletion} where
   * it stands (what came before it in the batch is written before it, what follows after it).
   */
  List<LogChange> append(List<HistoryStep> steps) throws Exception;

  /** The owner's logs, newest first, at most {@code limit}. */
  List<ConversationLog> logs(String owner, int limit);

  /** One of the owner's logs. */
  Optional<ConversationLog> log(String owner, String logId);

  /** One message of one log. */
  Optional<Transcript> transcript(String owner, String logId, long id);

  /** The messages of one log, newest first, from {@code offset}, at most {@code limit}. */
  List<Transcript> transcripts(String owner, String logId, int offset, int limit);

  /** The owner's counts of logs and missed conversations. */
  MissedItems missedItems(String owner);

  /**
   * Forgets every log (with its recipients and transcripts) that ended, or began when it never
   * ended, before {@code cutoff}; returns how many logs it forgot.
   */
  int forgetBefore(Instant cutoff);
}
