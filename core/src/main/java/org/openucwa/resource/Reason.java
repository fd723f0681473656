package org.openucwa.resource;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The common UCWA error structure: a synchronous error body, or the reason block of an event.
 * {@code parameters} names invalid input parameters (400 ParameterValidationFailure only).
 */
public record Reason(
    String code,
    Optional<String> subcode,
    Optional<String> message,
    Map<String, String> parameters) {

  public Reason {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(subcode, "subcode");
    Objects.requireNonNull(message, "message");
    parameters = Map.copyOf(parameters);
  }

  public static Reason of(String code, String subcode, String message) {
    return new Reason(code, Optional.ofNullable(subcode), Optional.ofNullable(message), Map.of());
  }
}
