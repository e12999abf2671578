import { defineConfig } from 'prisma/config';

// Only `prisma generate` runs here: migrations are SQL files applied by server/db/migrate.ts.
export default defineConfig({
  schema: 'prisma/schema.prisma',
});
