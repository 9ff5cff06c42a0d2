// Service worker of the field app: the app shell works with no network.
// Navigations: network first, the saved shell when offline. Hashed assets: cache first.
// API calls (/trpc) are never cached here: personal data stays out of the cache storage.
const CACHE = 'pz-field-shell-v1'
const SHELL = '/field/'

const cacheShell = async () => {
  const cache = await caches.open(CACHE)
  const res = await fetch(SHELL, { cache: 'no-store' })
  if (!res.ok) return
  const html = await res.clone().text()
  await cache.put(SHELL, res)
  const assets = [...html.matchAll(/(?:src|href)="(\/field\/[^"]+)"/g)].map((m) => m[1])
  await cache.addAll([...new Set(assets)])
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()))
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key)
      await self.clients.claim()
    })(),
  )
})

self.addEventListener('fetch', (event) => {
  const req = event.request
  const url = new URL(req.url)
  if (req.method !== 'GET' || url.origin !== self.location.origin || !url.pathname.startsWith('/field/'))
    return
  if (req.mode === 'navigate') {
    event.respondWith(
      fetch(req)
        .then((res) => {
          if (res.ok) {
            const copy = res.clone()
            void caches.open(CACHE).then((c) => c.put(SHELL, copy))
          }
          return res
        })
        .catch(async () => (await caches.match(SHELL)) ?? Response.error()),
    )
    return
  }
  event.respondWith(
    caches.match(req).then(
      (hit) =>
        hit ??
        fetch(req).then((res) => {
          if (res.ok && url.pathname.startsWith('/field/assets/')) {
            const copy = res.clone()
            void caches.open(CACHE).then((c) => c.put(req, copy))
          }
          return res
        }),
    ),
  )
})
