-- Documents are identified by their path (name); their slug comes from the whole path.
-- Front matter is kept as the document's title and metadata.
ALTER TABLE "documents" RENAME COLUMN "ingested_at" TO "updated_at";
ALTER TABLE "documents" ADD COLUMN "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE "documents" ADD COLUMN "title" TEXT;
ALTER TABLE "documents" ADD COLUMN "metadata" JSONB NOT NULL DEFAULT '{}';
-- The folder a document was last ingested from (absolute), so a folder's --prune touches only its own documents.
ALTER TABLE "documents" ADD COLUMN "source_folder" TEXT;

-- A snippet's language as its fence (or HTML block) names it: yaml, bash, console, json...
ALTER TABLE "snippets" ADD COLUMN "language" TEXT;

