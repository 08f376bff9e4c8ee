package command_test

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ourspace/ourspace/app/command"
	"github.com/ourspace/ourspace/app/internal/apptest"
	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/session"
	"github.com/ourspace/ourspace/domain/user"
)

// idp is a fake identity provider. It knows some ID tokens and, for the web
// flow, accepts a code only with the verifier and nonce of the last
// authorization URL it built, as a real provider checks PKCE and the token's
// nonce. "ryan-token#2" is another token naming the same identity as
// "ryan-token".
type idp struct {
	tokens map[string]user.Identity // ID token → identity
	expiry time.Time                // of every ID token
	web    user.Identity            // who signs in through the web flow
	err    error                    // when set, every call fails with it

	nonce, verifier string // of the last AuthCodeURL
	gotNonce        string // of the last VerifyIDToken
}

var _ ports.IdentityProvider = (*idp)(nil)

func (p *idp) AuthCodeURL(state, nonce, verifier string) string {
	p.nonce, p.verifier = nonce, verifier
	ch := sha256.Sum256([]byte(verifier))
	return "https://idp.example/authorize?" + url.Values{
		"state": {state}, "nonce": {nonce},
		"code_challenge": {base64.RawURLEncoding.EncodeToString(ch[:])}, "code_challenge_method": {"S256"},
	}.Encode()
}

func (p *idp) Exchange(_ context.Context, code, verifier, nonce string) (user.Identity, error) {
	if p.err != nil {
		return user.Identity{}, p.err
	}
	if code != "good-code" || verifier == "" || verifier != p.verifier || nonce != p.nonce {
		return user.Identity{}, fmt.Errorf("%w: code, verifier or nonce refused", ports.ErrUnauthenticated)
	}
	return p.web, nil
}

func (p *idp) VerifyIDToken(_ context.Context, rawIDToken, nonce string) (ports.IDToken, error) {
	p.gotNonce = nonce
	if p.err != nil {
		return ports.IDToken{}, p.err
	}
	name, _, _ := strings.Cut(rawIDToken, "#")
	id, ok := p.tokens[name]
	if !ok {
		return ports.IDToken{}, fmt.Errorf("%w: bad ID token", ports.ErrUnauthenticated)
	}
	key := sha256.Sum256([]byte(rawIDToken))
	return ports.IDToken{Identity: id, ReplayKey: key[:], Expiry: p.expiry}, nil
}

const welcome = 100_000

// The rotation of refresh tokens in the tests.
var rotationKey = []byte("0123456789abcdef0123456789abcdef")

const grace = 10 * time.Second

var t0 = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)

// world is the use cases wired to fakes.
type world struct {
	store  *apptest.Store
	tokens *apptest.AccessTokens
	clock  *ports.FixedClock // settable: tests move it
	idp    *idp

	signIn  command.SignInWithIDTokenHandler
	web     command.WebLoginHandler
	refresh command.RefreshSessionHandler
	signOut command.SignOutHandler
}

func newWorld(t *testing.T) *world {
	t.Helper()
	w := &world{store: apptest.NewStore(), tokens: apptest.NewAccessTokens(), clock: &ports.FixedClock{At: t0},
		idp: &idp{tokens: map[string]user.Identity{
			"ryan-token":   identity(t, "4001", "라이언"),
			"apeach-token": identity(t, "4002", "어피치"),
		}, expiry: t0.Add(10 * time.Minute), web: identity(t, "4001", "라이언")}}
	w.signIn = command.NewSignInWithIDTokenHandler(w.idp, w.store, w.tokens, w.clock, welcome)
	w.web = command.NewWebLoginHandler(w.idp, w.store, w.tokens, w.clock, welcome)
	w.refresh = command.NewRefreshSessionHandler(w.store, w.tokens, w.clock, command.Rotation{Key: rotationKey, Grace: grace})
	w.signOut = command.NewSignOutHandler(w.store, w.clock)
	return w
}

func identity(t *testing.T, subject, nickname string) user.Identity {
	t.Helper()
	id, err := user.NewIdentity("kakao", subject, nickname, "https://k.kakaocdn.net/"+subject+".jpg", subject+"@kakao.example")
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func (w *world) advance(d time.Duration) { w.clock.At = w.clock.At.Add(d) }

// stored finds the refresh token as the store keeps it, by its hash.
func (w *world) stored(t *testing.T, refreshToken string) session.Token {
	t.Helper()
	h := sha256.Sum256([]byte(refreshToken))
	tok, err := w.store.Read().Sessions.ByHashForUpdate(context.Background(), h[:])
	if err != nil {
		t.Fatalf("refresh token not stored by its SHA-256: %v", err)
	}
	return tok
}

// claims verifies the access token of a sign-in now.
func (w *world) claims(t *testing.T, tk command.Tokens) ports.AccessClaims {
	t.Helper()
	c, err := w.tokens.Verify(tk.AccessToken, w.clock.Now())
	if err != nil {
		t.Fatalf("access token does not verify: %v", err)
	}
	return c
}

// familyActive says whether a session may still be used.
func (w *world) familyActive(t *testing.T, family string) bool {
	t.Helper()
	ok, err := w.store.Read().Sessions.FamilyActive(context.Background(), family, w.ownerOf(family))
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

// ownerOf is the user of a family's tokens.
func (w *world) ownerOf(family string) int64 {
	for _, s := range w.store.Tokens() {
		if s.FamilyID == family {
			return s.UserID
		}
	}
	return 0
}

// checkTokens asserts what every sign-in and refresh hands out: a refresh
// token stored hashed in the family of the access token, lifetimes from now.
func (w *world) checkTokens(t *testing.T, tk command.Tokens, userID int64) session.Token {
	t.Helper()
	now := w.clock.Now()
	if tk.UserID != userID {
		t.Errorf("UserID = %d, want %d", tk.UserID, userID)
	}
	if !tk.AccessExpiresAt.Equal(now.Add(session.AccessTTL)) || !tk.RefreshExpiresAt.Equal(now.Add(session.RefreshTTL)) {
		t.Errorf("expiries = %v, %v, want now + %v, now + %v", tk.AccessExpiresAt, tk.RefreshExpiresAt, session.AccessTTL, session.RefreshTTL)
	}
	c := w.claims(t, tk)
	stored := w.stored(t, tk.RefreshToken)
	if c.UserID != userID || stored.UserID != userID {
		t.Errorf("access token user %d, refresh token user %d, want %d", c.UserID, stored.UserID, userID)
	}
	if c.FamilyID == "" || stored.FamilyID != c.FamilyID {
		t.Errorf("access token family %q, refresh token family %q: want the same, non-empty", c.FamilyID, stored.FamilyID)
	}
	if !stored.ExpiresAt.Equal(tk.RefreshExpiresAt) {
		t.Errorf("stored expiry %v, handed out %v", stored.ExpiresAt, tk.RefreshExpiresAt)
	}
	for _, s := range w.store.Tokens() {
		if string(s.Hash) == tk.RefreshToken {
			t.Errorf("refresh token stored in the clear")
		}
	}
	return stored
}
