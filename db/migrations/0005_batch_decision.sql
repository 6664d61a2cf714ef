-- A batch decision of the worker pool in one statement (one round trip, plans cached per session):
-- the plans it changed, each written only at the version it was read at (0 = a new plan), and its
-- bookings moved from pending to offered or rejected, each with its event. If any plan moved on or
-- any booking is no longer pending, it raises SQLSTATE TB409 naming it, and nothing is written.
-- On commit it announces each decided booking on channel `bookings_decided` (its row as JSON), so
-- the API process answers the waiting request without waiting for the job to finish.
CREATE OR REPLACE FUNCTION apply_batch_decision(plans jsonb, offers jsonb, rejections jsonb) RETURNS void AS $$
DECLARE
  written uuid[];
  moved uuid[];
  missing uuid;
BEGIN
  WITH p AS (
    SELECT * FROM jsonb_to_recordset(plans) AS p(shift_id uuid, vehicle_id uuid, expected integer, stops jsonb)
  ), inserted AS (
    INSERT INTO vehicle_plans (shift_id, vehicle_id, version, stops)
    SELECT p.shift_id, p.vehicle_id, 1, p.stops FROM p WHERE p.expected = 0
    ON CONFLICT DO NOTHING
    RETURNING vehicle_plans.shift_id
  ), updated AS (
    UPDATE vehicle_plans SET stops = p.stops, version = vehicle_plans.version + 1, updated_at = now()
    FROM p WHERE vehicle_plans.shift_id = p.shift_id AND p.expected <> 0 AND vehicle_plans.version = p.expected
    RETURNING vehicle_plans.shift_id
  )
  SELECT array(SELECT shift_id FROM inserted UNION ALL SELECT shift_id FROM updated) INTO written;
  -- Every plan written is the usual case; only a miss reads the list again to name it.
  IF coalesce(array_length(written, 1), 0) <> jsonb_array_length(plans) THEN
    SELECT p.shift_id INTO missing FROM jsonb_to_recordset(plans) AS p(shift_id uuid) WHERE p.shift_id <> ALL (written) LIMIT 1;
    RAISE EXCEPTION 'plan of shift % changed meanwhile', missing USING ERRCODE = 'TB409';
  END IF;

  WITH o AS (
    SELECT * FROM jsonb_to_recordset(offers) AS o(
      id uuid, shift_id uuid, vehicle_id uuid, promised_pickup_from timestamptz, promised_pickup_to timestamptz,
      promised_latest_arrival timestamptz, direct_duration_s integer, max_ride_s integer, estimated boolean, event_data jsonb)
  ), offered AS (
    UPDATE bookings SET status = 'offered', shift_id = o.shift_id, vehicle_id = o.vehicle_id,
      promised_pickup_from = o.promised_pickup_from, promised_pickup_to = o.promised_pickup_to,
      promised_latest_arrival = o.promised_latest_arrival, direct_duration_s = o.direct_duration_s,
      max_ride_s = o.max_ride_s, estimated = o.estimated, updated_at = now()
    FROM o WHERE bookings.id = o.id AND bookings.status = 'pending'
    RETURNING bookings.id, bookings.vehicle_id
  ), logged AS (
    INSERT INTO events (kind, booking_id, vehicle_id, data)
    SELECT 'booking.offered', offered.id, offered.vehicle_id, jsonb_build_object('status', 'offered') || o.event_data
    FROM offered JOIN o ON o.id = offered.id
  ), r AS (
    SELECT * FROM jsonb_to_recordset(rejections) AS r(
      id uuid, rejection_reason text, alternatives jsonb, direct_duration_s integer, estimated boolean, event_data jsonb)
  ), rejected AS (
    UPDATE bookings SET status = 'rejected', rejection_reason = r.rejection_reason, alternatives = r.alternatives,
      direct_duration_s = r.direct_duration_s, estimated = r.estimated, updated_at = now()
    FROM r WHERE bookings.id = r.id AND bookings.status = 'pending'
    RETURNING bookings.id, bookings.vehicle_id
  ), logged_rejections AS (
    INSERT INTO events (kind, booking_id, vehicle_id, reason, data)
    SELECT 'booking.rejected', rejected.id, rejected.vehicle_id, r.rejection_reason, jsonb_build_object('status', 'rejected') || r.event_data
    FROM rejected JOIN r ON r.id = rejected.id
  )
  SELECT array(SELECT id FROM offered UNION ALL SELECT id FROM rejected) INTO moved;
  IF coalesce(array_length(moved, 1), 0) <> jsonb_array_length(offers) + jsonb_array_length(rejections) THEN
    SELECT b.id INTO missing
    FROM (SELECT o.id FROM jsonb_to_recordset(offers) AS o(id uuid) UNION ALL SELECT r.id FROM jsonb_to_recordset(rejections) AS r(id uuid)) AS b
    WHERE b.id <> ALL (moved) LIMIT 1;
    RAISE EXCEPTION 'booking % is no longer pending', missing USING ERRCODE = 'TB409';
  END IF;
  -- One notification per booking with its row, so the API answers without reading it back; a row
  -- too long for a payload (8000 bytes; a very long note) is announced by its id alone.
  PERFORM pg_notify('bookings_decided', CASE WHEN octet_length(t.row) < 7900 THEN t.row ELSE json_build_object('id', t.id)::text END)
  FROM (SELECT b.id, row_to_json(b)::text AS row FROM bookings b WHERE b.id = ANY (moved)) AS t;
END;
$$ LANGUAGE plpgsql;
