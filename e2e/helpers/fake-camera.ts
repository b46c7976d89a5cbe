// A camera for the browser tests: Chromium reads a Y4M video file in place of a webcam
// (--use-fake-device-for-media-stream --use-file-for-fake-video-capture=<file>). This writes one frame
// showing a QR code of `text` on white, as raw YUV 4:2:0, so the pickup desk's scanner sees a real code.
import fs from 'node:fs';
import QRCode from 'qrcode';

/** Writes a 640×480 Y4M file whose single frame shows `text` as a QR code; returns its path. */
export async function writeQrVideo(text: string, path: string): Promise<string> {
  const width = 640;
  const height = 480;
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const modules = qr.modules.size;
  const scale = Math.floor((height - 80) / (modules + 8));
  const side = scale * (modules + 8);
  const left = Math.floor((width - side) / 2);
  const top = Math.floor((height - side) / 2);
  const dark = (x: number, y: number): boolean => {
    const mx = Math.floor((x - left) / scale) - 4;
    const my = Math.floor((y - top) / scale) - 4;
    if (mx < 0 || my < 0 || mx >= modules || my >= modules) return false;
    return qr.modules.get(my, mx) === 1;
  };
  // Luma: black modules on white; chroma: neutral grey (128), at half resolution each way.
  const luma = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) luma[y * width + x] = dark(x, y) ? 16 : 235;
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const header = `YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`;
  fs.writeFileSync(path, Buffer.concat([Buffer.from(header), Buffer.from('FRAME\n'), luma, chroma, chroma]));
  return path;
}
