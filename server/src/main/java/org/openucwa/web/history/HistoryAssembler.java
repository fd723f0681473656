package org.openucwa.web.history;

import java.util.List;
import java.util.Optional;
import org.openucwa.conversation.Content;
import org.openucwa.history.ConversationLog;
import org.openucwa.history.ConversationLogType;
import org.openucwa.history.MissedItems;
import org.openucwa.history.Transcript;
import org.openucwa.resource.Resource;
import org.openucwa.web.Paths;

/**
 * Renders the conversation history in the shapes of conversationLog_ref.md,
 * conversationLogRecipient_ref.md, conversationLogTranscripts_ref.md (and its next page),
 * conversationLogTranscript_ref.md and messageTranscript_ref.md, whose samples carry the message
 * body as an {@code htmlMessage} or {@code plainMessage} data-URI link, as message_ref.md does.
 */
final class HistoryAssembler {

  /** How much of the newest message {@code previewMessage} shows. */
  static final int PREVIEW = 160;

  private HistoryAssembler() {}

  static Resource log(String app, ConversationLog log, Optional<Transcript> last) {
    String self = HistoryEndpoints.conversationLog(app, log.id());
    Resource.Builder b =
        Resource.builder("conversationLog", self)
            .property("creationTime", log.created())
            .property("direction", log.direction())
            .property("importance", log.importance())
            .property("modalities", List.of("Messaging"))
            .property("previewMessage", last.map(HistoryAssembler::preview).orElse(null))
            .property("status", log.status().name())
            .property("subject", log.subject().isEmpty() ? null : log.subject())
            .property("threadId", log.threadId())
            .property("totalRecipientsCount", log.recipients().size())
            .property("type", log.type().name())
            .link("conversationLogTranscripts", self + "/conversationLogTranscripts")
            .link("markAsRead", self + "/markAsRead");
    if (continuable(log)) {
      b.link("continueMessaging", self + "/continueMessaging");
    }
    if (!log.recipients().isEmpty()) {
      b.embedAll(
          "conversationLogRecipient",
          log.recipients().stream().map(r -> recipient(app, log.id(), r)).toList());
    }
    return b.build();
  }

  /** A two-party messaging log (one other party) can be continued; a conference's cannot. */
  static boolean continuable(ConversationLog log) {
    return log.type() == ConversationLogType.MessageLog && log.recipients().size() == 1;
  }

  private static String preview(Transcript t) {
    String text = t.html() ? t.text().replaceAll("<[^>]*>", "") : t.text();
    return text.length() <= PREVIEW ? text : text.substring(0, PREVIEW);
  }

  static Resource recipient(String app, String logId, ConversationLog.Recipient r) {
    return Resource.builder(
            "conversationLogRecipient",
            HistoryEndpoints.conversationLog(app, logId)
                + "/conversationLogRecipients/"
                + Paths.bareUri(r.uri()))
        .property("displayName", r.name())
        .property("sipUri", r.uri())
        .link("contact", Paths.contact(app, r.uri()))
        .link("contactPhoto", Paths.contactPhoto(app, r.uri()))
        .link("contactPresence", Paths.contactPresence(app, r.uri()))
        .build();
  }

  static Resource transcripts(
      String app, String logId, String rel, int offset, List<Transcript> page, boolean more) {
    String base = HistoryEndpoints.conversationLog(app, logId) + "/conversationLogTranscripts";
    String self =
        rel.equals("conversationLogTranscripts")
            ? base
            : base + "/nextConversationLogTranscripts?offset=" + offset;
    Resource.Builder b = Resource.builder(rel, self);
    if (more) {
      b.link(
          "nextConversationLogTranscripts",
          base + "/nextConversationLogTranscripts?offset=" + (offset + page.size()));
    }
    if (!page.isEmpty()) {
      b.embedAll(
          "conversationLogTranscript", page.stream().map(t -> transcript(app, logId, t)).toList());
    }
    return b.build();
  }

  private static String transcriptPath(String app, String logId, Transcript t) {
    return HistoryEndpoints.conversationLog(app, logId) + "/conversationLogTranscripts/" + t.id();
  }

  static Resource transcript(String app, String logId, Transcript t) {
    Resource.Builder b =
        Resource.builder("conversationLogTranscript", transcriptPath(app, logId, t))
            .property("timeStamp", t.at());
    if (t.fromOwner()) {
      b.link("me", Paths.me(app));
    } else {
      b.link("contact", Paths.contact(app, t.sender()), t.senderName());
    }
    b.embed("messageTranscript", messageTranscript(app, logId, t));
    if (t.failed()) {
      b.embed("errorTranscript", errorTranscript(app, logId, t));
    }
    return b.build();
  }

  /**
   * errorTranscript_ref.md: a message that could not be delivered. ErrorTranscriptReason_ref.md has
   * one member, {@code TranscriptionFailed}.
   */
  static Resource errorTranscript(String app, String logId, Transcript t) {
    return Resource.builder("errorTranscript", transcriptPath(app, logId, t) + "/errorTranscript")
        .property("reason", "TranscriptionFailed")
        .build();
  }

  /**
   * missedItems_ref.md. This server keeps no voicemail, so the voicemail counts are 0; it sends
   * conversationLog events (decision 0058), so {@code conversationLogsNotifications} is {@code
   * Enabled}.
   */
  static Resource missedItems(String app, MissedItems m) {
    return Resource.builder("missedItems", HistoryEndpoints.missedItems(app))
        .property("conversationLogsCount", m.conversationLogs())
        .property("conversationLogsNotifications", "Enabled")
        .property("missedConversationsCount", m.missedConversations())
        .property("unreadMissedConversationsCount", m.unreadMissed())
        .property("unreadVoicemailsCount", 0)
        .property("voiceMailsCount", 0)
        .build();
  }

  static Resource messageTranscript(String app, String logId, Transcript t) {
    Content body = new Content(t.html() ? Content.Kind.Html : Content.Kind.Plain, t.text());
    return Resource.builder(
            "messageTranscript", transcriptPath(app, logId, t) + "/messageTranscript")
        .link(t.html() ? "htmlMessage" : "plainMessage", body.dataUri())
        .build();
  }
}
