package httpapi

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ourspace/ourspace/app/command"
	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/session"
)

// loginCookie carries a web login's state, nonce, PKCE verifier and browser
// secret from the login redirect to the callback (HttpOnly, signed, ten
// minutes); the callback replaces it with the browser secret alone, which
// the login code's exchange needs (as long as the code lives).
const (
	loginCookie    = "ourspace_login"
	loginCookieTTL = 10 * time.Minute
)

// noStore keeps tokens and login codes out of every cache (RFC 6749 §5.1).
const noStore = "no-store"

// TokenPair is what a sign-in or a refresh gives the client.
type TokenPair struct {
	AccessToken      string `json:"access_token" doc:"Bearer token for the API, short-lived"`
	TokenType        string `json:"token_type" example:"Bearer"`
	ExpiresIn        int    `json:"expires_in" doc:"Seconds until the access token expires" example:"900"`
	RefreshToken     string `json:"refresh_token" doc:"One-use token for POST /v1/auth/refresh; keep it secret"`
	RefreshExpiresIn int    `json:"refresh_expires_in" doc:"Seconds until the refresh token expires"`
	UserID           int64  `json:"user_id"`
	NewUser          bool   `json:"new_user" doc:"This sign-in created the account"`
}

type tokenOutput struct {
	CacheControl string `header:"Cache-Control"`
	SetCookie    string `header:"Set-Cookie"`
	Body         TokenPair
}

type loginInput struct {
	host string // the request's Host, see loginElsewhere
}

// Resolve implements huma.Resolver: the Host header is no parameter.
func (in *loginInput) Resolve(ctx huma.Context) []error {
	in.host = ctx.Host()
	return nil
}

type redirectOutput struct {
	Status       int
	Location     string `header:"Location"`
	SetCookie    string `header:"Set-Cookie"`
	CacheControl string `header:"Cache-Control"`
}

type callbackInput struct {
	Code        string `query:"code" doc:"Authorization code from the provider"`
	State       string `query:"state" doc:"State given at login"`
	Error       string `query:"error" doc:"Set by the provider when the user declined"`
	LoginCookie string `cookie:"ourspace_login"`
}

type loginCodeInput struct {
	LoginCookie string `cookie:"ourspace_login" doc:"Set by the callback in the browser that signed in; the code works only with it"`
	Body        struct {
		Code string `json:"code" minLength:"1" maxLength:"200" doc:"The one-time code the callback put in the front end's URL fragment"`
	}
}

type idTokenInput struct {
	Body struct {
		IDToken string `json:"id_token" minLength:"1" maxLength:"8192" doc:"ID token a Kakao SDK obtained on the device"`
		Nonce   string `json:"nonce,omitempty" maxLength:"200" doc:"The nonce the app gave the SDK, when it gave one"`
	}
}

type refreshInput struct {
	Body struct {
		RefreshToken string `json:"refresh_token" minLength:"1" maxLength:"200"`
	}
}

type loginState struct {
	State    string `json:"s,omitempty"`
	Nonce    string `json:"n,omitempty"`
	Verifier string `json:"v,omitempty"`
	Browser  string `json:"b"`
	Expires  int64  `json:"e"`
}

