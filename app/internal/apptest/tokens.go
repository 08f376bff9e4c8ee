package apptest

import (
	"fmt"
	"strconv"
	"time"

	"github.com/ourspace/ourspace/app/ports"
)

// AccessTokens is an in-memory ports.AccessTokens: a token is an opaque
// name for the claims it was issued with, valid until its expiry.
type AccessTokens struct {
	issued map[string]issued
}

type issued struct {
	claims  ports.AccessClaims
	expires time.Time
}

var _ ports.AccessTokens = (*AccessTokens)(nil)

// NewAccessTokens gives a token issuer that has issued nothing.
func NewAccessTokens() *AccessTokens { return &AccessTokens{issued: map[string]issued{}} }

// Issue names the claims with a fresh token.
func (a *AccessTokens) Issue(c ports.AccessClaims, _, expires time.Time) (string, error) {
	tok := "access-" + strconv.Itoa(len(a.issued)+1)
	a.issued[tok] = issued{claims: c, expires: expires}
	return tok, nil
}

// Verify gives the claims of a token issued here and not yet expired.
func (a *AccessTokens) Verify(token string, now time.Time) (ports.AccessClaims, error) {
	is, ok := a.issued[token]
	if !ok {
		return ports.AccessClaims{}, fmt.Errorf("%w: unknown access token", ports.ErrUnauthenticated)
	}
	if !now.Before(is.expires) {
		return ports.AccessClaims{}, fmt.Errorf("%w: access token expired", ports.ErrUnauthenticated)
	}
	return is.claims, nil
}
