package org.openucwa.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openucwa.auth.TokenKey;
import org.openucwa.auth.TokenKeys;
import org.openucwa.testing.Databases;
import org.openucwa.testing.ManualClock;

class JdbcTokenKeyStoreTest {

  private final SecureRandom random = new SecureRandom();

  @ParameterizedTest
  @ValueSource(strings = {Databases.H2, Databases.POSTGRESQL})
  void keys_are_kept_newest_first_and_removed_by_id(String kind) {
    try (Database db = Databases.fresh(kind)) {
      JdbcTokenKeyStore store = new JdbcTokenKeyStore(db);
      TokenKey old = TokenKey.generate(random, Instant.parse("2026-01-01T00:00:00Z"));
      TokenKey young = TokenKey.generate(random, Instant.parse("2026-01-02T00:00:00Z"));
      store.add(old);
      store.add(young);

      assertThat(store.all()).extracting(TokenKey::id).containsExactly(young.id(), old.id());
      assertThat(store.all().get(0).secret()).isEqualTo(young.secret());

      store.remove(young.id());
      assertThat(store.all()).extracting(TokenKey::id).containsExactly(old.id());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {Databases.H2, Databases.POSTGRESQL})
  void a_rotated_out_key_is_accepted_for_one_token_lifetime_then_forgotten(String kind) {
    try (Database db = Databases.fresh(kind)) {
      ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
      TokenKeys keys = new TokenKeys(new JdbcTokenKeyStore(db), clock, random);
      Duration lifetime = Duration.ofHours(8);
      TokenKey first = keys.current(lifetime).get(0);
      assertThat(keys.current(lifetime)).extracting(TokenKey::id).containsExactly(first.id());

      clock.advance(Duration.ofHours(1));
      TokenKey second = keys.rotate(false);
      assertThat(keys.current(lifetime))
          .extracting(TokenKey::id)
          .containsExactly(second.id(), first.id());

      clock.advance(lifetime);
      assertThat(keys.current(lifetime)).extracting(TokenKey::id).containsExactly(second.id());
      assertThat(new JdbcTokenKeyStore(db).all()).hasSize(1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {Databases.H2, Databases.POSTGRESQL})
  void rotating_with_retirement_leaves_only_the_new_key(String kind) {
    try (Database db = Databases.fresh(kind)) {
      ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
      TokenKeys keys = new TokenKeys(new JdbcTokenKeyStore(db), clock, random);
      keys.current(Duration.ofHours(8));
      clock.advance(Duration.ofMinutes(1));

      TokenKey fresh = keys.rotate(true);

      assertThat(keys.current(Duration.ofHours(8)))
          .extracting(TokenKey::id)
          .containsExactly(fresh.id());
    }
  }
}
