CREATE TYPE "public"."user_role" AS ENUM('rider', 'driver', 'dispatcher', 'admin');--> statement-breakpoint
CREATE TYPE "public"."booking_status" AS ENUM('pending', 'offered', 'confirmed', 'assigned', 'on_board', 'completed', 'rejected', 'cancelled', 'no_show');--> statement-breakpoint
CREATE TYPE "public"."time_mode" AS ENUM('depart_after', 'arrive_by');--> statement-breakpoint
CREATE TABLE "service_areas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"time_zone" text NOT NULL,
	"polygon" jsonb NOT NULL,
	"operating_hours" jsonb NOT NULL,
	"rules" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stops" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"area_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"village" text NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"wheelchair_accessible" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"role" "user_role" NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"token_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "shifts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"driver_id" uuid,
	"start_at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone NOT NULL,
	"start_depot_stop_id" uuid NOT NULL,
	"end_depot_stop_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vehicles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"area_id" uuid NOT NULL,
	"label" text NOT NULL,
	"seats" integer NOT NULL,
	"wheelchair_places" integer DEFAULT 0 NOT NULL,
	"depot_stop_id" uuid NOT NULL,
	"in_service" boolean DEFAULT true NOT NULL,
	"out_of_service_reason" text,
	"position_lat" double precision,
	"position_lon" double precision,
	"position_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"area_id" uuid NOT NULL,
	"rider_id" uuid NOT NULL,
	"booked_by_id" uuid NOT NULL,
	"pickup_stop_id" uuid NOT NULL,
	"dropoff_stop_id" uuid NOT NULL,
	"requested_time" timestamp with time zone NOT NULL,
	"time_mode" time_mode NOT NULL,
	"seats" integer NOT NULL,
	"wheelchairs" integer DEFAULT 0 NOT NULL,
	"note" text,
	"status" "booking_status" DEFAULT 'pending' NOT NULL,
	"promised_pickup_from" timestamp with time zone,
	"promised_pickup_to" timestamp with time zone,
	"promised_latest_arrival" timestamp with time zone,
	"direct_duration_s" integer,
	"max_ride_s" integer,
	"estimated" boolean DEFAULT true NOT NULL,
	"vehicle_id" uuid,
	"shift_id" uuid,
	"locked" boolean DEFAULT false NOT NULL,
	"rejection_reason" text,
	"alternatives" jsonb,
	"idempotency_key" text,
	"request_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"kind" text NOT NULL,
	"booking_id" uuid,
	"vehicle_id" uuid,
	"reason" text,
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "vehicle_plans" (
	"shift_id" uuid PRIMARY KEY NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"stops" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "stops" ADD CONSTRAINT "stops_area_id_service_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."service_areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shifts" ADD CONSTRAINT "shifts_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shifts" ADD CONSTRAINT "shifts_driver_id_users_id_fk" FOREIGN KEY ("driver_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shifts" ADD CONSTRAINT "shifts_start_depot_stop_id_stops_id_fk" FOREIGN KEY ("start_depot_stop_id") REFERENCES "public"."stops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shifts" ADD CONSTRAINT "shifts_end_depot_stop_id_stops_id_fk" FOREIGN KEY ("end_depot_stop_id") REFERENCES "public"."stops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicles" ADD CONSTRAINT "vehicles_area_id_service_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."service_areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicles" ADD CONSTRAINT "vehicles_depot_stop_id_stops_id_fk" FOREIGN KEY ("depot_stop_id") REFERENCES "public"."stops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_area_id_service_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."service_areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_rider_id_users_id_fk" FOREIGN KEY ("rider_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_booked_by_id_users_id_fk" FOREIGN KEY ("booked_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_pickup_stop_id_stops_id_fk" FOREIGN KEY ("pickup_stop_id") REFERENCES "public"."stops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_dropoff_stop_id_stops_id_fk" FOREIGN KEY ("dropoff_stop_id") REFERENCES "public"."stops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_shift_id_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."shifts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicle_plans" ADD CONSTRAINT "vehicle_plans_shift_id_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."shifts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicle_plans" ADD CONSTRAINT "vehicle_plans_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "stops_area_code" ON "stops" USING btree ("area_id","code");--> statement-breakpoint
CREATE INDEX "stops_area" ON "stops" USING btree ("area_id");--> statement-breakpoint
CREATE INDEX "shifts_vehicle_time" ON "shifts" USING btree ("vehicle_id","start_at");--> statement-breakpoint
CREATE INDEX "shifts_driver_time" ON "shifts" USING btree ("driver_id","start_at");--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_idempotency" ON "bookings" USING btree ("booked_by_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "bookings_rider_time" ON "bookings" USING btree ("rider_id","requested_time");--> statement-breakpoint
CREATE INDEX "bookings_area_status_time" ON "bookings" USING btree ("area_id","status","requested_time");--> statement-breakpoint
CREATE INDEX "bookings_vehicle" ON "bookings" USING btree ("vehicle_id");--> statement-breakpoint
CREATE INDEX "events_booking" ON "events" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "events_vehicle" ON "events" USING btree ("vehicle_id","at");