func (h handlers) registerAuth(api huma.API) {
	tags := []string{"Accounts"}
	huma.Register(api, huma.Operation{
		OperationID: "kakao-login", Method: http.MethodGet, Path: "/v1/auth/kakao/login", Tags: tags,
		Summary:       "Start a Kakao web login",
		Description:   "Redirects the browser to Kakao (authorization code with PKCE S256, state and nonce), keeping the login's secrets in an HttpOnly cookie. The callback ends by redirecting to the front end with a one-time code in the URL fragment (#code=…), which the same browser exchanges at POST /v1/auth/login-code, with its cookie.",
		Responses:     map[string]*huma.Response{"302": {Description: "Redirect to the provider (or, in development, to this login on the public URL's host)"}},
		DefaultStatus: http.StatusFound,
	}, func(ctx context.Context, in *loginInput) (*redirectOutput, error) {
		if there, ok := h.loginElsewhere(in.host); ok {
			return &redirectOutput{Status: http.StatusFound, Location: there, CacheControl: noStore}, nil
		}
		s := h.app.Commands.WebLogin.Start()
		cookie := h.signCookie(loginState{State: s.State, Nonce: s.Nonce, Verifier: s.Verifier, Browser: s.Browser,
			Expires: time.Now().Add(loginCookieTTL).Unix()})
		return &redirectOutput{Status: http.StatusFound, Location: s.URL, SetCookie: h.cookie(cookie, loginCookieTTL).String(), CacheControl: noStore}, nil
	})
	huma.Register(api, huma.Operation{
		OperationID: "kakao-callback", Method: http.MethodGet, Path: "/v1/auth/kakao/callback", Tags: tags,
		Summary:       "Finish a Kakao web login",
		Description:   "Checks state against the login cookie, exchanges the code, verifies the ID token and its nonce, then redirects to the front end with #code=<one-time code>.",
		Responses:     map[string]*huma.Response{"302": {Description: "Redirect to the front end"}},
		DefaultStatus: http.StatusFound,
		Metadata:      map[string]any{anyQuery: true}, // Kakao writes this URL's query (error_description, …)
	}, func(ctx context.Context, in *callbackInput) (*redirectOutput, error) {
		st, cookieErr := h.openCookie(in.LoginCookie)
		switch {
		case in.Error != "":
			return nil, loginRefused(ctx, "the provider refused the login: "+in.Error, "provider error", in.Error)
		case cookieErr != nil:
			return nil, loginRefused(ctx, "login expired or started elsewhere; start again", "login cookie", cookieErr.Error())
		case in.State == "" || !hmac.Equal([]byte(in.State), []byte(st.State)):
			return nil, loginRefused(ctx, "state does not match this browser's login", "state", "does not match the login cookie's")
		case in.Code == "":
			return nil, huma.Error422UnprocessableEntity("missing code", &huma.ErrorDetail{Location: "query.code", Message: "required"})
		}
		code, err := h.app.Commands.WebLogin.Complete(ctx, in.Code, st.Verifier, st.Nonce, st.Browser)
		if err != nil {
			return nil, problem(ctx, err, "query")
		}
		// The login's other secrets are spent; the browser's stays until the
		// code is exchanged.
		handover := h.signCookie(loginState{Browser: st.Browser, Expires: time.Now().Add(session.LoginCodeTTL).Unix()})
		return &redirectOutput{Status: http.StatusFound, Location: h.webRedirect + "#code=" + url.QueryEscape(code),
			SetCookie: h.cookie(handover, session.LoginCodeTTL).String(), CacheControl: noStore}, nil
	})
	huma.Register(api, huma.Operation{
		OperationID: "exchange-login-code", Method: http.MethodPost, Path: "/v1/auth/login-code", Tags: tags,
		Summary: "Exchange a web login's one-time code for tokens", Errors: []int{401, 422, 500},
		Description: "Codes work once, for two minutes, and only in the browser that signed in: the request must carry the ourspace_login cookie the callback set (a same-origin fetch sends it). A code taken to another browser is refused (401) and stays good for its own.",
	}, func(ctx context.Context, in *loginCodeInput) (*tokenOutput, error) {
		st, err := h.openCookie(in.LoginCookie)
		if err != nil {
			logger(ctx).InfoContext(ctx, "web login refused", "step", "login code", "reason", err.Error())
			return nil, unauthorized("this login code belongs to another browser, or its login expired; sign in again")
		}
		t, err := h.app.Commands.WebLogin.ExchangeLoginCode(ctx, in.Body.Code, st.Browser)
		if err != nil {
			return nil, problem(ctx, err, "body")
		}
		out := tokenPair(t)
		out.SetCookie = h.cookie("", -1).String()
		return out, nil
	})
	huma.Register(api, huma.Operation{
		OperationID: "kakao-token-login", Method: http.MethodPost, Path: "/v1/auth/kakao/token", Tags: tags,
		Summary: "Sign in with a device's Kakao ID token", Errors: []int{401, 422, 500},
		Description: "For apps using a Kakao SDK: the ID token is verified server-side (signature from Kakao's keys, issuer, audience, expiry, and nonce when given).",
	}, func(ctx context.Context, in *idTokenInput) (*tokenOutput, error) {
		t, err := h.app.Commands.SignInWithIDToken.Handle(ctx, in.Body.IDToken, in.Body.Nonce)
		if err != nil {
			return nil, problem(ctx, err, "body")
		}
		return tokenPair(t), nil
	})
	huma.Register(api, huma.Operation{
		OperationID: "refresh-session", Method: http.MethodPost, Path: "/v1/auth/refresh", Tags: tags,
		Summary: "Rotate tokens", Errors: []int{401, 422, 500},
		Description: "Exchanges a refresh token for a new pair. Each refresh token works once; presenting a used one again revokes the whole session.",
	}, func(ctx context.Context, in *refreshInput) (*tokenOutput, error) {
		t, err := h.app.Commands.RefreshSession.Handle(ctx, in.Body.RefreshToken)
		if err != nil {
			return nil, problem(ctx, err, "body")
		}
		return tokenPair(t), nil
	})
	huma.Register(api, huma.Operation{
		OperationID: "logout", Method: http.MethodPost, Path: "/v1/auth/logout", Tags: tags,
		Summary: "Sign out", Description: "Revokes the session of the access token: its refresh tokens and access tokens stop working.",
		Security: bearer, DefaultStatus: http.StatusNoContent, Errors: []int{401, 500},
	}, func(ctx context.Context, _ *struct{}) (*struct{}, error) {
		if err := h.app.Commands.SignOut.Handle(ctx, caller(ctx).FamilyID); err != nil {
			return nil, problem(ctx, err, "header")
		}
		return nil, nil
	})
}

