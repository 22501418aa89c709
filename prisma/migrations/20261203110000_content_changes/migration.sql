-- CreateTable
CREATE TABLE "content_changes" (
    "version" BIGSERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "document_slug" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "content_changes_pkey" PRIMARY KEY ("version")
);
