package httpapi

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"
)

// NotificationOut is one of the caller's notifications.
type NotificationOut struct {
	ID         int64      `json:"id"`
	EventID    string     `json:"event_id" doc:"The event's id, as webhooks carry it"`
	Kind       string     `json:"kind" doc:"What happened" enum:"booking_requested,booking_approved,booking_declined,booking_confirmed,booking_cancelled_by_guest,booking_cancelled_by_host,booking_expired,booking_request_expired,booking_completed,review_posted,review_replied"`
	BookingID  int64      `json:"booking_id,omitempty"`
	SpaceID    int64      `json:"space_id,omitempty"`
	SpaceTitle string     `json:"space_title,omitempty"`
	ReviewID   int64      `json:"review_id,omitempty"`
	CreatedAt  time.Time  `json:"created_at"`
	ReadAt     *time.Time `json:"read_at,omitempty" doc:"Absent while unread"`
}

// NotificationList is a page of notifications, newest first.
type NotificationList struct {
	Items      []NotificationOut `json:"items"`
	Unread     int               `json:"unread" doc:"Unread notifications in all, not only on this page"`
	NextCursor string            `json:"next_cursor,omitempty"`
}

// ReadNotifications says which notifications to mark read.
type ReadNotifications struct {
	IDs []int64 `json:"ids,omitempty" maxItems:"100" doc:"These notifications; others' ids are ignored"`
	All bool    `json:"all,omitempty" doc:"Every notification instead of ids"`
}

// ReadResult is what marking did.
type ReadResult struct {
	Marked int `json:"marked" doc:"Notifications that were unread and are read now"`
	Unread int `json:"unread" doc:"Unread notifications left"`
}

type notificationsInput struct {
	Cursor string `query:"cursor" maxLength:"200"`
	Limit  int    `query:"limit" minimum:"1" maximum:"100" default:"20"`
}

type notificationsOutput struct{ Body NotificationList }

type readNotificationsInput struct{ Body ReadNotifications }

type readNotificationsOutput struct{ Body ReadResult }

func (h handlers) registerNotifications(api huma.API) {
	tags := []string{"Notifications"}
	huma.Register(api, huma.Operation{
		OperationID: "list-my-notifications", Method: http.MethodGet, Path: "/v1/me/notifications", Tags: tags, Security: bearer,
		Summary: "My notifications", Errors: []int{401, 422, 500},
		Description: "What happened to your bookings, your spaces' bookings and reviews, newest first, with the unread count. " +
			"Written in the same transaction as the change, so none is lost.",
	}, func(ctx context.Context, in *notificationsInput) (*notificationsOutput, error) {
		p, err := h.app.Queries.Notifications.Handle(ctx, caller(ctx).UserID, in.Cursor, in.Limit)
		if err != nil {
			return nil, problem(ctx, err, "query")
		}
		out := NotificationList{Items: make([]NotificationOut, len(p.Items)), Unread: p.Unread, NextCursor: p.NextCursor}
		for i, n := range p.Items {
			out.Items[i] = NotificationOut{ID: n.ID, EventID: n.EventID, Kind: n.Kind, BookingID: n.BookingID, SpaceID: n.SpaceID,
				SpaceTitle: n.SpaceTitle, ReviewID: n.ReviewID, CreatedAt: n.CreatedAt}
			if !n.ReadAt.IsZero() {
				at := n.ReadAt
				out.Items[i].ReadAt = &at
			}
		}
		return &notificationsOutput{Body: out}, nil
	})
	huma.Register(api, huma.Operation{
		OperationID: "read-my-notifications", Method: http.MethodPost, Path: "/v1/me/notifications/read", Tags: tags, Security: bearer,
		Summary: "Mark notifications read", Errors: []int{401, 422, 500},
		Description: "Give ids, or all: true (not both).",
	}, func(ctx context.Context, in *readNotificationsInput) (*readNotificationsOutput, error) {
		if in.Body.All == (len(in.Body.IDs) > 0) {
			return nil, huma.Error422UnprocessableEntity("give ids or all", &huma.ErrorDetail{Location: "body.ids", Message: "give ids, or all: true, not both"})
		}
		var ids []int64
		if !in.Body.All {
			ids = in.Body.IDs
		}
		user := caller(ctx).UserID
		n, err := h.app.Commands.ReadNotifications.Handle(ctx, user, ids)
		if err != nil {
			return nil, problem(ctx, err, "body")
		}
		p, err := h.app.Queries.Notifications.Handle(ctx, user, "", 1)
		if err != nil {
			return nil, problem(ctx, err, "body")
		}
		return &readNotificationsOutput{Body: ReadResult{Marked: n, Unread: p.Unread}}, nil
	})
}
