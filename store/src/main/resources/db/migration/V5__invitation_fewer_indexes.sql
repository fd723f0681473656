-- Each index is one more tree to change for every recorded invitation. The operator's query by
-- user reads the newest invitations first through invitation_started and stops at its limit, so
-- the per-user indexes cost the invitation flow more than they save that query (decision 0040).
DROP INDEX invitation_inviter;
DROP INDEX invitation_invitee;
