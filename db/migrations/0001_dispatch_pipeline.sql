CREATE TABLE "stop_matrices" (
	"area_id" uuid PRIMARY KEY NOT NULL,
	"stop_ids" jsonb NOT NULL,
	"duration_s" "bytea" NOT NULL,
	"distance_m" "bytea" NOT NULL,
	"estimated" boolean NOT NULL,
	"source" text NOT NULL,
	"built_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "picked_up_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "dropped_off_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "client_event_id" text;--> statement-breakpoint
ALTER TABLE "vehicle_plans" ADD COLUMN "committed_stops" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "vehicle_plans" ADD COLUMN "last_stop_id" uuid;--> statement-breakpoint
ALTER TABLE "vehicle_plans" ADD COLUMN "last_departed_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "events_client_event" ON "events" USING btree ("actor_id","client_event_id");