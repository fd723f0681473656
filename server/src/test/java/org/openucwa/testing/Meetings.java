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
    UcwaClient.Response r =
        c.postJson(
            c.link("communication/joinOnlineMeeting"),
            "{\"onlineMeetingUri\":\"" + uriOrUrl + "\",\"operationId\":\"join\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  /** Waits until the user's conversation reaches the state; answers the conversation. */
  public static JsonNode awaitState(UcwaClient c, String state) {
    return c.events()
        .await(
            e ->
                e.rel().equals("conversation") && e.embedded().path("state").asText().equals(state),
            WITHIN)
        .embedded();
  }

  /** Joins and waits until the user's conversation is Conferenced; answers the conversation. */
  public static JsonNode joined(UcwaClient c, String uriOrUrl) {
    join(c, uriOrUrl);
    return awaitState(c, "Conferenced");
  }
}
