-- Device roles (docs/server.md): an enrolment code carries the role it gives, and a
-- device keeps it until an administrator changes it (involve-server device set-role).
-- capture devices never hold an identifiable record; staff hold their team's records;
-- lead devices hold what staff hold and also approve payments and download reports.
-- Devices enrolled before roles, and codes made before them, are staff: what they
-- did, they still do (docs/decisions.md).
ALTER TABLE enrolments ADD COLUMN role TEXT NOT NULL DEFAULT 'staff' CHECK (role IN ('capture', 'staff', 'lead'));
ALTER TABLE devices ADD COLUMN role TEXT NOT NULL DEFAULT 'staff' CHECK (role IN ('capture', 'staff', 'lead'));
