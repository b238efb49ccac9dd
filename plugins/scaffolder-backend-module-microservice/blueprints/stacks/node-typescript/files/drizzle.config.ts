/**
 * drizzle-kit: `npm run db:generate` compares src/db/schema.ts with the last snapshot in
 * migrations/meta and writes the SQL of the difference as the next migration. Write its
 * `.down.sql` beside it (see the README).
 */
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './migrations',
});
