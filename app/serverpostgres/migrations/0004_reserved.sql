-- Placeholder: version 4 is reserved for the quotas migration of another branch
-- (i11-quota), and sqldb.Load refuses a gap in the numbers. Delete this file when
-- that branch's 0004 is merged (two files numbered 4 are refused too).
SELECT 1;
