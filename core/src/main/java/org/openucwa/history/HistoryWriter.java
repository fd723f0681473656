package org.openucwa.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openucwa.writes.WriteBehind;

/**
 * Writes the batches of the history's write-behind queue to the {@link ConversationHistory}, in
 * order, and keeps a deleted log deleted: a {@link HistoryStep.Deleted} is written after every step
 * queued before it (so it deletes a log whose creation was still queued), and the steps queued
 * after it for the same log (the rest of a conversation still going on when its log was deleted)
 * are dropped, until a conversation opens that log again (a new one on the same thread) and so
 * starts an empty log. Once a batch is written it hands it and what it changed to {@code written}
 * (the events), then completes each delete's {@code found}.
 *
 * <p>Threading: the write-behind's single writer thread calls it. A batch the store refuses is
 * retried as it was, so what a batch teaches about deleted logs is kept only once it is written.
 */
public final class HistoryWriter implements WriteBehind.Sink<HistoryStep> {

  /** How many deleted logs it remembers, the longest remembered forgotten first. */
  static final int REMEMBERED = 10_000;

  /** Hears each written batch (the steps written) and what it changed. */
  @FunctionalInterface
  public interface Written {
    void written(List<HistoryStep> steps, List<LogChange> changes);
  }

  private record Key(String owner, String logId) {
    static Key of(HistoryStep step) {
      return new Key(step.owner(), step.logId());
    }
  }

  private final ConversationHistory history;
  private final Written written;

  /** Logs deleted, whose conversation may still be going on. */
  private final Map<Key, Boolean> deleted =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Boolean> eldest) {
          return size() > REMEMBERED;
        }
      };

  public HistoryWriter(ConversationHistory history, Written written) {
    this.history = history;
    this.written = written;
  }

  @Override
  public void write(List<HistoryStep> batch) throws Exception {
    if (deleted.isEmpty() && batch.stream().noneMatch(HistoryStep.Deleted.class::isInstance)) {
      written.written(batch, history.append(batch)); // the usual batch: nothing to keep deleted
      return;
    }
    List<HistoryStep> kept = kept(batch);
    List<LogChange> changes = history.append(kept);
    Map<Key, Integer> removed = new HashMap<>();
    for (LogChange c : changes) {
      if (c.deleted()) {
        removed.merge(new Key(c.owner(), c.logId()), 1, Integer::sum);
      }
    }
    List<Runnable> answers = new ArrayList<>();
    for (HistoryStep step : kept) {
      switch (step) {
        case HistoryStep.Deleted d -> {
          Key key = Key.of(step);
          // a log deleted twice in one batch: the first delete found it, the second did not
          boolean found = removed.getOrDefault(key, 0) > 0;
          if (found) {
            removed.merge(key, -1, Integer::sum);
            deleted.remove(key);
            deleted.put(key, true);
          }
          answers.add(() -> d.found().complete(found));
        }
        case HistoryStep.Opened o -> deleted.remove(Key.of(step));
        default -> {}
      }
    }
    try {
      written.written(kept, changes);
    } finally {
      answers.forEach(Runnable::run);
    }
  }

  /** The batch without the steps of logs deleted before them. */
  private List<HistoryStep> kept(List<HistoryStep> batch) {
    Set<Key> deletedNow = new HashSet<>();
    Set<Key> openedNow = new HashSet<>();
    List<HistoryStep> kept = new ArrayList<>(batch.size());
    for (HistoryStep step : batch) {
      Key key = Key.of(step);
      switch (step) {
        case HistoryStep.Deleted d -> {
          deletedNow.add(key);
          openedNow.remove(key);
          kept.add(step);
        }
        case HistoryStep.Opened o -> {
          deletedNow.remove(key);
          openedNow.add(key);
          kept.add(step);
        }
        default -> {
          boolean gone =
              deletedNow.contains(key) || (deleted.containsKey(key) && !openedNow.contains(key));
          if (!gone) {
            kept.add(step);
          }
        }
      }
    }
    return kept.size() == batch.size() ? batch : kept;
  }
}
