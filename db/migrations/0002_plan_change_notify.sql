-- Every committed plan write announces itself on channel `plan_changed` as "<shift id>:<version>".
-- NOTIFY is transactional: a rolled-back write announces nothing, and listeners hear it only after commit.
CREATE OR REPLACE FUNCTION notify_plan_changed() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('plan_changed', NEW.shift_id::text || ':' || NEW.version::text);
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER vehicle_plans_notify AFTER INSERT OR UPDATE OF version ON vehicle_plans
  FOR EACH ROW EXECUTE FUNCTION notify_plan_changed();
