-- name: CreateBooking :execresult
INSERT INTO bookings (space_id, guest_id, host_id, status, use_date, start_at, end_at, deadline, package_id, package_name,
  people, price, refunded, refund_policy, refund_rules, contact_name, contact_phone, contact_email, purpose, message,
  created_at, updated_at, paid_at, cancelled_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- name: UpdateBookingState :exec
-- Only the lifecycle changes a stored booking: state, deadline, the policy
-- in force at payment, the refund, and when each happened.
UPDATE bookings SET status = ?, deadline = ?, refund_policy = ?, refund_rules = ?, refunded = ?,
  updated_at = ?, paid_at = ?, cancelled_at = ?
WHERE id = ?;
