package main

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"time"

	"github.com/ourspace/ourspace/adapters/accesstoken"
	"github.com/ourspace/ourspace/adapters/devoidc"
	"github.com/ourspace/ourspace/adapters/kakao"
)

// secrets are the keys derived from OURSPACE_SESSION_SECRET, one per use.
type secrets struct {
	accessToken     []byte
	loginCookie     []byte
	refreshRotation []byte
}

// minSecretBits is the least estimated entropy of a production session
// secret: 32 random bytes in base64 or hex give well over 200.
const minSecretBits = 128

func loadSecrets(cfg config, log *slog.Logger) (secrets, error) {
	master := []byte(cfg.SessionSecret)
	if len(master) == 0 {
		if cfg.Env == "production" || cfg.KakaoClientID != "" {
			return secrets{}, errors.New("OURSPACE_SESSION_SECRET is required with Kakao or in production (32+ random bytes)")
		}
		master = make([]byte, 32)
		_, _ = rand.Read(master)
		log.Warn("OURSPACE_SESSION_SECRET is not set: using a random one, so sessions end when the process stops")
	}
	if len(master) < accesstoken.MinSecretBytes {
		return secrets{}, fmt.Errorf("OURSPACE_SESSION_SECRET must be at least %d bytes", accesstoken.MinSecretBytes)
	}
	if err := checkSecret(cfg.SessionSecret); err != nil {
		if cfg.Env == "production" {
			return secrets{}, err
		}
		log.Warn("production would refuse this session secret", "err", err)
	}
	derive := func(purpose string) []byte {
		m := hmac.New(sha256.New, master)
		m.Write([]byte(purpose))
		return m.Sum(nil)
	}
	return secrets{accessToken: derive("ourspace access token"), loginCookie: derive("ourspace login cookie"),
		refreshRotation: derive("ourspace refresh rotation")}, nil
}

// checkSecret refuses a secret that looks guessable: too short an estimate
// of its entropy, taken as its length times the Shannon entropy of its
// characters, or of the steps between them (so "abcd…" and "0123…0123…"
// score as low as "aaaa…"). An estimate only: a long passphrase passes;
// `openssl rand -base64 48` always does.
func checkSecret(secret string) error {
	if secret == "" {
		return nil // drawn at random (development)
	}
	b := []byte(secret)
	steps := make([]byte, 0, len(b))
	for i := 1; i < len(b); i++ {
		steps = append(steps, b[i]-b[i-1])
	}
	bits := min(float64(len(b))*shannon(b), float64(len(steps))*shannon(steps))
	if bits < minSecretBits {
		return fmt.Errorf("OURSPACE_SESSION_SECRET looks guessable (about %.0f bits, want %d+): use 32+ random bytes, e.g. openssl rand -base64 48",
			bits, minSecretBits)
	}
	return nil
}

// shannon is the entropy in bits per symbol of the symbols' frequencies.
func shannon(symbols []byte) float64 {
	var counts [256]int
	for _, c := range symbols {
		counts[c]++
	}
	h := 0.0
	for _, n := range counts {
		if n > 0 {
			p := float64(n) / float64(len(symbols))
			h -= p * math.Log2(p)
		}
	}
	return h
}

// refreshGrace is the grace window for service.Options, where zero means
// the default and OURSPACE_REFRESH_GRACE=0 means none.
func refreshGrace(cfg config) time.Duration {
	if cfg.RefreshGrace == 0 {
		return -1
	}
	return cfg.RefreshGrace
}

// identityProvider is Kakao when configured; otherwise, in development only,
// a local OpenID Connect provider that lets whoever signs in choose the demo
// guest, the demo host or a new user (adapters/devoidc), driven through the
// same Kakao adapter.
func identityProvider(ctx context.Context, cfg config, log *slog.Logger) (*kakao.Client, func(), error) {
	if cfg.KakaoClientID != "" {
		c, err := kakao.New(ctx, kakao.Config{IssuerURL: cfg.KakaoIssuer, ClientID: cfg.KakaoClientID,
			ClientSecret: cfg.KakaoClientSecret, RedirectURL: cfg.KakaoRedirectURL})
		if err != nil {
			return nil, nil, err
		}
		log.Info("Kakao login", "issuer", cfg.KakaoIssuer, "redirect_url", cfg.KakaoRedirectURL)
		return c, func() {}, nil
	}
	if cfg.Env == "production" {
		return nil, nil, errors.New("OURSPACE_KAKAO_CLIENT_ID is required in production; the development login is refused")
	}
	p, err := devoidc.StartPublic(cfg.DevOIDCAddr, cfg.DevOIDCPublicURL)
	if err != nil {
		return nil, nil, fmt.Errorf("development login (OURSPACE_DEV_OIDC_ADDR, OURSPACE_DEV_OIDC_PUBLIC_URL): %w", err)
	}
	c, err := kakao.New(ctx, kakao.Config{IssuerURL: p.Issuer(), ClientID: p.ClientID(), ClientSecret: p.ClientSecret(), RedirectURL: cfg.KakaoRedirectURL})
	if err != nil {
		_ = p.Close()
		return nil, nil, err
	}
	log.Warn("DEVELOPMENT LOGIN: Kakao is not configured (OURSPACE_KAKAO_CLIENT_ID); a local OpenID Connect provider signs you in as the demo guest, the demo host or a new user, as you choose",
		"issuer", p.Issuer(), "login", cfg.PublicURL+"/v1/auth/kakao/login")
	return c, func() { _ = p.Close() }, nil
}
