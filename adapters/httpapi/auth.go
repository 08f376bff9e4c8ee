package httpapi

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ourspace/ourspace/app/command"
	"github.com/ourspace/ourspace/app/ports"
)

// loginCookie carries a web login's state, nonce and PKCE verifier from the
// login redirect to the callback: HttpOnly, signed, ten minutes.
const (
	loginCookie    = "ourspace_login"
	loginCookieTTL = 10 * time.Minute
)

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

type tokenOutput struct{ Body TokenPair }

type loginInput struct{}

type redirectOutput struct {
	Status    int
	Location  string `header:"Location"`
	SetCookie string `header:"Set-Cookie"`
}

type callbackInput struct {
	Code        string `query:"code" doc:"Authorization code from the provider"`
	State       string `query:"state" doc:"State given at login"`
	Error       string `query:"error" doc:"Set by the provider when the user declined"`
	LoginCookie string `cookie:"ourspace_login"`
}

type loginCodeInput struct {
	Body struct {
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
	State    string `json:"s"`
	Nonce    string `json:"n"`
	Verifier string `json:"v"`
	Expires  int64  `json:"e"`
}

func (h handlers) registerAuth(api huma.API) {
	tags := []string{"Accounts"}
	huma.Register(api, huma.Operation{
		OperationID: "kakao-login", Method: http.MethodGet, Path: "/v1/auth/kakao/login", Tags: tags,
		Summary:       "Start a Kakao web login",
		Description:   "Redirects the browser to Kakao (authorization code with PKCE S256, state and nonce). The callback ends by redirecting to the front end with a one-time code in the URL fragment (#code=…), which the front end exchanges at POST /v1/auth/login-code.",
		Responses:     map[string]*huma.Response{"302": {Description: "Redirect to the provider"}},
		DefaultStatus: http.StatusFound,
	}, func(ctx context.Context, _ *loginInput) (*redirectOutput, error) {
		s := h.app.Commands.WebLogin.Start()
		cookie := h.signCookie(loginState{State: s.State, Nonce: s.Nonce, Verifier: s.Verifier, Expires: time.Now().Add(loginCookieTTL).Unix()})
		return &redirectOutput{Status: http.StatusFound, Location: s.URL, SetCookie: h.cookie(cookie, loginCookieTTL).String()}, nil
	})
	huma.Register(api, huma.Operation{
		OperationID: "kakao-callback", Method: http.MethodGet, Path: "/v1/auth/kakao/callback", Tags: tags,
		Summary:       "Finish a Kakao web login",
		Description:   "Checks state against the login cookie, exchanges the code, verifies the ID token and its nonce, then redirects to the front end with #code=<one-time code>.",
		Responses:     map[string]*huma.Response{"302": {Description: "Redirect to the front end"}},
		DefaultStatus: http.StatusFound,
		Metadata:      map[string]any{anyQuery: true}, // Kakao writes this URL's query (error_description, …)
	}, func(ctx context.Context, in *callbackInput) (*redirectOutput, error) {
		st, ok := h.openCookie(in.LoginCookie)
		switch {
		case in.Error != "":
			return nil, unauthorized("the provider refused the login: " + in.Error)
		case !ok:
			return nil, unauthorized("login expired or started elsewhere; start again")
		case in.State == "" || !hmac.Equal([]byte(in.State), []byte(st.State)):
			return nil, unauthorized("state does not match this browser's login")
		case in.Code == "":
			return nil, huma.Error422UnprocessableEntity("missing code", &huma.ErrorDetail{Location: "query.code", Message: "required"})
		}
		code, err := h.app.Commands.WebLogin.Complete(ctx, in.Code, st.Verifier, st.Nonce)
		if err != nil {
			return nil, problem(ctx, err, "query")
		}
		return &redirectOutput{Status: http.StatusFound, Location: h.webRedirect + "#code=" + url.QueryEscape(code),
			SetCookie: h.cookie("", -1).String()}, nil
	})
	huma.Register(api, huma.Operation{
		OperationID: "exchange-login-code", Method: http.MethodPost, Path: "/v1/auth/login-code", Tags: tags,
		Summary: "Exchange a web login's one-time code for tokens", Errors: []int{401, 422, 500}, Description: "Codes work once, for two minutes.",
	}, func(ctx context.Context, in *loginCodeInput) (*tokenOutput, error) {
		t, err := h.app.Commands.WebLogin.ExchangeLoginCode(ctx, in.Body.Code)
		if err != nil {
			return nil, problem(ctx, err, "body")
		}
		return tokenPair(t), nil
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
	return &tokenOutput{Body: TokenPair{AccessToken: t.AccessToken, TokenType: "Bearer",
		ExpiresIn: int(t.AccessExpiresAt.Sub(now).Round(time.Second).Seconds()), RefreshToken: t.RefreshToken,
		RefreshExpiresIn: int(t.RefreshExpiresAt.Sub(now).Round(time.Second).Seconds()), UserID: t.UserID, NewUser: t.NewUser}}
}

func unauthorized(msg string) error { return huma.Error401Unauthorized(msg) }

// signCookie encodes a login state and its HMAC.
func (h handlers) signCookie(s loginState) string {
	b, _ := json.Marshal(s)
	payload := base64.RawURLEncoding.EncodeToString(b)
	return payload + "." + base64.RawURLEncoding.EncodeToString(h.mac(payload))
}

// openCookie checks the HMAC and expiry of a login cookie.
func (h handlers) openCookie(v string) (loginState, bool) {
	payload, sig, ok := strings.Cut(v, ".")
	if !ok {
		return loginState{}, false
	}
	got, err := base64.RawURLEncoding.DecodeString(sig)
	if err != nil || !hmac.Equal(got, h.mac(payload)) {
		return loginState{}, false
	}
	raw, err := base64.RawURLEncoding.DecodeString(payload)
	var s loginState
	if err != nil || json.Unmarshal(raw, &s) != nil || time.Now().Unix() > s.Expires {
		return loginState{}, false
	}
	return s, true
}

func (h handlers) mac(payload string) []byte {
	m := hmac.New(sha256.New, h.cookieKey)
	m.Write([]byte("login-cookie:" + payload))
	return m.Sum(nil)
}

func (h handlers) cookie(value string, ttl time.Duration) *http.Cookie {
	c := &http.Cookie{Name: loginCookie, Value: value, Path: "/v1/auth/", HttpOnly: true,
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