func tokenPair(t command.Tokens) *tokenOutput {
	now := time.Now()
	return &tokenOutput{CacheControl: noStore, Body: TokenPair{AccessToken: t.AccessToken, TokenType: "Bearer",
		ExpiresIn: int(t.AccessExpiresAt.Sub(now).Round(time.Second).Seconds()), RefreshToken: t.RefreshToken,
		RefreshExpiresIn: int(t.RefreshExpiresAt.Sub(now).Round(time.Second).Seconds()), UserID: t.UserID, NewUser: t.NewUser}}
}

func unauthorized(msg string) error { return huma.Error401Unauthorized(msg) }

// loginRefused logs why a web login step failed (the caller learns less),
// and answers 401.
func loginRefused(ctx context.Context, msg, step, reason string) error {
	logger(ctx).InfoContext(ctx, "web login refused", "step", step, "reason", reason)
	return unauthorized(msg)
}

// loginElsewhere is where a login reached on host should start instead:
// the same login on the public URL's host, when loginOnPublicHost is set,
// host is a loopback name or address and not the public URL's. Otherwise
// the cookie would be set for this host and the provider would send the
// browser back to the other, without it. Only the configured URL is ever
// redirected to; the Host header is merely compared.
func (h handlers) loginElsewhere(host string) (string, bool) {
	pub, err := url.Parse(h.publicURL)
	if !h.loginOnPublicHost || err != nil || strings.EqualFold(host, pub.Host) || !isLoopback(host) {
		return "", false
	}
	return h.publicURL + "/v1/auth/kakao/login", true
}

// isLoopback says whether a Host header names this machine: localhost (or
// a name under .localhost, RFC 6761) or a loopback address.
func isLoopback(hostport string) bool {
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		host = strings.Trim(hostport, "[]")
	}
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// signCookie encodes a login state and its HMAC.
func (h handlers) signCookie(s loginState) string {
	b, _ := json.Marshal(s)
	payload := base64.RawURLEncoding.EncodeToString(b)
	return payload + "." + base64.RawURLEncoding.EncodeToString(h.mac(payload))
}

// openCookie checks the HMAC and expiry of a login cookie; the error says
// what is wrong, for the log.
func (h handlers) openCookie(v string) (loginState, error) {
	if v == "" {
		return loginState{}, errors.New("no login cookie: the login started on another host or expired, or cookies are blocked")
	}
	payload, sig, ok := strings.Cut(v, ".")
	if !ok {
		return loginState{}, errors.New("malformed login cookie")
	}
	got, err := base64.RawURLEncoding.DecodeString(sig)
	if err != nil || !hmac.Equal(got, h.mac(payload)) {
		return loginState{}, errors.New("login cookie signature does not verify (forged, or another session secret)")
	}
	raw, err := base64.RawURLEncoding.DecodeString(payload)
	var s loginState
	if err != nil || json.Unmarshal(raw, &s) != nil || s.Browser == "" {
		return loginState{}, errors.New("unreadable login cookie")
	}
	if time.Now().Unix() > s.Expires {
		return loginState{}, errors.New("login cookie expired")
	}
	return s, nil
}

func (h handlers) mac(payload string) []byte {
	m := hmac.New(sha256.New, h.cookieKey)
	m.Write([]byte("login-cookie:" + payload))
	return m.Sum(nil)
}

func (h handlers) cookie(value string, ttl time.Duration) *http.Cookie {
	// Secure whenever the site is served over https (a plain-http development
	// site would never get it back); Lax, not Strict, because the provider's
	// redirect back to the callback is a cross-site navigation.
	c := &http.Cookie{Name: loginCookie, Value: value, Path: "/v1/auth/", HttpOnly: true, //nolint:gosec // G124: see above
		Secure: strings.HasPrefix(h.publicURL, "https://"), SameSite: http.SameSiteLaxMode}
	if ttl < 0 {
		c.MaxAge = -1
	} else {
		c.MaxAge = int(ttl.Seconds())
	}
	return c
}

var errNoCaller = errors.New("no authenticated caller in context")

type callerKey struct{}

// viewer is the signed-in user of an operation whose token is optional
// (optionalBearer); 0 when the caller is anonymous.
func viewer(ctx context.Context) int64 {
	if c, ok := ctx.Value(callerKey{}).(ports.AccessClaims); ok {
		return c.UserID
	}
	return 0
}

// caller is the authenticated user of a request that passed requireBearer.
func caller(ctx context.Context) ports.AccessClaims {
	c, ok := ctx.Value(callerKey{}).(ports.AccessClaims)
	if !ok {
		panic(errNoCaller) // only reachable by registering an operation without Security: bearer
	}
	return c
}
