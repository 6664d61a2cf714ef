CREATE TABLE "area_links" (
	"area_id" uuid NOT NULL,
	"other_area_id" uuid NOT NULL,
	CONSTRAINT "area_links_area_id_other_area_id_pk" PRIMARY KEY("area_id","other_area_id"),
	CONSTRAINT "area_links_ordered" CHECK ("area_links"."area_id" < "area_links"."other_area_id")
);
--> statement-breakpoint
CREATE TABLE "driver_vehicles" (
	"user_id" uuid NOT NULL,
	"vehicle_id" uuid NOT NULL,
	CONSTRAINT "driver_vehicles_user_id_vehicle_id_pk" PRIMARY KEY("user_id","vehicle_id")
);
--> statement-breakpoint
ALTER TABLE "area_links" ADD CONSTRAINT "area_links_area_id_service_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."service_areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "area_links" ADD CONSTRAINT "area_links_other_area_id_service_areas_id_fk" FOREIGN KEY ("other_area_id") REFERENCES "public"."service_areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "driver_vehicles" ADD CONSTRAINT "driver_vehicles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "driver_vehicles" ADD CONSTRAINT "driver_vehicles_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "area_links_other" ON "area_links" USING btree ("other_area_id");