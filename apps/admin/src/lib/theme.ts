import { type ThemeConfig, theme } from 'antd'

// The console's antd theme, chosen so that text meets WCAG 2 AA (4.5:1 for normal text) on the white
// cards and the light backgrounds antd draws behind it (#fafafa table heads, #f5f5f5 fills, the tints of
// tags and alerts). antd's defaults do not: tertiary and description text (Statistic titles, Empty,
// Descriptions labels, menu group titles, `type="secondary"` in places) is 45% black (3.4:1), Select
// placeholders 25% black (1.6:1), links #1677ff (4.1:1), error text and danger buttons #ff4d4f (3.3:1),
// and tags draw their text in shade 7 of each palette (gold 2.8:1, green and cyan 3.4:1, orange 3.3:1 on
// their own tint). The browser tests run axe's color-contrast rule on the console's pages.
// Ratios below are against white; each one holds on #f5f5f5 too (measured, ≥ 0.1 lower at most).
const AA_TEXT_ON_TINT: Record<string, string> = {
  volcano7: '#ad2102', // 6.4:1 on volcano1 (default #d4380d, 4.4:1)
  orange7: '#ad4e00', // 5.1:1 on orange1 (default #d46b08, 3.3:1)
  gold7: '#874d00', // 6.5:1 on gold1 (default #d48806, 2.8:1)
  yellow7: '#876800', // 5.2:1 on yellow1 (default #d4b106, 2.1:1)
  lime7: '#3f6600', // 6.6:1 on lime1 (default #7cb305, 2.5:1)
  green7: '#237804', // 5.4:1 on green1 (default #389e0d, 3.4:1)
  cyan7: '#006d75', // 5.8:1 on cyan1 (default #08979c, 3.4:1)
}

export const consoleTheme: ThemeConfig = {
  algorithm: theme.defaultAlgorithm,
  token: {
    colorPrimary: '#1f5fbf', // 6.1:1
    colorLink: '#1f5fbf', // antd derives links from colorInfo (#1677ff, 4.1:1)
    colorError: '#cf1322', // error messages, danger buttons: 5.6:1 (default #ff4d4f, 3.3:1)
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)', // 5.7:1 (default 45%, 3.4:1)
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)', // 4.7:1 (default 25%, 1.6:1)
    // each palette shade has two names (green7, green-7) that share one CSS variable: set both
    ...Object.fromEntries(
      Object.entries(AA_TEXT_ON_TINT).flatMap(([k, v]) => [
        [k, v],
        [k.replace(/(\d+)$/, '-$1'), v],
      ]),
    ),
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif",
  },
  components: {
    // status tags (success, processing, warning, error) draw their text in the seed colour itself
    Tag: {
      colorSuccess: '#237804', // 5.4:1 on its tint (default #52c41a, 2.2:1)
      colorInfo: '#0958d9', // 5.5:1 (default #1677ff, 3.7:1)
      colorWarning: '#874d00', // 6.5:1 (default #faad14, 1.8:1)
      colorError: '#a8071a', // 7.0:1
    },
  },
}
