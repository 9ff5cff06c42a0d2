import { defineConfig } from 'vitest/config'

// Property tests run hundreds of cases each: ~1 s on an idle machine, but a CI run on a loaded 2-core
// machine took over vitest's default 5 s for two of them. The limit is a hang guard, not a speed target.
export default defineConfig({
  test: {
    testTimeout: 60_000,
  },
})
