package kakao

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	jose "github.com/go-jose/go-jose/v4"
)

// Defaults of the key cache.
const (
	// DefaultKeyRefresh is the least time between two fetches of the
	// provider's JWKS, whatever the tokens presented say.
	DefaultKeyRefresh = time.Minute
	// keyMaxAge is how long fetched keys are used before they are fetched
	// again (on the next verification), so a key the provider withdrew
	// stops working.
	keyMaxAge = time.Hour
	// maxJWKSBytes bounds the JWKS response read.
	maxJWKSBytes = 1 << 20
)

// errKeysUnavailable means the JWKS could not be fetched: the token may
// be good, but we cannot tell now.
var errKeysUnavailable = errors.New("the provider's signing keys could not be fetched")

// keySet is the provider's JWKS, cached: an oidc.KeySet. go-oidc's own
// RemoteKeySet fetches the JWKS again for every token whose key id it has
// not seen (it only merges concurrent fetches), so a flood of forged tokens
// with made-up key ids becomes a flood of requests to Kakao. This one
// fetches at most once per minRefresh; a key the provider really added is
// picked up by the first token using it after that.
type keySet struct {
	url        string
	client     *http.Client
	now        func() time.Time
	minRefresh time.Duration

	// fetching serialises fetches: who waited finds the keys just fetched
	// and the attempt too recent to fetch again.
	fetching sync.Mutex

	mu          sync.RWMutex
	keys        []jose.JSONWebKey
	keysAt      time.Time // last successful fetch
	attemptedAt time.Time // last fetch, successful or not
	lastErr     error     // of the last fetch
}

// keyFailure lets one verification learn that the JWKS was unavailable,
// which go-oidc's Verify reports only as text.
type keyFailure struct{ err error }

type keyFailureKey struct{}

// VerifySignature implements oidc.KeySet: RS256 only, by the key the
// token's kid names (every key when it names none).
func (s *keySet) VerifySignature(ctx context.Context, raw string) ([]byte, error) {
	jws, err := jose.ParseSignedCompact(raw, []jose.SignatureAlgorithm{jose.RS256}) // a JWT is always compact
	if err != nil {
		return nil, fmt.Errorf("malformed ID token: %w", err)
	}
	if len(jws.Signatures) != 1 {
		return nil, errors.New("an ID token needs exactly one signature")
	}
	kid := jws.Signatures[0].Header.KeyID
	s.mu.RLock()
	keys, fresh := s.keys, s.now().Sub(s.keysAt) < keyMaxAge
	s.mu.RUnlock()
	if fresh {
		if payload, ok := verifyWith(keys, jws, kid); ok {
			return payload, nil
		}
	}
	keys, fetchErr := s.refresh(ctx)
	if payload, ok := verifyWith(keys, jws, kid); ok {
		return payload, nil
	}
	if fetchErr != nil {
		if f, ok := ctx.Value(keyFailureKey{}).(*keyFailure); ok {
			f.err = fetchErr
		}
		return nil, fetchErr
	}
	return nil, fmt.Errorf("no signing key of the provider verifies the token (kid %q)", kid)
}

func verifyWith(keys []jose.JSONWebKey, jws *jose.JSONWebSignature, kid string) ([]byte, bool) {
	for i := range keys {
		if kid != "" && keys[i].KeyID != kid {
			continue
		}
		if payload, err := jws.Verify(&keys[i]); err == nil {
			return payload, true
		}
	}
	return nil, false
}

// refresh fetches the JWKS unless a fetch was tried less than minRefresh
// ago, and gives the keys with the error of the latest fetch.
func (s *keySet) refresh(ctx context.Context) ([]jose.JSONWebKey, error) {
	s.fetching.Lock()
	defer s.fetching.Unlock()
	s.mu.RLock()
	recent := !s.attemptedAt.IsZero() && s.now().Sub(s.attemptedAt) < s.minRefresh
	keys, lastErr := s.keys, s.lastErr
	s.mu.RUnlock()
	if recent {
		return keys, lastErr
	}
	// Detached from the caller: a client hanging up must not fail the fetch
	// that every other request then relies on for a minute.
	fetched, err := s.fetch(context.WithoutCancel(ctx))
	s.mu.Lock()
	defer s.mu.Unlock()
	s.attemptedAt = s.now()
	s.lastErr = err
	if err == nil {
		s.keys, s.keysAt = fetched, s.attemptedAt
	}
	return s.keys, err
}

func (s *keySet) fetch(ctx context.Context) ([]jose.JSONWebKey, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.url, nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errKeysUnavailable, err)
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errKeysUnavailable, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxJWKSBytes))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errKeysUnavailable, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%w: %s answered %s", errKeysUnavailable, s.url, resp.Status)
	}
	var set struct {
		Keys []json.RawMessage `json:"keys"`
	}
	if err := json.Unmarshal(body, &set); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", errKeysUnavailable, s.url, err)
	}
	var keys []jose.JSONWebKey
	for _, raw := range set.Keys {
		// RFC 7517 §5: skip keys of types we do not understand rather than
		// losing the whole set.
		var k jose.JSONWebKey
		if json.Unmarshal(raw, &k) == nil && k.IsPublic() && k.Valid() && (k.Use == "" || k.Use == "sig") {
			keys = append(keys, k)
		}
	}
	return keys, nil
}
