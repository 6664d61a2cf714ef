CREATE TABLE "stop_matrix_builds" (
	"area_id" uuid PRIMARY KEY NOT NULL,
	"stop_fingerprint" text NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"total" integer NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
