package org.openucwa.format;

import org.openucwa.resource.EventsDocument;
import org.openucwa.resource.Input;
import org.openucwa.resource.Reason;
import org.openucwa.resource.Resource;

/**
 * One wire format of the API (JSON or XML): writes resources, event channel responses and error
 * bodies, and reads request parameters. Implementations are stateless and thread-safe.
 */
public interface Format {

  /** The media type this format answers with, without parameters. */
  String mediaType();

  byte[] write(Resource resource);

  byte[] write(EventsDocument events);

  byte[] write(Reason error);

  /**
   * Reads the parameters of a request body.
   *
   * @throws MalformedInputException if the body is not well-formed in this format
   */
  Input read(byte[] body);

  /** A body that is not well-formed, or that holds something this API never accepts. */
  final class MalformedInputException extends RuntimeException {
    public MalformedInputException(String message, Throwable cause) {
      super(message, cause, false, false);
    }
  }
}
