-- Sync bases in one B-tree (issue 17, the push; docs/decisions.md): sync_base was a
-- rowid table with its key (entity, record_id) in a second B-tree, so every base a push
-- answer or a pull writes (random record ids) went into two. Most bases are light
-- (state '', sync_base_light.go): rows of some 60 bytes, which a WITHOUT ROWID table
-- keyed (entity, record_id) holds in its one B-tree, and the key is no longer stored
-- twice. Nothing reads a base's rowid. The table is rebuilt in key order.
CREATE TABLE sync_base_new (
	entity    TEXT NOT NULL,
	record_id TEXT NOT NULL,
	rev       INTEGER NOT NULL,
	state     TEXT NOT NULL,
	parked    INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (entity, record_id)
) STRICT, WITHOUT ROWID;
INSERT INTO sync_base_new(entity, record_id, rev, state, parked)
	SELECT entity, record_id, rev, state, parked FROM sync_base ORDER BY entity, record_id;
DROP TABLE sync_base;
ALTER TABLE sync_base_new RENAME TO sync_base;
CREATE INDEX sync_base_parked ON sync_base(entity) WHERE parked = 1;
