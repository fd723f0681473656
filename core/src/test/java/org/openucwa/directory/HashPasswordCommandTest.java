package org.openucwa.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HashPasswordCommandTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String input) {
    return HashPasswordCommand.run(
        new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void it_prints_a_hash_of_the_first_line_that_verifies() {
    int code = run("s3cret wörd\r\nignored\n");

    String printed = out.toString(StandardCharsets.UTF_8).strip();
    assertThat(code).isZero();
    assertThat(printed).startsWith("pbkdf2-sha256$210000$");
    assertThat(PasswordHasher.verify("s3cret wörd".toCharArray(), printed)).isTrue();
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void an_empty_password_is_an_error_with_exit_code_2() {
    assertThat(run("\n")).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no password");
  }

  @Test
  void no_input_at_all_is_an_error_with_exit_code_2() {
    assertThat(run("")).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
