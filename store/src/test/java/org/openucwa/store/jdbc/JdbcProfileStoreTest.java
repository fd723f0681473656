package org.openucwa.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openucwa.people.Phone;
import org.openucwa.people.PhoneType;
import org.openucwa.people.ProfileStore.Settings;
import org.openucwa.testing.Databases;

class JdbcProfileStoreTest {

  private static final String ALICE = "sip:alice@contoso.com";
  private static final String BOB = "sip:bob@contoso.com";

  @ParameterizedTest
  @ValueSource(strings = {Databases.H2, Databases.POSTGRESQL})
  void settings_are_saved_replaced_and_read_back_by_a_new_instance(String kind) {
    try (Database db = Databases.fresh(kind)) {
      JdbcProfileStore store = new JdbcProfileStore(db);
      assertThat(store.load(ALICE)).isEmpty();
      Phone mobile = new Phone(PhoneType.Mobile, Optional.of("tel:+14255550199"), true, true);
      Phone work = new Phone(PhoneType.Work, Optional.empty(), false, false);
      store.save(
          ALICE,
          new Settings(
              Optional.of("In the lab"),
              Optional.of("Building 7"),
              Map.of(PhoneType.Mobile, mobile, PhoneType.Work, work)));
      store.save(BOB, new Settings(Optional.empty(), Optional.of("Home"), Map.of()));

      Settings alice = new JdbcProfileStore(db).load(ALICE).orElseThrow();
      assertThat(alice.personalNote()).contains("In the lab");
      assertThat(alice.location()).contains("Building 7");
      assertThat(alice.phones().get(PhoneType.Mobile).number()).contains("tel:+14255550199");
      assertThat(alice.phones().get(PhoneType.Mobile).includeInContactCard()).isTrue();
      assertThat(alice.phones().get(PhoneType.Work).number()).isEmpty();
      assertThat(alice.phones().get(PhoneType.Work).includeInContactCard()).isFalse();

      store.save(ALICE, new Settings(Optional.empty(), Optional.empty(), Map.of()));
      assertThat(new JdbcProfileStore(db).load(ALICE))
          .contains(new Settings(Optional.empty(), Optional.empty(), Map.of()));
      assertThat(store.load(BOB).orElseThrow().location()).contains("Home");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {Databases.H2, Databases.POSTGRESQL})
  void a_save_the_database_refuses_keeps_the_settings_saved_before(String kind) {
    try (Database db = Databases.fresh(kind)) {
      JdbcProfileStore store = new JdbcProfileStore(db);
      store.save(ALICE, new Settings(Optional.of("Kept"), Optional.empty(), Map.of()));

      Settings tooLong =
          new Settings(Optional.of("x".repeat(2000)), Optional.of("Elsewhere"), Map.of());
      assertThatThrownBy(() -> store.save(ALICE, tooLong))
          .isInstanceOf(IllegalStateException.class);

      assertThat(store.load(ALICE).orElseThrow().personalNote()).contains("Kept");
      assertThat(store.load(ALICE).orElseThrow().location()).isEmpty();
    }
  }
}
