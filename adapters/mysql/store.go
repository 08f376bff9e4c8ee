package mysql

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/go-sql-driver/mysql"

	"github.com/ourspace/ourspace/adapters/mysql/sqlcgen"
	"github.com/ourspace/ourspace/app/ports"
)

// maxTxAttempts bounds retries of transactions the server aborted to break a
// deadlock (1213) or a lock wait (1205).
const maxTxAttempts = 3

// Store carries out the use cases' transactions on MySQL.
type Store struct{ db *sql.DB }

// NewStore runs transactions on db.
func NewStore(db *sql.DB) Store { return Store{db: db} }

// Read implements ports.Store.
func (s Store) Read() ports.Repositories { return repositories(s.db) }

// InTx implements ports.Store: BEGIN, fn, COMMIT (whose error is checked),
// retried a bounded number of times on deadlock.
func (s Store) InTx(ctx context.Context, fn func(r ports.Repositories) error) error {
	var err error
	for attempt := 1; attempt <= maxTxAttempts; attempt++ {
		err = s.once(ctx, fn)
		if !retryable(err) {
			return classifyTx(ctx, err)
		}
	}
	return fmt.Errorf("gave up after %d attempts: %w", maxTxAttempts, err)
}

// classifyTx names what ended a transaction early: database/sql rolls back
// a transaction whose context is done and answers its next call with
// sql.ErrTxDone, and a deadline passed waiting for a connection is not the
// driver's error. Both become ports.ErrUnavailable (through classify) when
// the deadline passed, or stay the caller's cancellation.
func classifyTx(ctx context.Context, err error) error {
	if ctxErr := ctx.Err(); errors.Is(err, sql.ErrTxDone) && ctxErr != nil {
		err = fmt.Errorf("%w: %w", ctxErr, err)
	}
	return classify(err)
}

func (s Store) once(ctx context.Context, fn func(r ports.Repositories) error) error {
	// READ COMMITTED: a read after a lock (the space row, the wallet) sees
	// what the lock's previous holder committed, and no gap locks are taken,
	// so writers of one space serialise on its row and nothing else.
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelReadCommitted})
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(repositories(tx)); err != nil {
		if rbErr := tx.Rollback(); rbErr != nil && !errors.Is(rbErr, sql.ErrTxDone) {
			return errors.Join(err, fmt.Errorf("rollback: %w", rbErr))
		}
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

func retryable(err error) bool {
	var me *mysql.MySQLError
	return errors.As(err, &me) && (me.Number == 1213 || me.Number == 1205)
}

func repositories(db sqlcgen.DBTX) ports.Repositories {
	q := sqlcgen.New(db)
	return ports.Repositories{
		Spaces:        spaceRepository{q: q, db: db},
		Pending:       pendingObjects{q},
		Notifications: notificationRepository{q},
		Outbox:        notificationRepository{q},
		Users:         userRepository{q},
		Points:        pointsRepository{q},
		Sessions:      sessionRepository{q},
		LoginCodes:    sessionRepository{q},
		IDTokens:      sessionRepository{q},
		Bookings:      bookingRepository{q},
		Idempotency:   idempotencyRepository{q},
		Likes:         likeRepository{q},
		Reviews:       reviewRepository{q},
	}
}
