package org.openucwa.web.history;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openucwa.application.Application;
import org.openucwa.error.Subcode;
import org.openucwa.error.UcwaException;
import org.openucwa.history.ConversationHistory;
import org.openucwa.history.ConversationLog;
import org.openucwa.history.HistoryStep;
import org.openucwa.history.Transcript;
import org.openucwa.resource.Link;
import org.openucwa.resource.Resource;
import org.openucwa.web.Endpoint;
import org.openucwa.web.Exchange;
import org.openucwa.web.Paths;
import org.openucwa.web.Reply;
import org.openucwa.web.application.ApplicationEndpoints;
import org.openucwa.writes.WriteBehind;

/**
 * The user's conversation history as conversationLogs_ref.md and the pages it links describe:
 * conversationLogs (a link per conversationLog, newest first), each conversationLog with its
 * recipients embedded, its conversationLogTranscripts (the newest {@value #PAGE} messages, older
 * ones through nextConversationLogTranscripts), markAsRead and DELETE. Only for users whose
 * conversationHistory policy is on; for others these resources do not exist.
 */
public final class HistoryEndpoints {

  static final int PAGE = 50;
  static final int LOGS = 200;

  /** How long a DELETE waits for the history's writer before it answers 503. */
  private static final Duration DELETE_WAIT = Duration.ofSeconds(10);

  private static final String APP = Paths.APPLICATIONS + "/{app}";
  private static final String LOG = APP + "/communication/conversationLogs/{log}";

  private final ApplicationEndpoints applications;
  private final ConversationHistory history;
  private final WriteBehind<HistoryStep> writes;
  private final Clock clock;
  private final ContinueMessaging continueMessaging;

  public HistoryEndpoints(
      ApplicationEndpoints applications,
      ConversationHistory history,
      WriteBehind<HistoryStep> writes,
      Clock clock,
      ContinueMessaging continueMessaging) {
    this.applications = applications;
    this.history = history;
    this.writes = writes;
    this.clock = clock;
    this.continueMessaging = continueMessaging;
  }

  public static String conversationLogs(String appId) {
    return Paths.communication(appId) + "/conversationLogs";
  }

  public static String missedItems(String appId) {
    return Paths.communication(appId) + "/missedItems";
  }

  static String conversationLog(String appId, String logId) {
    return conversationLogs(appId) + "/" + logId;
  }

  public List<Endpoint> endpoints() {
    return List.of(
        new Endpoint(
            APP + "/communication/missedItems", "missedItems", true, Map.of("GET", this::missed)),
        new Endpoint(
            APP + "/communication/conversationLogs",
            "conversationLogs",
            true,
            Map.of("GET", this::logs)),
        new Endpoint(
            LOG, "conversationLog", true, Map.of("GET", this::log, "DELETE", this::delete)),
        new Endpoint(
            LOG + "/conversationLogRecipients/{recipient}",
            "conversationLogRecipient",
            true,
            Map.of("GET", this::recipient)),
        new Endpoint(
            LOG + "/conversationLogTranscripts",
            "conversationLogTranscripts",
            true,
            Map.of("GET", x -> transcripts(x, "conversationLogTranscripts", 0))),
        new Endpoint(
            LOG + "/conversationLogTranscripts/nextConversationLogTranscripts",
            "nextConversationLogTranscripts",
            true,
            Map.of("GET", x -> transcripts(x, "nextConversationLogTranscripts", offset(x)))),
        new Endpoint(
            LOG + "/conversationLogTranscripts/{transcript}",
            "conversationLogTranscript",
            true,
            Map.of("GET", this::transcript)),
        new Endpoint(
            LOG + "/conversationLogTranscripts/{transcript}/messageTranscript",
            "messageTranscript",
            true,
            Map.of("GET", this::messageTranscript)),
        new Endpoint(
            LOG + "/conversationLogTranscripts/{transcript}/errorTranscript",
            "errorTranscript",
            true,
            Map.of("GET", this::errorTranscript)),
        new Endpoint(
            LOG + "/continueMessaging",
            "continueMessaging",
            true,
            Map.of("POST", this::continueMessaging)),
        new Endpoint(LOG + "/markAsRead", "markAsRead", true, Map.of("POST", this::markAsRead)));
  }

  /** The caller's application, when its user keeps a conversation history. */
  private Application app(Exchange x) {
    Application app = applications.app(x);
    if (!app.user().conversationHistory()) {
      throw UcwaException.notFound(
          Subcode.ResourceNotFound, "Conversation history is disabled for this user.");
    }
    return app;
  }

  private Reply logs(Exchange x) {
    Application app = app(x);
    List<Link> links =
        history.logs(app.user().uri(), limit(x)).stream()
            .map(l -> Link.of("conversationLog", conversationLog(app.id(), l.id())))
            .toList();
    Resource.Builder b = Resource.builder("conversationLogs", conversationLogs(app.id()));
    if (!links.isEmpty()) {
      b.links("conversationLog", links);
    }
    return Reply.ok(b.build());
  }

  /** missedItems_ref.md: the counts of the user's logs and missed conversations. */
  private Reply missed(Exchange x) {
    Application app = app(x);
    return Reply.ok(HistoryAssembler.missedItems(app.id(), history.missedItems(app.user().uri())));
  }

  private ConversationLog found(Application app, Exchange x) {
    return history
        .log(app.user().uri(), x.param("log"))
        .orElseThrow(
            () ->
                UcwaException.notFound(
                    Subcode.ResourceNotFound, "There is no such conversation log."));
  }

