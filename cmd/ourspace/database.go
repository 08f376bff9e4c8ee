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
	srv, err := mysql.Locate(ctx, cfg.MySQLDSN, log)
	if err != nil {
		return nil, nil, err
	}
	dsn, err := mysql.CreateDatabase(ctx, srv.DSN, cfg.DatabaseName)
	if err != nil {
		srv.Close()
		return nil, nil, err
	}
	db, err := mysql.Open(dsn)
	if err != nil {
		srv.Close()
		return nil, nil, err
	}
	db.SetMaxOpenConns(cfg.MySQLMaxConns)
	db.SetMaxIdleConns(cfg.MySQLMaxConns)
	closeAll := func() { _ = db.Close(); srv.Close() }
	if err := db.PingContext(ctx); err != nil {
		closeAll()
		return nil, nil, fmt.Errorf("connect to MySQL (%s): %w", srv.Source, err)
	}
	if err := mysql.Migrate(ctx, db); err != nil {
		closeAll()
		return nil, nil, err
	}
	log.Info("database ready", "source", srv.Source, "database", cfg.DatabaseName)
	return db, closeAll, nil
}

// openReadReplica connects to the read replica of OURSPACE_MYSQL_READ_DSN,
// or gives nil when there is none. A DSN without a database name reads ours.
// The replica is never migrated or written: it follows the primary.
func openReadReplica(ctx context.Context, cfg config, log *slog.Logger) (*sql.DB, func(), error) {
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
	db, err := mysql.Open(dsn.FormatDSN())
	if err != nil {
		return nil, nil, err
	}
	db.SetMaxOpenConns(cfg.MySQLMaxConns)
	db.SetMaxIdleConns(cfg.MySQLMaxConns)
	if err := db.PingContext(ctx); err != nil {
		_ = db.Close()
		return nil, nil, fmt.Errorf("connect to the read replica (OURSPACE_MYSQL_READ_DSN): %w", err)
	}
	log.Info("read replica ready: discovery reads go to it", "addr", dsn.Addr, "database", dsn.DBName)
	return db, func() { _ = db.Close() }, nil
}
