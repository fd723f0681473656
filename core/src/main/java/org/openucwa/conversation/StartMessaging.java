package org.openucwa.conversation;

import java.util.Optional;

/** The validated parameters of startMessaging (startMessaging_ref.md). */
public record StartMessaging(
    String to,
    Optional<String> subject,
    Importance importance,
    Optional<String> threadId,
    Optional<String> operationId,
    Optional<Content> message) {}
