package org.openucwa.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openucwa.directory.Credential;
import org.openucwa.directory.Directory;
import org.openucwa.directory.PasswordHasher;
import org.openucwa.directory.User;

class ContactSearchTest {

  private static final Credential CREDENTIAL =
      new Credential(PasswordHasher.hash("pw".toCharArray(), new SecureRandom(), 1000));

  private static final ContactSearch SEARCH =
      new ContactSearch(
          new Directory(
              "contoso.com",
              List.of(
                  User.builder("sip:alice@contoso.com", "Alice Smith")
                      .credential(CREDENTIAL)
                      .emailAddresses(List.of("a.smith@contoso.com"))
                      .workPhoneNumber("tel:+14255550101")
                      .build(),
                  User.builder("sip:bob@contoso.com", "Bob Jones")
                      .credential(CREDENTIAL)
                      .mobilePhoneNumber("tel:+14255550202")
                      .build(),
                  User.builder("sip:carol@contoso.com", "Carol Smithers")
                      .credential(CREDENTIAL)
                      .build())));

  private static List<String> names(ContactSearch.Result r) {
    return r.contacts().stream().map(User::name).toList();
  }

  @ParameterizedTest(name = "\"{0}\" finds {1}")
  @CsvSource({
    "smith,              Alice Smith|Carol Smithers",
    "SMITH,              Alice Smith|Carol Smithers",
    "  bob ,             Bob Jones",
    "sip:carol,          Carol Smithers",
    "a.smith@contoso,    Alice Smith",
    "0202,               Bob Jones",
    "zed,                ''"
  })
  void a_query_matches_name_uri_email_and_phone_ignoring_case(String query, String expected) {
    List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split("\\|"));

    assertThat(names(SEARCH.search(query, 100))).isEqualTo(want);
  }

  @Test
  void the_limit_cuts_the_results_and_says_more_are_available() {
    ContactSearch.Result one = SEARCH.search("contoso.com", 1);
    ContactSearch.Result all = SEARCH.search("contoso.com", 3);

    assertThat(names(one)).containsExactly("Alice Smith");
    assertThat(one.moreResultsAvailable()).isTrue();
    assertThat(all.contacts()).hasSize(3);
    assertThat(all.moreResultsAvailable()).isFalse();
  }

  @Test
  void queries_and_limits_outside_the_reference_bounds_are_a_programming_error() {
    assertThatThrownBy(() -> SEARCH.search(" ", 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SEARCH.search("x".repeat(257), 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SEARCH.search("x", 101)).isInstanceOf(IllegalArgumentException.class);
  }
}
