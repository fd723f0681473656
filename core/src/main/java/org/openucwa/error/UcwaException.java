package org.openucwa.error;

import java.util.Map;
import java.util.Optional;
import org.openucwa.resource.Reason;

/**
 * The one exception type of the API: a UCWA error code (and so an HTTP status), an optional
 * subcode, a message and, for parameter validation failures, the parameters at fault. The HTTP edge
 * turns it into an error body in the requested format; the domain throws it when it refuses an
 * action, so a refused action never leaves half a change behind.
 */
public final class UcwaException extends RuntimeException {

  private final transient Reason reason;
  private final ErrorCode code;

  public UcwaException(ErrorCode code, Subcode subcode, String message) {
    this(
        new Reason(
            code.wire(),
            Optional.ofNullable(subcode).map(Subcode::wire),
            Optional.ofNullable(message),
            Map.of()),
        code);
  }

  private UcwaException(Reason reason, ErrorCode code) {
    super(
        reason.code()
            + reason.subcode().map(s -> "/" + s).orElse("")
            + ": "
            + reason.message().orElse(""),
        null,
        false,
        false);
    this.reason = reason;
    this.code = code;
  }

  public static UcwaException badRequest(Subcode subcode, String message) {
    return new UcwaException(ErrorCode.BadRequest, subcode, message);
  }

  /** A 400 ParameterValidationFailure naming the parameter at fault. */
  public static UcwaException invalidParameter(String parameter, String problem) {
    return invalidParameters(Map.of(parameter, problem));
  }

  /** A 400 ParameterValidationFailure naming each parameter at fault with its problem. */
  public static UcwaException invalidParameters(Map<String, String> problems) {
    String message =
        problems.size() == 1
            ? problems.entrySet().stream()
                .map(e -> "The parameter '" + e.getKey() + "' is not valid: " + e.getValue())
                .findFirst()
                .orElseThrow()
            : "The parameters " + String.join(", ", problems.keySet()) + " are not valid.";
    Reason r =
        new Reason(
            ErrorCode.BadRequest.wire(),
            Optional.of(Subcode.ParameterValidationFailure.wire()),
            Optional.of(message),
            problems);
    return new UcwaException(r, ErrorCode.BadRequest);
  }

  public static UcwaException notFound(Subcode subcode, String message) {
    return new UcwaException(ErrorCode.NotFound, subcode, message);
  }

  public static UcwaException conflict(Subcode subcode, String message) {
    return new UcwaException(ErrorCode.Conflict, subcode, message);
  }

  public static UcwaException serviceUnavailable(String message) {
    return new UcwaException(ErrorCode.ServiceUnavailable, null, message);
  }

  public static UcwaException forbidden(String message) {
    return new UcwaException(ErrorCode.Forbidden, null, message);
  }

  public ErrorCode code() {
    return code;
  }

  public int status() {
    return code.status();
  }

  public Reason reason() {
    return reason;
  }
}
