-- The keys that sign bearer tokens: the newest signs, the others are still accepted until the
-- tokens they signed have expired. The secret is base64 text so that the same script serves
-- H2 and PostgreSQL.
CREATE TABLE token_key (
  id         VARCHAR(64) PRIMARY KEY,
  secret     VARCHAR(128) NOT NULL,
  created_at BIGINT NOT NULL
);
