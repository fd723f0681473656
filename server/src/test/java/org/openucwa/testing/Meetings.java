package org.openucwa.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * Scheduled meetings as the scenario tests use them: an organizer schedules one through
 * myOnlineMeetings, and users join it through joinOnlineMeeting and wait until their conversation
 * is in the state they expect.
 */
public final class Meetings {

  private static final Duration WITHIN = Duration.ofSeconds(15);

  private Meetings() {}

  /** POSTs {@code body} to the organizer's myOnlineMeetings (201); answers the new meeting. */
  public static JsonNode schedule(UcwaClient organizer, String body) {
    UcwaClient.Response r =
        organizer.postJson(organizer.link("onlineMeetings/myOnlineMeetings"), body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  /** POSTs joinOnlineMeeting with the meeting's uri or join URL (201), operationId {@code join}. */
  public static void join(UcwaClient c, String uriOrUrl) {
    join(c, uriOrUrl, null);
  }

  /**
   * POSTs joinOnlineMeeting with the meeting's uri or join URL and, for an anonymous guest, its
   * {@code anonymousDisplayName} ({@code null}: none); 201, operationId {@code join}. Answers the
   * Location of the onlineMeetingInvitation.
   */
  public static String join(UcwaClient c, String uriOrUrl, String anonymousDisplayName) {
    UcwaClient.Response r =
        c.postJson(
            c.link("communication/joinOnlineMeeting"),
            "{\"onlineMeetingUri\":\""
                + uriOrUrl
                + "\""
                + (anonymousDisplayName == null
                    ? ""
                    : ",\"anonymousDisplayName\":\"" + anonymousDisplayName + "\"")
                + ",\"operationId\":\"join\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.header("Location");
  }

  /** Waits until the user's conversation reaches the state; answers the conversation. */
  public static JsonNode awaitState(UcwaClient c, String state) {
    return awaitStateEvent(c, state).embedded();
  }

  /** Waits until the user's conversation reaches the state; answers the event that says so. */
  public static EventStream.Event awaitStateEvent(UcwaClient c, String state) {
    return awaitStateEvent(c, state, WITHIN);
  }

  /** As {@link #awaitStateEvent(UcwaClient, String)}, waiting up to {@code within}. */
  public static EventStream.Event awaitStateEvent(UcwaClient c, String state, Duration within) {
    return c.events()
        .await(
            e ->
                e.rel().equals("conversation") && e.embedded().path("state").asText().equals(state),
            within);
  }

  /**
   * A guest takes a token for the meeting with the anonymous meeting grant (its uri and, as the
   * password, its id); 200.
   */
  public static UcwaClient.Response signInAsGuest(UcwaClient guest, JsonNode meeting) {
    UcwaClient.Response t =
        guest.signInAsGuest(
            meeting.path("onlineMeetingUri").asText(), meeting.path("onlineMeetingId").asText());
    assertThat(t.status()).as(t.body()).isEqualTo(200);
    return t;
  }

  /** Joins and waits until the user's conversation is Conferenced; answers the conversation. */
  public static JsonNode joined(UcwaClient c, String uriOrUrl) {
    join(c, uriOrUrl);
    return awaitState(c, "Conferenced");
  }
}
