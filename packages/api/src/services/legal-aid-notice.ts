// The written notices of a legal-aid application (法律援助法43) as neutral blocks; corrections-docx.ts
// lays them out as an official document (GB/T 9704). The refusal states its reason and the applicant's
// remedy (法律援助法49: an objection to the justice bureau, reviewed within 5 days).
import type { DocBlock } from './corrections-docs.ts'
import type { LegalAidNoticeKind } from './legal-aid.ts'

export interface NoticeFacts {
  readonly caseNo: string
  readonly applicantName: string
  readonly matter: string
  readonly receivedDate: string
  readonly decisionDate: string
  readonly reason: string
  readonly designatedPerson: string
  readonly designatedOn: string
  readonly officeName: string
  readonly issuedOn: string
}

const cn = (date: string): string =>
  date ? `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日` : '____年__月__日'

export const legalAidNoticeBlocks = (kind: LegalAidNoticeKind, f: NoticeFacts): ReadonlyArray<DocBlock> => {
  const head: ReadonlyArray<DocBlock> = [
    { kind: 'title', text: kind === 'refusal' ? '不予法律援助通知书' : '法律援助人员指派通知书' },
    { kind: 'para', text: `编号：${f.caseNo}`, options: { align: 'right', indent: false } },
    { kind: 'para', text: `${f.applicantName}：`, options: { indent: false } },
  ]
  const body: ReadonlyArray<DocBlock> =
    kind === 'refusal'
      ? [
          {
            kind: 'para',
            text: `你于${cn(f.receivedDate)}提出的法律援助申请（事项：${f.matter}），经审查，法律援助机构于${cn(f.decisionDate)}决定不给予法律援助。`,
          },
          { kind: 'para', text: `理由：${f.reason}` },
          {
            kind: 'para',
            text: '依照《中华人民共和国法律援助法》第四十三条的规定，特此书面告知。你对不予法律援助的决定有异议的，可以向设立该法律援助机构的司法行政部门提出；司法行政部门应当自收到异议之日起五日内进行审查（《中华人民共和国法律援助法》第四十九条）。',
          },
        ]
      : [
          {
            kind: 'para',
            text: `你于${cn(f.receivedDate)}提出的法律援助申请（事项：${f.matter}），法律援助机构已于${cn(f.decisionDate)}决定给予法律援助，并于${cn(f.designatedOn)}指派法律援助人员为你提供法律援助。`,
          },
          {
            kind: 'table',
            rows: [
              ['受援人', f.applicantName],
              ['被指派的法律援助人员', f.designatedPerson],
              ['指派日期', cn(f.designatedOn)],
            ],
          },
          {
            kind: 'para',
            text: '依照《中华人民共和国法律援助法》第四十三条的规定，特此通知。请与被指派的法律援助人员联系。',
          },
        ]
  return [
    ...head,
    ...body,
    { kind: 'para', text: f.officeName, options: { align: 'right', indent: false } },
    { kind: 'para', text: cn(f.issuedOn), options: { align: 'right', indent: false } },
  ]
}
