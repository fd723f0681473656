package org.openucwa.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openucwa.error.UcwaException;
import org.openucwa.resource.Input;

class TimeSpansTest {

  @ParameterizedTest(name = "\"{0}\" is {1}")
  @CsvSource({
    "5, PT5M",
    "00:05:00, PT5M",
    "0:30, PT30M",
    "01:02:03, PT1H2M3S",
    "1.00:00:00, PT24H",
    "00:05:00.5000000, PT5M"
  })
  void minutes_and_dotnet_time_spans_are_read(String text, Duration want) {
    assertThat(TimeSpans.parse(text)).contains(want);
  }

  @ParameterizedTest(name = "\"{0}\" is refused")
  @CsvSource({"soon", "-5", "5m", "24:00:00", "00:60:00", "1:2:3:4"})
  void anything_else_is_not_a_time_span(String text) {
    assertThat(TimeSpans.parse(text)).isEmpty();
  }

  @Test
  void a_value_that_is_unreadable_or_out_of_bounds_is_400_naming_the_parameter() {
    Duration min = Duration.ofMinutes(1);
    Duration max = Duration.ofDays(1);

    assertThat(TimeSpans.optional(Input.empty(), "inactiveTimeout", min, max)).isEmpty();
    assertThat(
            TimeSpans.optional(
                Input.of(Map.of("InactiveTimeout", "10")), "inactiveTimeout", min, max))
        .contains(Duration.ofMinutes(10));
    for (String bad : new String[] {"soon", "0", "2.00:00:00"}) {
      assertThatThrownBy(
              () ->
                  TimeSpans.optional(
                      Input.of(Map.of("inactiveTimeout", bad)), "inactiveTimeout", min, max))
          .isInstanceOfSatisfying(
              UcwaException.class,
              e -> assertThat(e.reason().parameters()).containsKey("inactiveTimeout"));
    }
  }
}
