// 纠纷类型 of the 人民调解 register: validated by the server, offered by the admin console. Import-free,
// so the browser-safe client entry can hand it to the apps.
export const DISPUTE_TYPES = [
  '婚姻家庭',
  '邻里纠纷',
  '宅基地',
  '合同纠纷',
  '损害赔偿',
  '劳动争议',
  '山林土地',
  '其他',
] as const
export type DisputeType = (typeof DISPUTE_TYPES)[number]
