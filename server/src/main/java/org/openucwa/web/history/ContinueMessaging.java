package org.openucwa.web.history;

import org.openucwa.application.Application;
import org.openucwa.web.Exchange;
import org.openucwa.web.Reply;

/**
 * Starts the messaging invitation that continueMessaging_ref.md asks for: to {@code to}, on the
 * thread {@code threadId}, with the request's own {@code operationId} and {@code message}. The
 * conversation endpoints answer it, as they answer startMessaging.
 */
@FunctionalInterface
public interface ContinueMessaging {

  Reply start(Exchange x, Application app, String to, String subject, String threadId);
}
