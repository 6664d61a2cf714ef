-- One rider per phone number. Phones are stored in E.164 from now on (the service normalises them
-- with libphonenumber); rows written before are brought to that form here as far as plain rules go:
-- drop separators and a "(0)", "00" becomes "+", a leading "0" or a bare national number is German
-- (+49), and a "0" after +49 goes. A result that does not look like E.164 leaves the row as it was.
WITH cleaned AS (
  SELECT id, regexp_replace(replace(phone, '(0)', ''), '[^0-9+]', '', 'g') AS digits
  FROM users WHERE phone IS NOT NULL
), international AS (
  SELECT id, CASE
    WHEN digits LIKE '+%' THEN '+' || replace(digits, '+', '')
    WHEN digits LIKE '00%' THEN '+' || substr(digits, 3)
    WHEN digits LIKE '0%' THEN '+49' || substr(digits, 2)
    ELSE '+49' || digits
  END AS phone
  FROM cleaned
), normalised AS (
  SELECT id, regexp_replace(phone, '^\+490', '+49') AS phone FROM international
)
UPDATE users SET phone = normalised.phone
FROM normalised
WHERE users.id = normalised.id AND normalised.phone ~ '^\+[1-9][0-9]{4,14}$' AND users.phone IS DISTINCT FROM normalised.phone;
--> statement-breakpoint
-- Riders that now share a number are one caller: the oldest account stays (an account that logs in
-- itself is preferred, so no token is lost), the others' bookings and events move to it and they go.
-- A second account that logs in itself (a token, or bookings it made) keeps its login and its
-- bookings but gives up the number.
CREATE TEMPORARY TABLE rider_merge AS
SELECT id AS duplicate_id, first_value(id) OVER same_phone AS keeper_id, logs_in, row_number() OVER same_phone AS rank
FROM (
  SELECT u.*, u.token_hash IS NOT NULL OR EXISTS (SELECT 1 FROM bookings b WHERE b.booked_by_id = u.id) AS logs_in
  FROM users u WHERE u.role = 'rider' AND u.phone IS NOT NULL
) AS riders
WINDOW same_phone AS (PARTITION BY phone ORDER BY logs_in DESC, created_at, id);
--> statement-breakpoint
DELETE FROM rider_merge WHERE rank = 1;
--> statement-breakpoint
UPDATE users SET phone = NULL WHERE id IN (SELECT duplicate_id FROM rider_merge WHERE logs_in);
--> statement-breakpoint
DELETE FROM rider_merge WHERE logs_in;
--> statement-breakpoint
UPDATE bookings SET rider_id = rider_merge.keeper_id FROM rider_merge WHERE bookings.rider_id = rider_merge.duplicate_id;
--> statement-breakpoint
UPDATE events SET actor_id = rider_merge.keeper_id FROM rider_merge WHERE events.actor_id = rider_merge.duplicate_id;
--> statement-breakpoint
DELETE FROM users WHERE id IN (SELECT duplicate_id FROM rider_merge);
--> statement-breakpoint
DROP TABLE rider_merge;
--> statement-breakpoint
DROP INDEX "users_phone";--> statement-breakpoint
CREATE UNIQUE INDEX "users_rider_phone" ON "users" USING btree ("phone") WHERE "users"."role" = 'rider';--> statement-breakpoint
-- NOT VALID: a number the rules above could not read stays as it was; new and changed rows must be E.164.
ALTER TABLE "users" ADD CONSTRAINT "users_phone_e164" CHECK ("users"."phone" ~ '^\+[1-9][0-9]{4,14}$') NOT VALID;
--> statement-breakpoint
-- A new booking with its `booking.requested` event, unless its rider already holds `max_active`
-- active bookings (or the booker used the idempotency key before): returns the booking, or no row.
-- The rider is given by id, or as a caller by phone (E.164) who is found, else created. The rider's
-- row is locked first, so bookings for one rider go in one at a time; each statement of a VOLATILE
-- function reads a fresh snapshot, so the count sees every booking committed before the lock was
-- granted — also under READ COMMITTED. One statement for the caller: one round trip, and nothing
-- stays behind when no booking goes in (a rider created for it is removed again).
CREATE FUNCTION create_booking_within_limit(
  rider_id uuid, rider_name text, rider_phone text, max_active integer, active_statuses booking_status[], actor_id uuid,
  area_id uuid, booked_by_id uuid, pickup_stop_id uuid, dropoff_stop_id uuid, requested_time timestamptz,
  time_mode time_mode, seats integer, wheelchairs integer, note text, idempotency_key text, request_hash text
) RETURNS SETOF bookings AS $$
#variable_conflict use_variable
DECLARE
  rider uuid := rider_id;
  new_rider boolean := false;
  booking bookings;
BEGIN
  IF rider IS NOT NULL THEN
    -- NO KEY UPDATE: other writes that merely name the rider (foreign keys) are not held up.
    PERFORM 1 FROM users WHERE users.id = rider FOR NO KEY UPDATE;
  ELSE
    LOOP
      -- The unique index on riders' phones makes a concurrent first call for the same number wait
      -- here for the other to commit; it then finds that rider.
      INSERT INTO users (role, name, phone) VALUES ('rider', rider_name, rider_phone)
        ON CONFLICT (phone) WHERE role = 'rider' DO NOTHING
        RETURNING users.id INTO rider;
      new_rider := FOUND;
      EXIT WHEN new_rider;
      SELECT users.id INTO rider FROM users WHERE users.role = 'rider' AND users.phone = rider_phone FOR NO KEY UPDATE;
      EXIT WHEN FOUND;
    END LOOP;
  END IF;
  INSERT INTO bookings AS b (area_id, rider_id, booked_by_id, pickup_stop_id, dropoff_stop_id, requested_time, time_mode, seats, wheelchairs, note, idempotency_key, request_hash)
    SELECT area_id, rider, booked_by_id, pickup_stop_id, dropoff_stop_id, requested_time, time_mode, seats, wheelchairs, note, idempotency_key, request_hash
    WHERE (SELECT count(*) FROM bookings AS mine WHERE mine.rider_id = rider AND mine.status = ANY (active_statuses)) < max_active
    ON CONFLICT DO NOTHING
    RETURNING b.* INTO booking;
  IF booking.id IS NULL THEN
    IF new_rider THEN DELETE FROM users WHERE users.id = rider; END IF;
    RETURN;
  END IF;
  INSERT INTO events (kind, actor_id, booking_id) VALUES ('booking.requested', actor_id, booking.id);
  RETURN NEXT booking;
END;
$$ LANGUAGE plpgsql;
