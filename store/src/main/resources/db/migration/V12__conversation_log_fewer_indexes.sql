-- The missed items of a user are counted over all of that user's logs (the primary key's owner
-- prefix finds them), so the index by owner, status and read time saved that count nothing while
-- every log opened, ended or read changed it: one more tree at a random place per write of the
-- history (decision 0066).
DROP INDEX conversation_log_missed;
