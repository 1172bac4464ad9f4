-- Device roles (docs/server.md), as serversqlite's 0006_roles.sql: an enrolment code
-- carries the role it gives, and a device keeps it until an administrator changes it
-- (involve-server device set-role). Devices enrolled before roles, and codes made
-- before them, are staff: what they did, they still do (docs/decisions.md).
ALTER TABLE enrolments ADD COLUMN role text NOT NULL DEFAULT 'staff' CHECK (role IN ('capture', 'staff', 'lead'));
ALTER TABLE devices ADD COLUMN role text NOT NULL DEFAULT 'staff' CHECK (role IN ('capture', 'staff', 'lead'));
