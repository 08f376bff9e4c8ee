package mysql

import (
	"context"
	"database/sql"
	"errors"
	"math"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql/sqlcgen"
	"github.com/ourspace/ourspace/domain/points"
	"github.com/ourspace/ourspace/domain/session"
	"github.com/ourspace/ourspace/domain/user"
)

type userRepository struct{ q *sqlcgen.Queries }

func (r userRepository) ByID(ctx context.Context, id user.ID) (user.User, error) {
	row, err := r.q.GetUserByID(ctx, int64(id))
	if errors.Is(err, sql.ErrNoRows) {
		return user.User{}, user.ErrNotFound
	}
	if err != nil {
		return user.User{}, err
	}
	return user.User{ID: user.ID(row.ID), CreatedAt: row.CreatedAt, Identity: user.Identity{Provider: row.Provider,
		Subject: row.Subject, Nickname: row.Nickname, PictureURL: row.PictureUrl, Email: row.Email}}, nil
}

func (r userRepository) Upsert(ctx context.Context, id user.Identity, now time.Time) (user.User, bool, error) {
	res, err := r.q.UpsertUser(ctx, sqlcgen.UpsertUserParams{Provider: id.Provider, Subject: id.Subject, Nickname: id.Nickname,
		PictureUrl: id.PictureURL, Email: id.Email, CreatedAt: now.UTC(), UpdatedAt: now.UTC()})
	if err != nil {
		return user.User{}, false, err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return user.User{}, false, err
	}
	uid, err := res.LastInsertId()
	if err != nil {
		return user.User{}, false, err
	}
	u, err := r.ByID(ctx, user.ID(uid))
	return u, n == 1, err
}

type pointsRepository struct{ q *sqlcgen.Queries }

func (r pointsRepository) Append(ctx context.Context, e points.Entry) (points.Entry, error) {
	var booking sql.NullInt64
	if e.BookingID != nil {
		booking = sql.NullInt64{Int64: *e.BookingID, Valid: true}
	}
	res, err := r.q.CreatePointsEntry(ctx, sqlcgen.CreatePointsEntryParams{UserID: e.UserID, Kind: e.Kind.String(),
		Amount: e.Amount, BookingID: booking, CreatedAt: e.CreatedAt.UTC()})
	if err != nil {
		return points.Entry{}, err
	}
	if e.ID, err = res.LastInsertId(); err != nil {
		return points.Entry{}, err
	}
	return e, nil
}

func (r pointsRepository) Balance(ctx context.Context, userID int64) (int64, error) {
	return r.q.GetPointsBalance(ctx, userID)
}

func (r pointsRepository) LockWallet(ctx context.Context, userID int64) error {
	_, err := r.q.LockUserWallet(ctx, userID)
	if errors.Is(err, sql.ErrNoRows) {
		return user.ErrNotFound
	}
	return err
}

func (r pointsRepository) List(ctx context.Context, userID, beforeID int64, limit int) ([]points.Entry, error) {
	rows, err := r.q.ListPointsEntries(ctx, sqlcgen.ListPointsEntriesParams{UserID: userID, BeforeID: beforeID, Limit: int32(limit)})
	if err != nil {
		return nil, err
	}
	out := make([]points.Entry, len(rows))
	for i, row := range rows {
		kind, err := points.ParseKind(row.Kind)
		if err != nil {
			return nil, err
		}
		out[i] = points.Entry{ID: row.ID, UserID: row.UserID, Kind: kind, Amount: row.Amount, CreatedAt: row.CreatedAt}
		if row.BookingID.Valid {
			b := row.BookingID.Int64
			out[i].BookingID = &b
		}
	}
	return out, nil
}

type sessionRepository struct{ q *sqlcgen.Queries }

