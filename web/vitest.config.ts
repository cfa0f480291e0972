import { defineConfig } from 'vitest/config';
// Loaded in the Vitest main process, before any reporter runs (see the file for why).
import './tests/unit/support/node20.ts';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    setupFiles: ['tests/unit/support/node20.ts'],
    environment: 'node',
  },
});
