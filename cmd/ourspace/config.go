package main

import (
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/caarlos0/env/v11"

	"github.com/ourspace/ourspace/adapters/httpapi"
	"github.com/ourspace/ourspace/web"
)

// config is read from the environment only; nothing secret lives in the repo.
type config struct {
	HTTPAddr     string `env:"OURSPACE_HTTP_ADDR" envDefault:":8080"`
	MySQLDSN     string `env:"OURSPACE_MYSQL_DSN"`
	DatabaseName string `env:"OURSPACE_DATABASE_NAME" envDefault:"ourspace"`
	// MySQLMaxConns bounds the connections to the database (see
	// docs/performance.md for what the bound changed on two cores).
	MySQLMaxConns int    `env:"OURSPACE_MYSQL_MAX_CONNS" envDefault:"32"`
	PublicURL     string `env:"OURSPACE_PUBLIC_URL"`
	MediaBaseURL  string `env:"OURSPACE_MEDIA_BASE_URL"`
	// MediaPresign serves photos by presigned GET URLs of the bucket
	// instead of MediaBaseURL.
	MediaPresign bool `env:"OURSPACE_MEDIA_PRESIGN" envDefault:"false"`

	// The S3 bucket photos are kept in. Without an endpoint and a key, a
	// development run embeds an S3-compatible server (see mediaStore).
	S3Endpoint        string `env:"OURSPACE_S3_ENDPOINT"`
	S3Region          string `env:"OURSPACE_S3_REGION" envDefault:"us-east-1"`
	S3Bucket          string `env:"OURSPACE_S3_BUCKET" envDefault:"ourspace-media"`
	S3AccessKeyID     string `env:"OURSPACE_S3_ACCESS_KEY_ID"`
	S3SecretAccessKey string `env:"OURSPACE_S3_SECRET_ACCESS_KEY"`
	S3PathStyle       bool   `env:"OURSPACE_S3_PATH_STYLE" envDefault:"false"`
	// DataDir is where the embedded object store keeps its file; default
	// <user cache dir>/ourspace/<database name>.
	DataDir   string `env:"OURSPACE_DATA_DIR"`
	SeedDemo  bool   `env:"OURSPACE_SEED_DEMO" envDefault:"true"`
	LogFormat string `env:"OURSPACE_LOG_FORMAT" envDefault:"text"`
	LogLevel  string `env:"OURSPACE_LOG_LEVEL" envDefault:"info"`

	// Env is development or production. Production refuses the development
	// login and a generated session secret.
	Env string `env:"OURSPACE_ENV" envDefault:"development"`
	// SessionSecret signs access tokens and the login cookie, and derives
	// refresh tokens' successors (32+ bytes; production refuses one that
	// looks guessable, see checkSecret).
	SessionSecret string `env:"OURSPACE_SESSION_SECRET"`
	// RefreshGrace is how long a rotated refresh token still gets its
	// successor again (two tabs, a retried request); 0 turns it off.
	RefreshGrace time.Duration `env:"OURSPACE_REFRESH_GRACE" envDefault:"10s"`
	// WelcomePoints is the grant a new account receives.
	WelcomePoints int64 `env:"OURSPACE_WELCOME_POINTS" envDefault:"100000"`
	// DetailCacheSize is how many spaces' detail pages this process keeps
	// (each checked against the database on every read); 0 turns it off.
	DetailCacheSize int `env:"OURSPACE_DETAIL_CACHE_SIZE" envDefault:"10000"`
	// RequestTimeout is every request's deadline, which reaches the
	// database; UploadTimeout that of the photo uploads, body and work
	// together (see httpapi.Timeouts and docs/faults.md).
	RequestTimeout time.Duration `env:"OURSPACE_REQUEST_TIMEOUT" envDefault:"10s"`
	UploadTimeout  time.Duration `env:"OURSPACE_UPLOAD_TIMEOUT" envDefault:"10m"`
	// SweepInterval is how often expired holds and ended bookings are marked.
	SweepInterval time.Duration `env:"OURSPACE_SWEEP_INTERVAL" envDefault:"30s"`
	// WebhookURL receives every notification event as a signed POST
	// (HMAC-SHA256 of the body under WebhookSecret); without it events are
	// logged instead. WebhookAttempts bounds the tries per event.
	WebhookURL      string `env:"OURSPACE_WEBHOOK_URL"`
	WebhookSecret   string `env:"OURSPACE_WEBHOOK_SECRET"`
	WebhookAttempts int    `env:"OURSPACE_WEBHOOK_ATTEMPTS" envDefault:"8"`
	// WebLoginRedirect is the front-end page a web login lands on.
	WebLoginRedirect string `env:"OURSPACE_WEB_LOGIN_REDIRECT"`
	// CORSOrigins may call the API from a browser page of another origin;
	// a development run allows the Vite dev server of web/ by default.
	CORSOrigins []string `env:"OURSPACE_CORS_ORIGINS" envSeparator:","`
	// Web holds what the web app's page is given (web.Config): the map's
	// tile server and its credit.
	Web web.Config `envPrefix:"OURSPACE_"`

	KakaoClientID     string `env:"OURSPACE_KAKAO_CLIENT_ID"`
	KakaoClientSecret string `env:"OURSPACE_KAKAO_CLIENT_SECRET"`
	KakaoIssuer       string `env:"OURSPACE_KAKAO_ISSUER" envDefault:"https://kauth.kakao.com"`
	KakaoRedirectURL  string `env:"OURSPACE_KAKAO_REDIRECT_URL"`
	// DevOIDCAddr is where the development OpenID Connect provider listens
	// when Kakao is not configured.
	DevOIDCAddr string `env:"OURSPACE_DEV_OIDC_ADDR" envDefault:"127.0.0.1:0"`
	// DevOIDCPublicURL is where browsers and this process reach that
	// provider when not at its listening address (docker compose:
	// http://localhost:8090); unset, the listening address.
	DevOIDCPublicURL string `env:"OURSPACE_DEV_OIDC_PUBLIC_URL"`
	// Rate limits and metrics (observability.go).
	OpsConfig
	// publicURLDefault: OURSPACE_PUBLIC_URL was not set, so PublicURL is
	// the development default (http://localhost:<port>).
	publicURLDefault bool

	// MySQLReadDSN is a read replica for the discovery reads that tolerate
	// its lag (docs/scaling.md); unset, everything reads the primary.
	MySQLReadDSN string `env:"OURSPACE_MYSQL_READ_DSN"`
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
		c.publicURLDefault = true
	}
	c.PublicURL = strings.TrimSuffix(c.PublicURL, "/")
	if c.MediaBaseURL == "" {
		c.MediaBaseURL = c.PublicURL + "/media/"
	}
	if c.KakaoRedirectURL == "" {
		c.KakaoRedirectURL = c.PublicURL + "/v1/auth/kakao/callback"
	}
	if len(c.CORSOrigins) == 0 && c.Env == "development" {
		c.CORSOrigins = httpapi.DevCORSOrigins
	}
	if c.Env != "development" && c.Env != "production" {
		return config{}, fmt.Errorf("OURSPACE_ENV must be development or production, not %q", c.Env)
	}
	if c.Env == "production" {
		// Cookies are marked Secure, and links and redirects made, from it.
		if u, err := url.Parse(c.PublicURL); c.publicURLDefault || err != nil || u.Scheme != "https" || u.Host == "" {
			return config{}, fmt.Errorf("OURSPACE_PUBLIC_URL must be set to the https:// URL of this server in production")
		}
	}
	if c.RefreshGrace < 0 || c.RefreshGrace > time.Minute {
		return config{}, fmt.Errorf("OURSPACE_REFRESH_GRACE must be between 0s and 1m")
	}
	if c.WelcomePoints <= 0 {
		return config{}, fmt.Errorf("OURSPACE_WELCOME_POINTS must be positive")
	}
	if c.DetailCacheSize < 0 {
		return config{}, fmt.Errorf("OURSPACE_DETAIL_CACHE_SIZE must be 0 (off) or more")
	}
	if c.MySQLMaxConns < 1 {
		return config{}, fmt.Errorf("OURSPACE_MYSQL_MAX_CONNS must be positive")
	}
	if err := c.Web.Check(); err != nil {
		return config{}, err
	}
	if c.RequestTimeout < time.Second || c.UploadTimeout < c.RequestTimeout {
		return config{}, fmt.Errorf("OURSPACE_REQUEST_TIMEOUT must be at least 1s, and OURSPACE_UPLOAD_TIMEOUT at least as long")
	}
	if c.SweepInterval < time.Second {
		return config{}, fmt.Errorf("OURSPACE_SWEEP_INTERVAL must be at least 1s")
	}
	if c.WebhookURL != "" && len(c.WebhookSecret) < 32 {
		return config{}, fmt.Errorf("OURSPACE_WEBHOOK_SECRET must be at least 32 characters when OURSPACE_WEBHOOK_URL is set")
	}
	if c.WebhookAttempts < 1 {
		return config{}, fmt.Errorf("OURSPACE_WEBHOOK_ATTEMPTS must be positive")
	}
	if err := c.check(); err != nil { // OpsConfig's
		return config{}, err
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
