// Which characters a font file really has a glyph for: its `cmap` table, read from a WOFF (1.0) or a plain
// TrueType/OpenType file. The preview images use it to draw only what their fonts can (never a .notdef
// box) and to pick the font slices a text needs. Edit when a font format other than these is added.
import { inflateSync } from 'node:zlib';

const WOFF = 0x774f4646; // 'wOFF'

/** The raw `cmap` table of a WOFF or sfnt font, or null when it has none. */
function cmapTable(font: Buffer): Buffer | null {
  if (font.readUInt32BE(0) === WOFF) {
    const count = font.readUInt16BE(12);
    for (let i = 0; i < count; i++) {
      const entry = 44 + i * 20;
      if (font.toString('latin1', entry, entry + 4) !== 'cmap') continue;
      const offset = font.readUInt32BE(entry + 4);
      const compressed = font.readUInt32BE(entry + 8);
      const original = font.readUInt32BE(entry + 12);
      const raw = font.subarray(offset, offset + compressed);
      return compressed < original ? inflateSync(raw) : raw;
    }
    return null;
  }
  const count = font.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const entry = 12 + i * 16;
    if (font.toString('latin1', entry, entry + 4) !== 'cmap') continue;
    const offset = font.readUInt32BE(entry + 8);
    return font.subarray(offset, offset + font.readUInt32BE(entry + 12));
  }
  return null;
}

/** Code points with a real glyph (not glyph 0) in a segment-mapping (format 4) subtable at `at`. */
function format4(t: Buffer, at: number, into: Set<number>): void {
  const segments = t.readUInt16BE(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let s = 0; s < segments; s++) {
    const end = t.readUInt16BE(ends + s * 2);
    const start = t.readUInt16BE(starts + s * 2);
    const delta = t.readInt16BE(deltas + s * 2);
    const rangeOffset = t.readUInt16BE(rangeOffsets + s * 2);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        glyph = t.readUInt16BE(rangeOffsets + s * 2 + rangeOffset + (c - start) * 2);
        if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
      }
      if (glyph !== 0) into.add(c);
    }
  }
}

/** Code points of a segmented-coverage (format 12) subtable at `at` (every group maps to real glyphs). */
function format12(t: Buffer, at: number, into: Set<number>): void {
  const groups = t.readUInt32BE(at + 12);
  for (let g = 0; g < groups; g++) {
    const group = at + 16 + g * 12;
    const start = t.readUInt32BE(group);
    const end = t.readUInt32BE(group + 4);
    const firstGlyph = t.readUInt32BE(group + 8);
    for (let c = start; c <= end; c++) if (firstGlyph + (c - start) !== 0) into.add(c);
  }
}

/** Every code point the font maps to a glyph (the union of its Unicode subtables). */
export function fontCodePoints(font: Buffer): Set<number> {
  const covered = new Set<number>();
  const t = cmapTable(font);
  if (!t) return covered;
  const subtables = t.readUInt16BE(2);
  for (let i = 0; i < subtables; i++) {
    const at = t.readUInt32BE(4 + i * 8 + 4);
    const format = t.readUInt16BE(at);
    if (format === 4) format4(t, at, covered);
    else if (format === 12) format12(t, at, covered);
  }
  return covered;
}
