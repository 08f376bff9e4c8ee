package session

import (
	"errors"
	"testing"
	"time"
)

func TestTokenCheckRefresh(t *testing.T) {
	expires := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	earlier := expires.Add(-time.Hour)
	justAfter := earlier.Add(DefaultRefreshGrace)
	tests := []struct {
		name  string
		tok   Token
		now   time.Time
		grace time.Duration
		want  error
	}{
		{"fresh", Token{ExpiresAt: expires}, earlier, 0, nil},
		{"just before expiry", Token{ExpiresAt: expires}, expires.Add(-time.Nanosecond), 0, nil},
		{"at expiry", Token{ExpiresAt: expires}, expires, 0, ErrExpired},
		{"after expiry", Token{ExpiresAt: expires}, expires.Add(time.Second), 0, ErrExpired},
		{"rotated", Token{ExpiresAt: expires, RotatedAt: &earlier}, earlier, 0, ErrReused},
		{"rotated and expired: reuse wins, so the family is revoked", Token{ExpiresAt: expires, RotatedAt: &earlier}, expires.Add(time.Hour), 0, ErrReused},
		{"revoked", Token{ExpiresAt: expires, RevokedAt: &earlier}, earlier, 0, ErrRevoked},
		{"revoked after rotation", Token{ExpiresAt: expires, RotatedAt: &earlier, RevokedAt: &earlier}, earlier, 0, ErrRevoked},
		{"revoked and expired", Token{ExpiresAt: expires, RevokedAt: &earlier}, expires.Add(time.Hour), 0, ErrRevoked},
		{"rotated, within the grace window", Token{ExpiresAt: expires, RotatedAt: &earlier}, earlier.Add(time.Second), DefaultRefreshGrace, ErrJustRotated},
		{"rotated, at the end of the grace window", Token{ExpiresAt: expires, RotatedAt: &earlier}, justAfter, DefaultRefreshGrace, ErrJustRotated},
		{"rotated, after the grace window", Token{ExpiresAt: expires, RotatedAt: &earlier}, justAfter.Add(time.Nanosecond), DefaultRefreshGrace, ErrReused},
		{"rotated by a replica whose clock is ahead", Token{ExpiresAt: expires, RotatedAt: &justAfter}, earlier, DefaultRefreshGrace, ErrJustRotated},
		{"rotated, without a grace window", Token{ExpiresAt: expires, RotatedAt: &earlier}, earlier, 0, ErrReused},
		{"rotated and expired, within the grace window", Token{ExpiresAt: earlier, RotatedAt: &earlier}, earlier.Add(time.Second), DefaultRefreshGrace, ErrJustRotated},
		{"revoked, within the grace window", Token{ExpiresAt: expires, RotatedAt: &earlier, RevokedAt: &earlier}, earlier, DefaultRefreshGrace, ErrRevoked},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.tok.CheckRefresh(tt.now, tt.grace)
			if tt.want == nil && err != nil || tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("CheckRefresh = %v, want %v", err, tt.want)
			}
		})
	}
}
