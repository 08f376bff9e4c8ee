package devoidc_test

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ourspace/ourspace/adapters/devoidc"
	"github.com/ourspace/ourspace/adapters/kakao"
	"github.com/ourspace/ourspace/domain/user"
)

const verifier = "verifier-verifier-verifier-verifier-verifier"

func setup(t *testing.T) (*devoidc.Provider, *kakao.Client) {
	t.Helper()
	p, err := devoidc.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = p.Close() })
	c, err := kakao.New(context.Background(), kakao.Config{IssuerURL: p.Issuer(), ClientID: p.ClientID(),
		ClientSecret: p.ClientSecret(), RedirectURL: "http://127.0.0.1:1/v1/auth/kakao/callback"})
	if err != nil {
		t.Fatal(err)
	}
	return p, c
}

var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// signIn follows authorizeURL as a browser would and exchanges the code it
// is redirected with for the identity it stands for.
func signIn(t *testing.T, c *kakao.Client, authorizeURL string) user.Identity {
	t.Helper()
	resp, err := noRedirect.Get(authorizeURL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || resp.StatusCode != http.StatusFound || loc.Query().Get("code") == "" {
		t.Fatalf("authorize: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	id, err := c.Exchange(context.Background(), loc.Query().Get("code"), verifier, "nonce-1")
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func withHint(authorizeURL, hint string) string {
	return authorizeURL + "&login_hint=" + url.QueryEscape(hint)
}

func TestLoginHintChoosesTheAccount(t *testing.T) {
	_, c := setup(t)
	authorize := c.AuthCodeURL("state-1", "nonce-1", verifier)
	for hint, want := range map[string]user.Identity{
		"demo-guest": {Subject: devoidc.DemoSubject, Nickname: "데모 게스트", Email: "demo@ourspace.local"},
		"demo-host":  {Subject: devoidc.DemoHostSubject, Nickname: "데모 호스트", Email: "host@ourspace.local"},
	} {
		id := signIn(t, c, withHint(authorize, hint))
		if id.Subject != want.Subject || id.Nickname != want.Nickname || id.Email != want.Email || id.Provider != kakao.Provider {
			t.Errorf("login_hint=%s signed in %+v, want %+v", hint, id, want)
		}
	}
	nickname := regexp.MustCompile(`^새 사용자 \d{4}$`)
	subject := regexp.MustCompile(`^new-[0-9a-f]{16}$`)
	first := signIn(t, c, withHint(authorize, "new"))
	second := signIn(t, c, withHint(authorize, "new"))
	for _, id := range []user.Identity{first, second} {
		if !subject.MatchString(id.Subject) || !nickname.MatchString(id.Nickname) {
			t.Errorf("login_hint=new signed in %+v", id)
		}
	}
	if first.Subject == second.Subject {
		t.Errorf("two new users share the subject %s", first.Subject)
	}
}

func TestAQueuedUserWinsOverTheHint(t *testing.T) {
	p, c := setup(t)
	p.QueueUser(devoidc.User{Subject: "kakao-7", Nickname: "라이언"})
	authorize := c.AuthCodeURL("s", "nonce-1", verifier)
	if id := signIn(t, c, withHint(authorize, "demo-host")); id.Subject != "kakao-7" {
		t.Errorf("signed in %s, want the queued kakao-7", id.Subject)
	}
	p.QueueUser(devoidc.User{Subject: "kakao-8", Nickname: "어피치"})
	if id := signIn(t, c, authorize); id.Subject != "kakao-8" {
		t.Errorf("signed in %s without a hint, want the queued kakao-8", id.Subject)
	}
	// The queue is empty again: the hint decides.
	if id := signIn(t, c, withHint(authorize, "demo-host")); id.Subject != devoidc.DemoHostSubject {
		t.Errorf("signed in %s, want the demo host", id.Subject)
	}
}

func TestWithoutAHintTheProviderOffersAChoice(t *testing.T) {
	_, c := setup(t)
	// A state that would break out of an attribute must come back escaped.
	hostile := `"><script>alert(1)</script>`
	for name, authorize := range map[string]string{
		"no hint":      c.AuthCodeURL(hostile, "nonce-1", verifier),
		"unknown hint": withHint(c.AuthCodeURL(hostile, "nonce-1", verifier), "<b>nobody</b>"),
	} {
		resp, err := noRedirect.Get(authorize)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		page := string(raw)
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			t.Fatalf("%s: %d %s", name, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		if strings.Contains(page, "<script") || strings.Contains(page, "<b>") || strings.Contains(page, "src=") || strings.Contains(page, "<link") {
			t.Errorf("%s: the page echoes markup or loads assets:\n%s", name, page)
		}
		for _, label := range []string{"데모 게스트", "데모 호스트", "새 사용자", "Development login"} {
			if !strings.Contains(page, label) {
				t.Errorf("%s: no %q on the page", name, label)
			}
		}
		links := regexp.MustCompile(`href="([^"]*)"`).FindAllStringSubmatch(page, -1)
		if len(links) != 3 {
			t.Fatalf("%s: %d links, want 3:\n%s", name, len(links), page)
		}
		want, _ := url.Parse(authorize)
		for i, hint := range []string{"demo-guest", "demo-host", "new"} {
			href, err := url.Parse(strings.ReplaceAll(links[i][1], "&amp;", "&"))
			if err != nil {
				t.Fatalf("%s: link %q: %v", name, links[i][1], err)
			}
			target := want.ResolveReference(href)
			if target.Path != want.Path || target.Host != want.Host {
				t.Errorf("%s: link %d goes to %s, want the authorize endpoint", name, i, target)
			}
			q := target.Query()
			if q.Get("login_hint") != hint {
				t.Errorf("%s: link %d has login_hint %q, want %q", name, i, q.Get("login_hint"), hint)
			}
			for k := range want.Query() {
				if k != "login_hint" && q.Get(k) != want.Query().Get(k) {
					t.Errorf("%s: link %d changed %s to %q", name, i, k, q.Get(k))
				}
			}
			// Following the link signs in.
			if hint == "demo-host" {
				if id := signIn(t, c, target.String()); id.Subject != devoidc.DemoHostSubject {
					t.Errorf("%s: the demo host link signed in %s", name, id.Subject)
				}
			}
		}
	}
}

// A provider listening on one address and announced at another that
// reaches it (docker compose: listening on :8090 in the container,
// published as localhost:8090) names the announced one in its issuer,
// discovery and authorize URL, and a login through it completes.
func TestAProviderAnnouncedAtAPublicURL(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	_ = ln.Close()
	p, err := devoidc.StartPublic("127.0.0.1:"+port, "http://localhost:"+port+"/")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = p.Close() })
	public := "http://localhost:" + port
	if p.Issuer() != public+"/oidc" {
		t.Fatalf("issuer %s, want %s/oidc", p.Issuer(), public)
	}
	resp, err := http.Get(p.Issuer() + "/.well-known/openid-configuration")
	if err != nil {
		t.Fatal(err)
	}
	var discovery map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&discovery)
	resp.Body.Close()
	for _, k := range []string{"issuer", "authorization_endpoint", "token_endpoint", "jwks_uri"} {
		if v, _ := discovery[k].(string); !strings.HasPrefix(v, public+"/") && v != p.Issuer() {
			t.Errorf("discovery %s = %q, want it under %s", k, v, public)
		}
	}
	c, err := kakao.New(context.Background(), kakao.Config{IssuerURL: p.Issuer(), ClientID: p.ClientID(),
		ClientSecret: p.ClientSecret(), RedirectURL: "http://localhost:1/v1/auth/kakao/callback"})
	if err != nil {
		t.Fatal(err)
	}
	authorize := c.AuthCodeURL("state-1", "nonce-1", verifier)
	if !strings.HasPrefix(authorize, public+"/") {
		t.Errorf("the browser is sent to %s, want %s", authorize, public)
	}
	if id := signIn(t, c, withHint(authorize, "demo-guest")); id.Subject != devoidc.DemoSubject {
		t.Errorf("signed in %+v, want the demo guest", id)
	}

	for _, bad := range []string{"localhost:8090", "https://localhost:8090", "http://localhost:8090/oidc", "http://", "http://localhost:8090?x=1"} {
		if p, err := devoidc.StartPublic("127.0.0.1:0", bad); err == nil {
			_ = p.Close()
			t.Errorf("public URL %q accepted", bad)
		}
	}
}
