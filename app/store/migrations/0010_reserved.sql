-- Reserved: version 10 is another change's (issue 17, h17-size). This file only keeps
-- the versions without a gap on this branch; it is replaced by that migration.
SELECT 1;
