package main

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"

	gomysql "github.com/go-sql-driver/mysql"

	"github.com/ourspace/ourspace/adapters/mysql"
)

// openDatabase finds a server (see mysql.Locate), makes our database on it
// when the DSN names none, connects and migrates.
func openDatabase(ctx context.Context, cfg config, log *slog.Logger) (*sql.DB, func(), error) {
	db, _, closeAll, err := openPrimary(ctx, cfg, log)
	return db, closeAll, err
}

// openPrimary is openDatabase, which also gives the database's DSN.
func openPrimary(ctx context.Context, cfg config, log *slog.Logger) (*sql.DB, string, func(), error) {
	srv, err := mysql.Locate(ctx, cfg.MySQLDSN, log)
	if err != nil {
		return nil, "", nil, err
	}
	dsn, err := mysql.CreateDatabase(ctx, srv.DSN, cfg.DatabaseName)
	if err != nil {
		srv.Close()
		return nil, "", nil, err
	}
	db, err := mysql.Open(dsn)
	if err != nil {
		srv.Close()
		return nil, "", nil, err
	}
	db.SetMaxOpenConns(cfg.MySQLMaxConns)
	db.SetMaxIdleConns(cfg.MySQLMaxConns)
	closeAll := func() { _ = db.Close(); srv.Close() }
	if err := db.PingContext(ctx); err != nil {
		closeAll()
		return nil, "", nil, fmt.Errorf("connect to MySQL (%s): %w", srv.Source, err)
	}
	if err := mysql.Migrate(ctx, db); err != nil {
		closeAll()
		return nil, "", nil, err
	}
	log.Info("database ready", "source", srv.Source, "database", cfg.DatabaseName)
	return db, dsn, closeAll, nil
}

// openReadReplica opens the read replica of OURSPACE_MYSQL_READ_DSN, or
// gives nil when there is none. A DSN without a database name reads ours.
// The replica is never migrated or written: it follows the primary. While
// it does not answer, its reads go to the primary (primaryDSN; see
// mysql.Replica), so a replica that is down at start-up is a warning, not
// a reason to refuse to start.
func openReadReplica(ctx context.Context, cfg config, primaryDSN string, log *slog.Logger) (*mysql.Replica, func(), error) {
	if cfg.MySQLReadDSN == "" {
		return nil, func() {}, nil
	}
	dsn, err := gomysql.ParseDSN(cfg.MySQLReadDSN)
	if err != nil {
		return nil, nil, fmt.Errorf("OURSPACE_MYSQL_READ_DSN: %w", err)
	}
	if dsn.DBName == "" {
		dsn.DBName = cfg.DatabaseName
	}
	replica, err := mysql.OpenReplica(dsn.FormatDSN(), primaryDSN, mysql.ReplicaOptions{Log: log})
	if err != nil {
		return nil, nil, err
	}
	replica.DB().SetMaxOpenConns(cfg.MySQLMaxConns)
	replica.DB().SetMaxIdleConns(cfg.MySQLMaxConns)
	if err := replica.PingContext(ctx); err != nil {
		log.Warn("read replica does not answer (OURSPACE_MYSQL_READ_DSN): discovery reads go to the primary until it does",
			"addr", dsn.Addr, "database", dsn.DBName, "err", err)
	} else {
		log.Info("read replica ready: discovery reads go to it", "addr", dsn.Addr, "database", dsn.DBName)
	}
	return replica, func() { _ = replica.Close() }, nil
}
