-- CreateEnum
CREATE TYPE "ManifestStatus" AS ENUM ('ok', 'deprecated', 'removed', 'invalid');

-- Entities made at ingest for a manifest kind nobody listed (a CRD's kind): kept by ontology syncs while a snippet uses them.
ALTER TABLE "entities" ADD COLUMN "provisional" BOOLEAN NOT NULL DEFAULT false;

-- A manifest snippet's check (schema, unknown fields, deprecated and removed APIs) and the entity of its kind.
ALTER TABLE "snippets" ADD COLUMN "manifest_status" "ManifestStatus";
ALTER TABLE "snippets" ADD COLUMN "manifest_findings" JSONB;
ALTER TABLE "snippets" ADD COLUMN "manifest_converted" TEXT;
ALTER TABLE "snippets" ADD COLUMN "deprecated_in" TEXT;
ALTER TABLE "snippets" ADD COLUMN "manifest_entity_id" INTEGER;

-- CreateIndex: GET /api/v1/manifests filters by status and kind
CREATE INDEX "snippets_manifest_status_idx" ON "snippets"("manifest_status");
CREATE INDEX "snippets_manifest_kind_idx" ON "snippets"("manifest_kind");
CREATE INDEX "snippets_manifest_entity_id_idx" ON "snippets"("manifest_entity_id");

-- AddForeignKey
ALTER TABLE "snippets" ADD CONSTRAINT "snippets_manifest_entity_id_fkey" FOREIGN KEY ("manifest_entity_id") REFERENCES "entities"("id") ON DELETE SET NULL ON UPDATE CASCADE;
