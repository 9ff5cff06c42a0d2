// Photos for the server (at most 600 KB each, JPEG/PNG/WebP by magic bytes): downscaled and re-encoded as
// JPEG in the browser before upload. Shared by the 普法 register and the 四不两直 inspections.

/** the server keeps at most 600 KB per photo: downscale and re-encode on the way */
const MAX_SIDE = 1600

export const compressPhoto = async (file: File): Promise<string> => {
  const bitmap = await createImageBitmap(file)
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height))
  const canvas = document.createElement('canvas')
  canvas.width = Math.round(bitmap.width * scale)
  canvas.height = Math.round(bitmap.height * scale)
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height)
  for (const quality of [0.8, 0.6, 0.4]) {
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality))
    if (blob && blob.size <= 600 * 1024) {
      const bytes = new Uint8Array(await blob.arrayBuffer())
      let binary = ''
      for (const b of bytes) binary += String.fromCharCode(b)
      return btoa(binary)
    }
  }
  throw new Error('照片过大，请选择较小的照片')
}
