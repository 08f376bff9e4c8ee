package session

import (
	"errors"
	"testing"
	"time"
)

func TestTokenCheckRefresh(t *testing.T) {
	expires := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	earlier := expires.Add(-time.Hour)
	tests := []struct {
		name string
		tok  Token
		now  time.Time
		want error
	}{
		{"fresh", Token{ExpiresAt: expires}, earlier, nil},
		{"just before expiry", Token{ExpiresAt: expires}, expires.Add(-time.Nanosecond), nil},
		{"at expiry", Token{ExpiresAt: expires}, expires, ErrExpired},
		{"after expiry", Token{ExpiresAt: expires}, expires.Add(time.Second), ErrExpired},
		{"rotated", Token{ExpiresAt: expires, RotatedAt: &earlier}, earlier, ErrReused},
		{"rotated and expired: reuse wins, so the family is revoked", Token{ExpiresAt: expires, RotatedAt: &earlier}, expires.Add(time.Hour), ErrReused},
		{"revoked", Token{ExpiresAt: expires, RevokedAt: &earlier}, earlier, ErrRevoked},
		{"revoked after rotation", Token{ExpiresAt: expires, RotatedAt: &earlier, RevokedAt: &earlier}, earlier, ErrRevoked},
		{"revoked and expired", Token{ExpiresAt: expires, RevokedAt: &earlier}, expires.Add(time.Hour), ErrRevoked},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.tok.CheckRefresh(tt.now)
			if tt.want == nil && err != nil || tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("CheckRefresh = %v, want %v", err, tt.want)
			}
		})
	}
}
