-- Space search. The statement of a page is built from the filters in use
-- (adapters/mysql/search_sql.go); the static reads its planner needs are here.

-- name: ListFrequentSearchTokens :many
-- The search tokens at least min_spaces spaces have: all the text planner
-- needs, since a query with a rarer token is rare whatever its other words.
-- The table is read whole, once a minute (see TokenStats).
SELECT token, spaces FROM search_token_counts WHERE spaces >= sqlc.arg(min_spaces);

-- name: GetSpaceCountBound :one
-- How many spaces there are, at most: ids are never reused and spaces never
-- deleted, and the largest is read off the end of the primary key.
SELECT CAST(COALESCE(MAX(id), 0) AS SIGNED) AS spaces FROM spaces;

-- name: ListSearchPostings :many
-- The postings of tokens, in order of token and block: what a rare text
-- query's candidates are intersected from (see search_postings.go).
SELECT token, block, ids FROM search_postings
WHERE token IN (sqlc.slice(tokens))
ORDER BY token, block;
