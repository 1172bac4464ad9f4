-- Reserved for h18-size's migration 0012 (issue 17, 2026-12-07): the migrations must run
-- 1, 2, 3… without a gap and h18-index's is 0013. This script does nothing; when the two
-- branches are merged, h18-size's 0012 replaces it (delete this file).
SELECT 1;
