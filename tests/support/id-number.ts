/** Builds a GB 11643 ID number with a correct check character, for test applicants. */
export function idNumber(region: string, birth: string, seq: string): string {
  const first17 = `${region}${birth}${seq}`
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...first17].reduce((acc, ch, i) => acc + Number(ch) * (weights[i] ?? 0), 0)
  return first17 + '10X98765432'.charAt(sum % 11)
}
