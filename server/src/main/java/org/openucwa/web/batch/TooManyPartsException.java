package org.openucwa.web.batch;

/**
 * A well-formed batch with more parts than the caller accepts. Kept apart from {@link
 * BatchFormatException} because the reference answers it differently: 429 TooManyRequests, which
 * tells the client that nothing ran and that smaller batches may succeed. Immutable.
 */
public final class TooManyPartsException extends RuntimeException {

  private final int parts;
  private final int limit;

  public TooManyPartsException(int parts, int limit) {
    super("the batch has " + parts + " parts; at most " + limit + " are accepted");
    this.parts = parts;
    this.limit = limit;
  }

  /** How many parts the batch has. */
  public int parts() {
    return parts;
  }

  /** How many parts were accepted. */
  public int limit() {
    return limit;
  }
}
