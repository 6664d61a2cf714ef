-- One plan per ride, held by the database for every writer: `plan_rides` lists each ride a plan
-- names (one row per booking, so a second plan naming it violates the primary key), kept by triggers
-- on vehicle_plans; and each row must match the booking's own shift and bus (a deferred foreign key,
-- checked at commit, so a transaction may write the plan and the booking in either order).
--
-- A plan write naming a ride another plan carries raises SQLSTATE TB410 and writes nothing; a commit
-- that leaves a plan carrying a ride whose row names another shift or bus (or none) fails with 23503
-- on constraint plan_rides_booking_fk. Both mean "something moved meanwhile": look again.
--
-- A plan may still name a cancelled ride (its plan edit after the cancellation failed): its row still
-- names that shift, so it stays consistent until the edit takes its stops off.

-- The key the foreign key points at (id alone is unique; with shift and bus it names where it rides).
CREATE UNIQUE INDEX bookings_ride ON bookings (id, shift_id, vehicle_id);
--> statement-breakpoint
-- Existing data first: a stop of a ride whose row names another shift or bus (the ride on a second
-- plan, or a stale copy) leaves its plan; the committed prefix shrinks by the committed stops removed.
UPDATE vehicle_plans p SET stops = t.kept, committed_stops = t.committed, version = p.version + 1, updated_at = now()
FROM (
  SELECT p.shift_id,
    coalesce(jsonb_agg(e.stop ORDER BY e.i) FILTER (WHERE e.ok), '[]'::jsonb) AS kept,
    p.committed_stops - count(*) FILTER (WHERE NOT e.ok AND e.i <= p.committed_stops) AS committed
  FROM vehicle_plans p CROSS JOIN LATERAL (
    SELECT s.stop, s.i, EXISTS (
      SELECT 1 FROM bookings b WHERE b.id = (s.stop->>'bookingId')::uuid AND b.shift_id = p.shift_id AND b.vehicle_id = p.vehicle_id
    ) AS ok
    FROM jsonb_array_elements(p.stops) WITH ORDINALITY AS s(stop, i)
  ) e
  GROUP BY p.shift_id, p.committed_stops
  HAVING bool_or(NOT e.ok)
) t
WHERE p.shift_id = t.shift_id;
--> statement-breakpoint
CREATE TABLE plan_rides (
  booking_id uuid PRIMARY KEY,
  shift_id uuid NOT NULL CONSTRAINT plan_rides_shift_id_vehicle_plans_shift_id_fk REFERENCES vehicle_plans (shift_id) ON DELETE CASCADE,
  vehicle_id uuid NOT NULL,
  CONSTRAINT plan_rides_booking_fk FOREIGN KEY (booking_id, shift_id, vehicle_id)
    REFERENCES bookings (id, shift_id, vehicle_id) DEFERRABLE INITIALLY DEFERRED
);
--> statement-breakpoint
CREATE INDEX plan_rides_shift ON plan_rides (shift_id);
--> statement-breakpoint
INSERT INTO plan_rides (booking_id, shift_id, vehicle_id)
SELECT DISTINCT (s->>'bookingId')::uuid, p.shift_id, p.vehicle_id
FROM vehicle_plans p CROSS JOIN LATERAL jsonb_array_elements(p.stops) s;
--> statement-breakpoint
-- Once per statement, set-wise (a re-optimisation writes every plan of an area in one UPDATE), from
-- the rides each written plan named before and names now (most writes re-time or re-order stops, or
-- add a ride or two): rides a plan no longer names leave first, so a ride moved between two plans of
-- one statement is free to arrive; then the rides it newly names arrive, and one that another plan
-- holds (or that two plans of the statement both name) fails the statement. A writer moving a ride
-- with two statements writes the plan that gives it up first.
CREATE OR REPLACE FUNCTION plan_rides_follow_plans() RETURNS trigger AS $$
DECLARE
  add_booking uuid[];
  add_shift uuid[];
  add_vehicle uuid[];
  gone_booking uuid[];
  gone_shift uuid[];
  arrived integer;
  clash record;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    WITH c AS (
      SELECT n.shift_id, n.vehicle_id, jsonb_path_query_array(n.stops, '$[*].bookingId') AS now_ids, jsonb_path_query_array(o.stops, '$[*].bookingId') AS was_ids
      FROM new_plans n JOIN old_plans o USING (shift_id)
      WHERE n.stops IS DISTINCT FROM o.stops
    ), d AS (
      SELECT c.shift_id, c.vehicle_id, x.id::uuid AS booking_id, true AS arriving
      FROM c CROSS JOIN LATERAL jsonb_array_elements_text(c.now_ids) AS x(id) WHERE NOT c.was_ids @> to_jsonb(x.id)
      UNION
      SELECT c.shift_id, c.vehicle_id, x.id::uuid, false
      FROM c CROSS JOIN LATERAL jsonb_array_elements_text(c.was_ids) AS x(id) WHERE NOT c.now_ids @> to_jsonb(x.id)
    )
    SELECT array_agg(booking_id) FILTER (WHERE arriving), array_agg(shift_id) FILTER (WHERE arriving), array_agg(vehicle_id) FILTER (WHERE arriving),
      array_agg(booking_id) FILTER (WHERE NOT arriving), array_agg(shift_id) FILTER (WHERE NOT arriving)
    INTO add_booking, add_shift, add_vehicle, gone_booking, gone_shift FROM d;
    IF gone_booking IS NOT NULL THEN
      DELETE FROM plan_rides r USING unnest(gone_booking, gone_shift) AS g(booking_id, shift_id)
      WHERE r.booking_id = g.booking_id AND r.shift_id = g.shift_id;
    END IF;
  ELSE
    SELECT array_agg(booking_id), array_agg(shift_id), array_agg(vehicle_id) INTO add_booking, add_shift, add_vehicle FROM (
      SELECT DISTINCT n.shift_id, n.vehicle_id, (s->>'bookingId')::uuid AS booking_id
      FROM new_plans n CROSS JOIN LATERAL jsonb_array_elements(n.stops) s
    ) named;
  END IF;
  IF add_booking IS NULL THEN
    RETURN NULL;
  END IF;
  INSERT INTO plan_rides (booking_id, shift_id, vehicle_id)
  SELECT * FROM unnest(add_booking, add_shift, add_vehicle)
  ON CONFLICT (booking_id) DO NOTHING;
  GET DIAGNOSTICS arrived = ROW_COUNT;
  IF arrived < cardinality(add_booking) THEN
    SELECT a.shift_id, a.booking_id, r.shift_id AS held_by INTO clash
    FROM unnest(add_booking, add_shift) AS a(booking_id, shift_id) LEFT JOIN plan_rides r ON r.booking_id = a.booking_id
    WHERE r.shift_id IS DISTINCT FROM a.shift_id LIMIT 1;
    RAISE EXCEPTION 'ride % is on the plan of shift % already; not written to shift %', clash.booking_id, clash.held_by, clash.shift_id
      USING ERRCODE = 'TB410';
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER vehicle_plans_rides_inserted AFTER INSERT ON vehicle_plans
  REFERENCING NEW TABLE AS new_plans FOR EACH STATEMENT EXECUTE FUNCTION plan_rides_follow_plans();
