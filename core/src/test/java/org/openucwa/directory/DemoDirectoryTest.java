package org.openucwa.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class DemoDirectoryTest {

  private final DemoDirectory demo = DemoDirectory.create(new SecureRandom());

  @Test
  void the_demo_has_alice_bob_carol_and_dave_of_contoso() {
    assertThat(demo.directory().domain()).isEqualTo("contoso.com");
    assertThat(demo.directory().users())
        .extracting(User::uri, User::name)
        .containsExactly(
            tuple("sip:alice@contoso.com", "Alice Smith"),
            tuple("sip:bob@contoso.com", "Bob Jones"),
            tuple("sip:carol@contoso.com", "Carol White"),
            tuple("sip:dave@contoso.com", "Dave Brown"));
  }

  @Test
  void every_printed_password_verifies_against_its_user() {
    assertThat(demo.passwords()).hasSize(4);
    for (User user : demo.directory().users()) {
      String password = demo.passwords().get(user.uri());
      assertThat(user.credential().verify(password.toCharArray())).as(user.uri()).isTrue();
      assertThat(user.credential().encoded()).startsWith("pbkdf2-sha256$210000$");
    }
  }

  @Test
  void passwords_are_12_unambiguous_characters() {
    assertThat(demo.passwords().values())
        .allSatisfy(
            password -> assertThat(password).hasSize(12).matches("[A-HJ-NP-Za-km-np-z2-9]{12}"));
    assertThat(demo.passwords().values()).doesNotHaveDuplicates();
  }

  @Test
  void users_carry_directory_fields() {
    User alice = demo.directory().find("alice").orElseThrow();

    assertThat(alice.title()).isPresent();
    assertThat(alice.department()).isPresent();
    assertThat(alice.company()).contains("Contoso");
    assertThat(alice.workPhoneNumber()).contains("tel:+14255550101");
    assertThat(alice.emailAddresses()).containsExactly("alice@contoso.com");
    assertThat(demo.directory().contactsOf(alice)).hasSize(3);
  }

  @Test
  void printing_the_demo_does_not_show_the_passwords() {
    assertThat(demo.toString()).doesNotContain(demo.passwords().values());
  }
}
