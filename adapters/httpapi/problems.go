package httpapi

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/search"
	"github.com/ourspace/ourspace/domain/session"
	"github.com/ourspace/ourspace/domain/space"
	"github.com/ourspace/ourspace/domain/user"
)

// problem turns an error from a use case into an RFC 9457 response. Known
// domain errors get their status and the field at fault; anything else is
// logged with the request id and answered as a bare 500.
func problem(ctx context.Context, err error, location string) error {
	var fe *search.FieldError
	switch {
	case errors.As(err, &fe):
		return huma.Error422UnprocessableEntity("invalid "+fe.Field, &huma.ErrorDetail{
			Location: location + "." + fe.Field, Message: fe.Reason})
	case errors.Is(err, calendar.ErrInvalidDate):
		return huma.Error422UnprocessableEntity("invalid date", &huma.ErrorDetail{Location: location + ".date", Message: err.Error()})
	case errors.Is(err, space.ErrNotFound):
		return huma.Error404NotFound("space not found")
	case errors.Is(err, ports.ErrUnauthenticated), errors.Is(err, session.ErrUnknown), errors.Is(err, session.ErrRevoked),
		errors.Is(err, session.ErrExpired), errors.Is(err, session.ErrBadLoginCode), errors.Is(err, user.ErrNotFound):
		// The cause stays in the log: callers learn only that they must sign in.
		logger(ctx).InfoContext(ctx, "unauthenticated", "err", err)
		return huma.Error401Unauthorized("sign in again: the token, code or session is not valid")
	case errors.Is(err, session.ErrReused):
		logger(ctx).WarnContext(ctx, "refresh token reused: session revoked", "err", err)
		return huma.Error401Unauthorized("this refresh token was already used; the session is revoked, sign in again")
	case errors.Is(err, context.Canceled):
		return huma.NewError(499, "request cancelled")
	}
	logger(ctx).ErrorContext(ctx, "request failed", "err", err)
	return huma.NewError(http.StatusInternalServerError, "internal error")
}

type loggerKey struct{}

// logger gives the request's logger (with its request id), or the default.
func logger(ctx context.Context) *slog.Logger {
	if l, ok := ctx.Value(loggerKey{}).(*slog.Logger); ok {
		return l
	}
	return slog.Default()
}
