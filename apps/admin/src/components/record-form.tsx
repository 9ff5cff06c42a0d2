import { errorMessage, fieldErrors } from '@pingzhan/api/client'
import { Alert, Form, type FormInstance, Modal, Table, type TableColumnsType } from 'antd'
import type { ReactNode } from 'react'

/**
 * A modal with a vertical form whose OK button submits it: the dialog of the console's "登记…" actions.
 * The form is dropped on close; `pending` shows on the OK button while the mutation runs; `error`, the
 * mutation's last error, is shown above the form in Chinese.
 */
export function FormModal<T extends object>({
  title,
  open,
  okText,
  pending,
  onClose,
  form,
  name,
  width,
  error,
  initialValues,
  onFinish,
  children,
}: {
  readonly title: string
  readonly open: boolean
  readonly okText: string
  readonly pending: boolean
  readonly onClose: () => void
  readonly form: FormInstance<T>
  /** the form's name (antd prefixes field ids with it) */
  readonly name?: string
  readonly width?: number
  readonly error?: unknown
  readonly initialValues?: Partial<T>
  readonly onFinish: (values: T) => void
  readonly children: ReactNode
}) {
  return (
    <Modal
      title={title}
      open={open}
      okText={okText}
      cancelText="取消"
      confirmLoading={pending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      {...(width ? { width } : {})}
    >
      {error ? <Alert type="error" showIcon title={errorMessage(error)} role="alert" /> : null}
      <Form<T>
        form={form}
        layout="vertical"
        {...(name ? { name } : {})}
        initialValues={initialValues}
        onFinish={onFinish}
      >
        {children}
      </Form>
    </Modal>
  )
}

/** Puts the server's field errors on the form's fields; `rename` maps an input name to a form field's. */
export function showFieldErrors<T>(
  form: FormInstance<T>,
  error: unknown,
  rename: Readonly<Record<string, string>> = {},
): void {
  form.setFields(
    Object.entries(fieldErrors(error)).map(([name, msg]) => ({
      name: (rename[name] ?? name) as never,
      errors: [msg],
    })),
  )
}

/** A unit picked in a unit select (`office:nanma`, `squad:lucun`) as the API's unitType and unitCode. */
export const unitOfValue = (value: string): { unitType: 'office' | 'squad'; unitCode: string } => {
  const [unitType, unitCode] = value.split(':') as ['office' | 'squad', string]
  return { unitType, unitCode }
}

/** A short list of records from one query (no paging on the server): 20 a page, an empty text. */
export function RecordTable<T extends { readonly id: string }>({
  query,
  columns,
  emptyText,
  size = 'small',
  onRow,
}: {
  readonly query: { readonly isLoading: boolean; readonly data: ReadonlyArray<T> | undefined }
  readonly columns: TableColumnsType<T>
  readonly emptyText: string
  readonly size?: 'small' | 'middle'
  readonly onRow?: (r: T) => object
}) {
  return (
    <Table<T>
      rowKey="id"
      size={size}
      loading={query.isLoading}
      columns={columns}
      dataSource={[...(query.data ?? [])]}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText }}
      {...(onRow ? { onRow: onRow as never } : {})}
    />
  )
}
