-- A session's own questions (issue 15). A session names the question sets it asks
-- (their family ids, a JSON list, in order) and may leave out the Friends and Family
-- Test rating; a feedback item may carry answers instead of a comment. Question sets,
-- their translations and the answers (responses) are docs (0005): no table of their own.
ALTER TABLE sessions ADD COLUMN question_sets TEXT NOT NULL DEFAULT '[]';
ALTER TABLE sessions ADD COLUMN no_fft INTEGER NOT NULL DEFAULT 0;
ALTER TABLE feedback ADD COLUMN answered INTEGER NOT NULL DEFAULT 0;
-- Whether a set version has answers (a change of its questions then makes a new
-- version) and the answers per version are looked up by the version's id.
CREATE INDEX docs_response_set ON docs(json_extract(state, '$.questionSetId')) WHERE entity = 'response';
