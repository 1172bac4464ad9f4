-- Feedback items leave the index by entity (issue 17, the push; as the SQLite store's
-- 0011, docs/decisions.md): records_team_entity_id is keyed by id, and a push of
-- feedback items with random ids (an import's) put each into a random leaf of it.
-- Feedback is nearly every record a team has, and nothing looks up feedback by entity
-- except reports paging through it by id, which the records' key (id, team_id) answers
-- in the same order once ids compare byte by byte in it: the column takes COLLATE "C"
-- (as SQLite and Go compare; the key is rebuilt, the rows are not). The other entities,
-- a few thousand records a team, keep the index (RecordsAfter, EntityRecords:
-- records_after.go).
DROP INDEX records_team_entity_id;
ALTER TABLE records ALTER COLUMN id TYPE text COLLATE "C";
CREATE INDEX records_team_entity_id ON records (team_id, entity, id) WHERE entity <> 'feedback';
