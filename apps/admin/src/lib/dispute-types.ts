import type { RouterInputs } from './trpc.ts'

export type DisputeType = RouterInputs['mediation']['create']['disputeType']

/** 纠纷类型 of the 人民调解 register, in the server's order (services/mediation.ts DISPUTE_TYPES). */
export const DISPUTE_TYPES: ReadonlyArray<DisputeType> = [
  '婚姻家庭',
  '邻里纠纷',
  '宅基地',
  '合同纠纷',
  '损害赔偿',
  '劳动争议',
  '山林土地',
  '其他',
]
