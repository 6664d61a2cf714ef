-- A booked ride may cross into another area only while the two areas are linked (area_links), held
-- by the database for every writer: a booking row that is active and has a stop in another area
-- share-locks that link until its transaction ends, and fails with SQLSTATE TB411 when there is none.
--
-- With the unlink, which first locks the link row FOR UPDATE and only then (in a new statement, so
-- with a snapshot taken after the lock) looks for crossing rides, the two orders are both safe:
-- a booking being written makes the unlink wait and then see it (409); an unlink being written makes
-- the booking wait and then find no link (TB411, answered as a drop-off outside the area).
CREATE FUNCTION booking_crossing_needs_link() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  other uuid;
BEGIN
  IF NEW.status NOT IN ('pending', 'offered', 'confirmed', 'assigned', 'on_board') THEN
    RETURN NEW;
  END IF;
  -- An active ride whose areas and stops stay as they were was checked when they were written.
  IF TG_OP = 'UPDATE' AND OLD.status IN ('pending', 'offered', 'confirmed', 'assigned', 'on_board')
     AND NEW.area_id = OLD.area_id AND NEW.pickup_stop_id = OLD.pickup_stop_id AND NEW.dropoff_stop_id = OLD.dropoff_stop_id THEN
    RETURN NEW;
  END IF;
  FOR other IN
    SELECT DISTINCT s.area_id FROM stops s WHERE s.id IN (NEW.pickup_stop_id, NEW.dropoff_stop_id) AND s.area_id <> NEW.area_id
  LOOP
    PERFORM 1 FROM area_links
      WHERE area_id = least(NEW.area_id, other) AND other_area_id = greatest(NEW.area_id, other)
      FOR SHARE;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'ride % crosses into area %, which is not linked to its area %', NEW.id, other, NEW.area_id
        USING ERRCODE = 'TB411';
    END IF;
  END LOOP;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER bookings_crossing_needs_link
  BEFORE INSERT OR UPDATE OF status, area_id, pickup_stop_id, dropoff_stop_id ON bookings
  FOR EACH ROW EXECUTE FUNCTION booking_crossing_needs_link();
