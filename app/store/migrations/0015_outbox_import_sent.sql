-- A taken import entry stays in outbox_import (issue 17, outbox_import.go): the change id
-- Take gives it is kept here, and is its sent mark (an entry is given its id in the
-- transaction that marks it sent, docs/sync-protocol.md). An answered one is one delete
-- from this narrow table, instead of a move into the outbox (a row and two index
-- entries), two updates and a delete with its indexes. NULL: never taken.
ALTER TABLE outbox_import ADD COLUMN change_id TEXT;
