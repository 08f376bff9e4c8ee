package httpapi

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/booking"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/fault"
	"github.com/ourspace/ourspace/domain/session"
	"github.com/ourspace/ourspace/domain/user"
)

// problemType names a kinded domain error in a problem's type, so clients
// can tell e.g. a passed deadline from another conflict without parsing text.
const problemType = "urn:ourspace:problem:"

// TakenRange is the range a conflicting booking holds (errors[0].value of a 409).
type TakenRange struct {
	Start string `json:"start" doc:"RFC 3339 instant"`
	End   string `json:"end" doc:"RFC 3339 instant"`
}

// problem turns an error from a use case into an RFC 9457 response. Errors
// with a fault kind get its status (a field error names the field under
// location, e.g. body.people); the accounts' sentinels are 401; anything
// else is logged with the request id and answered as a bare 500.
func problem(ctx context.Context, err error, location string) error {
	var ce *booking.ConflictError
	var kinded *fault.Error
	switch fields := fieldErrors(err); {
	case len(fields) == 1:
		return huma.Error422UnprocessableEntity("invalid "+fields[0].Field, &huma.ErrorDetail{
			Location: fieldLocation(location, fields[0].Field), Message: fields[0].Reason})
	case len(fields) > 1:
		details := make([]error, len(fields))
		for i, fe := range fields {
			details[i] = &huma.ErrorDetail{Location: fieldLocation(location, fe.Field), Message: fe.Reason}
		}
		return huma.Error422UnprocessableEntity("validation failed", details...)
	case errors.Is(err, ports.ErrUnavailable), errors.Is(err, context.DeadlineExceeded):
		// A passed deadline is a dependency that did not answer in time
		// (the database, the object store): the same advice to retry.
		logger(ctx).WarnContext(ctx, "dependency unavailable", "err", err)
		return huma.ErrorWithHeaders(huma.Error503ServiceUnavailable(ports.ErrUnavailable.Error()), http.Header{"Retry-After": {"5"}})
	case errors.Is(err, calendar.ErrInvalidDate):
		return huma.Error422UnprocessableEntity("invalid date", &huma.ErrorDetail{Location: location + ".date", Message: err.Error()})
	case errors.As(err, &ce):
		return &huma.ErrorModel{Type: problemType + "booking_conflict", Title: http.StatusText(http.StatusConflict), Status: http.StatusConflict,
			Detail: "this time is taken: " + ce.Error(), Errors: []*huma.ErrorDetail{{Location: location, Message: ce.Error(),
				Value: TakenRange{Start: ce.Range.Start.Format(timeFormat), End: ce.Range.End.Format(timeFormat)}}}}
	case errors.As(err, &kinded):
		status := map[fault.Kind]int{fault.NotFound: http.StatusNotFound, fault.Conflict: http.StatusConflict,
			fault.PaymentRequired: http.StatusPaymentRequired, fault.Invalid: http.StatusUnprocessableEntity}[kinded.Kind()]
		detail := err.Error()
		if status == http.StatusNotFound {
			// Only the error's own words: the context wrapped around it may
			// say why (a hidden space), and 404 must not tell what exists.
			detail = kinded.Error()
		}
		if status != 0 {
			return &huma.ErrorModel{Type: problemType + kinded.Slug(), Title: http.StatusText(status), Status: status, Detail: detail}
		}
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

// fieldErrors finds every field error in err's tree (errors.Join keeps
// several), so one answer names every field at fault.
func fieldErrors(err error) []*fault.FieldError {
	var fe *fault.FieldError
	switch x := err.(type) { //nolint:errorlint // walks the tree itself: errors.As stops at the first field error
	case nil:
		return nil
	case *fault.FieldError:
		return []*fault.FieldError{x}
	case interface{ Unwrap() []error }:
		var out []*fault.FieldError
		for _, e := range x.Unwrap() {
			out = append(out, fieldErrors(e)...)
		}
		return out
	case interface{ Unwrap() error }:
		return fieldErrors(x.Unwrap())
	}
	if errors.As(err, &fe) {
		return []*fault.FieldError{fe}
	}
	return nil
}

// timeFormat writes instants in problems as the API writes them elsewhere.
const timeFormat = "2006-01-02T15:04:05Z07:00"

// fieldLocation maps a domain field name to where the request carried it.
func fieldLocation(location, field string) string {
	if field == "idempotency_key" {
		return "header.Idempotency-Key"
	}
	if strings.HasPrefix(field, "photos") {
		return "body." + field // uploads are parts of the body, beside the listing
	}
	return location + "." + field
}

type loggerKey struct{}

// requestLog is what a request's logger is made of. It is made only when
// something is logged: slog's With formats its attributes at once, which
// was a measurable part of a request that logs nothing.
type requestLog struct {
	base *slog.Logger
	id   string
}

// logger gives the request's logger (with its request id), or the default.
func logger(ctx context.Context) *slog.Logger {
	if l, ok := ctx.Value(loggerKey{}).(requestLog); ok {
		return l.base.With("request_id", l.id)
	}
	return slog.Default()
}
