package main

import (
	"fmt"
	"log/slog"
	"net"
	"os"
	"strings"

	"github.com/caarlos0/env/v11"
)

// config is read from the environment only; nothing secret lives in the repo.
type config struct {
	HTTPAddr     string `env:"OURSPACE_HTTP_ADDR" envDefault:":8080"`
	MySQLDSN     string `env:"OURSPACE_MYSQL_DSN"`
	DatabaseName string `env:"OURSPACE_DATABASE_NAME" envDefault:"ourspace"`
	PublicURL    string `env:"OURSPACE_PUBLIC_URL"`
	MediaBaseURL string `env:"OURSPACE_MEDIA_BASE_URL"`
	SeedDemo     bool   `env:"OURSPACE_SEED_DEMO" envDefault:"true"`
	LogFormat    string `env:"OURSPACE_LOG_FORMAT" envDefault:"text"`
	LogLevel     string `env:"OURSPACE_LOG_LEVEL" envDefault:"info"`
}

func loadConfig() (config, error) {
	var c config
	if err := env.Parse(&c); err != nil {
		return config{}, fmt.Errorf("configuration: %w", err)
	}
	if c.PublicURL == "" {
		_, port, err := net.SplitHostPort(c.HTTPAddr)
		if err != nil {
			return config{}, fmt.Errorf("OURSPACE_HTTP_ADDR %q: %w", c.HTTPAddr, err)
		}
		c.PublicURL = "http://localhost:" + port
	}
	c.PublicURL = strings.TrimSuffix(c.PublicURL, "/")
	if c.MediaBaseURL == "" {
		c.MediaBaseURL = c.PublicURL + "/media/"
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return config{}, fmt.Errorf("OURSPACE_LOG_FORMAT must be text or json, not %q", c.LogFormat)
	}
	return c, nil
}

func newLogger(c config) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(c.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(os.Stderr, opts))
	}
	return slog.New(slog.NewTextHandler(os.Stderr, opts))
}
