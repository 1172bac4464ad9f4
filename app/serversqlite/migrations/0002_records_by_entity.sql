-- Reports page through a team's records of one entity by id (RecordsAfter):
--   WHERE team_id = ? AND entity = ? AND id > ? ORDER BY id LIMIT ?
-- This index answers that without reading the team's other records or sorting.
CREATE INDEX records_team_entity_id ON records(team_id, entity, id);
