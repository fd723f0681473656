package org.openucwa.conversation;

import java.time.Instant;
import java.util.List;
import org.openucwa.application.Application;
import org.openucwa.directory.User;

/**
 * Hears every change to the conversations of an application, in order, while the changed state is
 * still consistent (the user's lock is held): it must only render and queue, never block.
 */
@FunctionalInterface
public interface ConversationListener {

  void changed(Application application, List<ConversationChange> changes);

  /**
   * An invitation reached a user who had no application able to take it (none signed in, or none
   * available for messaging), so it was refused at once: the user missed it. Heard under the user's
   * lock, like the changes.
   */
  default void undelivered(User invitee, Signals.Invite invite, Instant at) {}
}
