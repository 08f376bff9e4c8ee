package main

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"

	"github.com/ourspace/ourspace/adapters/accesstoken"
	"github.com/ourspace/ourspace/adapters/devoidc"
	"github.com/ourspace/ourspace/adapters/kakao"
)

// secrets are the keys derived from OURSPACE_SESSION_SECRET, one per use.
type secrets struct {
	accessToken []byte
	loginCookie []byte
}

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
	derive := func(purpose string) []byte {
		m := hmac.New(sha256.New, master)
		m.Write([]byte(purpose))
		return m.Sum(nil)
	}
	return secrets{accessToken: derive("ourspace access token"), loginCookie: derive("ourspace login cookie")}, nil
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
	p, err := devoidc.Start(cfg.DevOIDCAddr)
	if err != nil {
		return nil, nil, err
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
