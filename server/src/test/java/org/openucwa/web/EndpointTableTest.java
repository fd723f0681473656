package org.openucwa.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EndpointTableTest {

  private static Endpoint endpoint(String template, String rel) {
    return new Endpoint(template, rel, false, Map.of());
  }

  private static final EndpointTable TABLE =
      new EndpointTable(
          List.of(
              endpoint("/ucwa/v1/applications/{app}/communication/conversations", "conversations"),
              endpoint(
                  "/ucwa/v1/applications/{app}/communication/conversations/{c}", "conversation"),
              endpoint(
                  "/ucwa/v1/applications/{app}/communication/conversations/{c}/addParticipant",
                  "addParticipant"),
              endpoint(
                  "/ucwa/v1/applications/{app}/communication/conversations/{c}/{what}", "anyPart"),
              endpoint("/ucwa/v1/applications/{app}/people/{contact}", "contact"),
              endpoint("/ucwa/v1/applications/{app}/people/search", "search"),
              endpoint("/ucwa/v1/applications/{app}/people/search", "shadowed"),
              endpoint("/", "root")));

  private static Optional<EndpointTable.Match> match(String path) {
    return TABLE.match(path);
  }

  @Test
  void capturesTheVariablesDecoded() {
    EndpointTable.Match m =
        match("/ucwa/v1/applications/a1/communication/conversations/c%2F2%20x+y").orElseThrow();

    assertThat(m.endpoint().rel()).isEqualTo("conversation");
    assertThat(m.params()).containsExactlyInAnyOrderEntriesOf(Map.of("app", "a1", "c", "c/2 x+y"));
  }

  @Test
  void literalsMatchWhateverTheirCase() {
    assertThat(match("/UCWA/V1/Applications/a1/COMMUNICATION/conversations/c/ADDPARTICIPANT"))
        .map(m -> m.endpoint().rel())
        .contains("addParticipant");
  }

  @Test
  void theFirstTemplateInTheListWinsWhereSeveralMatch() {
    // a literal listed before a variable, and a variable listed before a literal
    assertThat(match("/ucwa/v1/applications/a1/communication/conversations/c/addParticipant"))
        .map(m -> m.endpoint().rel())
        .contains("addParticipant");
    assertThat(match("/ucwa/v1/applications/a1/communication/conversations/c/participants"))
        .map(m -> m.params().get("what"))
        .contains("participants");
    assertThat(match("/ucwa/v1/applications/a1/communication/conversations/c/participants"))
        .map(m -> m.endpoint().rel())
        .contains("anyPart");
    assertThat(match("/ucwa/v1/applications/a1/people/search"))
        .map(m -> m.endpoint().rel())
        .contains("contact");
  }

  @Test
  void aTrailingSlashIsIgnoredAndTheSegmentCountMustAgree() {
    assertThat(match("/ucwa/v1/applications/a1/communication/conversations/"))
        .map(m -> m.endpoint().rel())
        .contains("conversations");
    assertThat(match("/")).map(m -> m.endpoint().rel()).contains("root");
    assertThat(match("/ucwa/v1/applications/a1/communication")).isEmpty();
    assertThat(match("/ucwa/v1/applications/a1/communication/conversations/c/addParticipant/x"))
        .isEmpty();
    assertThat(match("/ucwa/v1/applications//communication/conversations"))
        .map(m -> m.params().get("app"))
        .contains("");
  }
}
