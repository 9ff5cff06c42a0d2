// The legal-aid matters and waiver grounds of 法律援助法 as data. Imports nothing: the kiosk bundles it
// (through eligibility.ts) for the resident's pre-check, and the register reads the same lists.

/**
 * Matters a town office takes legal-aid applications for (法律援助法 13: town workstations take
 * applications nearby). Criminal: 法24 (suspect/defendant without counsel, or a relative, applies) and
 * 法25 (persons for whom counsel must be appointed on notice); civil and administrative: 法31 (1)–(9).
 */
export const LEGAL_AID_MATTERS = {
  'criminal.24': '刑事辩护：犯罪嫌疑人、被告人因经济困难或其他原因没有委托辩护人（第二十四条）',
  'criminal.25': '刑事辩护：未成年人、残疾人等应当通知辩护的情形（第二十五条）',
  'civil.31.1': '依法请求国家赔偿（第三十一条第一项）',
  'civil.31.2': '请求给予社会保险待遇或者社会救助（第三十一条第二项）',
  'civil.31.3': '请求发给抚恤金（第三十一条第三项）',
  'civil.31.4': '请求给付赡养费、抚养费、扶养费（第三十一条第四项）',
  'civil.31.5': '请求确认劳动关系或者支付劳动报酬（第三十一条第五项）',
  'civil.31.6': '请求认定公民无民事行为能力或者限制民事行为能力（第三十一条第六项）',
  'civil.31.7': '请求工伤事故、交通事故、食品药品安全事故、医疗事故人身损害赔偿（第三十一条第七项）',
  'civil.31.8': '请求环境污染、生态破坏损害赔偿（第三十一条第八项）',
  'civil.31.9': '法律、法规、规章规定的其他情形（第三十一条第九项）',
} as const
export type LegalAidMatter = keyof typeof LEGAL_AID_MATTERS

/** 法律援助法32: applications not subject to the economic-hardship condition. */
export const ECONOMIC_TEST_WAIVERS = {
  '32.1': '英雄烈士近亲属为维护英雄烈士的人格权益',
  '32.2': '因见义勇为行为主张相关民事权益',
  '32.3': '再审改判无罪请求国家赔偿',
  '32.4': '遭受虐待、遗弃或者家庭暴力的受害人主张相关权益',
  '32.5': '法律、法规、规章规定的其他情形',
} as const
export type EconomicTestWaiver = keyof typeof ECONOMIC_TEST_WAIVERS

/** 法律援助法42: applicants whose economic hardship is not verified, on proof of belonging. */
export const HARDSHIP_CHECK_WAIVERS = {
  '42.1': '无固定生活来源的未成年人、老年人、残疾人等特定群体',
  '42.2': '社会救助、司法救助或者优抚对象',
  '42.3': '申请支付劳动报酬或者请求工伤事故人身损害赔偿的进城务工人员',
  '42.4': '法律、法规、规章规定的其他人员',
} as const
export type HardshipCheckWaiver = keyof typeof HARDSHIP_CHECK_WAIVERS

/** The “other” grounds (32(5), 42(4)) name the rule relied on in a note. */
export const waiverNeedsNote = (ground: string | null): boolean => ground === '32.5' || ground === '42.4'
