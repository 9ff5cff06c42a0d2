// The kiosk's legal-aid pre-check (issue 14): from a resident's answers, what 法律援助法 says about
// their application, in plain Chinese, and which materials to bring. It decides nothing — the county
// legal aid centre decides (法43) — it only explains. Pure and import-free apart from the matter lists,
// so the kiosk runs it on the screen and the API runs the same rules on submission.
import {
  ECONOMIC_TEST_WAIVERS,
  type EconomicTestWaiver,
  HARDSHIP_CHECK_WAIVERS,
  type HardshipCheckWaiver,
  type LegalAidMatter,
} from './matters.ts'

/** The matter in the words a resident uses (the register keeps the statute's labels). */
export const LEGAL_AID_MATTER_PLAIN: Record<LegalAidMatter, string> = {
  'criminal.24': '家人或本人涉嫌犯罪被追诉，没有请辩护律师',
  'criminal.25': '涉嫌犯罪的是未成年人、盲聋哑人、精神病人，或可能判无期徒刑、死刑',
  'civil.31.1': '要求国家赔偿',
  'civil.31.2': '要社会保险待遇、低保等社会救助',
  'civil.31.3': '要抚恤金',
  'civil.31.4': '要赡养费、抚养费、扶养费',
  'civil.31.5': '讨要工资、确认劳动关系',
  'civil.31.6': '申请认定家人没有或只有部分民事行为能力',
  'civil.31.7': '工伤、交通事故、食品药品安全事故、医疗事故的人身损害赔偿',
  'civil.31.8': '环境污染、生态破坏的损害赔偿',
  'civil.31.9': '法律、法规、规章规定的其他事项',
}

/** The waiver grounds a resident can pick at the kiosk, in plain words ("other" grounds go to the window). */
export const KIOSK_ECONOMIC_WAIVERS: Partial<Record<EconomicTestWaiver, string>> = {
  '32.1': '我是英雄烈士的近亲属，为维护英雄烈士的名誉、荣誉等权益',
  '32.2': '因见义勇为主张权益',
  '32.3': '再审改判无罪，请求国家赔偿',
  '32.4': '遭受虐待、遗弃或者家庭暴力',
}
export const KIOSK_HARDSHIP_WAIVERS: Partial<Record<HardshipCheckWaiver, string>> = {
  '42.1': '没有固定生活来源的未成年人、老年人、残疾人',
  '42.2': '享受低保、特困供养等社会救助、司法救助，或者是优抚对象',
  '42.3': '进城务工人员，讨要工资或工伤赔偿',
}

export type ApplicantRole = 'self' | 'guardian' | 'relative'
export type EconomicAnswer = 'yes' | 'no' | 'unsure'

/** The resident's answers. */
export interface LegalAidSituation {
  readonly matter: LegalAidMatter
  /** applying for oneself, as a legal guardian (法40 第一款) or as a close relative (法24, 法40 第二款) */
  readonly applicantRole: ApplicantRole
  /** the person the aid is for is detained, serving a sentence or in compulsory drug rehabilitation (法39) */
  readonly detained: boolean
  /** a lawyer or other agent is already engaged for the matter */
  readonly hasCounsel: boolean
  /** 法32: exempt from the economic-hardship condition */
  readonly economicWaiver: EconomicTestWaiver | null
  /** 法42: hardship not verified, on proof of belonging to the group */
  readonly hardshipWaiver: HardshipCheckWaiver | null
  /** asked only when neither waiver applies: is the family in economic hardship? */
  readonly economicHardship: EconomicAnswer
  /** a limitation period ends within days, or urgent measures are needed (法44) */
  readonly urgent: boolean
}

/**
 * likely: nothing in the answers stands against the application; review: it turns on the centre's check
 * of economic hardship against the provincial standard (法34, 41); unlikely: the answers point away from
 * legal aid (still, anyone may apply and the centre decides).
 */
export type PrecheckOutcome = 'likely' | 'review' | 'unlikely'
/** waived: 法32 or 法25 (no economic condition); unverified: 法42 (no verification); statement: 法41 */
export type EconomicTest = 'waived' | 'unverified' | 'statement'

export interface Material {
  readonly code: string
  readonly text: string
}

