CREATE TABLE "alert_subscriptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid,
	"role" text,
	"module" text,
	"kinds" text[] NOT NULL,
	"warehouse_id" uuid,
	"locale" text NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_subscriptions_one_audience_check" CHECK (num_nonnulls("alert_subscriptions"."user_id", "alert_subscriptions"."role", "alert_subscriptions"."module") = 1),
	CONSTRAINT "alert_subscriptions_locale_check" CHECK ("alert_subscriptions"."locale" in ('en', 'hu'))
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"product_id" uuid NOT NULL,
	"sku" text NOT NULL,
	"product_name" text NOT NULL,
	"lot_id" uuid,
	"lot_number" text,
	"expiry_date" date,
	"days_to_expiry" integer,
	"warehouse_id" uuid,
	"warehouse_code" text,
	"on_hand" numeric(18, 4) NOT NULL,
	"reorder_point" numeric(18, 4),
	"business_day" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_by" uuid,
	"acknowledged_at" timestamp with time zone,
	CONSTRAINT "alerts_once_a_day_key" UNIQUE NULLS NOT DISTINCT("kind","business_day","product_id","lot_id","warehouse_id"),
	CONSTRAINT "alerts_kind_check" CHECK ("alerts"."kind" in ('lot_expiring', 'lot_expired', 'low_stock'))
);
--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "next_attempt_at" timestamp with time zone DEFAULT now();--> statement-breakpoint
CREATE INDEX "alert_subscriptions_user_idx" ON "alert_subscriptions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "alerts_created_idx" ON "alerts" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("next_attempt_at") WHERE "outbox"."status" in ('pending', 'retrying');