-- The outbox names the records an import changed instead of copying them (issue 17,
-- outbox_light.go): an entry whose state is '' is a light one, and takes its record's
-- row as its state when it is pushed. No column changes: state stays NOT NULL.
--
-- outbox_unsent indexed the unsent pending entries by record; outbox_record (migration
-- 0003) indexes every pending entry by record and serves the same lookups (a record has
-- one or two pending entries): one index keyed by random ids less on every change.
DROP INDEX outbox_unsent;
