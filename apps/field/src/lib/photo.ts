/**
 * Shrinks a camera photo on the phone before it is queued: at most 1280 px on the long side, JPEG,
 * quality lowered until it fits `maxBytes`. Returns base64 without the data: prefix.
 */
export async function compressPhoto(file: File, maxBytes = 300 * 1024): Promise<string> {
  const url = URL.createObjectURL(file)
  try {
    const img = await new Promise<HTMLImageElement>((resolve, reject) => {
      const el = new Image()
      el.onload = () => resolve(el)
      el.onerror = () => reject(new Error('照片无法读取'))
      el.src = url
    })
    let scale = Math.min(1, 1280 / Math.max(img.naturalWidth, img.naturalHeight))
    for (let quality = 0.7; ; ) {
      const canvas = document.createElement('canvas')
      canvas.width = Math.max(1, Math.round(img.naturalWidth * scale))
      canvas.height = Math.max(1, Math.round(img.naturalHeight * scale))
      const ctx = canvas.getContext('2d')
      if (!ctx) throw new Error('照片无法处理')
      ctx.drawImage(img, 0, 0, canvas.width, canvas.height)
      const base64 = canvas.toDataURL('image/jpeg', quality).split(',')[1] ?? ''
      if ((base64.length * 3) / 4 <= maxBytes || (quality <= 0.35 && scale < 0.3)) return base64
      if (quality > 0.4) quality -= 0.15
      else scale *= 0.7
    }
  } finally {
    URL.revokeObjectURL(url)
  }
}
