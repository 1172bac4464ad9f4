-- A code made by `involve-server device reenrol ID` enrols only that device id (which
-- may already exist: the code replaces its token). Any other code refuses an id that
-- is already enrolled, so a device id, which is not secret, cannot be taken over.
ALTER TABLE enrolments ADD COLUMN for_device_id TEXT;
