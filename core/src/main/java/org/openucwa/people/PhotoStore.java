package org.openucwa.people;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openucwa.directory.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The photos of the directory's users: the file the users file names, read on each request so that
 * a replaced file shows at once, or else a generated tile with the user's initials, made once per
 * user and kept (the directory never changes while the server runs). A file that can no longer be
 * read is logged and replaced by the generated tile.
 *
 * <p>Thread-safe.
 */
public final class PhotoStore {

  private static final Logger LOG = LoggerFactory.getLogger(PhotoStore.class);
  private static final Map<String, String> TYPES =
      Map.of("png", "image/png", "jpg", "image/jpeg", "jpeg", "image/jpeg", "gif", "image/gif");
  static final String UNKNOWN_TYPE = "application/octet-stream";

  private final Map<String, Photo> generated = new ConcurrentHashMap<>();

  public Photo photoOf(User user) {
    if (user.photo().isPresent()) {
      Path file = user.photo().get();
      try {
        return Photo.of(Files.readAllBytes(file), mediaTypeOf(file));
      } catch (IOException e) {
        LOG.warn(
            "Cannot read the photo {} of {}; serving the generated one: {}",
            file,
            user.uri(),
            e.toString());
      }
    }
    return generated.computeIfAbsent(
        user.uri(), uri -> Photo.of(InitialsImage.png(user.name(), uri), "image/png"));
  }

  /** image/png, image/jpeg or image/gif by the file's extension; anything else is opaque. */
  static String mediaTypeOf(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return TYPES.getOrDefault(ext, UNKNOWN_TYPE);
  }
}
