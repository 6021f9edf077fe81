import { defineConfig } from "prisma/config";
import { migrationAdapter } from "./prisma/migration-adapter";

// The JS (wasm) schema engine ships inside the prisma package; the native one would be downloaded, which
// air-gapped installs cannot do. DATABASE_URL is provided by scripts/with-database.ts or the caller.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: run Prisma through `npm run prisma -- <command>`");
    return migrationAdapter(url);
  },
});
