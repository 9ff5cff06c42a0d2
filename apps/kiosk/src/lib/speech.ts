/**
 * Reads the current screen aloud (speechSynthesis, zh-CN) on request. The text is what the screen
 * shows: the visible text of `main`, without the toolbar.
 */
export function screenText(): string {
  const main = document.querySelector('main')
  return (main instanceof HTMLElement ? main.innerText : '').replace(/\s+/g, ' ').trim()
}

export function readAloud(text = screenText()): boolean {
  const synth = window.speechSynthesis
  if (!synth || typeof SpeechSynthesisUtterance === 'undefined' || !text) return false
  synth.cancel()
  const u = new SpeechSynthesisUtterance(text)
  u.lang = 'zh-CN'
  u.rate = 0.9
  const voice = synth.getVoices().find((v) => v.lang.replace('_', '-').toLowerCase().startsWith('zh-cn'))
  if (voice) u.voice = voice
  synth.speak(u)
  return true
}

export function stopSpeech(): void {
  try {
    window.speechSynthesis?.cancel()
  } catch {}
}
