-- Every write to a booking stamps it with the id of the writing transaction. A worker that keeps the
-- bookings on an area's plans in memory then asks for the rows stamped at or after the oldest
-- transaction still running when it last read (pg_snapshot_xmin): exactly what may have changed
-- since, committed late or not, without checking each kept row.
ALTER TABLE bookings ADD COLUMN change_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION stamp_booking_change() RETURNS trigger AS $$
BEGIN
  NEW.change_xid := pg_current_xact_id();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER bookings_change_xid BEFORE UPDATE ON bookings
  FOR EACH ROW EXECUTE FUNCTION stamp_booking_change();
--> statement-breakpoint
CREATE INDEX bookings_area_change ON bookings (area_id, change_xid);
