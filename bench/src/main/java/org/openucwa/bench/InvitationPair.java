package org.openucwa.bench;

import java.io.IOException;
import java.time.Duration;

/**
 * One inviter and one invitee running the flow of the invitation benchmark over and over: the
 * inviter adds the invitee to its meeting ({@code addParticipant}), the invitee's
 * onlineMeetingInvitation arrives, the invitee accepts (or declines) it, the inviter's
 * participantInvitation completes; after an acceptance the invitee leaves and the inviter sees it
 * go. Every URL comes from a link or an event the server sent.
 *
 * <p>Threading: one flow thread at a time drives a pair.
 */
final class InvitationPair implements AutoCloseable {

  /** The two latencies of one flow, in microseconds from the moment it was due to start. */
  record Flow(long toInvitee, long toCompletion, long completedAtMicros) {}

  private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(20);

  private final FlowClient inviter;
  private final FlowClient invitee;
  private final boolean accept;
  private String addParticipant;
  private int flows;
  private volatile boolean lost;

  InvitationPair(FlowClient inviter, FlowClient invitee, boolean accept) {
    this.inviter = inviter;
    this.invitee = invitee;
    this.accept = accept;
  }

  /** The inviter starts an ad hoc meeting of its own and waits until it may add participants. */
  void openMeeting() throws IOException, InterruptedException {
    inviter.post(
        inviter.applicationLink("/_embedded/communication/_links/startOnlineMeeting/href"),
        "{\"subject\":\"bench\",\"operationId\":\"meeting\"}",
        201);
    FlowClient.Event conferenced =
        inviter.await(
            e ->
                e.rel().equals("conversation")
                    && e.embedded().path("state").asText().equals("Conferenced"),
            EVENT_TIMEOUT,
            "conversation Conferenced");
    addParticipant = FlowClient.link(conferenced.embedded(), "/_links/addParticipant/href");
    inviter.forgetEvents();
    invitee.forgetEvents();
  }

  /** Runs one flow, due to start at {@code dueMicros}; throws on anything unexpected. */
  Flow run(long dueMicros) throws IOException, InterruptedException {
    String operation = "flow-" + (++flows);
    long sent = Micros.now(); // no event received before this is one of this flow's
    String invitation =
        inviter
            .post(
                addParticipant,
                "{\"to\":\"" + invitee.uri() + "\",\"operationId\":\"" + operation + "\"}",
                201)
            .header("location")
            .orElseThrow(() -> new IOException("201 without Location"));
    FlowClient.Event offered =
        invitee.await(
            sent,
            e -> e.rel().equals("onlineMeetingInvitation") && e.type().equals("started"),
            EVENT_TIMEOUT,
            "onlineMeetingInvitation started");
    String answer = accept ? "/_links/accept/href" : "/_links/decline/href";
    invitee.post(FlowClient.link(offered.embedded(), answer), "{}", 204);
    FlowClient.Event completed =
        inviter.await(
            sent,
            e ->
                e.rel().equals("participantInvitation")
                    && e.type().equals("completed")
                    && invitation.endsWith(e.href()),
            EVENT_TIMEOUT,
            "participantInvitation completed");
    String status = completed.body().path("status").asText();
    if (!status.equals(accept ? "Success" : "Failure")) {
      throw new IOException("the participantInvitation completed with " + completed.body());
    }
    if (accept) {
      FlowClient.Event connected =
          invitee.await(
              sent,
              e ->
                  e.rel().equals("messaging")
                      && e.embedded().at("/_links/stopMessaging").isObject(),
              EVENT_TIMEOUT,
              "the invitee's messaging connected");
      invitee.post(FlowClient.link(connected.embedded(), "/_links/stopMessaging/href"), "{}", 204);
      inviter.await(
          sent,
          e ->
              e.rel().equals("participant")
                  && e.type().equals("deleted")
                  && e.href().endsWith(invitee.uri().substring("sip:".length())),
          EVENT_TIMEOUT,
          "participant deleted");
    }
    return new Flow(offered.atMicros() - dueMicros, completed.atMicros() - dueMicros, Micros.now());
  }

  /** Whether a flow of this pair failed: its state is unknown, so it runs no more flows. */
  boolean lost() {
    return lost;
  }

  void lose() {
    lost = true;
  }

  @Override
  public void close() {
    long stale = inviter.stale() + invitee.stale();
    if (stale > 0) {
      System.out.println(
          "[bench] " + inviter.uri() + "'s pair: " + stale + " event(s) left from earlier flows");
    }
    inviter.close();
    invitee.close();
  }
}
