-- The privacy relationship level each user assigned to a contact (PrivacyRelationshipLevel_ref.md's
-- spelling); a contact with no row has the default level.
CREATE TABLE privacy_relationship (
  owner   VARCHAR(512) NOT NULL,
  contact VARCHAR(512) NOT NULL,
  level   VARCHAR(32) NOT NULL,
  PRIMARY KEY (owner, contact)
);
