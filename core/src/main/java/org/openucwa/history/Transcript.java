package org.openucwa.history;

import java.time.Instant;

/**
 * A message of a logged conversation: when, from whom, its body (plain text or HTML), and whether
 * it could not be delivered ({@code failed}: an error transcript).
 */
public record Transcript(
    long id,
    Instant at,
    String sender,
    String senderName,
    boolean fromOwner,
    boolean html,
    String text,
    boolean failed) {}
