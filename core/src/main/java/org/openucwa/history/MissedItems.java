package org.openucwa.history;

/**
 * What missedItems_ref.md counts for one user: every conversation log, the missed ones (an incoming
 * conversation never answered, or never delivered), and those of them not yet read.
 */
public record MissedItems(int conversationLogs, int missedConversations, int unreadMissed) {}
