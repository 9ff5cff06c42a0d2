import { lazy, Suspense } from 'solid-js'
import { render } from 'solid-js/web'
import { App } from './app.tsx'
import './styles.css'

// /kiosk/status is the public status page the receipt's QR code opens (any phone, no bound device).
const PublicStatus = lazy(() => import('./pages/public-status.tsx'))

const root = document.getElementById('root')
if (root) {
  const publicPage = /\/status\/?$/.test(location.pathname)
  render(
    () =>
      publicPage ? (
        <Suspense fallback={<p class="center">正在打开…</p>}>
          <PublicStatus />
        </Suspense>
      ) : (
        <App />
      ),
    root,
  )
}
