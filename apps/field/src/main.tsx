import { render } from 'solid-js/web'
import { App } from './app.tsx'
import './styles.css'

const root = document.getElementById('root')
if (root) render(() => <App />, root)

// Installable, offline-first (issue 4): the service worker keeps the app shell on the phone.
if ('serviceWorker' in navigator && import.meta.env.PROD) {
  window.addEventListener('load', () => {
    void navigator.serviceWorker.register(`${import.meta.env.BASE_URL}sw.js`, {
      scope: import.meta.env.BASE_URL,
    })
  })
}
