// Agent output shown on a terminal is data: its control characters (escape sequences that could move the cursor,
// retitle the window or hide text) are shown as code points instead of being obeyed.

// C0 controls but tab and newline, DEL, and the C1 controls (U+009B is a one-character CSI on some terminals).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this regex's job
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function printable(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
