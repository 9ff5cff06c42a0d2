export interface Position {
  readonly lat: number
  readonly lng: number
  readonly accuracy: number
}

/** The phone's position (GPS works without a data connection); a Chinese message on failure. */
export function currentPosition(): Promise<Position> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) {
      reject(new Error('本机不支持定位'))
      return
    }
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude, accuracy: p.coords.accuracy }),
      (e) =>
        reject(
          new Error(
            e.code === e.PERMISSION_DENIED
              ? '未允许使用位置信息，请在浏览器设置中允许定位'
              : '暂时无法获取位置，请到开阔处重试',
          ),
        ),
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
    )
  })
}
