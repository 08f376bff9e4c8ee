package ports

import (
	"context"
	"errors"
	"time"

	"github.com/ourspace/ourspace/domain/user"
)

// ErrUnauthenticated means the caller did not prove who they are: a bad,
// expired or foreign token, a wrong state or nonce, a refused code.
var ErrUnauthenticated = errors.New("unauthenticated")

// IdentityProvider signs users in through OpenID Connect (Kakao, or the
// development provider). Every method verifies the ID token's signature,
// issuer, audience, expiry and algorithm; failures wrap ErrUnauthenticated.
type IdentityProvider interface {
	// AuthCodeURL is where to send the browser: the provider's login with
	// state, nonce and the PKCE S256 challenge of verifier.
	AuthCodeURL(state, nonce, verifier string) string
	// Exchange trades an authorization code and its PKCE verifier for the
	// identity in the verified ID token, whose nonce must equal nonce. When
	// the provider does not answer it fails with ErrUnavailable.
	Exchange(ctx context.Context, code, verifier, nonce string) (user.Identity, error)
	// VerifyIDToken checks an ID token a Kakao SDK obtained on a device; a
	// non-empty nonce must equal the token's. When the provider's signing
	// keys cannot be fetched it fails with ErrUnavailable.
	VerifyIDToken(ctx context.Context, rawIDToken, nonce string) (IDToken, error)
}

// IDToken is a verified ID token: whom it names, and what the device
// sign-in needs to accept it only once.
type IDToken struct {
	Identity user.Identity
	// ReplayKey names this token among all the provider's tokens: a
	// SHA-256 of its issuer and jti, or of its signed part when it has no
	// jti.
	ReplayKey []byte
	// Expiry is the token's exp: after it the token is refused anyway, so
	// its use need not be remembered longer.
	Expiry time.Time
}

// AccessClaims is what a verified access token says.
type AccessClaims struct {
	UserID   int64
	FamilyID string // the session the token belongs to
}

// AccessTokens signs and verifies our short-lived access tokens.
type AccessTokens interface {
	Issue(c AccessClaims, now, expires time.Time) (string, error)
	// Verify checks signature, algorithm, issuer, audience and expiry;
	// failures wrap ErrUnauthenticated.
	Verify(token string, now time.Time) (AccessClaims, error)
}
