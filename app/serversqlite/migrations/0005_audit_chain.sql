-- The audit log becomes a hash chain (app/serverstore/auditchain.go): seq numbers
-- every entry of the whole log (all teams) 1, 2, 3…, and hash chains it to the entry
-- before. Entries written before this migration get theirs, in the order they were
-- written, right after it (Store.Migrate seals the log), so they verify too.
ALTER TABLE audit ADD COLUMN seq INTEGER;
ALTER TABLE audit ADD COLUMN hash TEXT;
-- Two appends can never take the same number, even by mistake.
CREATE UNIQUE INDEX audit_seq ON audit(seq);
