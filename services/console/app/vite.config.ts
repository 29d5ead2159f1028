import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// `pnpm --filter @zone-risk/console dev` serves the app with hot reload and sends /api/ to a
// console started beside it (`./infra/platform up` runs one on 3000).
export default defineConfig({
  root,
  plugins: [vue()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2_000 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
