/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// In development (`npm run dev`), the API runs separately (see web/README.md)
// and everything the browser asks of it goes through this server's proxy, so
// the page, the API, the login cookie and the photos share one origin.
const api = process.env.OURSPACE_API_URL ?? "http://localhost:8080";
const proxied = ["/v1", "/media", "/static", "/docs", "/openapi.json"];

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: Object.fromEntries(proxied.map((p) => [p, { target: api, changeOrigin: false }])),
  },
  build: {
    outDir: "dist/app", // embedded by the Go binary (web.go)
    sourcemap: false,
    chunkSizeWarningLimit: 800,
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test-setup.ts"],
  },
});
