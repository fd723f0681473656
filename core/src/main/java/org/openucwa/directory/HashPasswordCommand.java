package org.openucwa.directory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code ucwa-server hash-password}: reads one password line and prints its hash, ready to paste as
 * {@code passwordHash:} into the users file so the file need not hold the password itself. Streams
 * are parameters so tests can drive it. Runs on the caller's thread.
 */
public final class HashPasswordCommand {

  /** Exit code when no password was given. */
  public static final int USAGE = 2;

  private static final int IO_ERROR = 1;

  private HashPasswordCommand() {}

  /** Returns the exit code: 0 after printing the hash, {@value #USAGE} for an empty password. */
  public static int run(InputStream in, PrintStream out, PrintStream err) {
    String line;
    try {
      line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
    } catch (IOException e) {
      err.println("hash-password: cannot read the password: " + e.getMessage());
      return IO_ERROR;
    }
    if (line == null || line.isEmpty()) {
      err.println(
          "hash-password: no password given; type it on one line, or pipe it in,"
              + " for example: echo 's3cret' | ucwa-server hash-password");
      return USAGE;
    }
    char[] password = line.toCharArray();
    try {
      out.println(PasswordHasher.hash(password));
    } finally {
      Arrays.fill(password, '\0');
    }
    return 0;
  }
}
