-- Pruning history (app/command/prune_history.go).
--
-- notifications_read: the notifications read before a time, oldest first,
-- so that the pruning deletes read notifications by an index range and
-- never walks the unread ones, which it keeps. (Delivered outbox events
-- are found through outbox_events_due.)

-- +goose Up
ALTER TABLE notifications ADD KEY notifications_read (read_at);

-- +goose Down
ALTER TABLE notifications DROP KEY notifications_read;
