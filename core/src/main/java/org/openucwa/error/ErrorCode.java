package org.openucwa.error;

import org.openucwa.resource.WireValue;

/**
 * The error codes of ErrorsAndInformationalMessages.md, each with the HTTP status it maps to
 * one-to-one for synchronous failures.
 */
public enum ErrorCode implements WireValue {
  BadRequest(400),
  Forbidden(403),
  NotFound(404),
  MethodNotAllowed(405),
  ClientTimeout(408),
  Conflict(409),
  Gone(410),
  PreconditionFailed(412),
  EntityTooLarge(413),
  UnsupportedMediaType(415),
  PreconditionRequired(428),
  TooManyRequests(429),
  ServiceFailure(500),
  ServiceUnavailable(503),
  Timeout(504);

  private final int status;

  ErrorCode(int status) {
    this.status = status;
  }

  /** The HTTP status of a synchronous failure with this code. */
  public int status() {
    return status;
  }

  @Override
  public String wire() {
    return name();
  }
}
