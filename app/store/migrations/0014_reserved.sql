-- Reserved for another helper's migration 0014 (issue 17, 2026-12-07, round 2): the
-- migrations must run 1, 2, 3… without a gap and h19-push's is 0015. This script does
-- nothing; when the branches are merged, the other 0014 replaces it (delete this file).
SELECT 1;
