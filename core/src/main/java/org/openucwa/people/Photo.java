package org.openucwa.people;

import java.util.Arrays;
import java.util.Objects;

/**
 * A user's photo as it is served: the image, its media type and an entity tag that changes with the
 * image. The array is never modified after construction.
 */
public record Photo(byte[] bytes, String mediaType, String etag) {

  public Photo {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(etag, "etag");
  }

  static Photo of(byte[] bytes, String mediaType) {
    return new Photo(bytes, mediaType, Integer.toUnsignedString(Arrays.hashCode(bytes)));
  }
}
