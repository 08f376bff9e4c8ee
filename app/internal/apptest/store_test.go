package apptest

import (
	"context"
	"crypto/sha256"
	"errors"
	"testing"
	"time"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/points"
	"github.com/ourspace/ourspace/domain/session"
	"github.com/ourspace/ourspace/domain/user"
)

var t0 = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)

// The use cases' tests rely on this: a failed transaction leaves no trace.
func TestInTxRollsBackEverything(t *testing.T) {
	ctx := context.Background()
	s := NewStore()
	boom := errors.New("boom")
	h := sha256.Sum256([]byte("r"))
	err := s.InTx(ctx, func(r ports.Repositories) error {
		u, _, err := r.Users.Upsert(ctx, user.Identity{Provider: "kakao", Subject: "1"}, t0)
		if err != nil {
			return err
		}
		if _, err := r.Points.Append(ctx, points.Entry{UserID: int64(u.ID), Kind: points.KindGrant, Amount: 5}); err != nil {
			return err
		}
		if _, err := r.Sessions.Create(ctx, "f", int64(u.ID), h[:], t0, t0.Add(time.Hour)); err != nil {
			return err
		}
		if err := r.LoginCodes.CreateLoginCode(ctx, h[:], h[:], int64(u.ID), true, t0, t0.Add(time.Hour)); err != nil {
			return err
		}
		if err := r.IDTokens.UseIDToken(ctx, h[:], t0.Add(time.Hour), t0); err != nil {
			return err
		}
		// The transaction sees its own writes.
		if _, err := r.Users.ByID(ctx, u.ID); err != nil {
			t.Errorf("ByID inside the transaction: %v", err)
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("InTx = %v, want %v", err, boom)
	}
	if len(s.Users()) != 0 || len(s.Entries()) != 0 || len(s.Tokens()) != 0 {
		t.Errorf("after rollback: %d users, %d entries, %d tokens, want none", len(s.Users()), len(s.Entries()), len(s.Tokens()))
	}
	if _, _, err := s.Read().LoginCodes.ConsumeLoginCode(ctx, h[:], h[:], t0); !errors.Is(err, session.ErrBadLoginCode) {
		t.Errorf("login code after rollback: %v, want ErrBadLoginCode", err)
	}
	if s.UsedIDTokens() != 0 {
		t.Errorf("%d used ID tokens remembered after rollback, want none", s.UsedIDTokens())
	}
	if s.Commits != 0 || s.Rollbacks != 1 {
		t.Errorf("commits, rollbacks = %d, %d, want 0, 1", s.Commits, s.Rollbacks)
	}
}

func TestInTxRollbackKeepsEarlierCommits(t *testing.T) {
	ctx := context.Background()
	s := NewStore()
	h := sha256.Sum256([]byte("r"))
	if err := s.InTx(ctx, func(r ports.Repositories) error {
		_, err := r.Sessions.Create(ctx, "f", 1, h[:], t0, t0.Add(time.Hour))
		return err
	}); err != nil {
		t.Fatal(err)
	}
	_ = s.InTx(ctx, func(r ports.Repositories) error {
		tok, err := r.Sessions.ByHashForUpdate(ctx, h[:])
		if err != nil {
			return err
		}
		if err := r.Sessions.MarkRotated(ctx, tok.ID, t0); err != nil {
			return err
		}
		if err := r.Sessions.RevokeFamily(ctx, "f", t0); err != nil {
			return err
		}
		return errors.New("boom")
	})
	tok, err := s.Read().Sessions.ByHashForUpdate(ctx, h[:])
	if err != nil {
		t.Fatal(err)
	}
	if tok.RotatedAt != nil || tok.RevokedAt != nil {
		t.Errorf("token after a rolled-back rotation and revocation = %+v, want unchanged", tok)
	}
}
