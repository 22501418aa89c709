-- CreateEnum
CREATE TYPE "PassageKind" AS ENUM ('prose', 'snippet');

-- CreateTable: quotable pieces of a topic (paragraphs, snippets), cut at ingest with their exact lines
CREATE TABLE "passages" (
    "id" SERIAL NOT NULL,
    "topic_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" "PassageKind" NOT NULL,
    "text" TEXT NOT NULL,
    "line_start" INTEGER NOT NULL,
    "line_end" INTEGER NOT NULL,
    "snippet_position" INTEGER,
    "cuts" INTEGER[],

    CONSTRAINT "passages_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "passages_topic_id_position_key" ON "passages"("topic_id", "position");

-- AddForeignKey
ALTER TABLE "passages" ADD CONSTRAINT "passages_topic_id_fkey" FOREIGN KEY ("topic_id") REFERENCES "topics"("id") ON DELETE CASCADE ON UPDATE CASCADE;
