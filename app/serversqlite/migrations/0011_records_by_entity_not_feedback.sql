-- Feedback items leave the index by entity (issue 17, the push; docs/decisions.md):
-- records_team_entity_id is keyed by id, and a push of feedback items with random ids
-- (an import's) put each into a random leaf of it, so that every group commit wrote most
-- of the index again. Feedback is nearly every record a team has, and nothing looks up
-- feedback by entity except reports paging through it by id, which the records' key
-- (id, team_id) answers in the same order (RecordsAfter, records_after.go). The other
-- entities, a few thousand records a team, keep the index: the server reads them by
-- entity inside pushes (EntityRecords) and pages through them for reports.
DROP INDEX records_team_entity_id;
CREATE INDEX records_team_entity_id ON records(team_id, entity, id) WHERE entity <> 'feedback';
