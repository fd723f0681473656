package org.openucwa.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openucwa.error.UcwaException;
import org.openucwa.events.ChannelEvent;
import org.openucwa.events.Priority;
import org.openucwa.format.json.JsonFormat;
import org.openucwa.resource.EventType;
import org.openucwa.resource.EventsDocument;
import org.openucwa.resource.Link;
import org.openucwa.resource.Reason;
import org.openucwa.resource.Resource;

class OperationTest {

  private static final Reason DECLINED = Reason.of("Forbidden", "Declined", "declined");

  private static Operation at(Operation.Stage stage) {
    Operation op = new Operation(Optional.of("op-1"));
    if (stage != Operation.Stage.NotStarted) {
      op.start();
    }
    if (stage == Operation.Stage.Completed) {
      op.succeed();
    }
    return op;
  }

  static List<Arguments> transitions() {
    Function<Operation, Operation.Event> start = Operation::start;
    Function<Operation, Operation.Event> update = Operation::update;
    Function<Operation, Operation.Event> succeed = Operation::succeed;
    Function<Operation, Operation.Event> fail = op -> op.fail(DECLINED);
    return List.of(
        Arguments.of(Operation.Stage.NotStarted, "start", start, EventType.started),
        Arguments.of(Operation.Stage.NotStarted, "update", update, null),
        Arguments.of(Operation.Stage.NotStarted, "succeed", succeed, null),
        Arguments.of(Operation.Stage.NotStarted, "fail", fail, null),
        Arguments.of(Operation.Stage.Started, "start", start, null),
        Arguments.of(Operation.Stage.Started, "update", update, EventType.updated),
        Arguments.of(Operation.Stage.Started, "succeed", succeed, EventType.completed),
        Arguments.of(Operation.Stage.Started, "fail", fail, EventType.completed),
        Arguments.of(Operation.Stage.Completed, "start", start, null),
        Arguments.of(Operation.Stage.Completed, "update", update, null),
        Arguments.of(Operation.Stage.Completed, "succeed", succeed, null),
        Arguments.of(Operation.Stage.Completed, "fail", fail, null));
  }

  @ParameterizedTest(name = "{1} when {0} gives {3}")
  @MethodSource("transitions")
  void every_transition_is_allowed_or_refused_as_the_life_of_an_operation_says(
      Operation.Stage from,
      String action,
      Function<Operation, Operation.Event> move,
      EventType expected) {
    Operation op = at(from);
    if (expected == null) {
      assertThatThrownBy(() -> move.apply(op)).isInstanceOf(UcwaException.class);
      assertThat(op.stage()).isEqualTo(from);
    } else {
      assertThat(move.apply(op).type()).isEqualTo(expected);
    }
  }

  @Test
  void a_failed_operation_keeps_its_status_and_reason() {
    Operation op = at(Operation.Stage.Started);
    Operation.Event e = op.fail(DECLINED);

    assertThat(e.status()).contains(OperationStatus.Failure);
    assertThat(e.reason()).contains(DECLINED);
    assertThat(op.isFinished()).isTrue();
    assertThat(op.reason()).contains(DECLINED);
  }

  @Test
  void its_events_embed_the_operation_under_the_link_rel_and_echo_the_operation_id()
      throws Exception {
    Operation op = new Operation(Optional.of("123"));
    Resource invitation =
        Resource.builder("onlineMeetingInvitation", "/c/i1")
            .property("direction", "Outgoing")
            .property("operationId", op.operationId().orElseThrow())
            .property("state", "Connecting")
            .link("conversation", "/c/conversations/c1")
            .build();
    Link sender = Link.of("communication", "/c");
    ChannelEvent started =
        OperationEvents.toChannelEvent(op.start(), invitation, sender, Priority.High);
    ChannelEvent completed =
        OperationEvents.toChannelEvent(op.fail(DECLINED), invitation, sender, Priority.High);
    EventsDocument doc =
        new EventsDocument(
            Optional.of("/e?ack=1"),
            Link.of("next", "/e?ack=2"),
            List.of(
                new EventsDocument.SenderGroup(
                    "communication", "/c", List.of(started.entry(), completed.entry()))));

    JsonNode json = new ObjectMapper().readTree(new JsonFormat().write(doc));

    JsonNode first = json.at("/sender/0/events/0");
    assertThat(first.at("/type").asText()).isEqualTo("started");
    assertThat(first.at("/link/rel").asText()).isEqualTo("onlineMeetingInvitation");
    assertThat(first.at("/_embedded/onlineMeetingInvitation/operationId").asText())
        .isEqualTo("123");
    JsonNode last = json.at("/sender/0/events/1");
    assertThat(last.at("/type").asText()).isEqualTo("completed");
    assertThat(last.at("/status").asText()).isEqualTo("Failure");
    assertThat(last.at("/reason/subcode").asText()).isEqualTo("Declined");
  }
}