--> statement-breakpoint
CREATE TRIGGER vehicle_plans_rides_updated AFTER UPDATE ON vehicle_plans
  REFERENCING OLD TABLE AS old_plans NEW TABLE AS new_plans FOR EACH STATEMENT EXECUTE FUNCTION plan_rides_follow_plans();
--> statement-breakpoint
-- apply_batch_decision of migration 0005, unchanged but for writing existing plans before new ones.
CREATE OR REPLACE FUNCTION apply_batch_decision(plans jsonb, offers jsonb, rejections jsonb) RETURNS void AS $$
DECLARE
  written uuid[];
  moved uuid[];
  missing uuid;
BEGIN
  -- Plans that exist first, new ones after: a ride a new plan takes from an old one has left it by then
  -- (plan_rides, migration 0007).
  WITH p AS (
    SELECT * FROM jsonb_to_recordset(plans) AS p(shift_id uuid, vehicle_id uuid, expected integer, stops jsonb)
  ), updated AS (
    UPDATE vehicle_plans SET stops = p.stops, version = vehicle_plans.version + 1, updated_at = now()
    FROM p WHERE vehicle_plans.shift_id = p.shift_id AND p.expected <> 0 AND vehicle_plans.version = p.expected
    RETURNING vehicle_plans.shift_id
  )
  SELECT array(SELECT shift_id FROM updated) INTO written;
  WITH p AS (
    SELECT * FROM jsonb_to_recordset(plans) AS p(shift_id uuid, vehicle_id uuid, expected integer, stops jsonb)
  ), inserted AS (
    INSERT INTO vehicle_plans (shift_id, vehicle_id, version, stops)
    SELECT p.shift_id, p.vehicle_id, 1, p.stops FROM p WHERE p.expected = 0
    ON CONFLICT DO NOTHING
    RETURNING vehicle_plans.shift_id
  )
  SELECT written || array(SELECT shift_id FROM inserted) INTO written;
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
