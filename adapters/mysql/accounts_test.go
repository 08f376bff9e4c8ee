package mysql_test

import (
	"context"
	"crypto/sha256"
	"errors"
	"testing"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/session"
	"github.com/ourspace/ourspace/domain/user"
)

var authNow = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func key(s string) []byte {
	h := sha256.Sum256([]byte(s))
	return h[:]
}

// A used ID token is refused on every replica (each with its own pool on
// the one database) until it is forgotten, which happens only once it has
// expired.
func TestUsedIDTokensHoldAcrossReplicas(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, dsn := mysqltest.NewDatabase(t)
	other, err := mysql.Open(dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = other.Close() })
	a, b := mysql.NewStore(db), mysql.NewStore(other)
	use := func(s mysql.Store, k string, expires time.Time) error {
		return s.InTx(ctx, func(r ports.Repositories) error { return r.IDTokens.UseIDToken(ctx, key(k), expires, authNow) })
	}
	if err := use(a, "t1", authNow.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if err := use(b, "t1", authNow.Add(time.Minute)); !errors.Is(err, session.ErrIDTokenReused) {
		t.Fatalf("the same token on another replica: %v, want ErrIDTokenReused", err)
	}
	for i, k := range []string{"t2", "t3", "t4"} {
		if err := use(b, k, authNow.Add(time.Duration(i+2)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	// At authNow+3m: t1 (1m) and t2 (2m) have expired, t3 expires now, t4 later.
	forget := func(limit int) {
		if err := a.InTx(ctx, func(r ports.Repositories) error {
			return r.IDTokens.ForgetExpiredIDTokens(ctx, authNow.Add(3*time.Minute), limit)
		}); err != nil {
			t.Fatal(err)
		}
	}
	count := func() (n int) {
		if err := db.QueryRow("SELECT COUNT(*) FROM used_id_tokens").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	forget(1)
	if n := count(); n != 3 {
		t.Errorf("%d remembered after forgetting at most one, want 3", n)
	}
	forget(100)
	if n := count(); n != 2 {
		t.Errorf("%d remembered after forgetting the expired, want 2 (t3, t4)", n)
	}
	if err := use(a, "t3", authNow.Add(4*time.Minute)); !errors.Is(err, session.ErrIDTokenReused) {
		t.Errorf("t3, not yet expired, after the forgetting: %v, want ErrIDTokenReused", err)
	}
}

func TestLoginCodeWorksOnlyWithItsBrowser(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, _ := mysqltest.NewDatabase(t)
	s := mysql.NewStore(db)
	var uid int64
	if err := s.InTx(ctx, func(r ports.Repositories) error {
		u, _, err := r.Users.Upsert(ctx, user.Identity{Provider: "kakao", Subject: "lc-1", Nickname: "라이언"}, authNow)
		if err != nil {
			return err
		}
		uid = int64(u.ID)
		return r.LoginCodes.CreateLoginCode(ctx, key("code"), key("browser"), uid, true, authNow, authNow.Add(session.LoginCodeTTL))
	}); err != nil {
		t.Fatal(err)
	}
	consume := func(browser string) (int64, bool, error) {
		var id int64
		var created bool
		err := s.InTx(ctx, func(r ports.Repositories) (err error) {
			id, created, err = r.LoginCodes.ConsumeLoginCode(ctx, key("code"), key(browser), authNow.Add(time.Second))
			return err
		})
		return id, created, err
	}
	if _, _, err := consume("another browser"); !errors.Is(err, session.ErrBadLoginCode) {
		t.Fatalf("another browser: %v, want ErrBadLoginCode", err)
	}
	if id, created, err := consume("browser"); err != nil || id != uid || !created {
		t.Fatalf("its browser: %d, %v, %v; want %d, true", id, created, err, uid)
	}
	if _, _, err := consume("browser"); !errors.Is(err, session.ErrBadLoginCode) {
		t.Errorf("second use: %v, want ErrBadLoginCode", err)
	}
}

func TestSessionIsActiveOnlyForItsUser(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, _ := mysqltest.NewDatabase(t)
	s := mysql.NewStore(db)
	var owner, stranger int64
	if err := s.InTx(ctx, func(r ports.Repositories) error {
		a, _, err := r.Users.Upsert(ctx, user.Identity{Provider: "kakao", Subject: "s-1", Nickname: "라이언"}, authNow)
		if err != nil {
			return err
		}
		b, _, err := r.Users.Upsert(ctx, user.Identity{Provider: "kakao", Subject: "s-2", Nickname: "어피치"}, authNow)
		if err != nil {
			return err
		}
		owner, stranger = int64(a.ID), int64(b.ID)
		_, err = r.Sessions.Create(ctx, "family-1", owner, key("refresh"), authNow, authNow.Add(time.Hour))
		return err
	}); err != nil {
		t.Fatal(err)
	}
	for who, want := range map[int64]bool{owner: true, stranger: false} {
		if got, err := s.Read().Sessions.FamilyActive(ctx, "family-1", who); err != nil || got != want {
			t.Errorf("FamilyActive(family-1, user %d) = %v, %v; want %v", who, got, err, want)
		}
	}
}
