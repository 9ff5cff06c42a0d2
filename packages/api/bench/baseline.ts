// PERFORMANCE.md's baseline (row A): a bare node:http server answering JSON.stringify of a 5 KB body.
// The targets of the list benchmarks are multiples of its req/s measured in the same run.

/** The first items of a tRPC list answer that fit in 5 KB, as one tRPC answer: the body of row A. */
export const fiveKilobytes = (page: string): string => {
  const items = (JSON.parse(page) as { result: { data: { items: unknown[] } } }).result.data.items
  let body = ''
  for (let n = 1; n <= items.length; n++) {
    const next = JSON.stringify({ result: { data: { items: items.slice(0, n), nextCursor: null } } })
    if (Buffer.byteLength(next) > 5 * 1024) break
    body = next
  }
  return body
}
