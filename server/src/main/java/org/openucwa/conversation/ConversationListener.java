package org.openucwa.conversation;

import java.util.List;
import org.openucwa.application.Application;

/**
 * Hears every change to the conversations of an application, in order, while the changed state is
 * still consistent (the user's lock is held): it must only render and queue, never block.
 */
@FunctionalInterface
public interface ConversationListener {

  void changed(Application application, List<ConversationChange> changes);
}
