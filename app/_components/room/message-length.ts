// How long a message is as the server counts it, so the composer's counter agrees with the refusal.

/** Longest message (characters after trimming; the server's rule in server/rooms/room-input.ts). */
export const MAX_MESSAGE_CHARS = 2000;

/** The length the server counts: NFC-normalised, CRLF as one newline, trimmed, in UTF-16 units (zod's max). */
export function messageLength(text: string): number {
  return text.normalize('NFC').replace(/\r\n?/g, '\n').trim().length;
}
