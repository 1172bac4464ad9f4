-- An import's light entries in a narrow table of their own (issue 17, outbox_import.go):
-- an entry of the outbox that names a session or feedback item by its row (rec:
-- sessions.pk*2+1 or feedback.pk*2, as the search index numbers them), not by its
-- 36-character id, with no empty text columns and no index by (entity, record_id). At
-- 100 000 items the outbox_record index and the light rows took 13.5 MiB; these take
-- about 2.5. Its seq is a position in the outbox (outbox.seq's numbering, the
-- AUTOINCREMENT counter kept past it): the store moves an entry into the outbox, as the
-- light entry it stands for (migration 0009), with the same seq, before anything reads
-- or changes a record's entries by record or takes it to be pushed.
CREATE TABLE outbox_import (
	seq      INTEGER PRIMARY KEY,
	rec      INTEGER NOT NULL,
	base_rev INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX outbox_import_rec ON outbox_import(rec);

-- An earlier import's entries never taken (light, no change id, never folded) move here.
INSERT INTO outbox_import(seq, rec, base_rev)
	SELECT o.seq, s.pk*2 + 1, o.base_rev FROM outbox o JOIN sessions s ON s.id = o.record_id AND s.rev = o.rev
	WHERE o.entity = 'session' AND o.state = '' AND o.change_id IS NULL AND o.sent_at IS NULL AND o.status = 'pending'
	UNION ALL
	SELECT o.seq, f.pk*2, o.base_rev FROM outbox o JOIN feedback f ON f.id = o.record_id AND f.rev = o.rev
	WHERE o.entity = 'feedback' AND o.state = '' AND o.change_id IS NULL AND o.sent_at IS NULL AND o.status = 'pending';
DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox_import);
