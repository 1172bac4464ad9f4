-- Quotas (docs/server.md), as serversqlite's 0004_quotas.sql. Each team's storage use
-- is kept as a running count on its row, added to by every push transaction, so that
-- checking it costs no scan: bytes_used is the size of its records' latest states, of
-- every revision's state and of every change result kept (json keeps the text sent,
-- so octet_length of it is what was stored). storage_quota and device_daily_changes
-- are the team's own limits: 0 takes the server's default, -1 is no limit.
ALTER TABLE teams
	ADD COLUMN bytes_used bigint NOT NULL DEFAULT 0,
	ADD COLUMN storage_quota bigint NOT NULL DEFAULT 0,
	ADD COLUMN device_daily_changes bigint NOT NULL DEFAULT 0;

-- What the teams already hold.
UPDATE teams t SET bytes_used =
	coalesce((SELECT sum(octet_length(state::text)) FROM records WHERE team_id = t.id), 0) +
	coalesce((SELECT sum(octet_length(state::text)) FROM revisions WHERE team_id = t.id), 0) +
	coalesce((SELECT sum(octet_length(result::text)) FROM change_results WHERE team_id = t.id), 0);

-- Changes handled per device and UTC day ("2006-01-02"); a device's earlier days are
-- deleted as it starts a new one.
CREATE TABLE device_changes (
	device_id text NOT NULL,
	day       text NOT NULL,
	team_id   text NOT NULL,
	changes   bigint NOT NULL,
	PRIMARY KEY (device_id, day)
);
CREATE INDEX device_changes_team ON device_changes (team_id, day);
