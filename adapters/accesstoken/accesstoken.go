// Package accesstoken signs and verifies our own short-lived access tokens:
// JWTs (golang-jwt) with HS256 pinned, and our issuer and audience checked.
package accesstoken

import (
	"fmt"
	"strconv"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/ourspace/ourspace/app/ports"
)

// Issuer and Audience of our tokens.
const (
	Issuer   = "ourspace"
	Audience = "ourspace-api"
)

// MinSecretBytes is the shortest HS256 secret accepted.
const MinSecretBytes = 32

// Signer implements ports.AccessTokens.
type Signer struct{ secret []byte }

// New signs with secret (at least MinSecretBytes bytes).
func New(secret []byte) (Signer, error) {
	if len(secret) < MinSecretBytes {
		return Signer{}, fmt.Errorf("access token secret must be at least %d bytes", MinSecretBytes)
	}
	return Signer{secret: secret}, nil
}

type tokenClaims struct {
	jwt.RegisteredClaims
	SessionID string `json:"sid"`
}

// Issue implements ports.AccessTokens.
func (s Signer) Issue(c ports.AccessClaims, now, expires time.Time) (string, error) {
	t := jwt.NewWithClaims(jwt.SigningMethodHS256, tokenClaims{
		RegisteredClaims: jwt.RegisteredClaims{Issuer: Issuer, Audience: jwt.ClaimStrings{Audience},
			Subject: strconv.FormatInt(c.UserID, 10), IssuedAt: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(expires)},
		SessionID: c.FamilyID,
	})
	return t.SignedString(s.secret)
}

// Verify implements ports.AccessTokens.
func (s Signer) Verify(token string, now time.Time) (ports.AccessClaims, error) {
	var c tokenClaims
	_, err := jwt.ParseWithClaims(token, &c, func(*jwt.Token) (any, error) { return s.secret, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}), jwt.WithIssuer(Issuer), jwt.WithAudience(Audience),
		jwt.WithExpirationRequired(), jwt.WithTimeFunc(func() time.Time { return now }))
	if err != nil {
		return ports.AccessClaims{}, fmt.Errorf("%w: access token: %v", ports.ErrUnauthenticated, err)
	}
	id, err := strconv.ParseInt(c.Subject, 10, 64)
	if err != nil || id <= 0 || c.SessionID == "" {
		return ports.AccessClaims{}, fmt.Errorf("%w: access token lacks subject or session", ports.ErrUnauthenticated)
	}
	return ports.AccessClaims{UserID: id, FamilyID: c.SessionID}, nil
}
