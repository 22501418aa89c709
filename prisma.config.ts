import { defineConfig } from 'prisma/config';

// The CLI (generate, migrate deploy where its engine exists) reads this file.
// The app itself connects through a driver adapter (apps/api/src/database).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/kubenotes' },
});
