package mysql

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/go-sql-driver/mysql"
	tcmysql "github.com/testcontainers/testcontainers-go/modules/mysql"
)

// LocalServer is where a developer's MySQL or MariaDB usually answers.
const LocalServer = "root@tcp(127.0.0.1:3306)/"

// ContainerImage is the MySQL started when no server is found.
const ContainerImage = "mysql:8.4"

// Server is a MySQL server found for this process, and how to let it go.
type Server struct {
	// DSN reaches the server without naming a database.
	DSN string
	// Source says how it was found: env, local or container.
	Source string
	Close  func()
}

// ErrNoServer says that none of the three ways to reach MySQL worked.
var ErrNoServer = errors.New("no MySQL server: set OURSPACE_MYSQL_DSN, run MySQL/MariaDB on 127.0.0.1:3306 (root, empty password), or start a Docker engine for a MySQL 8.4 container")

// Locate finds a MySQL-compatible server without setup, in this order: the
// DSN given (from the environment), a server on 127.0.0.1:3306 with root and
// no password, and a MySQL container through testcontainers where a Docker
// engine answers (kept for the life of the process).
func Locate(ctx context.Context, envDSN string, log *slog.Logger) (Server, error) {
	if envDSN != "" {
		return Server{DSN: envDSN, Source: "env", Close: func() {}}, nil
	}
	localErr := ping(ctx, LocalServer)
	if localErr == nil {
		return Server{DSN: LocalServer, Source: "local", Close: func() {}}, nil
	}
	log.Info("no MySQL on 127.0.0.1:3306, trying a container", "err", localErr)
	c, err := tcmysql.Run(ctx, ContainerImage, tcmysql.WithDatabase("ourspace"),
		tcmysql.WithUsername("root"), tcmysql.WithPassword("ourspace"))
	if err != nil {
		return Server{}, fmt.Errorf("%w (local: %w; container: %w)", ErrNoServer, localErr, err)
	}
	dsn, err := c.ConnectionString(ctx)
	if err != nil {
		_ = c.Terminate(context.Background())
		return Server{}, fmt.Errorf("%w: container: %w", ErrNoServer, err)
	}
	cfg, err := mysql.ParseDSN(dsn)
	if err != nil {
		_ = c.Terminate(context.Background())
		return Server{}, err
	}
	cfg.DBName = ""
	return Server{DSN: cfg.FormatDSN(), Source: "container", Close: func() { _ = c.Terminate(context.Background()) }}, nil
}

// CreateDatabase makes database name on the server (if missing) and gives a
// DSN that uses it.
func CreateDatabase(ctx context.Context, serverDSN, name string) (string, error) {
	cfg, err := mysql.ParseDSN(serverDSN)
	if err != nil {
		return "", err
	}
	if cfg.DBName != "" {
		return serverDSN, nil
	}
	db, err := Open(serverDSN)
	if err != nil {
		return "", err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "CREATE DATABASE IF NOT EXISTS `"+name+"` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"); err != nil {
		return "", fmt.Errorf("create database %s: %w", name, err)
	}
	cfg.DBName = name
	return cfg.FormatDSN(), nil
}

func ping(ctx context.Context, dsn string) error {
	cfg, err := mysql.ParseDSN(dsn)
	if err != nil {
		return err
	}
	cfg.Timeout = 2 * time.Second
	db, err := sql.Open("mysql", cfg.FormatDSN())
	if err != nil {
		return err
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	return db.PingContext(ctx)
}
