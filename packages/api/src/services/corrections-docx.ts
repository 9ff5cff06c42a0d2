// Renders the neutral blocks of corrections-docs.ts as a Word document in the style of official
// documents (GB/T 9704): A4, margins 37/35/28/26 mm, title in 方正小标宋简体 二号, body 仿宋_GB2312 三号.
// Loaded on first use only: docx is ~15 MB of resident memory that a server not printing never needs.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import type { DocBlock, ParaOptions } from './corrections-docs.ts'

const MM = 56.7 // twips per millimetre
const BODY_FONT = { ascii: '仿宋_GB2312', eastAsia: '仿宋_GB2312', hAnsi: '仿宋_GB2312' }
const TITLE_FONT = { ascii: '方正小标宋简体', eastAsia: '方正小标宋简体', hAnsi: '方正小标宋简体' }
const SIZE_BODY = 32 // 三号 16 pt, in half-points
const SIZE_TITLE = 44 // 二号 22 pt

const title = (text: string) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 400 },
    children: [new TextRun({ text, font: TITLE_FONT, size: SIZE_TITLE })],
  })

const para = (text: string, options: ParaOptions = {}) =>
  new Paragraph({
    alignment:
      options.align === 'right'
        ? AlignmentType.RIGHT
        : options.align === 'center'
          ? AlignmentType.CENTER
          : AlignmentType.JUSTIFIED,
    indent: options.indent === false ? undefined : { firstLine: 640 },
    spacing: { line: 560, lineRule: 'exact' },
    children: [new TextRun({ text, font: BODY_FONT, size: SIZE_BODY })],
  })

const cell = (text: string, widthPct: number, span = 1) =>
  new TableCell({
    columnSpan: span,
    width: { size: widthPct, type: WidthType.PERCENTAGE },
    children: [new Paragraph({ children: [new TextRun({ text, font: BODY_FONT, size: 28 })] })],
  })

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' }

const formTable = (rows: ReadonlyArray<readonly [string, string]>) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
    rows: rows.map(([k, v]) => new TableRow({ children: [cell(k, 28), cell(v, 72)] })),
  })

const documentOf = (children: Array<Paragraph | Table>) =>
  new Document({
    creator: '平战 PingZhan',
    styles: { default: { document: { run: { font: BODY_FONT, size: SIZE_BODY } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: {
              top: Math.round(37 * MM),
              bottom: Math.round(35 * MM),
              left: Math.round(28 * MM),
              right: Math.round(26 * MM),
            },
          },
        },
        children,
      },
    ],
  })

const blockOf = (b: DocBlock): Paragraph | Table => {
  switch (b.kind) {
    case 'title':
      return title(b.text)
    case 'para':
      return para(b.text, b.options)
    case 'table':
      return formTable(b.rows)
  }
}

/** The .docx bytes of a document made of `blocks`. */
export const renderDocx = async (blocks: ReadonlyArray<DocBlock>): Promise<Buffer> =>
  Packer.toBuffer(documentOf(blocks.map(blockOf)))