export interface Precheck {
  readonly outcome: PrecheckOutcome
  readonly economicTest: EconomicTest
  /** one sentence for the top of the screen */
  readonly headline: string
  /** why, one article per line, in plain Chinese */
  readonly reasons: ReadonlyArray<string>
  /** the checklist of what to bring */
  readonly materials: ReadonlyArray<Material>
  /** answers that contradict each other, keyed by the answer to change */
  readonly problems: Readonly<Partial<Record<'economicWaiver' | 'hardshipWaiver' | 'applicantRole', string>>>
}

const CRIMINAL: ReadonlyArray<LegalAidMatter> = ['criminal.24', 'criminal.25']

const MATTER_MATERIALS: Record<LegalAidMatter, Material> = {
  'criminal.24': {
    code: 'case.criminal',
    text: '案件材料：拘留通知书、逮捕通知书、起诉书等（有哪些带哪些）',
  },
  'criminal.25': {
    code: 'case.criminal',
    text: '案件材料：拘留通知书、逮捕通知书、起诉书等（有哪些带哪些）',
  },
  'civil.31.1': { code: 'case.31.1', text: '与国家赔偿有关的决定书、判决书等材料' },
  'civil.31.2': { code: 'case.31.2', text: '社会保险或社会救助的申请材料、有关部门的答复' },
  'civil.31.3': { code: 'case.31.3', text: '与抚恤金有关的证明材料' },
  'civil.31.4': { code: 'case.31.4', text: '亲属关系证明：户口簿、结婚证、出生医学证明等' },
  'civil.31.5': { code: 'case.31.5', text: '劳动合同、工资条、欠条、考勤记录、工作证等' },
  'civil.31.6': { code: 'case.31.6', text: '病历、诊断证明或鉴定材料' },
  'civil.31.7': { code: 'case.31.7', text: '事故认定书、病历、医疗费票据、工伤认定材料等' },
  'civil.31.8': { code: 'case.31.8', text: '损害情况的照片、检测报告等材料' },
  'civil.31.9': { code: 'case.31.9', text: '与申请事项有关的材料' },
}

const ECONOMIC_PROOF: Record<EconomicTestWaiver, Material> = {
  '32.1': { code: 'proof.32.1', text: '与英雄烈士的近亲属关系证明' },
  '32.2': { code: 'proof.32.2', text: '见义勇为的认定或证明材料' },
  '32.3': { code: 'proof.32.3', text: '再审改判无罪的判决书' },
  '32.4': { code: 'proof.32.4', text: '报警记录、伤情证明、告诫书或人身安全保护令等（有哪些带哪些）' },
  '32.5': { code: 'proof.32.5', text: '所依据的法律、法规、规章规定的证明材料' },
}

const HARDSHIP_PROOF: Record<HardshipCheckWaiver, Material> = {
  '42.1': { code: 'proof.42.1', text: '证明身份的材料：残疾证、年龄证明，以及没有固定生活来源的证明' },
  '42.2': { code: 'proof.42.2', text: '低保证、特困供养证、司法救助决定或优抚证明' },
  '42.3': { code: 'proof.42.3', text: '进城务工的证明：劳动合同、工资条、工作证等' },
  '42.4': { code: 'proof.42.4', text: '所依据规定的证明材料' },
}

const ORDINAL = ['', '一', '二', '三', '四', '五'] as const
const item = (code: string): string => ORDINAL[Number(code.split('.')[1])] ?? code

