// Types for the two Vite features the tests use to read files without Node's fs (the domain's
// tsconfig has no Node types, so nothing in src can reach for node:*).

declare module '*.txt?raw' {
  const text: string
  export default text
}

interface ImportMeta {
  glob(
    pattern: string | ReadonlyArray<string>,
    options: { query: '?raw'; import: 'default'; eager: true },
  ): Record<string, string>
}
