-- Booking and payment.
--
-- bookings.host_id copies the space's host when the booking is made, so a
-- host's bookings page walks one index in time order instead of joining and
-- sorting every booking of every space the host has. paid_at, cancelled_at
-- and refunded record the payment and the cancellation; package_name keeps
-- the name the guest chose even when the host renames the package later.
--
-- The sweeper finds due holds and ended bookings through (status, deadline)
-- and (status, end_at). "My bookings" pages by (guest_id, start_at, id).
--
-- idempotency_keys stores the use case's result (JSON) instead of an HTTP
-- response: the adapter renders a replay exactly as it rendered the first.

-- +goose Up
ALTER TABLE bookings
  ADD COLUMN host_id BIGINT UNSIGNED NOT NULL DEFAULT 0 AFTER guest_id,
  ADD COLUMN package_name VARCHAR(50) NOT NULL DEFAULT '' AFTER package_id,
  ADD COLUMN refunded BIGINT NOT NULL DEFAULT 0 AFTER price,
  ADD COLUMN paid_at DATETIME(6) NULL AFTER updated_at,
  ADD COLUMN cancelled_at DATETIME(6) NULL AFTER paid_at;

UPDATE bookings b JOIN spaces s ON s.id = b.space_id SET b.host_id = s.host_id;
UPDATE bookings SET paid_at = created_at WHERE status IN ('confirmed', 'completed');
UPDATE bookings SET cancelled_at = updated_at WHERE status IN ('cancelled_by_guest', 'cancelled_by_host', 'declined', 'expired');

ALTER TABLE bookings
  ALTER COLUMN host_id DROP DEFAULT,
  ADD KEY bookings_guest_start (guest_id, start_at, id),
  ADD KEY bookings_host_start (host_id, start_at, id),
  ADD KEY bookings_status_deadline (status, deadline),
  ADD KEY bookings_status_end (status, end_at),
  ADD CONSTRAINT bookings_host_fk FOREIGN KEY (host_id) REFERENCES users (id);

ALTER TABLE bookings DROP KEY bookings_guest;

ALTER TABLE idempotency_keys
  DROP COLUMN response_status,
  CHANGE COLUMN response_body result MEDIUMBLOB NOT NULL;

-- +goose Down
ALTER TABLE idempotency_keys
  CHANGE COLUMN result response_body MEDIUMBLOB NOT NULL,
  ADD COLUMN response_status INT NOT NULL DEFAULT 200 AFTER request_hash;

ALTER TABLE bookings ADD KEY bookings_guest (guest_id, id);
ALTER TABLE bookings
  DROP FOREIGN KEY bookings_host_fk,
  DROP KEY bookings_guest_start,
  DROP KEY bookings_host_start,
  DROP KEY bookings_status_deadline,
  DROP KEY bookings_status_end;
ALTER TABLE bookings
  DROP COLUMN cancelled_at,
  DROP COLUMN paid_at,
  DROP COLUMN refunded,
  DROP COLUMN package_name,
  DROP COLUMN host_id;
