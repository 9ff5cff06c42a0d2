import { errorMessage } from '@pingzhan/api/client'
import { type UseMutationOptions, useMutation } from '@tanstack/react-query'
import { App } from 'antd'

/** Saves a base64 file the API produced (exports) through a temporary link. */
export function downloadBase64(filename: string, base64: string, type: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
  const url = URL.createObjectURL(new Blob([bytes], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** An export mutation whose answer is saved as .xlsx; a failure is shown as the server's Chinese message. */
export function useXlsxExport<O extends { filename: string; contentBase64: string }, E, V, C>(
  options: UseMutationOptions<O, E, V, C>,
  done?: (file: O) => void,
) {
  const { message } = App.useApp()
  return useMutation({
    ...options,
    onSuccess: (file) => {
      downloadBase64(file.filename, file.contentBase64, XLSX_TYPE)
      done?.(file)
    },
    onError: (err) => void message.error(errorMessage(err)),
  })
}
