import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev` starts the API on API_PORT (8000) and this server, which proxies the API's paths to it.
const api = `http://127.0.0.1:${process.env.API_PORT ?? '8000'}`;

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), tailwindcss()],
  server: {
    proxy: Object.fromEntries(['/api', '/docs', '/redoc', '/openapi.json', '/health'].map((p) => [p, api])),
  },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
});
