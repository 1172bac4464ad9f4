-- FTS5's automatic merging did its work inside ordinary saves: on a database with
-- 100 000 feedback items every 64th save paused for 10–150 ms while segments merged.
-- Automatic merging is off; the app merges a little at a time when idle
-- (DB.MergeSearchIndex, from its housekeeping loop), and FTS5's crisis merge (16
-- segments on one level) still bounds the number of segments.
INSERT INTO search(search, rank) VALUES ('automerge', 0);
