import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig, type ProxyOptions } from "vite";

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${name} must be a TCP port number (1-65535), got "${raw}"`);
  }
  return port;
}

const webPort = portFromEnv("WEB_PORT", 5173);
// API_URL points the proxy at an API on another host (docker-compose: http://api:4000).
const apiTarget = process.env.API_URL ?? `http://127.0.0.1:${portFromEnv("PORT", 4000)}`;

// The browser only ever talks to its own origin, so the API needs no CORS set-up in dev, preview or e2e.
// xfwd: the API can tell the portal's users apart (sign-in limits, logs) when TRUSTED_PROXIES names this
// server; otherwise it ignores the header and they all count as this server's address.
const proxy: Record<string, ProxyOptions> = {
  "/graphql": { target: apiTarget, ws: true, xfwd: true },
  "/auth": { target: apiTarget, xfwd: true },
  "/health": { target: apiTarget, xfwd: true },
};

export default defineConfig({
  plugins: [react(), tailwindcss()],
  // dist/.vite/manifest.json maps each source module to its chunk and static imports: the bundle budget test
  // (e2e/bundle-budget.spec.ts) reads it to know what a page loads.
  build: { manifest: true },
  server: { host: "127.0.0.1", port: webPort, strictPort: true, proxy },
  preview: { host: "127.0.0.1", port: webPort, strictPort: true, proxy },
});
