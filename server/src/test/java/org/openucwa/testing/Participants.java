package org.openucwa.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.openucwa.testing.EventStream.Event;

/**
 * Two-party conversations escalated with addParticipant, as the conference scenario tests (on one
 * server or across a cluster's nodes) set them up and watch them: the call, the participant
 * invitation, and the events each member hears of the others.
 */
public final class Participants {

  private Participants() {}

  /** a invites b to a two-party conversation, b accepts; their conversations, a's first. */
  public static String[] twoParty(Person a, Person b) {
    a.client()
        .postJson(a.client().link("communication/startMessaging"), "{\"to\":\"" + b.uri() + "\"}");
    JsonNode inv = b.events().await("messagingInvitation", "started").embedded();
    b.client().post(inv.at("/_links/accept/href").asText(), null, "", Map.of());
    String bs = inv.at("/_links/conversation/href").asText();
    b.events().await("messagingInvitation", "completed");
    String as =
        a.events()
            .await("messagingInvitation", "completed")
            .embedded()
            .at("/_links/conversation/href")
            .asText();
    return new String[] {as, bs};
  }

  /** POSTs addParticipant from the conversation's link; returns the invitation's location. */
  public static String addParticipant(
      Person by, String conversation, String to, String operationId) {
    String add = by.client().get(conversation).json().at("/_links/addParticipant/href").asText();
    assertThat(add).as("addParticipant link of %s", conversation).isNotEmpty();
    UcwaClient.Response r =
        by.client()
            .postJson(add, "{\"to\":\"" + to + "\",\"operationId\":\"" + operationId + "\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.header("Location");
  }

  /** A participant event of {@code who} not in a collection ({@code in}), of that type. */
  public static Predicate<Event> participantEvent(String type, Person who) {
    return participantEvent(type, who.name());
  }

  /** A participant event titled {@code title} not in a collection ({@code in}), of that type. */
  public static Predicate<Event> participantEvent(String type, String title) {
    return e ->
        e.rel().equals("participant")
            && e.type().equals(type)
            && e.body().path("in").isMissingNode()
            && e.body().at("/link/title").asText().equals(title);
  }

  /** The next participant event titled {@code title} of that type not consumed yet. */
  public static Event awaitParticipant(
      UcwaClient viewer, String type, String title, Duration within) {
    return viewer.events().await(participantEvent(type, title), within);
  }

  /** The next participant event of {@code who} of that type the viewer has not consumed. */
  public static Event awaitParticipant(Person viewer, String type, Person who, Duration within) {
    return viewer.events().await(participantEvent(type, who), within);
  }

  /** The participant event, whether it came before events already awaited or comes later. */
  public static Event seenOrAwaitParticipant(
      Person viewer, String type, Person who, Duration within) {
    Predicate<Event> match = participantEvent(type, who);
    return viewer.events().all().stream()
        .filter(match)
        .findFirst()
        .orElseGet(() -> viewer.events().await(match, within));
  }

  /** The {@code participantInvitation completed} event of the invitation at {@code href}. */
  public static Predicate<Event> completedOperation(String href) {
    return e ->
        e.rel().equals("participantInvitation")
            && e.type().equals("completed")
            && e.href().equals(href);
  }

  /** The {@code uri}s of embedded participants. */
  public static List<String> uris(JsonNode participants) {
    List<String> out = new ArrayList<>();
    participants.forEach(p -> out.add(p.get("uri").asText()));
    return out;
  }
}
