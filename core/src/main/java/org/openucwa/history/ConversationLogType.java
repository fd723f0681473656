package org.openucwa.history;

/**
 * The kind of a logged conversation (ConversationLogType_ref.md); this server logs the first two.
 */
public enum ConversationLogType {
  MessageLog,
  ConferenceLog,
  AudioLog,
  VideoLog,
  AppSharingLog,
  UnknownLog
}
