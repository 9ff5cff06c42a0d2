import { Button, Image } from 'antd'
import { type CSSProperties, useRef } from 'react'
import { compressPhoto } from '../lib/photo.ts'

/**
 * 上传照片: picks an image, compresses it (lib/photo.ts) and hands the base64 to `onPhoto`. `onError`
 * gets `null` when a new file is picked and the reason when the file cannot be read.
 */
export function PhotoUploadButton({
  label,
  loading,
  onPhoto,
  onError,
  style,
}: {
  /** the accessible name of the file input, e.g. 选择检查照片 */
  readonly label: string
  readonly loading: boolean
  readonly onPhoto: (photo: string) => void
  readonly onError: (message: string | null) => void
  readonly style?: CSSProperties
}) {
  const fileRef = useRef<HTMLInputElement>(null)
  return (
    <>
      <Button style={style} loading={loading} onClick={() => fileRef.current?.click()}>
        上传照片
      </Button>
      <input
        ref={fileRef}
        type="file"
        accept="image/jpeg,image/png,image/webp"
        aria-label={label}
        style={{ display: 'none' }}
        onChange={(e) => {
          const file = e.target.files?.[0]
          e.target.value = ''
          if (!file) return
          onError(null)
          compressPhoto(file)
            .then(onPhoto)
            .catch((err: unknown) => onError(err instanceof Error ? err.message : '照片无法读取'))
        }}
      />
    </>
  )
}

/** A stored photo as a 120×90 thumbnail that opens the preview; a grey box while it loads. */
export function PhotoThumb({
  alt,
  photo,
}: {
  readonly alt: string
  readonly photo: { readonly mime: string; readonly contentBase64: string } | undefined
}) {
  if (!photo) return <div style={{ width: 120, height: 90, background: '#f5f5f5' }} />
  return (
    <Image
      width={120}
      height={90}
      style={{ objectFit: 'cover' }}
      alt={alt}
      src={`data:${photo.mime};base64,${photo.contentBase64}`}
    />
  )
}
