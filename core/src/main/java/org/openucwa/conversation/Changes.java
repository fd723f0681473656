package org.openucwa.conversation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openucwa.application.Application;

/**
 * The changes one transition of a user's state makes, kept per application in the order they were
 * made, so that the listener hears each application's changes of a transition at once and in order.
 *
 * <p>Threading: not thread-safe. Made, filled and flushed by one transition while its user's lock
 * is held, so the listener hears the changes before the lock is released.
 */
final class Changes {

  private final ConversationListener listener;
  private final Map<Application, List<ConversationChange>> byApp = new LinkedHashMap<>();
  private List<Conversation> forgotten = List.of(); // most transitions forget none

  Changes(ConversationListener listener) {
    this.listener = listener;
  }

  Changes add(ConversationChange c) {
    byApp.computeIfAbsent(c.conversation().application(), k -> new ArrayList<>()).add(c);
    return this;
  }

  /** The conversation has been forgotten: once its last changes are told, it is hollowed. */
  Changes forgotten(Conversation c) {
    if (forgotten.isEmpty()) {
      forgotten = new ArrayList<>(1);
    }
    forgotten.add(c);
    return this;
  }

  /**
   * Tells the listener, once per application that changed; nothing when nothing changed. Then the
   * forgotten conversations let go of what the listener may have read of them.
   */
  void flush() {
    byApp.forEach(listener::changed);
    byApp.clear();
    forgotten.forEach(Conversation::hollow);
    forgotten = List.of();
  }
}
