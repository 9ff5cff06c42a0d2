import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { compression } from 'vite-plugin-compression2'

// The admin is served by the API under /admin/; in development Vite proxies the API.
export default defineConfig({
  base: '/admin/',
  // gzip and brotli copies of every text asset, built once; the API serves them to browsers that
  // accept them (@fastify/static preCompressed), so a phone on a weak link downloads a third
  plugins: [react(), compression()],
  server: {
    port: 5173,
    proxy: {
      '/trpc': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        // antd alone is several hundred KB: keep the framework, the UI kit and the data layer in
        // separate long-lived chunks, so each route chunk carries only its own page code.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
              priority: 30,
            },
            { name: 'data', test: /node_modules[\\/](@tanstack|@trpc)[\\/]/, priority: 20 },
            {
              // the part of antd every screen needs (theme, tokens, CSS-in-JS, locale); the components
              // themselves are left to the automatic split, so each route loads only those it uses
              name: 'antd-core',
              test: /node_modules[\\/](antd[\\/]es[\\/](config-provider|theme|_util|locale|style|version|app)[\\/]|@ant-design[\\/](cssinjs|cssinjs-utils|colors|fast-color)[\\/]|@rc-component[\\/](util|motion|context)[\\/]|dayjs[\\/]|@babel[\\/]runtime)/,
              priority: 10,
            },
          ],
        },
      },
    },
  },
})
