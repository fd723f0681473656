package org.openucwa.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {

  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void a_password_verifies_against_its_own_hash() {
    String encoded = PasswordHasher.hash("s3cret".toCharArray());

    assertThat(PasswordHasher.verify("s3cret".toCharArray(), encoded)).isTrue();
  }

  @Test
  void a_wrong_password_does_not_verify() {
    String encoded = PasswordHasher.hash("s3cret".toCharArray(), RANDOM, 1_000);

    assertThat(PasswordHasher.verify("s3creT".toCharArray(), encoded)).isFalse();
    assertThat(PasswordHasher.verify(new char[0], encoded)).isFalse();
  }

  @Test
  void the_hash_reads_scheme_iterations_a_16_byte_salt_and_a_32_byte_hash() {
    String encoded = PasswordHasher.hash("s3cret".toCharArray());

    String[] parts = encoded.split("\\$");
    assertThat(parts).hasSize(4);
    assertThat(parts[0]).isEqualTo("pbkdf2-sha256");
    assertThat(parts[1]).isEqualTo("210000").isEqualTo(String.valueOf(PasswordHasher.ITERATIONS));
    assertThat(Base64.getDecoder().decode(parts[2])).hasSize(16);
    assertThat(Base64.getDecoder().decode(parts[3])).hasSize(32);
  }

  @Test
  void the_same_password_hashes_differently_each_time_thanks_to_the_salt() {
    String first = PasswordHasher.hash("s3cret".toCharArray(), RANDOM, 1_000);
    String second = PasswordHasher.hash("s3cret".toCharArray(), RANDOM, 1_000);

    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void the_iteration_count_is_read_back_from_the_hash() {
    String cheap = PasswordHasher.hash("s3cret".toCharArray(), RANDOM, 1_000);

    assertThat(cheap).startsWith("pbkdf2-sha256$1000$");
    assertThat(PasswordHasher.verify("s3cret".toCharArray(), cheap)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "s3cret",
        "pbkdf2-sha256$210000$c2FsdA==",
        "pbkdf2-sha1$1000$c2FsdA==$aGFzaA==",
        "pbkdf2-sha256$0$c2FsdA==$aGFzaA==",
        "pbkdf2-sha256$-5$c2FsdA==$aGFzaA==",
        "pbkdf2-sha256$1000$not base64$aGFzaA==",
        "pbkdf2-sha256$1000$c2FsdA=$aGFzaA==",
        "pbkdf2-sha256$1000$c2FsdA==$aGFzaA==$extra"
      })
  void a_malformed_hash_is_refused(String encoded) {
    assertThat(PasswordHasher.isWellFormed(encoded)).isFalse();
    assertThatThrownBy(() -> PasswordHasher.verify("s3cret".toCharArray(), encoded))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pbkdf2-sha256$<iterations>$<base64 salt>$<base64 hash>");
  }

  @Test
  void the_dummy_check_never_succeeds() {
    assertThat(PasswordHasher.verifyAgainstDummy("s3cret".toCharArray())).isFalse();
    assertThat(PasswordHasher.verifyAgainstDummy(new char[0])).isFalse();
  }

  @Test
  void a_credential_verifies_its_password_and_hides_its_hash_when_printed() {
    Credential credential =
        new Credential(PasswordHasher.hash("s3cret".toCharArray(), RANDOM, 1_000));

    assertThat(credential.verify("s3cret".toCharArray())).isTrue();
    assertThat(credential.verify("other".toCharArray())).isFalse();
    assertThat(credential.toString()).doesNotContain(credential.encoded().substring(20));
  }

  @Test
  void a_credential_refuses_a_malformed_hash() {
    assertThatThrownBy(() -> new Credential("plain")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_password_hashed_on_first_use_verifies_and_refuses_like_one_hashed_at_once() {
    char[] given = "s3cret".toCharArray();
    Credential credential = Credential.hashedOnFirstUse(given);
    java.util.Arrays.fill(given, '\0');

    assertThat(credential.hashed()).isFalse();
    assertThat(credential.verify("wrong".toCharArray())).isFalse();
    assertThat(credential.hashed()).isTrue();
    String encoded = credential.encoded();
    assertThat(encoded).startsWith("pbkdf2-sha256$" + PasswordHasher.ITERATIONS + "$");
    assertThat(credential.verify("s3cret".toCharArray())).isTrue();
    assertThat(credential.encoded()).isEqualTo(encoded);
    assertThat(credential).isEqualTo(new Credential(encoded));
  }
}
