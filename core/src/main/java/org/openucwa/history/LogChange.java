package org.openucwa.history;

/**
 * A conversation log that a written batch of {@link HistoryStep}s changed: {@code opened} when the
 * batch created it, otherwise it existed and the batch changed what it holds (a recipient, a
 * message, its end, its read state). Steps that changed nothing (written twice) give none.
 */
public record LogChange(String owner, String logId, boolean opened) {}
