import { defineConfig } from 'vite'
import { compression } from 'vite-plugin-compression2'
import solid from 'vite-plugin-solid'

export default defineConfig({
  base: '/field/',
  // gzip and brotli copies of every text asset, built once; the API serves them to browsers that
  // accept them (@fastify/static preCompressed), so a phone on a weak link downloads a third
  plugins: [solid(), compression()],
  server: {
    proxy: { '/trpc': 'http://127.0.0.1:3000' },
  },
  build: { target: 'es2020' },
})
