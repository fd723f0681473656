package org.openucwa.web.batch;

/**
 * A batch body that cannot be read: bad boundary, a part that is not an HTTP request, a malformed
 * request line, no parts. It exists apart from the API's error type so that this package knows
 * nothing of UCWA error codes; the batch resource turns it into 400 BadRequest. Immutable.
 */
public final class BatchFormatException extends RuntimeException {

  public BatchFormatException(String message) {
    super(message);
  }
}
