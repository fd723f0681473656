-- Missed items are the owner's logs with status Missed (read or not); error transcripts are
-- messages that could not be delivered.
ALTER TABLE conversation_log_transcript ADD COLUMN failed INTEGER DEFAULT 0 NOT NULL;
CREATE INDEX conversation_log_missed ON conversation_log (owner, status, read_at);
-- retention forgets logs that began and ended before a cutoff
CREATE INDEX conversation_log_age ON conversation_log (created_at);
