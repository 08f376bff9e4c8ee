-- search_postings: for each search token (domain/search.Tokens), the ids of
-- the spaces (in any status) having it, in blocks of 4,096 ids a row: ids
-- is the block's ids in ascending order, each written as its distance from
-- the one before (the first from the block's first id, block << 12) in
-- unsigned varints (encoding/binary). A search for rare words reads its
-- tokens' rows, a few kilobytes, and intersects them in Go (see
-- adapters/mysql/search_postings.go): InnoDB's full-text index merged the
-- same lists in about a millisecond of server CPU a query, whatever the
-- result. Every write of a space moves its rows in the same transaction;
-- blocks keep the rows a write rewrites small (at most 4 KB) and apart for
-- spaces far apart. Filled for the spaces stored before this migration by
-- mysql.Migrate right after it (Bulk.ReindexSearchTokens).

-- +goose Up
CREATE TABLE search_postings (
  token  VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  block  INT UNSIGNED NOT NULL,
  ids    BLOB         NOT NULL,
  PRIMARY KEY (token, block)
) ENGINE=InnoDB;

-- +goose Down
DROP TABLE search_postings;
