-- CreateEnum
CREATE TYPE "EntityType" AS ENUM ('SERVICE_TYPE', 'PROBE', 'CONTROLLER', 'WORKLOAD', 'COMPONENT', 'STORAGE', 'NETWORKING', 'LIFECYCLE', 'SCHEDULING', 'POLICY', 'STRATEGY', 'CONFIG', 'CONCEPT');

-- CreateEnum
CREATE TYPE "SnippetKind" AS ENUM ('yaml', 'shell', 'output', 'text');

-- CreateTable
CREATE TABLE "documents" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "line_count" INTEGER NOT NULL,
    "ingested_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "documents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "topics" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "document_id" INTEGER NOT NULL,
    "parent_id" INTEGER,
    "level" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "title_derived" BOOLEAN NOT NULL,
    "body" TEXT NOT NULL,
    "lang" TEXT NOT NULL,
    "line_start" INTEGER NOT NULL,
    "line_end" INTEGER NOT NULL,

    CONSTRAINT "topics_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "snippets" (
    "id" SERIAL NOT NULL,
    "topic_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" "SnippetKind" NOT NULL,
    "content" TEXT NOT NULL,
    "line_start" INTEGER NOT NULL,
    "line_end" INTEGER NOT NULL,
    "api_version" TEXT,
    "manifest_kind" TEXT,
    "manifest_name" TEXT,
    "deprecated_replacement" TEXT,
    "deprecated_removed_in" TEXT,
    "deprecated_note" TEXT,

    CONSTRAINT "snippets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "entities" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "type" "EntityType" NOT NULL,
    "name" TEXT NOT NULL,
    "aliases" TEXT[],
    "description" TEXT NOT NULL,
    "attributes" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "entities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "relations" (
    "id" SERIAL NOT NULL,
    "type" TEXT NOT NULL,
    "from_id" INTEGER NOT NULL,
    "to_id" INTEGER NOT NULL,

    CONSTRAINT "relations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "relation_evidence" (
    "relation_id" INTEGER NOT NULL,
    "topic_id" INTEGER NOT NULL,

    CONSTRAINT "relation_evidence_pkey" PRIMARY KEY ("relation_id","topic_id")
);

-- CreateTable
CREATE TABLE "mentions" (
    "topic_id" INTEGER NOT NULL,
    "entity_id" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "mentions_pkey" PRIMARY KEY ("topic_id","entity_id")
);

-- CreateTable
CREATE TABLE "topic_links" (
    "from_id" INTEGER NOT NULL,
    "to_id" INTEGER NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "via" TEXT[],

    CONSTRAINT "topic_links_pkey" PRIMARY KEY ("from_id","to_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "documents_name_key" ON "documents"("name");

-- CreateIndex
CREATE UNIQUE INDEX "documents_slug_key" ON "documents"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "topics_slug_key" ON "topics"("slug");

-- CreateIndex
CREATE INDEX "topics_parent_id_idx" ON "topics"("parent_id");

-- CreateIndex
CREATE UNIQUE INDEX "topics_document_id_position_key" ON "topics"("document_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "snippets_topic_id_position_key" ON "snippets"("topic_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "entities_slug_key" ON "entities"("slug");

-- CreateIndex
CREATE INDEX "entities_type_idx" ON "entities"("type");

-- CreateIndex
CREATE INDEX "relations_to_id_idx" ON "relations"("to_id");

-- CreateIndex
CREATE UNIQUE INDEX "relations_from_id_type_to_id_key" ON "relations"("from_id", "type", "to_id");

-- CreateIndex
CREATE INDEX "relation_evidence_topic_id_idx" ON "relation_evidence"("topic_id");

-- CreateIndex
CREATE INDEX "mentions_entity_id_idx" ON "mentions"("entity_id");

-- CreateIndex
CREATE INDEX "topic_links_to_id_idx" ON "topic_links"("to_id");

-- AddForeignKey
ALTER TABLE "topics" ADD CONSTRAINT "topics_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "topics" ADD CONSTRAINT "topics_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "topics"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "snippets" ADD CONSTRAINT "snippets_topic_id_fkey" FOREIGN KEY ("topic_id") REFERENCES "topics"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "relations" ADD CONSTRAINT "relations_from_id_fkey" FOREIGN KEY ("from_id") REFERENCES "entities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "relations" ADD CONSTRAINT "relations_to_id_fkey" FOREIGN KEY ("to_id") REFERENCES "entities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "relation_evidence" ADD CONSTRAINT "relation_evidence_relation_id_fkey" FOREIGN KEY ("relation_id") REFERENCES "relations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "relation_evidence" ADD CONSTRAINT "relation_evidence_topic_id_fkey" FOREIGN KEY ("topic_id") REFERENCES "topics"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mentions" ADD CONSTRAINT "mentions_topic_id_fkey" FOREIGN KEY ("topic_id") REFERENCES "topics"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mentions" ADD CONSTRAINT "mentions_entity_id_fkey" FOREIGN KEY ("entity_id") REFERENCES "entities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "topic_links" ADD CONSTRAINT "topic_links_from_id_fkey" FOREIGN KEY ("from_id") REFERENCES "topics"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "topic_links" ADD CONSTRAINT "topic_links_to_id_fkey" FOREIGN KEY ("to_id") REFERENCES "topics"("id") ON DELETE CASCADE ON UPDATE CASCADE;
