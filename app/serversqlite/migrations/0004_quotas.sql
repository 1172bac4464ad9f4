-- Quotas (docs/server.md). Each team's storage use is kept as a running count on its
-- row, added to by every push transaction, so that checking it costs no scan:
-- bytes_used is the size of its records' latest states, of every revision's state and
-- of every change result kept. storage_quota and device_daily_changes are the team's
-- own limits: 0 takes the server's default, -1 is no limit.
ALTER TABLE teams ADD COLUMN bytes_used INTEGER NOT NULL DEFAULT 0;
ALTER TABLE teams ADD COLUMN storage_quota INTEGER NOT NULL DEFAULT 0;
ALTER TABLE teams ADD COLUMN device_daily_changes INTEGER NOT NULL DEFAULT 0;

-- What the teams already hold (bytes: a state is UTF-8 text; length() would count
-- characters).
UPDATE teams SET bytes_used =
	coalesce((SELECT sum(length(CAST(state AS BLOB))) FROM records WHERE team_id = teams.id), 0) +
	coalesce((SELECT sum(length(CAST(state AS BLOB))) FROM revisions WHERE team_id = teams.id), 0) +
	coalesce((SELECT sum(length(CAST(result AS BLOB))) FROM change_results WHERE team_id = teams.id), 0);

-- Changes handled per device and UTC day ("2006-01-02"); a device's earlier days are
-- deleted as it starts a new one.
CREATE TABLE device_changes (
	device_id TEXT NOT NULL,
	day       TEXT NOT NULL,
	team_id   TEXT NOT NULL,
	changes   INTEGER NOT NULL,
	PRIMARY KEY (device_id, day)
) STRICT, WITHOUT ROWID;
CREATE INDEX device_changes_team ON device_changes(team_id, day);
