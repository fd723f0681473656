package org.openucwa.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openucwa.people.PrivacyRelationshipLevel;
import org.openucwa.testing.Databases;

class JdbcPrivacyRelationshipsTest {

  private static final String ALICE = "sip:alice@contoso.com";
  private static final String BOB = "sip:bob@contoso.com";
  private static final String CAROL = "sip:carol@contoso.com";

  @ParameterizedTest
  @ValueSource(strings = {Databases.H2, Databases.POSTGRESQL})
  void levels_are_kept_changed_and_reset_and_read_back_by_a_new_instance(String kind) {
    try (Database db = Databases.fresh(kind)) {
      JdbcPrivacyRelationships levels = new JdbcPrivacyRelationships(db);
      assertThat(levels.assigned(ALICE, BOB)).isEmpty();
      levels.assign(ALICE, BOB, PrivacyRelationshipLevel.Blocked);
      levels.assign(ALICE, CAROL, PrivacyRelationshipLevel.Workgroup);
      levels.assign(ALICE, CAROL, PrivacyRelationshipLevel.FriendsAndFamily);
      levels.assign(BOB, ALICE, PrivacyRelationshipLevel.External);

      JdbcPrivacyRelationships reread = new JdbcPrivacyRelationships(db);
      assertThat(reread.assignedBy(ALICE))
          .isEqualTo(
              Map.of(
                  BOB, PrivacyRelationshipLevel.Blocked,
                  CAROL, PrivacyRelationshipLevel.FriendsAndFamily));
      assertThat(reread.levelOf(BOB, ALICE)).isEqualTo(PrivacyRelationshipLevel.External);

      levels.reset(ALICE, BOB);
      assertThat(levels.assigned(ALICE, BOB)).isEmpty();
      assertThat(new JdbcPrivacyRelationships(db).assignedBy(ALICE)).containsOnlyKeys(CAROL);
    }
  }
}
