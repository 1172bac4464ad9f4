-- Deleted records (tombstones), found without reading every row: the purge of deleted
-- records past their period (purge.go) runs after every sync and at open, and the due
-- list lists them. Partial indexes: only deleted rows are in them, so they cost nothing
-- for live records.
CREATE INDEX themes_deleted ON themes(deleted_at) WHERE deleted_at IS NOT NULL;
CREATE INDEX projects_deleted ON projects(deleted_at) WHERE deleted_at IS NOT NULL;
CREATE INDEX sessions_deleted ON sessions(deleted_at) WHERE deleted_at IS NOT NULL;
CREATE INDEX feedback_deleted ON feedback(deleted_at) WHERE deleted_at IS NOT NULL;
CREATE INDEX docs_deleted ON docs(deleted_at) WHERE deleted_at IS NOT NULL;
CREATE INDEX conflicts_deleted ON conflicts(deleted_at) WHERE deleted_at IS NOT NULL;
