package org.openucwa.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openucwa.testing.UcwaClient;

/**
 * What a wire-format test recorded of one real exchange: event phases and resources fetched in
 * every media type, each with the ids that fill its expected file's placeholders; and the checks of
 * them against the expected files. Confined to the test thread.
 */
final class Recordings {

  private final Map<String, EventPhases.Phase> phases = new HashMap<>();
  private final Map<String, Map<String, UcwaClient.Response>> served = new HashMap<>();
  private final Map<String, WireAssert> ids = new HashMap<>();

  void phase(String name, EventPhases.Phase phase, UcwaClient client) {
    phases.put(name, phase);
    ids.put(name, idsOf(client));
  }

  EventPhases.Phase phase(String name) {
    return phases.get(name);
  }

  /** GETs with the four media types and keeps the answers; returns the JSON one. */
  JsonNode read(UcwaClient client, String href, String name) {
    Map<String, UcwaClient.Response> answers = new LinkedHashMap<>();
    for (WireFormat wire : WireFormat.values()) {
      for (String mediaType : wire.mediaTypes()) {
        answers.put(mediaType, client.get(href, Map.of("Accept", mediaType)));
      }
    }
    served.put(name, answers);
    ids.put(name, idsOf(client));
    return answers.get(WireFormat.JSON.generic).json();
  }

  /** The JSON answer recorded under {@code name}. */
  JsonNode json(String name) {
    return served.get(name).get(WireFormat.JSON.generic).json();
  }

  void assertPhase(String name, WireFormat wire) {
    EventPhases.Phase phase = phases.get(name);
    wire.check(
        ids.get(name), name, wire == WireFormat.JSON ? phase.json().toString() : phase.xml());
  }

  /** Both media types of the format were answered 200, in that media type, as the file says. */
  void assertServed(String name, WireFormat wire) {
    for (String mediaType : wire.mediaTypes()) {
      UcwaClient.Response r = served.get(name).get(mediaType);
      assertThat(r.status()).as("GET %s as %s: %s", name, mediaType, r.body()).isEqualTo(200);
      assertThat(mediaType(r)).as("Content-Type of %s", name).isEqualTo(mediaType);
      wire.check(ids.get(name), name, r.body());
    }
  }

  private static WireAssert idsOf(UcwaClient client) {
    return WireAssert.wire().with("app", client.application().get("id").asText());
  }

  private static String mediaType(UcwaClient.Response r) {
    String contentType = r.header("Content-Type");
    assertThat(contentType).as("Content-Type").isNotNull();
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi))
        .trim()
        .toLowerCase(Locale.ROOT);
  }
}
