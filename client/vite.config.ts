import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));
const server = `http://localhost:${process.env.PORT ?? 3000}`;

export default defineConfig({
  root: here('.'),
  plugins: [react()],
  build: {
    outDir: here('../dist/client'),
    emptyOutDir: true,
    // One entry per page; entries never import each other (see DESIGN.md).
    rollupOptions: {
      input: {
        landing: here('index.html'),
        player: here('player/index.html'),
        instructor: here('instructor/index.html'),
        deeplink: here('deeplink/index.html'),
        preview: here('preview/index.html'),
        authoring: here('authoring/index.html'),
      },
    },
  },
  server: {
    port: 5173,
    // The dev server serves the client; everything else goes to the Upstream server.
    proxy: Object.fromEntries(
      ['/api', '/lti', '/emulator', '/healthz', '/readyz'].map((p) => [p, server]),
    ),
  },
});