  private Reply log(Exchange x) {
    Application app = app(x);
    ConversationLog log = found(app, x);
    Optional<Transcript> last =
        history.transcripts(app.user().uri(), log.id(), 0, 1).stream().findFirst();
    return Reply.ok(HistoryAssembler.log(app.id(), log, last));
  }

  private Reply recipient(Exchange x) {
    Application app = app(x);
    ConversationLog log = found(app, x);
    String wanted = x.param("recipient");
    return log.recipients().stream()
        .filter(r -> Paths.bareUri(r.uri()).equalsIgnoreCase(Paths.bareUri("sip:" + wanted)))
        .findFirst()
        .map(r -> Reply.ok(HistoryAssembler.recipient(app.id(), log.id(), r)))
        .orElseThrow(
            () ->
                UcwaException.notFound(
                    Subcode.ResourceNotFound, "There is no such recipient in this log."));
  }

  /**
   * conversationLogs' {@code limit} (conversationLogs_ref.md): how many of the newest logs, at most
   * {@value #LOGS}.
   */
  private static int limit(Exchange x) {
    String given = x.request().query().get("limit");
    if (given == null) {
      return LOGS;
    }
    try {
      int n = Integer.parseInt(given.trim());
      if (n < 1) {
        throw new NumberFormatException();
      }
      return Math.min(n, LOGS);
    } catch (NumberFormatException e) {
      throw UcwaException.invalidParameter("limit", "must be a whole number of 1 or more");
    }
  }

  private static int offset(Exchange x) {
    String given = x.request().query().getOrDefault("offset", "0");
    try {
      int n = Integer.parseInt(given);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw UcwaException.invalidParameter("offset", "must be a whole number of 0 or more");
    }
  }

  private Reply transcripts(Exchange x, String rel, int offset) {
    Application app = app(x);
    ConversationLog log = found(app, x);
    List<Transcript> page = history.transcripts(app.user().uri(), log.id(), offset, PAGE + 1);
    boolean more = page.size() > PAGE;
    return Reply.ok(
        HistoryAssembler.transcripts(
            app.id(), log.id(), rel, offset, more ? page.subList(0, PAGE) : page, more));
  }

  private Transcript foundTranscript(Application app, ConversationLog log, Exchange x) {
    long id;
    try {
      id = Long.parseLong(x.param("transcript"));
    } catch (NumberFormatException e) {
      id = -1;
    }
    long wanted = id;
    return history
        .transcript(app.user().uri(), log.id(), wanted)
        .orElseThrow(
            () ->
                UcwaException.notFound(
                    Subcode.ResourceNotFound, "There is no such transcript in this log."));
  }

  private Reply transcript(Exchange x) {
    Application app = app(x);
    ConversationLog log = found(app, x);
    return Reply.ok(HistoryAssembler.transcript(app.id(), log.id(), foundTranscript(app, log, x)));
  }

  private Reply messageTranscript(Exchange x) {
    Application app = app(x);
    ConversationLog log = found(app, x);
    return Reply.ok(
        HistoryAssembler.messageTranscript(app.id(), log.id(), foundTranscript(app, log, x)));
  }

  /** errorTranscript_ref.md: only a transcript of a message that could not be delivered has one. */
  private Reply errorTranscript(Exchange x) {
    Application app = app(x);
    ConversationLog log = found(app, x);
    Transcript t = foundTranscript(app, log, x);
    if (!t.failed()) {
      throw UcwaException.notFound(Subcode.ResourceNotFound, "This transcript is not of an error.");
    }
    return Reply.ok(HistoryAssembler.errorTranscript(app.id(), log.id(), t));
  }

  /**
   * continueMessaging_ref.md: a new messaging invitation to the other party of a two-party log, on
   * the log's thread, so that both sides' logs continue. A conference's log cannot be continued.
   */
  private Reply continueMessaging(Exchange x) {
    Application app = app(x);
    ConversationLog log = found(app, x);
    if (!HistoryAssembler.continuable(log)) {
      throw UcwaException.conflict(
          null, "Only a logged two-party conversation can be continued with messaging.");
    }
    return continueMessaging.start(
        x, app, log.recipients().get(0).uri(), log.subject(), log.threadId());
  }

  /**
   * conversationLog_ref.md's DELETE: 204 once the log is gone with its recipients and transcripts,
   * 404 when the user has no such log. The delete goes through the history's queue, after what was
   * queued before it (a log whose creation is still queued is deleted too), and the request waits
   * for it to be written (decision 0065).
   */
  private Reply delete(Exchange x) {
    Application app = app(x);
    HistoryStep.Deleted step = new HistoryStep.Deleted(app.user().uri(), x.param("log"));
    if (!writes.offerNow(step)) {
      throw UcwaException.serviceUnavailable("The conversation history is busy; try again.");
    }
    boolean found;
    try {
      found = step.found().get(DELETE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw UcwaException.serviceUnavailable(
          "The conversation history cannot be written now; the log will be deleted when it can.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw UcwaException.serviceUnavailable("The conversation history is busy; try again.");
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
    if (!found) {
      throw UcwaException.notFound(Subcode.ResourceNotFound, "There is no such conversation log.");
    }
    return Reply.noContent();
  }

  /** markAsRead_ref.md: 204; written behind like the rest of the history. */
  private Reply markAsRead(Exchange x) {
    Application app = app(x);
    ConversationLog log = found(app, x);
    if (!writes.offer(new HistoryStep.Read(app.user().uri(), log.id(), clock.instant()))) {
      throw UcwaException.serviceUnavailable("The conversation history is busy; try again.");
    }
    return Reply.noContent();
  }
}
