import type { Rng } from './prng.ts'

// Names of demo residents: a common surname and a one- or two-character given name, always followed
// by （演示） so no screen, export or printout can be mistaken for a real person's record.
const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段'
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红娥建国建华志强海燕春梅文德宝山玉梅凤英淑珍立新俊峰'

export const DEMO_MARK = '（演示）'

export const demoName = (rng: Rng): string => {
  const surname = rng.pick([...SURNAMES])
  const given = rng.chance(0.35) ? rng.pick([...GIVEN]) : `${rng.pick([...GIVEN])}${rng.pick([...GIVEN])}`
  return `${surname}${given}${DEMO_MARK}`
}

/** Shanghai wall-clock time on a civil date, as an instant. */
export const shanghaiAt = (date: string, hour: number, minute = 0): Date =>
  new Date(`${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`)

export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