func (r sessionRepository) Create(ctx context.Context, familyID string, userID int64, hash []byte, now, expires time.Time) (session.Token, error) {
	res, err := r.q.CreateSessionToken(ctx, sqlcgen.CreateSessionTokenParams{FamilyID: familyID, UserID: userID,
		RefreshHash: hash, CreatedAt: now.UTC(), ExpiresAt: expires.UTC()})
	if err != nil {
		return session.Token{}, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return session.Token{}, err
	}
	return session.Token{ID: id, FamilyID: familyID, UserID: userID, ExpiresAt: expires}, nil
}

func (r sessionRepository) ByHashForUpdate(ctx context.Context, hash []byte) (session.Token, error) {
	row, err := r.q.GetSessionTokenByHashForUpdate(ctx, hash)
	if errors.Is(err, sql.ErrNoRows) {
		return session.Token{}, session.ErrUnknown
	}
	if err != nil {
		return session.Token{}, err
	}
	t := session.Token{ID: row.ID, FamilyID: row.FamilyID, UserID: row.UserID, ExpiresAt: row.ExpiresAt}
	if row.RotatedAt.Valid {
		t.RotatedAt = &row.RotatedAt.Time
	}
	if row.RevokedAt.Valid {
		t.RevokedAt = &row.RevokedAt.Time
	}
	return t, nil
}

func (r sessionRepository) MarkRotated(ctx context.Context, id int64, now time.Time) error {
	return r.q.MarkSessionTokenRotated(ctx, sqlcgen.MarkSessionTokenRotatedParams{RotatedAt: sql.NullTime{Time: now.UTC(), Valid: true}, ID: id})
}

func (r sessionRepository) RevokeFamily(ctx context.Context, familyID string, now time.Time) error {
	return r.q.RevokeSessionFamily(ctx, sqlcgen.RevokeSessionFamilyParams{RevokedAt: sql.NullTime{Time: now.UTC(), Valid: true}, FamilyID: familyID})
}

func (r sessionRepository) FamilyActive(ctx context.Context, familyID string, userID int64) (bool, error) {
	return r.q.IsSessionFamilyActive(ctx, sqlcgen.IsSessionFamilyActiveParams{FamilyID: familyID, UserID: userID})
}

func (r sessionRepository) CreateLoginCode(ctx context.Context, hash, browserHash []byte, userID int64, newUser bool, now, expires time.Time) error {
	return r.q.CreateLoginCode(ctx, sqlcgen.CreateLoginCodeParams{CodeHash: hash, BrowserHash: browserHash, UserID: userID,
		NewUser: newUser, CreatedAt: now.UTC(), ExpiresAt: expires.UTC()})
}

func (r sessionRepository) ConsumeLoginCode(ctx context.Context, hash, browserHash []byte, now time.Time) (int64, bool, error) {
	res, err := r.q.UseLoginCode(ctx, sqlcgen.UseLoginCodeParams{UsedAt: sql.NullTime{Time: now.UTC(), Valid: true}, CodeHash: hash,
		BrowserHash: browserHash, Now: now.UTC()})
	if err != nil {
		return 0, false, err
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return 0, false, session.ErrBadLoginCode
	}
	row, err := r.q.GetLoginCodeUser(ctx, hash)
	if err != nil {
		return 0, false, err
	}
	return row.UserID, row.NewUser, nil
}

func (r sessionRepository) UseIDToken(ctx context.Context, key []byte, expires, now time.Time) error {
	err := r.q.CreateUsedIDToken(ctx, sqlcgen.CreateUsedIDTokenParams{TokenKey: key, ExpiresAt: expires.UTC(), UsedAt: now.UTC()})
	if isDuplicate(err) {
		return session.ErrIDTokenReused
	}
	return err
}

func (r sessionRepository) ForgetExpiredIDTokens(ctx context.Context, now time.Time, limit int) error {
	return r.q.DeleteUsedIDTokensExpired(ctx, sqlcgen.DeleteUsedIDTokensExpiredParams{Before: now.UTC(), Limit: int32(min(limit, math.MaxInt32))})
}
