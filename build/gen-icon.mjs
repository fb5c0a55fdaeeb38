// Draws the app icon (build/icon.png, 1024×1024) — a teal disc with a white handset-shaped arc —
// so the repo carries no opaque binary we cannot regenerate. electron-builder derives the .ico
// and .icns from it. Run: node build/gen-icon.mjs
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const size = 1024;
const px = Buffer.alloc(size * (size * 4 + 1));
const c = size / 2;
for (let y = 0; y < size; y++) {
  const row = y * (size * 4 + 1);
  px[row] = 0; // PNG filter: none
  for (let x = 0; x < size; x++) {
    const dx = x + 0.5 - c; const dy = y + 0.5 - c;
    const r = Math.hypot(dx, dy);
    const angle = Math.atan2(dy, dx);
    let rgba = [0, 0, 0, 0];
    if (r < 480) rgba = [18, 128, 128, 255];
    // Headset band: a thick arc over the top half, with two ear cups.
    if (r > 250 && r < 310 && angle < -0.35 && angle > -2.8) rgba = [255, 255, 255, 255];
    if (Math.hypot(dx + 255, dy - 40) < 80 || Math.hypot(dx - 255, dy - 40) < 80) rgba = [255, 255, 255, 255];
    // Microphone boom toward the mouth.
    if (Math.hypot(dx - 120, dy - 240) < 45) rgba = [255, 255, 255, 255];
    if (dy > 80 && dy < 240 && Math.abs(dx - (255 - (dy - 80) * 0.85)) < 18) rgba = [255, 255, 255, 255];
    px.set(rgba, row + 1 + x * 4);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let v = n;
  for (let k = 0; k < 8; k++) v = v & 1 ? 0xedb88320 ^ (v >>> 1) : v >>> 1;
  return v >>> 0;
});
const crc32 = (buf) => { let v = 0xffffffff; for (const b of buf) v = crcTable[(v ^ b) & 0xff] ^ (v >>> 8); return (v ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4);
ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0; // 8-bit RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr), chunk('IDAT', deflateSync(px, { level: 9 })), chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
console.log(`build/icon.png ${png.length} bytes`);
