package accesstoken_test

import (
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/ourspace/ourspace/adapters/accesstoken"
	"github.com/ourspace/ourspace/app/ports"
)

var secret = []byte(strings.Repeat("s", 32))

func TestIssueAndVerify(t *testing.T) {
	s, err := accesstoken.New(secret)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	tok, err := s.Issue(ports.AccessClaims{UserID: 7, FamilyID: "fam"}, now, now.Add(15*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.Verify(tok, now.Add(time.Minute))
	if err != nil || c.UserID != 7 || c.FamilyID != "fam" {
		t.Fatalf("verify: %+v, %v", c, err)
	}
	if _, err := s.Verify(tok, now.Add(16*time.Minute)); !errors.Is(err, ports.ErrUnauthenticated) {
		t.Errorf("expired token: %v", err)
	}
	other, _ := accesstoken.New([]byte(strings.Repeat("x", 32)))
	if _, err := other.Verify(tok, now); !errors.Is(err, ports.ErrUnauthenticated) {
		t.Errorf("token checked with another secret: %v", err)
	}
}

func TestForgedTokensAreRefused(t *testing.T) {
	s, _ := accesstoken.New(secret)
	now := time.Now()
	claims := func() jwt.MapClaims {
		return jwt.MapClaims{"iss": accesstoken.Issuer, "aud": accesstoken.Audience, "sub": "7", "sid": "fam",
			"iat": now.Unix(), "exp": now.Add(time.Minute).Unix()}
	}
	hs := func(c jwt.MapClaims) string {
		tok, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(secret)
		return tok
	}
	key, _ := rsa.GenerateKey(rand.Reader, 2048)
	rs, _ := jwt.NewWithClaims(jwt.SigningMethodRS256, claims()).SignedString(key)
	none, _ := jwt.NewWithClaims(jwt.SigningMethodNone, claims()).SignedString(jwt.UnsafeAllowNoneSignatureType)
	hs512, _ := jwt.NewWithClaims(jwt.SigningMethodHS512, claims()).SignedString(secret)
	noExp := claims()
	delete(noExp, "exp")
	wrongIss, wrongAud, noSid := claims(), claims(), claims()
	wrongIss["iss"], wrongAud["aud"] = "other", "other"
	delete(noSid, "sid")
	for name, tok := range map[string]string{
		"RS256": rs, "alg none": none, "HS512": hs512, "no expiry": hs(noExp), "wrong issuer": hs(wrongIss),
		"wrong audience": hs(wrongAud), "no session": hs(noSid), "garbage": "a.b.c",
	} {
		if _, err := s.Verify(tok, now); !errors.Is(err, ports.ErrUnauthenticated) {
			t.Errorf("%s: err = %v, want unauthenticated", name, err)
		}
	}
	if _, err := accesstoken.New([]byte("short")); err == nil {
		t.Error("a short secret was accepted")
	}
}
