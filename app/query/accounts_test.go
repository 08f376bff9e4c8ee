package query_test

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/ourspace/ourspace/app/internal/apptest"
	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/points"
	"github.com/ourspace/ourspace/domain/search"
	"github.com/ourspace/ourspace/domain/session"
	"github.com/ourspace/ourspace/domain/user"
)

var t0 = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)

// seedSession stores a user and a refresh token of family, and signs an
// access token of it valid for session.AccessTTL from t0.
func seedSession(t *testing.T, store *apptest.Store, tokens *apptest.AccessTokens, subject, family string) (ports.AccessClaims, string) {
	t.Helper()
	ctx := context.Background()
	var c ports.AccessClaims
	err := store.InTx(ctx, func(r ports.Repositories) error {
		u, _, err := r.Users.Upsert(ctx, user.Identity{Provider: "kakao", Subject: subject, Nickname: subject}, t0)
		if err != nil {
			return err
		}
		c = ports.AccessClaims{UserID: int64(u.ID), FamilyID: family}
		_, err = r.Sessions.Create(ctx, family, c.UserID, []byte("hash-of-"+family), t0, t0.Add(session.RefreshTTL))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	tok, err := tokens.Issue(c, t0, t0.Add(session.AccessTTL))
	if err != nil {
		t.Fatal(err)
	}
	return c, tok
}

func TestAuthenticate(t *testing.T) {
	ctx := context.Background()
	store, tokens, clock := apptest.NewStore(), apptest.NewAccessTokens(), &ports.FixedClock{At: t0.Add(time.Minute)}
	h := query.NewAuthenticateHandler(tokens, store, clock)
	ryan, ryanTok := seedSession(t, store, tokens, "4001", "fam-ryan")
	_, apeachTok := seedSession(t, store, tokens, "4002", "fam-apeach")

	got, err := h.Handle(ctx, ryanTok)
	if err != nil {
		t.Fatal(err)
	}
	if got != ryan {
		t.Errorf("claims = %+v, want %+v", got, ryan)
	}

	if err := store.InTx(ctx, func(r ports.Repositories) error { return r.Sessions.RevokeFamily(ctx, "fam-ryan", clock.Now()) }); err != nil {
		t.Fatal(err)
	}
	if _, err := h.Handle(ctx, ryanTok); !errors.Is(err, ports.ErrUnauthenticated) {
		t.Errorf("token of a revoked session: %v, want ErrUnauthenticated", err)
	}
	if _, err := h.Handle(ctx, apeachTok); err != nil {
		t.Errorf("another session: %v", err)
	}
	if _, err := h.Handle(ctx, "not-a-token"); !errors.Is(err, ports.ErrUnauthenticated) {
		t.Errorf("bad token: %v, want ErrUnauthenticated", err)
	}
	clock.At = t0.Add(session.AccessTTL)
	if _, err := h.Handle(ctx, apeachTok); !errors.Is(err, ports.ErrUnauthenticated) {
		t.Errorf("expired token: %v, want ErrUnauthenticated", err)
	}
}

// A failing session lookup is the server's fault, not the caller's: it must
// not turn into a 401 that signs the user out.
func TestAuthenticateLookupFailureIsNotUnauthenticated(t *testing.T) {
	store, tokens := apptest.NewStore(), apptest.NewAccessTokens()
	_, tok := seedSession(t, store, tokens, "4001", "fam")
	boom := errors.New("database down")
	store.Fail["Sessions.FamilyActive"] = boom
	_, err := query.NewAuthenticateHandler(tokens, store, ports.FixedClock{At: t0}).Handle(context.Background(), tok)
	if !errors.Is(err, boom) || errors.Is(err, ports.ErrUnauthenticated) {
		t.Errorf("error = %v, want %v and not ErrUnauthenticated", err, boom)
	}
}

// seedLedger stores two users and interleaves their entries; it gives the
// ids of the first user's entries, oldest first.
func seedLedger(t *testing.T, store *apptest.Store, n int) (me, other int64, mine []int64) {
	t.Helper()
	ctx := context.Background()
	err := store.InTx(ctx, func(r ports.Repositories) error {
		u, _, err := r.Users.Upsert(ctx, user.Identity{Provider: "kakao", Subject: "4001", Nickname: "라이언", Email: "ryan@kakao.example"}, t0)
		if err != nil {
			return err
		}
		o, _, err := r.Users.Upsert(ctx, user.Identity{Provider: "kakao", Subject: "4002", Nickname: "어피치"}, t0)
		if err != nil {
			return err
		}
		me, other = int64(u.ID), int64(o.ID)
		for i := range n {
			e, err := r.Points.Append(ctx, points.Entry{UserID: me, Kind: points.KindRefund, Amount: int64(i + 1), CreatedAt: t0})
			if err != nil {
				return err
			}
			mine = append(mine, e.ID)
			if _, err := r.Points.Append(ctx, points.Entry{UserID: other, Kind: points.KindGrant, Amount: 1_000_000, CreatedAt: t0}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return me, other, mine
}

func TestMeBalanceIsTheSumOfTheLedger(t *testing.T) {
	ctx := context.Background()
	store := apptest.NewStore()
	me, _, _ := seedLedger(t, store, 0)
	err := store.InTx(ctx, func(r ports.Repositories) error {
		for _, a := range []int64{100_000, -30_000, 15_000} {
			if _, err := r.Points.Append(ctx, points.Entry{UserID: me, Amount: a, Kind: points.KindGrant, CreatedAt: t0}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := query.NewMeHandler(store).Handle(ctx, me)
	if err != nil {
		t.Fatal(err)
	}
	want := query.Me{ID: me, Nickname: "라이언", Email: "ryan@kakao.example", PointsBalance: 85_000, CreatedAt: t0}
	if got != want {
		t.Errorf("Me = %+v, want %+v", got, want)
	}
	if _, err := query.NewMeHandler(store).Handle(ctx, 999); !errors.Is(err, user.ErrNotFound) {
		t.Errorf("unknown user: %v, want user.ErrNotFound", err)
	}
}

func TestListPointsWalksEveryEntryOnceNewestFirst(t *testing.T) {
	tests := []struct {
		entries, limit int
		pages          []int // page sizes
	}{
		{45, 10, []int{10, 10, 10, 10, 5}},
		{40, 10, []int{10, 10, 10, 10}}, // no empty last page
		{3, 1, []int{1, 1, 1}},
		{0, 5, []int{0}},
		{21, 0, []int{search.DefaultLimit, 1}}, // 0: the default page size
		{101, search.MaxLimit, []int{100, 1}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d entries by %d", tt.entries, tt.limit), func(t *testing.T) {
			ctx := context.Background()
			store := apptest.NewStore()
			me, _, mine := seedLedger(t, store, tt.entries)
			h := query.NewMeHandler(store)
			var got []int64
			var sizes []int
			cursor := ""
			for {
				page, err := h.ListPoints(ctx, me, cursor, tt.limit)
				if err != nil {
					t.Fatal(err)
				}
				sizes = append(sizes, len(page.Items))
				for _, e := range page.Items {
					if e.UserID != me {
						t.Fatalf("entry %d of user %d in my ledger", e.ID, e.UserID)
					}
					got = append(got, e.ID)
				}
				if page.NextCursor == "" {
					break
				}
				if len(sizes) > tt.entries+1 {
					t.Fatal("paging does not end")
				}
				cursor = page.NextCursor
			}
			want := slices.Clone(mine)
			slices.Reverse(want)
			if !slices.Equal(got, want) {
				t.Errorf("walked %v, want %v", got, want)
			}
			if !slices.Equal(sizes, tt.pages) {
				t.Errorf("page sizes %v, want %v", sizes, tt.pages)
			}
		})
	}
}

func TestListPointsRefusesBadInput(t *testing.T) {
	store := apptest.NewStore()
	me, _, _ := seedLedger(t, store, 3)
	b64 := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	tests := []struct {
		name, cursor string
		limit        int
		field        string
	}{
		{"cursor not base64", "!!!", 10, "cursor"},
		{"cursor not a number", b64("abc"), 10, "cursor"},
		{"cursor zero", b64("0"), 10, "cursor"},
		{"cursor negative", b64("-5"), 10, "cursor"},
		{"cursor of a search", b64(`{"s":"popular","k":1,"i":2}`), 10, "cursor"},
		{"limit negative", "", -1, "limit"},
		{"limit over the maximum", "", search.MaxLimit + 1, "limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := query.NewMeHandler(store).ListPoints(context.Background(), me, tt.cursor, tt.limit)
			var fe *search.FieldError
			if !errors.As(err, &fe) || fe.Field != tt.field {
				t.Fatalf("error = %v, want a FieldError on %q", err, tt.field)
			}
			if !errors.Is(err, search.ErrInvalid) {
				t.Errorf("IsInvalid(%v) = false", err)
			}
		})
	}
}
