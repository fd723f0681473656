package org.openucwa.directory;

import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Why the users file cannot be used, naming the file and, when the fault is in its text, the line.
 * Thrown at start-up so the server refuses to run on a directory it misread.
 */
public final class UsersFileException extends RuntimeException {

  private final transient Path file;
  private final OptionalInt line;
  private final String problem;

  /** A fault at {@code line} (1-based) of {@code file}. */
  public UsersFileException(Path file, int line, String problem) {
    this(file, OptionalInt.of(line), problem, null);
  }

  /** The file as a whole cannot be read. */
  public static UsersFileException unreadable(Path file, Exception cause) {
    return new UsersFileException(
        file, OptionalInt.empty(), "cannot be read (" + cause + ")", cause);
  }

  private UsersFileException(Path file, OptionalInt line, String problem, Throwable cause) {
    super(
        "users file "
            + file
            + (line.isPresent() ? ", line " + line.getAsInt() : "")
            + ": "
            + problem,
        cause);
    this.file = file;
    this.line = line;
    this.problem = problem;
  }

  public Path file() {
    return file;
  }

  /** The 1-based line at fault, or empty when the file could not be read at all. */
  public OptionalInt line() {
    return line;
  }

  /** What is wrong, without the file and line. */
  public String problem() {
    return problem;
  }
}
