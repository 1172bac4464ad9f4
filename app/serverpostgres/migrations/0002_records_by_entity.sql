-- Reports page through a team's records of one entity by id (RecordsAfter):
--   WHERE team_id = $1 AND entity = $2 AND id COLLATE "C" > $3 ORDER BY id COLLATE "C" LIMIT $4
-- Ids compare byte by byte (COLLATE "C"), as on SQLite and in Go, whatever the
-- database's own collation: the index is built in that order, so it answers the query
-- without reading the team's other records or sorting.
CREATE INDEX records_team_entity_id ON records (team_id, entity, id COLLATE "C");
