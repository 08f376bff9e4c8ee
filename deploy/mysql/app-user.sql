-- The API's own MySQL account (docker-compose runs this file once, when the
-- data volume is new). It may read and write the ourspace database and change
-- its schema, which the migrations run at start-up need; it cannot touch
-- other databases, users, replication or server settings. Its password is
-- for a local machine only: in production create the account with a secret
-- from your secret store. adapters/mysql/seed/grants_test.go migrates and
-- seeds a database through an account made from this file.
CREATE USER IF NOT EXISTS 'ourspace'@'%' IDENTIFIED BY 'ourspace-app-local';
GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, DROP, INDEX, REFERENCES ON `ourspace`.* TO 'ourspace'@'%';