/** Runs the pre-check. Deterministic: the same answers give the same text. */
export const precheckLegalAid = (s: LegalAidSituation): Precheck => {
  const criminal = CRIMINAL.includes(s.matter)
  const reasons: Array<string> = []
  const materials: Array<Material> = [
    { code: 'id', text: '申请人的居民身份证（或户口簿）' },
    MATTER_MATERIALS[s.matter],
  ]
  const problems: { -readonly [K in keyof Precheck['problems']]: string } = {}

  if (s.economicWaiver === '32.3' && s.matter !== 'civil.31.1')
    problems.economicWaiver = '“再审改判无罪请求国家赔偿”只适用于“要求国家赔偿”的事项'
  if (s.hardshipWaiver === '42.3' && s.matter !== 'civil.31.5' && s.matter !== 'civil.31.7')
    problems.hardshipWaiver = '“进城务工人员”一项只适用于讨要工资或工伤赔偿的事项'
  if (s.applicantRole === 'relative' && !criminal && !s.detained)
    problems.applicantRole =
      '民事、行政事项由本人申请；本人没有或只有部分民事行为能力的，由法定代理人（监护人）代为申请（第四十条）'

  let economicTest: EconomicTest
  let outcome: PrecheckOutcome
  if (s.matter === 'criminal.25') {
    economicTest = 'waived'
    outcome = 'likely'
    reasons.push(
      '属于应当通知辩护的情形（法律援助法第二十五条）：公安机关、检察院、法院应当通知法律援助机构指派律师，不审查经济状况。您也可以在这里提出申请，司法所会转交县法律援助中心。',
    )
  } else if (s.economicWaiver !== null && problems.economicWaiver === undefined) {
    economicTest = 'waived'
    outcome = 'likely'
    reasons.push(
      `属于法律援助法第三十二条第${item(s.economicWaiver)}项的情形（${ECONOMIC_TEST_WAIVERS[s.economicWaiver]}），申请法律援助不受经济困难条件的限制。请带上能证明这一情形的材料。`,
    )
    materials.push(ECONOMIC_PROOF[s.economicWaiver])
  } else if (s.hardshipWaiver !== null && problems.hardshipWaiver === undefined) {
    economicTest = 'unverified'
    outcome = 'likely'
    reasons.push(
      `属于法律援助法第四十二条第${item(s.hardshipWaiver)}项的人员（${HARDSHIP_CHECK_WAIVERS[s.hardshipWaiver]}），有材料证明的，免予核查经济困难状况。请带上证明材料。`,
    )
    materials.push(HARDSHIP_PROOF[s.hardshipWaiver])
  } else {
    economicTest = 'statement'
    materials.push({ code: 'economic', text: '经济困难状况说明（可以在窗口填写，也可以作个人诚信承诺）' })
    if (s.economicHardship === 'no' && !criminal) {
      outcome = 'unlikely'
      reasons.push(
        '这类事项的法律援助，以“因经济困难没有委托代理人”为条件（法律援助法第三十一条）。您选择了家庭经济不困难，一般不符合条件；您仍然可以提交申请，由县法律援助中心审查决定。',
      )
    } else {
      outcome = 'review'
      reasons.push(
        criminal
          ? '因经济困难或者其他原因没有委托辩护人的，本人及其近亲属可以申请法律援助（法律援助法第二十四条）。因经济困难申请的，需要如实说明经济状况（第四十一条）。'
          : '需要如实说明家庭经济困难状况（法律援助法第四十一条），由县法律援助中心按山东省规定的经济困难标准审查（第三十四条），可以通过信息共享查询或由您作个人诚信承诺。',
      )
    }
  }

  if (s.hasCounsel) {
    outcome = 'unlikely'
    reasons.push(
      criminal
        ? '法律援助是为没有委托辩护人的当事人提供的（第二十四条）。已经委托律师的，一般不再提供；解除委托后可以申请。'
        : '法律援助是为没有委托代理人的当事人提供的（第三十一条）。已经委托律师或其他代理人的，一般不再提供；解除委托后可以申请。',
    )
  }
  if (s.matter === 'civil.31.9')
    reasons.push('“其他事项”需要说明所依据的法律、法规或规章，请当面告诉工作人员。')
  if (s.detained) {
    reasons.push(
      '本人被羁押的，可以由法定代理人或近亲属代为申请（第四十条）；羁押场所收到本人的申请后应当在二十四小时内转交法律援助机构（第三十九条）。',
    )
    materials.push({ code: 'detention', text: '被羁押人员的姓名、羁押场所名称' })
  }
  if (s.applicantRole !== 'self') {
    reasons.push(
      s.applicantRole === 'guardian'
        ? '由监护人（法定代理人）代为申请的，请带上监护关系证明（第四十条）。'
        : '由近亲属代为申请的，请带上亲属关系证明。',
    )
    materials.push({ code: 'agent', text: '代为申请人的身份证，以及户口簿、出生医学证明等关系证明' })
  }
  if (s.urgent)
    reasons.push(
      '诉讼时效或期限即将届满等紧急情形，法律援助机构可以决定先行提供法律援助（第四十四条），请当面告诉工作人员。',
    )
  reasons.push(
    '县法律援助中心自收到申请之日起七日内作出是否给予法律援助的决定；材料不齐全的，会一次性告诉您需要补充什么（第四十三条）。',
  )

  const headline =
    outcome === 'likely'
      ? '根据您的选择，您的情形符合申请法律援助的条件，可以提交申请。'
      : outcome === 'review'
        ? '您可以提交申请，是否给予法律援助要看经济困难状况的审查结果。'
        : '根据您的选择，您可能不符合法律援助的条件，仍然可以提交申请。'
  return { outcome, economicTest, headline, reasons, materials, problems }
}
