import { defineConfig } from 'vite'
import solid from 'vite-plugin-solid'

export default defineConfig({
  base: '/kiosk/',
  plugins: [solid()],
  server: {
    proxy: { '/trpc': 'http://127.0.0.1:3000' },
  },
  build: { target: 'es2020' },
})
